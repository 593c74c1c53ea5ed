import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { databaseUrl, recreateDatabase } from "../scripts/pg-databases.js";
import { TEST_DATABASE, testDatabaseName } from "./test-database";

// Each worker gets its own copy of the migrated template, before any app module reads DATABASE_URL.
if (!process.env.__PORTAL_TEST_DB) {
  const worker = process.env.VITEST_POOL_ID ?? "0";
  if (TEST_DATABASE === "postgres") {
    const name = testDatabaseName(`worker_${worker}`);
    await recreateDatabase(name, { template: testDatabaseName("template") });
    process.env.__PORTAL_TEST_DB = databaseUrl(name);
  } else {
    const dir = process.env.PORTAL_TEST_DIR ?? "data/test";
    const file = path.resolve(dir, `worker-${worker}.db`);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    copyFileSync(path.resolve(dir, "template.db"), file);
    process.env.__PORTAL_TEST_DB = `file:${file}`;
  }
}
process.env.DATABASE_URL = process.env.__PORTAL_TEST_DB;
process.env.NODE_ENV = "test";
