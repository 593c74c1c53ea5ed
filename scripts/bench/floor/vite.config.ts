// The floor of `npm run bench` (issue 20): the least a page of this stack costs. A Remix app of the
// portal's own Remix, React, Vite and Express versions, with one layout and one page that has a loader
// and a form, and nothing else: no data, no session, no styles. Built into BUILD_DIR, served by
// ./server.js, measured first in each size's run; every page's figures are also given as a share of it.
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    remix({
      appDirectory: "app",
      buildDirectory: process.env.BUILD_DIR ?? "../../../build/floor",
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
});
