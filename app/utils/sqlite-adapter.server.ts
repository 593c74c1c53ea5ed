import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { note } from "./statements.server";
import { inTurn, turns } from "./turns";

/**
 * The connection Prisma talks to SQLite through: the better-sqlite3 driver adapter, with four changes
 * that a web server needs (docs/decisions/009-one-connection-at-national-scale.md).
 *
 * 1. One thing at a time on the connection. The driver keeps one connection per process and serialises
 *    transactions, but lets any other statement run in the middle of someone else's open transaction:
 *    a page would read what that transaction had not committed yet, and a write (a session touched, a
 *    failed sign-in counted) would become part of it, and vanish with it on rollback. Here a statement
 *    waits for the open transaction to end, in arrival order.
 * 2. Transactions begin IMMEDIATE: they take SQLite's write lock first, waiting for it (busy_timeout)
 *    when another process holds it. A deferred transaction reads first and fails at its first write,
 *    without waiting ("database is locked", SQLITE_BUSY_SNAPSHOT), when another process wrote meanwhile.
 * 3. The real limit of bound values (32,766 in the SQLite that better-sqlite3 builds), not Prisma's
 *    default of 999: Prisma splits a relation's `IN (…)` list by it, one more statement per 999 rows.
 * 4. Every statement is announced (statements.server.ts): to the query counter of the tests, which costs
 *    nothing outside them, and to the reads being remembered meanwhile, which note the tables it names.
 */
type Factory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Adapter["queryRaw"]>[0];

/** SQLITE_MAX_VARIABLE_NUMBER of the SQLite compiled into better-sqlite3 (`PRAGMA compile_options`). */
export const MAX_BIND_VALUES = 32_766;

/** The same factory, whose connections behave as described above. */
export function portalAdapter(factory: Factory): Pick<Factory, "provider" | "adapterName" | "connect"> {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => portalConnection(await factory.connect()),
  };
}

function portalConnection(adapter: Adapter): Adapter {
  const queue = turns();
  const run = (query: Query) => {
    note(query.sql);
    return adapter.executeRaw(query);
  };
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) =>
      inTurn(queue, () => {
        note(query.sql);
        return adapter.queryRaw(query);
      }),
    executeRaw: (query) => inTurn(queue, () => run(query)),
    // Only migrations run scripts (several statements at once); one counts once.
    executeScript: (script) =>
      inTurn(queue, () => {
        note(script);
        return adapter.executeScript(script);
      }),
    async startTransaction(isolationLevel) {
      // SQLite transactions are serializable; the driver refuses any other level, without beginning one.
      if (isolationLevel && isolationLevel !== "SERIALIZABLE") return adapter.startTransaction(isolationLevel);
      const release = await queue.take();
      try {
        await run({ sql: "BEGIN IMMEDIATE", args: [], argTypes: [] });
      } catch (error) {
        release();
        throw error;
      }
      return transactionOn(adapter, release);
    },
    getConnectionInfo: () => ({ maxBindValues: MAX_BIND_VALUES, supportsRelationJoins: false }),
    dispose: () => adapter.dispose(),
  };
}

/** A transaction on the connection, holding its turn until Prisma ends it (it sends COMMIT or ROLLBACK itself). */
function transactionOn(adapter: Adapter, release: () => void): Transaction {
  let open = true;
  const end = async () => {
    if (open) release();
    open = false;
  };
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    options: { usePhantomQuery: false },
    queryRaw(query) {
      note(query.sql);
      return adapter.queryRaw(query);
    },
    executeRaw(query) {
      note(query.sql);
      return adapter.executeRaw(query);
    },
    commit: end,
    rollback: end,
  };
}
