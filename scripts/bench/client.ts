// A Prisma client of its own on a benchmark's or load test's database, as a command-line tool beside the
// server would have: the ids the pages need, the writes between pages and the load test's checks go
// through it, one code path for SQLite and PostgreSQL (the same models; decision 023). A plain client, not
// the app's (scripts/bench/ runs outside the server): its writes take no turn with the server's.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresClient } from "~/generated/prisma-postgres/client";
import { dialectOf } from "~/utils/database-url";

export type Client = PrismaClient;

/** `work` with a client on the database at `url` (a `file:` or a `postgres://` URL), closed afterwards. */
export async function withClient<T>(url: string, work: (db: Client) => Promise<T>): Promise<T> {
  // PostgreSQL's client is typed as SQLite's: the models are the same (app/utils/db.server.ts).
  const db =
    dialectOf(url) === "sqlite"
      ? new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) })
      : (new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) }) as unknown as PrismaClient);
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
  }
}
