import type { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { note } from "./statements.server";
import { inTurn, turns } from "./turns";

/**
 * The connections Prisma talks to PostgreSQL through: the pg driver adapter, with three changes
 * (docs/decisions/023-postgresql-beside-sqlite.md).
 *
 * 1. Transactions take turns, across every server process sharing the database: each begins by taking
 *    one transaction-level advisory lock, held until it commits or rolls back. A transaction therefore
 *    reads every write committed before it began its turn and nothing written after, as on SQLite, where
 *    transactions begin IMMEDIATE; every rule checked inside a transaction (the seven rotation rules,
 *    capacity and posts, the attendance sheet's digest, a logbook month certified once, an evaluation
 *    submitted once, the leave balance) holds with several servers, and the audit chain stays one chain.
 *    Reads outside a transaction never wait. Within a process, a transaction first waits for the one
 *    before it to end, holding no connection meanwhile: the pool's connections stay free for the reads,
 *    instead of every one of them waiting on the lock under a burst of writes (`npm run load` ran out).
 * 2. One statement at a time in a transaction, in the order sent, as on SQLite's connection: code that
 *    sends two at once inside a transaction (Promise.all) gets them one after the other, which the pg
 *    driver does too but warns against, and will refuse in its next major version.
 * 3. Every statement is announced, as on SQLite (statements.server.ts).
 * 4. A NUL character in a bound text, which PostgreSQL's text cannot hold and refuses with an error (SQLite
 *    stores it), is sent as U+FFFD, the replacement character: an address with one (a generated id of
 *    `\u0000`) finds nothing and answers 404 instead of 500, as on SQLite.
 */
type Factory = PrismaPg;
type Adapter = SqlDriverAdapter;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Adapter["queryRaw"]>[0];

/** The query, announced, with NUL characters in its texts replaced. */
function prepared(query: Query): Query {
  note(query.sql);
  if (!query.args.some((arg) => typeof arg === "string" && arg.includes("\u0000"))) return query;
  return { ...query, args: query.args.map((arg) => (typeof arg === "string" ? arg.replaceAll("\u0000", "\uFFFD") : arg)) };
}

/** The advisory lock every transaction takes: "portal" in ASCII, a number no other lock of this database uses. */
export const TURN_LOCK = 0x706f7274616cn;

export function portalPostgresAdapter(factory: Factory): Pick<Factory, "provider" | "adapterName"> & { connect(): Promise<Adapter> } {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => portalConnection(await factory.connect()),
  };
}

function portalConnection(adapter: Adapter): Adapter {
  const transactions = turns();
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => adapter.queryRaw(prepared(query)),
    executeRaw: (query) => adapter.executeRaw(prepared(query)),
    executeScript(script) {
      note(script);
      return adapter.executeScript(script);
    },
    async startTransaction(isolationLevel) {
      const release = await transactions.take();
      let transaction: Transaction;
      try {
        transaction = await adapter.startTransaction(isolationLevel);
      } catch (error) {
        release();
        throw error;
      }
      const sql = `SELECT pg_advisory_xact_lock(${TURN_LOCK})`;
      try {
        note(sql);
        await transaction.executeRaw({ sql, args: [], argTypes: [] });
      } catch (error) {
        // Prisma sends COMMIT and ROLLBACK itself; the driver's rollback() only gives the connection back.
        await transaction.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => undefined);
        await transaction.rollback();
        release();
        throw error;
      }
      return inOrder(transaction, release);
    },
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
  };
}

/** The transaction with its statements one at a time, giving the process's turn back once Prisma ends it. */
function inOrder(transaction: Transaction, release: () => void): Transaction {
  const statements = turns();
  const end = async (finish: () => Promise<void>) => {
    try {
      await finish();
    } finally {
      release();
    }
  };
  return {
    provider: transaction.provider,
    adapterName: transaction.adapterName,
    options: transaction.options,
    queryRaw: (query) => inTurn(statements, () => transaction.queryRaw(prepared(query))),
    executeRaw: (query) => inTurn(statements, () => transaction.executeRaw(prepared(query))),
    commit: () => end(() => transaction.commit()),
    rollback: () => end(() => transaction.rollback()),
  };
}
