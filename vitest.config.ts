import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit tests only: Playwright journeys live in e2e/ and run with `npm run test:e2e`.
export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["app/**/*.test.ts", "app/**/*.test.tsx", "server/**/*.test.js", "scripts/**/*.test.ts"],
    environment: "node",
    globalSetup: ["./test/global-setup.ts"],
    setupFiles: ["./test/setup.ts"],
    pool: "forks",
  },
});
