import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

/**
 * Migrates one template database for the whole unit-test run; each worker copies it (test/setup.ts).
 * PORTAL_TEST_DIR moves these files, so that two runs on one machine never share them.
 */
export const TEMPLATE = path.resolve(process.env.PORTAL_TEST_DIR ?? "data/test", "template.db");

export default function setup() {
  mkdirSync(path.dirname(TEMPLATE), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(TEMPLATE + suffix, { force: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE}` },
    stdio: "pipe",
  });
}
