import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * SQLite's own file-level tests, left out when the suite runs on PostgreSQL (`npm run test:pg`), each with
 * what stands for it there (docs/decisions/023-postgresql-beside-sqlite.md).
 */
const SQLITE_ONLY = [
  // the connection's turns and IMMEDIATE transactions: on PostgreSQL, the advisory lock (race tests)
  "app/utils/sqlite-adapter.server.test.ts",
  // the write-ahead log's checkpoints and the planner's statistics: PostgreSQL's own (autovacuum)
  "app/utils/checkpointer.server.test.ts",
];

// On PostgreSQL, the databases of this run are named after it (test/test-database.ts); workers inherit it.
process.env.PORTAL_TEST_PREFIX ??= `portal_test_${process.pid}`;

// Unit tests only: Playwright journeys live in e2e/ and run with `npm run test:e2e`.
export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["app/**/*.test.ts", "app/**/*.test.tsx", "server/**/*.test.js", "scripts/**/*.test.ts"],
    exclude: process.env.PORTAL_TEST_DATABASE === "postgres" ? SQLITE_ONLY : [],
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
