import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { databaseUrl, dropDatabasesOf, recreateDatabase } from "../scripts/pg-databases.js";
import { TEST_DATABASE, testDatabaseName, testDatabasePrefix } from "./test-database";

/**
 * Migrates one template database for the whole unit-test run; each worker copies it (test/setup.ts).
 * SQLite by default: PORTAL_TEST_DIR moves its files, so that two runs on one machine never share them.
 * PostgreSQL with PORTAL_TEST_DATABASE=postgres (`npm run test:pg`): databases on PG_URL's server, named
 * after the run (test-database.ts), all dropped at the end.
 */
export const TEMPLATE = path.resolve(process.env.PORTAL_TEST_DIR ?? "data/test", "template.db");

const migrate = (url: string) =>
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });

export default async function setup() {
  if (TEST_DATABASE === "postgres") {
    const template = testDatabaseName("template");
    await recreateDatabase(template);
    migrate(databaseUrl(template));
    return () => dropDatabasesOf(testDatabasePrefix());
  }
  mkdirSync(path.dirname(TEMPLATE), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(TEMPLATE + suffix, { force: true });
  migrate(`file:${TEMPLATE}`);
}
