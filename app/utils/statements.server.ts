import { noteStatement } from "./query-count.server";

/**
 * Every statement this process sends to the database, announced by the connection's adapter (SQLite's,
 * sqlite-adapter.server.ts; PostgreSQL's, postgres-adapter.server.ts): counted for the query-count test,
 * counted per table written for the property tests' watch, and shown to the reads being remembered meanwhile
 * (read-cache.server.ts), which note the tables it names.
 */
const READ = /^\s*(?:SELECT|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA|EXPLAIN)\b/i;
const WRITE_TO =
  /^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+(?:[`"[]?(?:main|public)[`"\]]?\.)?[`"[]?(\w+)/i;

/**
 * The counts and watchers belong to the process's client, so they live where the client does (globalThis,
 * db.server.ts): a copy of this module loaded again (a development reload, a test runner resetting its
 * modules) must see the statements the client sends.
 */
const shared = globalThis as { __portalTableWrites?: Record<string, number>; __portalWatchers?: Set<(sql: string) => void> };
const byTable = (shared.__portalTableWrites ??= {});
const watchers = (shared.__portalWatchers ??= new Set());

/** The key of writesByTable() that counts statements that may write but name no table this module reads. */
export const ANY_TABLE = "*";

/**
 * How many statements that may write each table this process has sent, and under ANY_TABLE those whose
 * table it could not read (tests use it to see what changed).
 */
export function writesByTable(): Readonly<Record<string, number>> {
  return { ...byTable };
}

/** Counts `sql` among the writes of its table unless it only reads; anything not understood counts. */
export function noteWrite(sql: string): void {
  if (READ.test(sql)) return;
  const table = WRITE_TO.exec(sql)?.[1] ?? ANY_TABLE;
  byTable[table] = (byTable[table] ?? 0) + 1;
}

/**
 * Calls `watcher` with every statement this process sends, from any request, until the returned function
 * is called: how a remembered read learns which tables it depends on (read-cache.server.ts).
 */
export function watchStatements(watcher: (sql: string) => void): () => void {
  const own = (sql: string) => watcher(sql);
  watchers.add(own);
  return () => watchers.delete(own);
}

/** Tells the query counter, the write counts and the watchers of a statement sent: both databases' adapters call it. */
export function note(sql: string) {
  noteStatement(sql);
  noteWrite(sql);
  for (const watcher of watchers) watcher(sql);
}
