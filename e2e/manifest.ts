import path from "node:path";
import { E2E_BUILD_DIR } from "./environment";

/** The app's routes as Remix's own manifest (the production server build) lists them. */
export type ManifestRoute = {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: { handle?: { policy?: string }; loader?: unknown; action?: unknown; default?: unknown };
};

export async function manifest(): Promise<Record<string, ManifestRoute>> {
  const build = await import(path.resolve(E2E_BUILD_DIR, "server/index.js"));
  return build.routes;
}

/** A route's URL pattern, its parents' segments included ("/admin/rotations/:rotationId"). */
export function fullPath(routes: Record<string, ManifestRoute>, route: ManifestRoute): string {
  const parts: string[] = [];
  for (let r: ManifestRoute | undefined = route; r; r = r.parentId ? routes[r.parentId] : undefined) {
    if (r.path) parts.unshift(r.path);
  }
  return `/${parts.join("/")}`.replace(/\/+/g, "/");
}
