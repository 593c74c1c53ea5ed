// Puts a backup in place of the live database: `npm run restore -- <file>` (DATABASE_URL as for the app).
// Checks the backup first and refuses (exit code 1) without touching the live database unless it is sound
// (SQLite: integrity_check and foreign_key_check pass; PostgreSQL: pg_restore reads the archive whole and
// restores it into a scratch database with every constraint), it is a Residency Portal database whose
// applied migrations are all known to this version, and its audit chain verifies. Then keeps a safety copy
// of the live database (data/backups/before-restore-<UTC time>.db or .dump) and puts the backup in its
// place, all of it or nothing, while running servers wait: SQLite's online backup API into the live file,
// or one PostgreSQL transaction (scripts/sqlite-backup.ts, scripts/postgres-dump.ts; docs/decisions/010).
// A backup from an older version is restored as it is; `npm run db:migrate` then brings it up to date.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { databaseUrl, dialectOf } from "~/utils/database-url";
import {
  backupsDirectory,
  checkAuditChain,
  checkMigrations,
  Failure,
  formatRows,
  megabytes,
  Refusal,
  seconds,
  stamp,
  type Candidate,
} from "./backups";
import { postgresBackups } from "./postgres-dump";
import { sqliteBackups } from "./sqlite-backup";

const url = databaseUrl();
const dialect = dialectOf(url);
const kind = dialect === "sqlite" ? sqliteBackups : postgresBackups;
const arg = process.argv.slice(2).find((a) => !a.startsWith("--"));

let candidate: Candidate | undefined;
try {
  if (!arg) throw new Refusal("name the backup file: npm run restore -- <file>");
  const file = path.resolve(arg);

  // ─── Checks, on the backup only ───
  candidate = await kind.open(file, url);
  const { done, missing } = checkMigrations(file, candidate.migrations, dialect);
  const audit = await checkAuditChain(file, candidate.auditUrl);
  console.log(`Checked ${file} (${megabytes(file)}): ${candidate.checks}, ${done.length} migrations all known, ${audit}.`);

  // ─── The live database: a safety copy, then the backup in its place ───
  const safety = path.join(backupsDirectory(url), `before-restore-${stamp()}${kind.extension}`);
  mkdirSync(path.dirname(safety), { recursive: true });
  const kept = await candidate.keepSafetyCopy(safety);
  if (kept) console.log(kept);
  const started = performance.now();
  await candidate.putInPlace();
  console.log(`Restored ${file} into the live database in ${seconds(performance.now() - started)}.`);
  console.log(`  rows: ${formatRows(await candidate.liveRows())}`);
  if (missing.length) {
    console.log(
      `The backup predates ${missing.length} migration(s) of this version (${missing.join(", ")}): run \`npm run db:migrate\` before starting the server.`,
    );
  }
} catch (error) {
  if (error instanceof Refusal) {
    console.error(`Restore refused: ${error.message}`);
    console.error("The live database was not touched.");
  } else if (error instanceof Failure) {
    console.error(error.message);
  } else {
    throw error;
  }
  process.exitCode = 1;
} finally {
  await candidate?.close();
}
process.exit();
