import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Counting the SQL statements the app sends, for the tests that keep a page's number of queries from
 * growing with the amount of data (app/routes/query-count.server.test.ts).
 *
 * The database connection (sqlite-adapter.server.ts) calls noteStatement() before every statement Prisma
 * runs (queries, and inside interactive transactions the BEGIN that opens one and the COMMIT or ROLLBACK
 * that closes it too). That
 * counts only inside countQueries(fn), whose counter lives in an AsyncLocalStorage store, so it follows
 * fn's own awaits and never a concurrent request's; everywhere else (production) the whole cost is one
 * getStore() call per statement, which finds nothing.
 *
 * Known limit: Prisma batches findUnique calls made in the same tick into one statement, run in the
 * async context of the first caller; two countQueries running concurrently could then see a shared
 * statement in one count only. Tests count one thing at a time.
 */

type Counter = { statements: string[]; parent: Counter | undefined };
// On globalThis with the connection that calls noteStatement (sqlite-adapter.server.ts): a copy of
// this module loaded again must share the store the connection writes to.
const storage = ((globalThis as { __portalQueryCount?: AsyncLocalStorage<Counter> }).__portalQueryCount ??=
  new AsyncLocalStorage<Counter>());

export type QueryCount<T> = { result: T; count: number; statements: string[] };

/**
 * Runs fn and counts the SQL statements sent on its behalf, with their text in the order sent. A count
 * taken inside another includes its statements in the outer one too.
 */
export async function countQueries<T>(fn: () => Promise<T> | T): Promise<QueryCount<T>> {
  const counter: Counter = { statements: [], parent: storage.getStore() };
  // Awaited inside the store: a Prisma query is lazy and runs only once awaited, in the awaiter's context.
  const result = await storage.run(counter, async () => await fn());
  return { result, count: counter.statements.length, statements: counter.statements };
}

/** Called for every statement before it is sent; does nothing outside countQueries. */
export function noteStatement(sql: string): void {
  for (let counter = storage.getStore(); counter; counter = counter.parent) counter.statements.push(sql);
}
