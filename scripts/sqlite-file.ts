// SQLite files opened directly, by the scripts that work on a database file itself rather than through
// the app: the backup and restore commands (the online backup in one step, and the checks a copy must
// pass: scripts/sqlite-backup.ts, docs/decisions/010-backup-and-restore.md), the national data's writer,
// the benchmark's cache and the checks of the load test and the crash test.
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The part of better-sqlite3 these scripts use. It comes with Prisma's adapter; it is not a dependency of ours. */
type Statement = { get(...params: unknown[]): unknown; all(...params: unknown[]): unknown[]; run(...params: unknown[]): unknown };
export type BackupProgress = { totalPages: number; remainingPages: number };
export type SqliteDatabase = {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  backup(destination: string, options?: { progress?: (info: BackupProgress) => number | undefined }): Promise<BackupProgress>;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): void;
};
type Options = { readonly?: boolean; fileMustExist?: boolean; timeout?: number };
const require = createRequire(import.meta.url);
const Database = require("better-sqlite3") as new (file: string, options?: Options) => SqliteDatabase;

export function openDatabase(file: string, options: Options = {}): SqliteDatabase {
  return new Database(file, { timeout: 5000, ...options });
}

/** The file of a `file:` DATABASE_URL, absolute. */
export function databaseFile(url: string): string {
  return path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));
}

/**
 * Copies `source` into `destination` with SQLite's online backup API, every page in ONE step.
 *
 * Why the backup API in one step, and not VACUUM INTO or the default of 100 pages a step:
 * - One step runs inside one read transaction of the source, so the copy is the database as it was at
 *   one instant: a consistent snapshot. In WAL mode (the server's) a reader never blocks writers, so the
 *   server keeps committing while the copy is taken; only the WAL's checkpoint waits until it ends.
 * - In several steps, each step is its own read transaction, and SQLite restarts the whole backup from
 *   page 1 whenever another connection committed between two steps: under a steady stream of writes a
 *   large database would never finish.
 * - VACUUM INTO gives the same snapshot in about the same time (national data, 725 MB: 2.3 s against
 *   2.0 s here), but it rebuilds every table and index into a new file and can only create one: it
 *   cannot write into a database others have open. The backup API copies pages as they are, and the
 *   same call does the restore (copyDatabase from the file into the live database).
 * Into a database others have open (a restore into the live file), the step takes that database's
 * write lock, writes every page in one transaction, and their next statement sees the new content.
 */
export async function copyDatabase(source: SqliteDatabase, destination: string): Promise<BackupProgress> {
  // better-sqlite3's first step copies nothing and reports the size; the callback then asks for all of it.
  return source.backup(destination, { progress: () => 0x7fffffff });
}

export type FileCheck = { ok: true } | { ok: false; problem: string };

/**
 * What can be told from the first 100 bytes: that it is a SQLite database at all, and that the file is
 * as long as its header says (a copy cut short fails here, before SQLite reads garbage).
 */
export function checkHeader(file: string): FileCheck {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { ok: false, problem: `${file} is not a file.` };
    size = stat.size;
  } catch {
    return { ok: false, problem: `${file} does not exist.` };
  }
  const header = Buffer.alloc(100);
  const fd = openSync(file, "r");
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (size < 100 || header.toString("latin1", 0, 16) !== "SQLite format 3\u0000")
    return { ok: false, problem: `${file} is not a SQLite database.` };
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = header.readUInt32BE(28);
  // The page count in the header is valid when its "version-valid-for" number equals the change counter.
  const countValid = header.readUInt32BE(92) === header.readUInt32BE(24) && pages > 0;
  if (countValid && size < pages * pageSize) {
    return {
      ok: false,
      problem: `${file} is truncated: ${size} bytes where its header says ${pages} pages of ${pageSize} bytes (${pages * pageSize}).`,
    };
  }
  return { ok: true };
}

/** `PRAGMA integrity_check` says ok and `PRAGMA foreign_key_check` finds nothing; a file SQLite cannot read fails too. */
export function checkConsistency(db: SqliteDatabase): FileCheck {
  try {
    const integrity = db.prepare("PRAGMA integrity_check").all() as Array<{ integrity_check: string }>;
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== "ok") {
      const lines = integrity.slice(0, 5).map((row) => row.integrity_check);
      return {
        ok: false,
        problem: `integrity_check failed: ${lines.join("; ")}${integrity.length > 5 ? ` (and ${integrity.length - 5} more)` : ""}`,
      };
    }
    const orphans = db.prepare("PRAGMA foreign_key_check").all() as Array<{ table: string; rowid: number; parent: string }>;
    if (orphans.length > 0) {
      const first = orphans.slice(0, 3).map((o) => `${o.table} row ${o.rowid} → missing ${o.parent}`);
      return { ok: false, problem: `foreign_key_check found ${orphans.length} rows pointing at nothing: ${first.join("; ")}` };
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, problem: `SQLite cannot read it: ${error instanceof Error ? error.message : String(error)}` };
  }
}
