// The databases the benchmark and the load test run on. Building one takes from seconds (demo) to
// minutes (national), so each is kept with a stamp of what it was built from, and rebuilt only when
// stale: on SQLite a file in data/bench/ with the stamp beside it; on PostgreSQL a database of PG_URL's
// server, portal_bench_<size>, with the stamp as the database's comment (it lives and dies with the
// database: a server made anew, or the database dropped by hand, cannot leave a stamp that vouches for
// what is gone). A run works on a copy: the import writes 5,000 residents, which must not leak into the
// next run's figures. SQLite's copy is a copy of the file; PostgreSQL's a database made from the cached
// one as its template.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { PRISMA_PATHS, type Dialect } from "~/utils/database-url";
import { databaseUrl, dropDatabase, PG_URL, recreateDatabase, withPgClient } from "../pg-databases.js";
import { openDatabase } from "../sqlite-file";
import type { Size } from "./options";

export const BENCH_DIR = path.resolve("data/bench");
const LARGE_SEED_SCRIPT = path.resolve("scripts/seed-large.ts");

/** What a cached database was built from. Any difference means it is stale. */
export type DatabaseKey = { size: Size; seed: number; date: string; migrations: string[] };

/**
 * The key of a database built today. The date is in it because the data are written relative to
 * today (rotations past, present and future; expiring agreements): yesterday's database would put
 * fewer people on today's pages.
 */
export function databaseKey(size: Size, seed: number, date: string, migrations: string[]): DatabaseKey {
  return { size, seed, date, migrations: [...migrations].sort() };
}

/** True when the stored stamp (whatever JSON it holds, or nothing) does not match the wanted key. */
export function isStale(stored: unknown, wanted: DatabaseKey): boolean {
  if (!stored || typeof stored !== "object") return true;
  const s = stored as Partial<DatabaseKey>;
  return (
    s.size !== wanted.size ||
    s.seed !== wanted.seed ||
    s.date !== wanted.date ||
    !Array.isArray(s.migrations) ||
    s.migrations.length !== wanted.migrations.length ||
    s.migrations.some((name, i) => name !== wanted.migrations[i])
  );
}

/** The migrations of the database's history (folder names: prisma/migrations or prisma/postgres/migrations), which define its shape. */
export function migrationNames(dialect: Dialect): string[] {
  const dir = path.resolve(PRISMA_PATHS[dialect].migrations);
  return readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory())
    .sort();
}

/**
 * A database of the benchmark's: the cache of a size, or a run's copy. `name` is SQLite's file or
 * PostgreSQL's database; `env` what a process working on it is given (DATABASE_URL, and on PostgreSQL the
 * folders for the documents and e-mails, which on SQLite sit beside the file).
 */
export type BenchDatabase = { dialect: Dialect; name: string; url: string; env: Record<string, string> };

const sqliteDatabase = (file: string): BenchDatabase => ({
  dialect: "sqlite",
  name: file,
  url: `file:${file}`,
  env: { DATABASE_URL: `file:${file}` },
});

const files = (db: string) => [db, `${db}-wal`, `${db}-shm`, `${db}-journal`];
const stampOf = (db: string) => `${db}.stamp.json`;

function readStamp(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  // Output is shown: the large builds take minutes and print their own progress.
  execFileSync(command, args, { stdio: ["ignore", "inherit", "inherit"], env });
}

/**
 * The cached database of a size, built first when missing or stale.
 * demo: migrated and filled with the demo hospital; tenfold and national: the large-data generator.
 */
export async function ensureDatabase(dialect: Dialect, size: Size, key: DatabaseKey, log: (line: string) => void): Promise<BenchDatabase> {
  return dialect === "sqlite" ? sqliteDatabase(ensureSqlite(size, key, log)) : ensurePostgres(size, key, log);
}

function ensureSqlite(size: Size, key: DatabaseKey, log: (line: string) => void): string {
  mkdirSync(BENCH_DIR, { recursive: true });
  const db = path.join(BENCH_DIR, `${size}.db`);
  if (existsSync(db) && !isStale(readStamp(stampOf(db)), key)) {
    log(`${size}: using the cached database ${path.relative(process.cwd(), db)}`);
    return db;
  }
  log(`${size}: building the database (${existsSync(db) ? "stale" : "missing"})…`);
  // The stamp goes first and comes back last, so a build cut short is never taken for a good one.
  rmSync(stampOf(db), { force: true });
  for (const file of files(db)) rmSync(file, { force: true });
  const started = performance.now();
  const env = { ...process.env, DATABASE_URL: `file:${db}` };
  if (size === "demo") {
    run("npx", ["prisma", "migrate", "deploy"], env);
    run("npx", ["tsx", "prisma/seed.ts", "--demo"], env);
  } else {
    if (!existsSync(LARGE_SEED_SCRIPT)) {
      throw new Error(
        `${size}: scripts/seed-large.ts does not exist yet, so there is no ${size} database to measure. Run with --sizes demo.`,
      );
    }
    run("npx", ["tsx", LARGE_SEED_SCRIPT, "--size", size, "--seed", String(key.seed), "--out", path.relative(process.cwd(), db)], env);
  }
  if (!existsSync(db)) throw new Error(`${size}: the database build finished without writing ${db}`);
  writeFileSync(stampOf(db), `${JSON.stringify(key, null, 2)}\n`);
  log(`${size}: database built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return db;
}

/** The cached PostgreSQL database of a size: portal_bench_<size>, its stamp in its comment. */
async function ensurePostgres(size: Size, key: DatabaseKey, log: (line: string) => void): Promise<BenchDatabase> {
  const name = `portal_bench_${size}`;
  const url = databaseUrl(name);
  const cached: BenchDatabase = { dialect: "postgres", name, url, env: { DATABASE_URL: url } };
  const stamp = await onServer(async (client) => {
    const { rows } = await client.query<{ stamp: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS stamp FROM pg_database WHERE datname = $1",
      [name],
    );
    return rows.length ? rows[0]!.stamp : undefined;
  });
  if (stamp !== undefined && !isStale(parseStamp(stamp), key)) {
    log(`${size}: using the cached database ${name} on ${serverOf(PG_URL)}`);
    return cached;
  }
  log(`${size}: building the database ${name} on ${serverOf(PG_URL)} (${stamp === undefined ? "missing" : "stale"})…`);
  // Made anew, so without a comment: a build cut short is never taken for a good one.
  await recreateDatabase(name);
  const started = performance.now();
  const env = { ...process.env, DATABASE_URL: url };
  if (size === "demo") {
    run("npx", ["prisma", "migrate", "deploy"], env);
    run("npx", ["tsx", "prisma/seed.ts", "--demo"], env);
  } else {
    // With a PostgreSQL DATABASE_URL the generator migrates that (empty) database and fills it.
    run("npx", ["tsx", LARGE_SEED_SCRIPT, "--size", size, "--seed", String(key.seed)], env);
  }
  await onServer((client) => client.query(`COMMENT ON DATABASE "${name}" IS ${client.escapeLiteral(JSON.stringify(key))}`));
  log(`${size}: database built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return cached;
}

function parseStamp(text: string | null): unknown {
  try {
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/** What the database is, for the report: SQLite's version (better-sqlite3's, the server's), or PostgreSQL's and where it runs. */
export async function describeDatabase(dialect: Dialect): Promise<string> {
  if (dialect === "sqlite") {
    const db = openDatabase(":memory:");
    try {
      return `SQLite ${String((db.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v)}`;
    } finally {
      db.close();
    }
  }
  const version = await onServer(
    async (client) => (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v,
  );
  return `PostgreSQL ${version.split(" ")[0]} on ${serverOf(PG_URL)}`;
}

/** host:port of a PostgreSQL URL, for the log (never its password). */
const serverOf = (url: string) => new URL(url).host;

const onServer = <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => withPgClient(PG_URL, work);

/**
 * A fresh copy of a cached database for one run to write into, its documents' folder (and on PostgreSQL
 * its e-mails') in `dir` (data/bench/run/ by default), empty. SQLite's copy is `<dir>/<size>.db`;
 * PostgreSQL's the database `database` (portal_bench_run_<size> by default), made from the cache.
 */
export async function copyForRun(
  cached: BenchDatabase,
  size: Size,
  { dir = path.join(BENCH_DIR, "run"), database = `portal_bench_run_${size}` }: { dir?: string; database?: string } = {},
): Promise<BenchDatabase> {
  mkdirSync(dir, { recursive: true });
  // The documents folder sits beside the database (DOCUMENTS_DIR's default on SQLite): start it empty too.
  rmSync(path.join(dir, "documents"), { recursive: true, force: true });
  if (cached.dialect === "postgres") {
    await recreateDatabase(database, { template: cached.name });
    const url = databaseUrl(database);
    return {
      dialect: "postgres",
      name: database,
      url,
      env: { DATABASE_URL: url, DOCUMENTS_DIR: path.join(dir, "documents"), MAIL_DIR: path.join(dir, "mail") },
    };
  }
  const copy = path.join(dir, `${size}.db`);
  for (const file of files(copy)) rmSync(file, { force: true });
  copyFileSync(cached.name, copy);
  // A write-ahead log left beside the cache holds committed pages that are not in the main file yet.
  if (existsSync(`${cached.name}-wal`)) copyFileSync(`${cached.name}-wal`, `${copy}-wal`);
  return sqliteDatabase(copy);
}

/** A run's copy removed, with its documents. */
export async function removeCopy(copy: BenchDatabase): Promise<void> {
  const documents = copy.env.DOCUMENTS_DIR ?? path.join(path.dirname(copy.name), "documents");
  if (copy.dialect === "postgres") await dropDatabase(copy.name);
  else for (const file of files(copy.name)) rmSync(file, { force: true });
  rmSync(documents, { recursive: true, force: true });
}
