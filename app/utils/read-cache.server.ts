import { prisma } from "./db.server";
import { localWrites } from "./sqlite-adapter.server";

/**
 * Reads too costly to repeat on every request at national scale (every open rotation judged again by
 * the seven rules, a year of attendance added up), remembered until the database changes.
 *
 * Nothing written is ever answered from a stale copy, whoever wrote it: SQLite's `data_version` moves
 * when another connection commits (a command-line tool, a second server process), and this process's
 * connection counts every statement it sends that may write (sqlite-adapter.server.ts), except to the
 * bookkeeping tables of sessions and failed sign-ins. Any other write clears every remembered read:
 * reads are many and writes few, and a finer rule would have to know which tables each read depends
 * on, which is how caches go stale.
 *
 * Concurrent requests for the same read share one computation. A failed computation is forgotten.
 */
type Entry = { revision: string; value: Promise<unknown> };

const entries = new Map<string, Entry>();
/** Distinct reads kept (e.g. report periods); the least recently used goes first. */
const MAX_ENTRIES = 64;

export async function databaseRevision(): Promise<string> {
  const [row] = await prisma.$queryRawUnsafe<Array<{ version: bigint | number }>>(
    "SELECT data_version AS version FROM pragma_data_version",
  );
  return `${row?.version}:${localWrites()}`;
}

/** The value of `compute()` for `key`, computed again only once the database has changed. */
export async function remembered<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const revision = await databaseRevision();
  const entry = entries.get(key);
  entries.delete(key);
  if (entry?.revision === revision) {
    entries.set(key, entry);
    return entry.value as Promise<T>;
  }
  const value = compute();
  entries.set(key, { revision, value });
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  for (const oldest of entries.keys()) {
    if (entries.size <= MAX_ENTRIES) break;
    entries.delete(oldest);
  }
  return value;
}
