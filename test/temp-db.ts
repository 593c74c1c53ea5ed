import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresClient } from "~/generated/prisma-postgres/client";
import { databaseUrl, dropDatabase, recreateDatabase } from "../scripts/pg-databases.js";
import { TEST_DATABASE, testDatabaseName } from "./test-database";

/** A client of its own on the database at `url`, as another process would have: SQLite's or PostgreSQL's. */
export function clientOf(url: string): PrismaClient {
  return url.startsWith("file:")
    ? new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) })
    : (new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) }) as unknown as PrismaClient);
}

/**
 * A database of its own for a test that must not share the worker's (one that tampers with rows, or
 * hands the database to a child process): a copy of the migrated template with its own client. `file`
 * is SQLite's file (empty on PostgreSQL).
 */
export async function temporaryDatabase(name: string) {
  const worker = process.env.VITEST_POOL_ID ?? "0";
  if (TEST_DATABASE === "postgres") {
    const database = testDatabaseName(`${name}_${worker}_${process.pid}`);
    await recreateDatabase(database, { template: testDatabaseName("template") });
    const url = databaseUrl(database);
    const client = clientOf(url);
    return {
      file: "",
      url,
      client,
      async dispose() {
        await client.$disconnect();
        await dropDatabase(database);
      },
    };
  }
  const dir = process.env.PORTAL_TEST_DIR ?? "data/test";
  const file = path.resolve(dir, `${name}-${worker}-${process.pid}.db`);
  const remove = () => {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  };
  remove();
  copyFileSync(path.resolve(dir, "template.db"), file);
  const url = `file:${file}`;
  const client = clientOf(url);
  return {
    file,
    url,
    client,
    async dispose() {
      await client.$disconnect();
      remove();
    },
  };
}
