import { prisma } from "./db.server";
import { watchStatements } from "./statements.server";

/**
 * Reads too costly to repeat on every request at national scale (every open rotation judged again by
 * the seven rules, a year of attendance added up), remembered until a table they read changes
 * (docs/decisions/019-remembered-reads-by-table.md).
 *
 * Nothing written is ever answered from a stale copy, whoever wrote it: every table has a version that
 * triggers move with each row written, in the same transaction, by any connection (this server, a second
 * server process, a command-line tool). A computation notes the tables named by every statement sent
 * while it runs, its own and, to be safe, anyone else's; it is answered again only while none of those
 * tables' versions has moved since it began. So a logbook entry, an attendance mark or a session touched
 * keeps the dashboard, and a rotation changed does not.
 *
 * Concurrent requests for the same read share one computation. A failed computation is forgotten.
 */
type Versions = Map<string, number>;
type Entry = {
  value: Promise<unknown>;
  /** Every table's version when the computation began. */
  began: Versions;
  /** The tables the computation read, once it has ended; until then it is shared only while nothing changes. */
  read: string[] | null;
};

const entries = new Map<string, Entry>();
/** The tables noted by each computation running now: a remembered read answered inside one adds its own. */
const computing = new Set<Set<string>>();
/** Distinct reads kept (e.g. report periods); the least recently used goes first. */
const MAX_ENTRIES = 64;

/** Every table's version (migration 20261207110000_table_versions), in one statement. */
export async function tableVersions(): Promise<Versions> {
  const rows = await prisma.$queryRawUnsafe<Array<{ name: string; version: bigint | number }>>(
    'SELECT "name", "version" FROM "TableVersion"',
  );
  return new Map(rows.map((row) => [row.name, Number(row.version)]));
}

/** The tables named in a statement: its identifiers that are table names (quoted or not). */
export function tablesNamed(sql: string, tables: ReadonlySet<string> | Versions): string[] {
  const named = new Set<string>();
  for (const [, word] of sql.matchAll(/[`"[]?([A-Za-z_]\w*)[`"\]]?/g)) if (tables.has(word!)) named.add(word!);
  return [...named];
}

const unchanged = (began: Versions, now: Versions, tables: Iterable<string>) => {
  for (const table of tables) if (began.get(table) !== now.get(table)) return false;
  return true;
};

/** The value of `compute()` for `key`, computed again only once a table it read has changed. */
export async function remembered<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const now = await tableVersions();
  const entry = entries.get(key);
  entries.delete(key);
  if (entry && unchanged(entry.began, now, entry.read ?? now.keys())) {
    entries.set(key, entry);
    // A computation that uses this answer depends on what it was made from.
    for (const read of computing) for (const table of entry.read ?? now.keys()) read.add(table);
    return entry.value as Promise<T>;
  }
  const read = new Set<string>();
  computing.add(read);
  const stopWatching = watchStatements((sql) => {
    for (const table of tablesNamed(sql, now)) read.add(table);
  });
  const value = compute().finally(() => {
    stopWatching();
    computing.delete(read);
  });
  const fresh: Entry = { value, began: now, read: null };
  entries.set(key, fresh);
  value.then(
    () => (fresh.read = [...read]),
    () => {
      if (entries.get(key) === fresh) entries.delete(key);
    },
  );
  for (const oldest of entries.keys()) {
    if (entries.size <= MAX_ENTRIES) break;
    entries.delete(oldest);
  }
  return value;
}
