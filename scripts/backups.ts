// What `npm run backup` and `npm run restore` do the same way on either database: where copies go and
// how they are named, what the two kinds of backup must offer (scripts/sqlite-backup.ts for SQLite's
// files, scripts/postgres-dump.ts for pg_dump's archives), and the checks that read a backup's rows:
// its migrations all known to this version, its audit chain verified (docs/decisions/010-backup-and-restore.md).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresClient } from "~/generated/prisma-postgres/client";
import { verifyAuditLog } from "~/models/audit.server";
import { dataDirectory, PRISMA_PATHS, type Dialect } from "~/utils/database-url";
import type { prisma } from "~/utils/db.server";

/** The restore will not go on; the live database has not been touched. Its message says why. */
export class Refusal extends Error {}

/** A backup that failed, or a restore that failed once under way; its message says what became of the database. */
export class Failure extends Error {}

/** The rows of a backup's `_prisma_migrations` that matter here. */
export type AppliedMigration = { name: string; finished: unknown; rolledBack: unknown };

/** What one kind of database does for the two commands; backup.ts and restore.ts pick one by DATABASE_URL. */
export type BackupKind = {
  /** The backups' file names end so: `.db` or `.dump`. */
  extension: string;
  /** Writes a consistent copy of DATABASE_URL's database into `out` (which does not exist) and checks it. */
  backup(url: string, out: string): Promise<BackupReport>;
  /** Checks the backup `file` without touching the live database: throws a Refusal, or gives it to restore. */
  open(file: string, url: string): Promise<Candidate>;
};

export type BackupReport = { details: string; rows: RowCounts };

/** A backup that passed its kind's own checks, ready for the common ones and then to be put in place. */
export type Candidate = {
  /** What its kind's checks found, for the report ("integrity ok, foreign keys ok"). */
  checks: string;
  migrations: AppliedMigration[];
  /** A `file:` or `postgres://` URL at which the backup's rows can be read; null when it predates the audit chain. */
  auditUrl: string | null;
  /** Keeps a copy of the live database in `file` and says so (null: there is no live database yet). Throws a Refusal when none can be made. */
  keepSafetyCopy(file: string): Promise<string | null>;
  /** Puts the checked backup in place of the live database, all of it or nothing (a Failure says which). */
  putInPlace(): Promise<void>;
  /** The live database's row counts, after. */
  liveRows(): Promise<RowCounts>;
  /** Lets go of what the checks held (a read transaction, a scratch database). */
  close(): Promise<void>;
};

/** Rows per table. */
export type RowCounts = Map<string, number>;

/** The tables whose row counts are printed, those the database has. */
export const MAIN_TABLES = ["User", "Resident", "Agreement", "Rotation", "TeachingSession", "Attendance", "AuditEvent"] as const;

export function formatRows(rows: RowCounts): string {
  return MAIN_TABLES.filter((t) => rows.has(t))
    .map((t) => `${t} ${rows.get(t)!.toLocaleString("en")}`)
    .join(", ");
}

/** Where backups and safety copies go by default: `backups/` in the database's data folder (data/backups). */
export function backupsDirectory(url: string): string {
  return path.join(dataDirectory(url), "backups");
}

/** 2026-11-25T04-05-06.789Z: sorts by time, safe in a file name. */
export function stamp(date = new Date()): string {
  return date.toISOString().replace(/:/g, "-");
}

export function megabytes(file: string): string {
  return `${(statSync(file).size / 1e6).toFixed(1)} MB`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The backup's migrations against this version's history: none failed half-way, at least one applied,
 * every one applied known here (a backup from a newer version is refused). Gives the applied ones and
 * those of this version the backup predates (`npm run db:migrate` applies them after the restore).
 */
export function checkMigrations(file: string, applied: AppliedMigration[], dialect: Dialect): { done: string[]; missing: string[] } {
  const history = PRISMA_PATHS[dialect].migrations;
  const known = new Set(
    readdirSync(path.join(import.meta.dirname, "..", history), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name),
  );
  const unfinished = applied.filter((m) => m.finished === null && m.rolledBack === null);
  if (unfinished.length) throw new Refusal(`${file} has a migration that failed half-way: ${unfinished.map((m) => m.name).join(", ")}.`);
  const done = applied.filter((m) => m.finished !== null && m.rolledBack === null).map((m) => m.name);
  if (done.length === 0) throw new Refusal(`${file} has no migration applied: it is not a Residency Portal database.`);
  const unknown = done.filter((name) => !known.has(name));
  if (unknown.length)
    throw new Refusal(`${file} comes from a newer or different version: migrations ${unknown.join(", ")} are not in ${history}.`);
  return { done, missing: [...known].filter((name) => !done.includes(name)).sort() };
}

/** The audit chain of the backup's rows, with the app's own verification (`npm run audit:verify`). */
export async function checkAuditChain(file: string, auditUrl: string | null): Promise<string> {
  if (auditUrl === null) return "audit chain: the backup predates it (npm run db:migrate seals it)";
  const client = auditUrl.startsWith("file:")
    ? new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: auditUrl, readonly: true }) })
    : (new PostgresClient({ adapter: new PrismaPg({ connectionString: auditUrl, max: 2 }) }) as unknown as PrismaClient);
  try {
    const result = await verifyAuditLog({ db: client as unknown as typeof prisma });
    if (!result.ok)
      throw new Refusal(
        `${file}: the audit log does not verify (${result.problem.kind} at event ${result.problem.eventId}): ${result.problem.message}`,
      );
    return `audit chain verified (${result.count.toLocaleString("en")} events)`;
  } catch (error) {
    if (error instanceof Refusal) throw error;
    throw new Refusal(`${file}: the audit log cannot be read: ${errorText(error)}`);
  } finally {
    await client.$disconnect();
  }
}
