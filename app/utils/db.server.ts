import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresClient } from "~/generated/prisma-postgres/client";
import { env } from "./env.server";
import { portalPostgresAdapter } from "./postgres-adapter.server";
import { portalAdapter } from "./sqlite-adapter.server";

export type { Prisma } from "~/generated/prisma/client";

/** How long a PostgreSQL transaction may wait for its turn before the save is refused. */
export const TRANSACTION_MAX_WAIT_MS = 10_000;

/**
 * The client for DATABASE_URL's database (docs/decisions/023-postgresql-beside-sqlite.md). Each kind has
 * a client generated from its own schema, the same models: PostgreSQL's is typed as SQLite's, whose
 * types the code is written against. Each loads its query compiler (WebAssembly) only when used.
 */
function createClient(): PrismaClient {
  if (env.DATABASE_DIALECT === "postgres") {
    // Transactions take turns across servers, statements counted in tests: see postgres-adapter.server.ts.
    const adapter = portalPostgresAdapter(new PrismaPg({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE }));
    // A transaction waits for its turn in the process, then across the servers: under a burst of writes
    // that is longer than Prisma's default of 2 s, after which the person's save would fail (a 500).
    return new PostgresClient({ adapter, transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS } }) as unknown as PrismaClient;
  }
  // One statement or transaction at a time, transactions IMMEDIATE, the real bind limit, statements
  // counted in tests: see sqlite-adapter.server.ts.
  const adapter = portalAdapter(new PrismaBetterSQLite3({ url: env.DATABASE_URL }));
  return new PrismaClient({ adapter });
}

// One client per process; in development it survives module reloads.
const globalForPrisma = globalThis as unknown as { __portalPrisma?: PrismaClient };
export const prisma = globalForPrisma.__portalPrisma ?? createClient();
if (!env.isProduction) globalForPrisma.__portalPrisma = prisma;

let ready: Promise<void> | undefined;

/**
 * Configures SQLite for a web server: write-ahead logging so readers never wait for a writer, a busy
 * timeout instead of "database is locked", and foreign keys enforced. Called once at start-up. SQLite
 * refuses some of these inside a transaction: should one be open on the connection at that moment, the
 * failure is logged and the next call tries again, instead of ending the process. PostgreSQL needs none.
 */
export function prepareDatabase(): Promise<void> {
  ready ??= (async () => {
    if (env.DATABASE_DIALECT !== "sqlite") return;
    await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await prisma.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
    await prisma.$queryRawUnsafe("PRAGMA foreign_keys = ON");
    await prisma.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  })().catch((error: unknown) => {
    ready = undefined;
    console.error("Database settings not applied yet; retrying at the next request.", error instanceof Error ? error.message : error);
  });
  return ready;
}
