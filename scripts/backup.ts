// A consistent copy of the live database while the servers keep serving: `npm run backup [-- --out <file>]`
// (DATABASE_URL as for the app). Default: data/backups/portal-<UTC time>.db for SQLite (beside the database
// file), .dump for PostgreSQL (a pg_dump archive). The copy is then checked (SQLite: integrity_check and
// foreign_key_check; PostgreSQL: pg_restore reads it whole) and its size and row counts printed.
// Signed agreement PDFs live in DOCUMENTS_DIR: copy that folder alongside (docs/decisions/010).
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { databaseUrl, dialectOf } from "~/utils/database-url";
import { backupsDirectory, errorText, Failure, formatRows, megabytes, stamp } from "./backups";
import { postgresBackups } from "./postgres-dump";
import { sqliteBackups } from "./sqlite-backup";

function fail(message: string): never {
  console.error(`Backup failed: ${message}`);
  process.exit(1);
}

const url = databaseUrl();
const kind = dialectOf(url) === "sqlite" ? sqliteBackups : postgresBackups;
const outIndex = process.argv.indexOf("--out");
const outArg = outIndex >= 0 ? process.argv[outIndex + 1] : undefined;
if (outIndex >= 0 && !outArg) fail("--out needs a file name.");
const out = path.resolve(outArg ?? path.join(backupsDirectory(url), `portal-${stamp()}${kind.extension}`));
if (existsSync(out)) fail(`${out} already exists; choose another name.`);
mkdirSync(path.dirname(out), { recursive: true });

try {
  const report = await kind.backup(url, out);
  console.log(`Backup written: ${out}`);
  console.log(`  ${megabytes(out)}, ${report.details}`);
  console.log(`  rows: ${formatRows(report.rows)}`);
  console.log(`  Signed agreement PDFs are not in it: copy DOCUMENTS_DIR alongside.`);
} catch (error) {
  if (!(error instanceof Failure)) throw error;
  fail(errorText(error));
}
