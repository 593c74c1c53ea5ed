import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "./env.server";
import { portalAdapter } from "./sqlite-adapter.server";

export type { Prisma } from "~/generated/prisma/client";

function createClient() {
  // One statement or transaction at a time, transactions IMMEDIATE, the real bind limit, statements
  // counted in tests: see sqlite-adapter.server.ts.
  const adapter = portalAdapter(new PrismaBetterSQLite3({ url: env.DATABASE_URL }));
  return new PrismaClient({ adapter });
}

// One client per process; in development it survives module reloads.
const globalForPrisma = globalThis as unknown as { __portalPrisma?: ReturnType<typeof createClient> };
export const prisma = globalForPrisma.__portalPrisma ?? createClient();
if (!env.isProduction) globalForPrisma.__portalPrisma = prisma;

let ready: Promise<void> | undefined;

/**
 * Configures SQLite for a web server: write-ahead logging so readers never wait for a writer, a busy
 * timeout instead of "database is locked", and foreign keys enforced. Called once at start-up. SQLite
 * refuses some of these inside a transaction: should one be open on the connection at that moment, the
 * failure is logged and the next call tries again, instead of ending the process.
 */
export function prepareDatabase(): Promise<void> {
  ready ??= (async () => {
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
