import { availableParallelism } from "node:os";
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
    // Two workers even on two cores (Vitest's default leaves one core idle there), and test files share
    // their worker's modules instead of loading Prisma and the app again for each of them: together
    // they took the unit run from 160 s to 75 s. Each worker still has a database of its own (setup.ts),
    // and tests make their own records, as the end-to-end journeys do.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    isolate: false,
  },
});
