// A consistent copy of the live database while the server keeps serving: `npm run backup [-- --out <file>]`
// (DATABASE_URL as for the app). Default: backups/portal-<UTC time>.db beside the database (data/backups).
// The copy is then checked (integrity_check, foreign_key_check) and its size and row counts printed.
// Signed agreement PDFs live in DOCUMENTS_DIR: copy that folder alongside (docs/decisions/010).
import { existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import path from "node:path";
import { databaseUrl } from "~/utils/database-url";
import { backupsDir, checkConsistency, copyDatabase, databaseFile, megabytes, openDatabase, rowCounts, stamp } from "./sqlite-file";

function fail(message: string): never {
  console.error(`Backup failed: ${message}`);
  process.exit(1);
}

const live = databaseFile(databaseUrl());
const outIndex = process.argv.indexOf("--out");
const outArg = outIndex >= 0 ? process.argv[outIndex + 1] : undefined;
if (outIndex >= 0 && !outArg) fail("--out needs a file name.");
const out = path.resolve(outArg ?? path.join(backupsDir(live), `portal-${stamp()}.db`));

if (!existsSync(live) || statSync(live).size === 0) fail(`there is no database at ${live}.`);
if (out === live) fail("the copy cannot be the database itself.");
if (existsSync(out)) fail(`${out} already exists; choose another name.`);
mkdirSync(path.dirname(out), { recursive: true });

const source = openDatabase(live, { readonly: true, fileMustExist: true });
const mode = source.pragma("journal_mode", { simple: true });
if (mode !== "wal") console.warn(`Note: ${live} is not in WAL mode (${String(mode)}): writers wait while the copy is taken.`);

const started = performance.now();
let pages: number;
try {
  pages = (await copyDatabase(source, out)).totalPages;
} catch (error) {
  fail(`copying ${live}: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  source.close();
}
const copied = performance.now();

// One self-contained file: the copy carries the source's WAL flag, which would give it -wal and -shm
// companions as soon as it is opened.
const copy = openDatabase(out, { fileMustExist: true });
copy.pragma("journal_mode = DELETE");
const check = checkConsistency(copy);
const counts = check.ok ? rowCounts(copy) : "";
copy.close();
if (!check.ok) {
  renameSync(out, `${out}.failed`);
  fail(`the copy did not verify (${check.problem}); kept as ${out}.failed for inspection.`);
}
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(`Backup written: ${out}`);
console.log(
  `  ${megabytes(out)}, ${pages.toLocaleString("en")} pages, copied in ${seconds(copied - started)}, verified in ${seconds(performance.now() - copied)} (integrity_check ok, foreign keys ok)`,
);
console.log(`  rows: ${counts}`);
console.log(`  Signed agreement PDFs are not in it: copy DOCUMENTS_DIR alongside.`);
