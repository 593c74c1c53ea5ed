// The databases the benchmark runs on. Building one takes from seconds (demo) to minutes (national),
// so each is kept in data/bench/ with a stamp of what it was built from, and rebuilt only when stale.
// The benchmark itself runs on a copy: the import writes 5,000 residents, which must not leak into the
// next run's figures.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Size } from "./options";

export const BENCH_DIR = path.resolve("data/bench");
const MIGRATIONS_DIR = path.resolve("prisma/migrations");
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

/** The migrations in prisma/migrations (folder names), which define the database's shape. */
export function migrationNames(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((name) => statSync(path.join(MIGRATIONS_DIR, name)).isDirectory())
    .sort();
}

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
 * The cached database of a size, built first when missing or stale. Returns its path.
 * demo: migrated and filled with the demo hospital; tenfold and national: the large-data generator.
 */
export function ensureDatabase(size: Size, key: DatabaseKey, log: (line: string) => void): string {
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

/** A fresh copy of a cached database in data/bench/run/ (or `dir`), for one run to write into. */
export function copyForRun(db: string, size: Size, dir = path.join(BENCH_DIR, "run")): string {
  mkdirSync(dir, { recursive: true });
  const copy = path.join(dir, `${size}.db`);
  for (const file of files(copy)) rmSync(file, { force: true });
  // The documents folder sits beside the database (DOCUMENTS_DIR's default): start it empty too.
  rmSync(path.join(dir, "documents"), { recursive: true, force: true });
  copyFileSync(db, copy);
  // A write-ahead log left beside the cache holds committed pages that are not in the main file yet.
  if (existsSync(`${db}-wal`)) copyFileSync(`${db}-wal`, `${copy}-wal`);
  return copy;
}

export function removeCopy(copy: string): void {
  for (const file of files(copy)) rmSync(file, { force: true });
  rmSync(path.join(path.dirname(copy), "documents"), { recursive: true, force: true });
}
