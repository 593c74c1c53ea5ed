// Backup and restore of a PostgreSQL database with pg_dump and pg_restore (docs/decisions/010-backup-and-restore.md,
// "On PostgreSQL"). The backup is one pg_dump archive (custom format) of one snapshot, read back whole before it
// is called written. The restore reads the archive whole, restores it into a scratch database beside the live
// one and checks it there; only then does it keep a safety copy of the live database and put the archive in
// its place, in one transaction that running servers wait for.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, existsSync, renameSync, rmSync, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { withPgClient } from "./pg-databases.js";
import { TURN_LOCK } from "~/utils/postgres-adapter.server";
import {
  errorText,
  Failure,
  MAIN_TABLES,
  megabytes,
  Refusal,
  seconds,
  type AppliedMigration,
  type BackupKind,
  type Candidate,
  type RowCounts,
} from "./backups";

/**
 * How pg_dump, pg_restore and psql reach the database at `url`: `--dbname=<the URL without its password>`,
 * and the password in PGPASSWORD, because a command line can be read by every user of the machine (`ps`).
 */
function libpq(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { dbname: `--dbname=${parsed.toString()}`, env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

/** The URL of database `name` on the same server, as the same user. */
function onSameServer(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

const identifier = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

const query = <Row>(url: string, sql: string): Promise<Row[]> =>
  withPgClient(url, async (client) => (await client.query(sql)).rows as Row[]);

/** Resolves with the exit code once the process has ended and its output is all read (not 0 if it could not start or was killed). */
function ended(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("close", (code) => resolve(code)));
}

/** The last lines a tool wrote on stderr, kept small, or why it could not be started. */
function errorsOf(child: ChildProcess): () => string {
  let text = "";
  child.once("error", (error: NodeJS.ErrnoException) => {
    text += `${child.spawnfile} cannot be run (${error.code ?? error.message}): it comes with PostgreSQL's client programs\n`;
  });
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => (text = (text + chunk).slice(-4000)));
  return () =>
    text
      .split("\n")
      .map((line) => line.replace(/^((pg_dump|pg_restore|psql)(:[^:]*)*: (error|fatal|ERROR)|ERROR): +/, "").trim())
      .filter((line) => line && !/^(pg_restore: warning|CONTEXT:|PL\/pgSQL function)/.test(line))
      .slice(-3)
      .join("; ") || `exit code ${child.exitCode ?? child.signalCode}`;
}

async function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ ok: boolean; stdout: string; problem: string }> {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => (stdout += chunk));
  const problem = errorsOf(child);
  const code = await ended(child);
  return { ok: code === 0, stdout, problem: code === 0 ? "" : problem() };
}

/** pg_dump's archive of the database at `url`: one snapshot, however long it takes and whatever is written meanwhile. */
function dump(url: string, out: string) {
  const { dbname, env } = libpq(url);
  return run("pg_dump", ["--format=custom", "--no-password", `--file=${out}`, dbname], env);
}

/** The archive's table of contents (`pg_restore --list`): one line per object, e.g. "TABLE public AuditEvent postgres". */
async function tableOfContents(file: string): Promise<{ ok: true; entries: string[] } | { ok: false; problem: string }> {
  const listed = await run("pg_restore", ["--list", file]);
  if (!listed.ok) return { ok: false, problem: listed.problem };
  const entries = listed.stdout
    .split("\n")
    .map((line) => /^\d+; \d+ \d+ (.*)$/.exec(line)?.[1])
    .filter((entry): entry is string => entry !== undefined);
  return { ok: true, entries };
}

const hasTable = (entries: string[], name: string) =>
  entries.some((entry) => entry.startsWith(`TABLE public ${name} `) || entry === `TABLE public ${name}`);

/**
 * Reads the whole archive as pg_restore would restore it (every block decompressed, as a script written
 * nowhere) and counts the rows of each table in it: a copy cut short or with damaged bytes fails here.
 */
async function readArchive(file: string): Promise<{ ok: true; rows: RowCounts } | { ok: false; problem: string }> {
  const child = spawn("pg_restore", ["--file=-", file], { stdio: ["ignore", "pipe", "pipe"] });
  const problem = errorsOf(child);
  const done = ended(child);
  const rows: RowCounts = new Map();
  let table: string | null = null;
  for await (const line of createInterface({ input: child.stdout!, crlfDelay: Infinity })) {
    if (table !== null) {
      if (line === "\\.") table = null;
      else rows.set(table, rows.get(table)! + 1);
      continue;
    }
    const copy = /^COPY public\.("(?:[^"]|"")+"|[^ ]+) .*FROM stdin;$/.exec(line);
    if (copy) {
      table = copy[1]!.startsWith('"') ? copy[1]!.slice(1, -1).replaceAll('""', '"') : copy[1]!;
      rows.set(table, 0);
    }
  }
  return (await done) === 0 ? { ok: true, rows } : { ok: false, problem: problem() };
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve(hash.digest("hex")))
      .on("error", reject);
  });
}

async function liveRowCounts(url: string): Promise<RowCounts> {
  const tables = await query<{ name: string }>(
    url,
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
  );
  const present = new Set(tables.map((t) => t.name));
  const rows: RowCounts = new Map();
  for (const table of MAIN_TABLES.filter((t) => present.has(t)))
    rows.set(table, Number((await query<{ n: string }>(url, `SELECT count(*) AS n FROM ${identifier(table)}`))[0]!.n));
  return rows;
}

/** The flags of both restores, the scratch one and the live one: objects belong to DATABASE_URL's user, as after `npm run db:migrate`. */
const RESTORE_FLAGS = ["--no-owner", "--no-privileges"];

/**
 * What comes before the archive's script in the restore's one transaction: this transaction takes its turn
 * as the app's do (TURN_LOCK, postgres-adapter.server.ts: a server's transaction waits for the restore
 * instead of deadlocking with it), then empties the public schema, keeping its owner, privileges and comment,
 * so nothing of the live database outlives the restore: not even a table a later version added, which the
 * archive of an older one does not name and `npm run db:migrate` must be able to create again. Should a
 * session keep a table busy for 30 s (a transaction left open), the restore gives up rather than make every
 * request wait behind it.
 */
const REPLACE = `SET client_min_messages = warning;
SET lock_timeout = '30s';
BEGIN;
SELECT pg_advisory_xact_lock(${TURN_LOCK});
DO $replace$
DECLARE
  owner text;
  acl aclitem[];
  note text;
  grant_ record;
BEGIN
  SELECT n.nspowner::regrole::text, n.nspacl, obj_description(n.oid, 'pg_namespace') INTO owner, acl, note
    FROM pg_namespace n WHERE n.nspname = 'public';
  DROP SCHEMA IF EXISTS public CASCADE;
  EXECUTE format('CREATE SCHEMA public AUTHORIZATION %s', coalesce(owner, 'CURRENT_USER'));
  FOR grant_ IN SELECT a.privilege_type, a.grantee FROM aclexplode(acl) a LOOP
    EXECUTE format('GRANT %s ON SCHEMA public TO %s', grant_.privilege_type,
      CASE WHEN grant_.grantee = 0 THEN 'PUBLIC' ELSE grant_.grantee::regrole::text END);
  END LOOP;
  IF note IS NOT NULL THEN EXECUTE format('COMMENT ON SCHEMA public IS %L', note); END IF;
END $replace$;
`;

/**
 * Puts the archive in place of the database at `url` in ONE transaction: psql runs REPLACE, then the script
 * pg_restore makes of the archive, and COMMIT only once pg_restore has given all of it. Should anything fail
 * (a statement, pg_restore, the connection), psql ends without COMMIT and PostgreSQL rolls everything back.
 */
async function replaceDatabase(url: string, file: string): Promise<{ ok: boolean; problem: string }> {
  const { dbname, env } = libpq(url);
  const psql = spawn("psql", ["--no-psqlrc", "--quiet", "--no-password", "--set=ON_ERROR_STOP=1", "--output=/dev/null", dbname], {
    env,
    stdio: ["pipe", "ignore", "pipe"],
  });
  const script = spawn("pg_restore", [...RESTORE_FLAGS, "--file=-", file], { stdio: ["ignore", "pipe", "pipe"] });
  const [psqlProblem, scriptProblem] = [errorsOf(psql), errorsOf(script)];
  const [psqlDone, scriptDone] = [ended(psql), ended(script)];
  // psql stops at the first error (ON_ERROR_STOP): what is still being written to it goes nowhere.
  psql.stdin!.on("error", () => undefined);
  void psqlDone.then(() => {
    if (script.exitCode === null) script.kill();
  });
  psql.stdin!.write(REPLACE);
  script.stdout!.pipe(psql.stdin!, { end: false });
  const scriptCode = await scriptDone;
  if (scriptCode === 0) psql.stdin!.end("COMMIT;\n");
  else psql.stdin!.end();
  const psqlCode = await psqlDone;
  if (psqlCode !== 0) return { ok: false, problem: psqlProblem() };
  if (scriptCode !== 0) return { ok: false, problem: scriptProblem() };
  return { ok: true, problem: "" };
}

/** The scratch database the checks restore into: named after the live one and this process, at most 63 bytes. */
function scratchName(live: string): string {
  const suffix = `_restore_check_${process.pid}`;
  let base = live;
  while (Buffer.byteLength(base + suffix) > 63) base = base.slice(0, -1);
  return base + suffix;
}

export const postgresBackups: BackupKind = {
  extension: ".dump",

  async backup(url, out) {
    const started = performance.now();
    const dumped = await dump(url, out);
    if (!dumped.ok) {
      rmSync(out, { force: true });
      throw new Failure(`pg_dump could not copy the database: ${dumped.problem}`);
    }
    const copied = performance.now();
    const toc = await tableOfContents(out);
    const archive = toc.ok ? await readArchive(out) : toc;
    if (!toc.ok || !archive.ok) {
      renameSync(out, `${out}.failed`);
      throw new Failure(`the copy did not verify (${archive.ok ? "" : archive.problem}); kept as ${out}.failed for inspection.`);
    }
    return {
      details: `${toc.entries.length.toLocaleString("en")} archive entries, dumped in ${seconds(copied - started)}, verified in ${seconds(performance.now() - copied)} (pg_restore read it whole)`,
      rows: archive.rows,
    };
  },

  async open(file, url): Promise<Candidate> {
    if (!existsSync(file)) throw new Refusal(`${file} does not exist.`);
    if (!statSync(file).isFile()) throw new Refusal(`${file} is not a file.`);

    // ─── The file itself ───
    const toc = await tableOfContents(file);
    if (!toc.ok) throw new Refusal(`${file} is not a pg_dump archive (custom format): ${toc.problem}`);
    if (!hasTable(toc.entries, "_prisma_migrations"))
      throw new Refusal(`${file} has no _prisma_migrations table: it is not a Residency Portal database.`);
    const digest = await sha256(file);
    const archive = await readArchive(file);
    if (!archive.ok) throw new Refusal(`${file} is damaged: pg_restore cannot read it whole (${archive.problem}).`);

    // ─── Restored into a scratch database beside the live one, and checked there ───
    let live: { name: string; encoding: string; collate: string; ctype: string };
    try {
      [live] = (await query<typeof live>(
        url,
        `SELECT datname AS name, pg_encoding_to_char(encoding) AS encoding, datcollate AS collate, datctype AS ctype
           FROM pg_database WHERE datname = current_database()`,
      )) as [typeof live];
    } catch (error) {
      throw new Refusal(`cannot connect to the live database (DATABASE_URL): ${errorText(error)}`);
    }
    const scratch = scratchName(live.name);
    const scratchUrl = onSameServer(url, scratch);
    const drop = () => query(url, `DROP DATABASE IF EXISTS ${identifier(scratch)} WITH (FORCE)`);
    try {
      await drop();
      await query(
        url,
        `CREATE DATABASE ${identifier(scratch)} TEMPLATE template0 ENCODING ${literal(live.encoding)} LC_COLLATE ${literal(live.collate)} LC_CTYPE ${literal(live.ctype)}`,
      );
    } catch (error) {
      throw new Refusal(
        `the checks need a scratch database on the live one's server, and ${scratch} could not be made: ${errorText(error)}`,
      );
    }
    const close = async () => {
      await drop().catch((error: unknown) =>
        console.warn(`The scratch database ${scratch} could not be dropped (${errorText(error)}): drop it by hand.`),
      );
    };
    try {
      const { dbname, env } = libpq(scratchUrl);
      const restored = await run("pg_restore", [...RESTORE_FLAGS, "--exit-on-error", "--no-password", dbname, file], env);
      if (!restored.ok) throw new Refusal(`${file} cannot be restored as it is: ${restored.problem}`);
      const migrations = await query<AppliedMigration>(
        scratchUrl,
        `SELECT migration_name AS name, finished_at AS finished, rolled_back_at AS "rolledBack" FROM _prisma_migrations ORDER BY migration_name`,
      );
      const chained = await query(
        scratchUrl,
        `SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'AuditEvent' AND column_name = 'hash'`,
      );
      return {
        checks: `read whole, restored into a scratch database with every constraint`,
        migrations,
        auditUrl: chained.length > 0 ? scratchUrl : null,

        async keepSafetyCopy(safety) {
          const started = performance.now();
          const copied = await dump(url, safety);
          if (!copied.ok) {
            rmSync(safety, { force: true });
            throw new Refusal(`no safety copy of the live database could be kept (pg_dump: ${copied.problem}).`);
          }
          return `Safety copy of the live database: ${safety} (${megabytes(safety)}, ${seconds(performance.now() - started)}).`;
        },

        // The archive is read again for the live database: it must be the one checked.
        async putInPlace() {
          if ((await sha256(file)) !== digest) throw new Refusal(`${file} changed while it was being checked.`);
          const replaced = await replaceDatabase(url, file);
          if (!replaced.ok)
            throw new Failure(
              `Restore failed while restoring into ${live.name}: ${replaced.problem}\nPostgreSQL rolled the restore back: the live database is as it was.`,
            );
        },

        liveRows: () => liveRowCounts(url),
        close,
      };
    } catch (error) {
      await close();
      throw error instanceof Refusal ? error : new Refusal(`${file} cannot be checked: ${errorText(error)}`);
    }
  },
};
