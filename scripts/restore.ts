// Puts a backup in place of the live database: `npm run restore -- <file>` (DATABASE_URL as for the app).
// Checks the file first and refuses (exit code 1) without touching the live database unless it is a
// SQLite database, integrity_check and foreign_key_check pass, its applied migrations are all known to
// this version, and its audit chain verifies. Then keeps a safety copy of the live database
// (backups/before-restore-<UTC time>.db beside it) and copies the backup into the live file with SQLite's
// online backup API, which a running server may keep open: its next statement sees the restored data.
// A backup from an older version is restored as it is; `npm run db:migrate` then brings it up to date.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { PrismaClient } from "~/generated/prisma/client";
import { verifyAuditLog } from "~/models/audit.server";
import { databaseUrl } from "~/utils/database-url";
import type { prisma } from "~/utils/db.server";
import {
  backupsDir,
  checkConsistency,
  checkHeader,
  copyDatabase,
  databaseFile,
  megabytes,
  openDatabase,
  rowCounts,
  stamp,
  type SqliteDatabase,
} from "./sqlite-file";

function refuse(message: string): never {
  console.error(`Restore refused: ${message}`);
  console.error("The live database was not touched.");
  process.exit(1);
}

const arg = process.argv.slice(2).find((a) => !a.startsWith("--"));
if (!arg) refuse("name the backup file: npm run restore -- <file>");
const file = path.resolve(arg);
const live = databaseFile(databaseUrl());
if (file === live) refuse("the backup is the live database itself.");

// ─── Checks, on the file only ────────────────────────────────────────────────────────────────────

const header = checkHeader(file);
if (!header.ok) refuse(header.problem);

let source: SqliteDatabase;
try {
  source = openDatabase(file, { readonly: true, fileMustExist: true });
  // One read transaction from the first check to the copy: what was checked is what is restored.
  source.exec("BEGIN");
  source.prepare("SELECT count(*) FROM sqlite_master").get();
} catch (error) {
  refuse(`${file} cannot be opened: ${error instanceof Error ? error.message : String(error)}`);
}
const consistency = checkConsistency(source);
if (!consistency.ok) refuse(`${file}: ${consistency.problem}`);

const hasTable = (name: string) => Boolean(source.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name));
if (!hasTable("_prisma_migrations")) refuse(`${file} has no _prisma_migrations table: it is not a Residency Portal database.`);
const applied = source
  .prepare(
    `SELECT migration_name AS name, finished_at AS finished, rolled_back_at AS rolledBack FROM _prisma_migrations ORDER BY migration_name`,
  )
  .all() as Array<{
  name: string;
  finished: string | null;
  rolledBack: string | null;
}>;
const migrationsDir = path.join(import.meta.dirname, "..", "prisma", "migrations");
const known = new Set(
  readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name),
);
const unfinished = applied.filter((m) => m.finished === null && m.rolledBack === null);
if (unfinished.length) refuse(`${file} has a migration that failed half-way: ${unfinished.map((m) => m.name).join(", ")}.`);
const done = applied.filter((m) => m.finished !== null && m.rolledBack === null).map((m) => m.name);
if (done.length === 0) refuse(`${file} has no migration applied: it is not a Residency Portal database.`);
const unknown = done.filter((name) => !known.has(name));
if (unknown.length)
  refuse(`${file} comes from a newer or different version: migrations ${unknown.join(", ")} are not in prisma/migrations.`);
const missing = [...known].filter((name) => !done.includes(name)).sort();

// The audit chain, with the app's own verification (scripts/audit-verify.ts), on a read-only connection.
const chained =
  (source.prepare(`SELECT count(*) AS n FROM pragma_table_info('AuditEvent') WHERE name = 'hash'`).get() as { n: number }).n > 0;
let auditLine = "audit chain: the backup predates it (npm run db:migrate seals it)";
if (chained) {
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}`, readonly: true }) });
  try {
    const result = await verifyAuditLog({ db: client as unknown as typeof prisma });
    if (!result.ok)
      refuse(
        `${file}: the audit log does not verify (${result.problem.kind} at event ${result.problem.eventId}): ${result.problem.message}`,
      );
    auditLine = `audit chain verified (${result.count.toLocaleString("en")} events)`;
  } catch (error) {
    refuse(`${file}: the audit log cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await client.$disconnect();
  }
}
console.log(`Checked ${file} (${megabytes(file)}): integrity ok, foreign keys ok, ${done.length} migrations all known, ${auditLine}.`);

// ─── The live database: a safety copy, then the backup in its place ──────────────────────────────

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
mkdirSync(path.dirname(live), { recursive: true });
if (existsSync(live) && statSync(live).size > 0) {
  const safety = path.join(backupsDir(live), `before-restore-${stamp()}.db`);
  mkdirSync(path.dirname(safety), { recursive: true });
  const started = performance.now();
  const current = openDatabase(live, { readonly: true, fileMustExist: true });
  try {
    await copyDatabase(current, safety);
    console.log(`Safety copy of the live database: ${safety} (${megabytes(safety)}, ${seconds(started)}).`);
  } catch (error) {
    // A live database SQLite cannot read (perhaps why it is being restored) is kept byte for byte.
    for (const suffix of ["", "-wal"]) if (existsSync(live + suffix)) copyFileSync(live + suffix, safety + suffix);
    console.log(
      `Safety copy of the live database, byte for byte (SQLite could not read it: ${error instanceof Error ? error.message : String(error)}): ${safety}`,
    );
  } finally {
    current.close();
  }
}

const started = performance.now();
try {
  await copyDatabase(source, live);
} catch (error) {
  console.error(`Restore failed while copying into ${live}: ${error instanceof Error ? error.message : String(error)}`);
  console.error("SQLite rolled the copy back: the live database is as it was.");
  process.exit(1);
} finally {
  source.close();
}
const restored = openDatabase(live, { fileMustExist: true });
console.log(`Restored ${file} into ${live} in ${seconds(started)}.`);
console.log(`  rows: ${rowCounts(restored)}`);
restored.close();
if (missing.length) {
  console.log(
    `The backup predates ${missing.length} migration(s) of this version (${missing.join(", ")}): run \`npm run db:migrate\` before starting the server.`,
  );
}
