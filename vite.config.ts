import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import path from "node:path";
import { defineConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  server: { hmr: process.env.NODE_ENV === "test" ? false : undefined },
  // Server-only packages must stay out of the browser pre-bundle (STACK.md).
  optimizeDeps: {
    exclude: ["@node-rs/argon2", "@prisma/client", "@prisma/adapter-better-sqlite3"],
  },
  plugins: [
    tailwindcss(),
    remix({
      // BUILD_DIR lets several end-to-end servers (one per E2E_PORT) build side by side.
      buildDirectory: process.env.BUILD_DIR ?? "build",
      ignoredRouteFiles: ["**/*.test.{ts,tsx}"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        unstable_optimizeDeps: true,
      },
    }),
  ],
});
