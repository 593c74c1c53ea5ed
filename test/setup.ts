import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";

// Each worker gets its own copy of the migrated template, before any app module reads DATABASE_URL.
const dir = process.env.PORTAL_TEST_DIR ?? "data/test";
const template = path.resolve(dir, "template.db");
const file = path.resolve(dir, `worker-${process.env.VITEST_POOL_ID ?? "0"}.db`);
if (!process.env.__PORTAL_TEST_DB) {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  copyFileSync(template, file);
  process.env.__PORTAL_TEST_DB = file;
}
process.env.DATABASE_URL = `file:${process.env.__PORTAL_TEST_DB}`;
process.env.NODE_ENV = "test";
