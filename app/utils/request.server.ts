import type { AppLoadContext } from "@remix-run/node";

/** The client's network address as the server saw it (Express honours TRUST_PROXY for this). */
export function clientAddress(context: AppLoadContext): string {
  return context.clientAddress || "unknown";
}

export function userAgent(request: Request): string | null {
  return request.headers.get("User-Agent");
}
