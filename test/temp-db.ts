import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { PrismaClient } from "~/generated/prisma/client";

/**
 * A database of its own for a test that must not share the worker's (one that tampers with rows, or
 * hands the file to a child process): a copy of the migrated template with its own client.
 */
export function temporaryDatabase(name: string) {
  const dir = process.env.PORTAL_TEST_DIR ?? "data/test";
  const file = path.resolve(dir, `${name}-${process.env.VITEST_POOL_ID ?? "0"}-${process.pid}.db`);
  const remove = () => {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  };
  remove();
  copyFileSync(path.resolve(dir, "template.db"), file);
  const url = `file:${file}`;
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
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
