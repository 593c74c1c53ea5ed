// A large database for benchmarks, separate from the app's: `npm run seed:large -- [--size national|tenfold]
// [--seed 1] [--out data/large/<size>.db] [--today YYYY-MM-DD]`. Deterministic for a given (size, seed,
// today); today defaults to the hospital's real today, so that pages find current rotations. Every
// rotation keeps the seven rules of docs/domain.md; the demo accounts exist with the demo password.
// SQLite by default, into the file --out names; with a PostgreSQL DATABASE_URL, into that database
// instead, which must have no rows yet (`createdb`, or a database dropped and made again), migrated
// here if it is not. The plan and the writers live in scripts/large-dataset/; this file only reads the
// options and reports progress.
import { execFileSync } from "node:child_process";
import { mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { hashPassword } from "~/auth/password.server";
import { hospitalToday, parseIsoDate, toIsoDate } from "~/domain/dates";
import { databaseUrl, knownDialect } from "~/utils/database-url";
import { buildPlan, type PhaseReport } from "./large-dataset/plan";
import { tablesOf, type TableRows } from "./large-dataset/rows";
import { isSizeName, SIZES } from "./large-dataset/sizes";
import { writeDatabase } from "./large-dataset/write";

const DEMO_PASSWORD = "Demo-Portal-1";

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const sizeName = option("size") ?? "national";
if (!isSizeName(sizeName)) fail(`--size must be one of ${Object.keys(SIZES).join(", ")}`);
const seed = Number(option("seed") ?? 1);
if (!Number.isSafeInteger(seed)) fail("--seed must be an integer");
const todayText = option("today");
const today = todayText === undefined ? hospitalToday() : parseIsoDate(todayText);
if (!today) fail("--today must be a date, YYYY-MM-DD");
const [size, day] = [SIZES[sizeName], today];
const postgres = knownDialect(databaseUrl()) === "postgres" ? databaseUrl() : null;
if (postgres && option("out")) fail("--out names a SQLite file: with a PostgreSQL DATABASE_URL the data goes into that database.");
const out = path.resolve(option("out") ?? `data/large/${sizeName}.db`);

const started = performance.now();
const report: PhaseReport = (phase, counts) => {
  const figures = Object.entries(counts)
    .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
    .join(", ");
  console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${phase}${figures ? `: ${figures}` : ""}`);
};

/** Migrates the database at `url`, fills it, and judges its rotations once (judge.ts). */
async function build(url: string) {
  const env = { ...process.env, DATABASE_URL: url };
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env });
  report("schema migrated", {});
  const plan = buildPlan(size, seed, day, report);
  const tables = tablesOf(plan, await hashPassword(DEMO_PASSWORD));
  await writeDatabase(url, tables, report);
  const broken = execFileSync("npx", ["tsx", "scripts/large-dataset/judge.ts", toIsoDate(day)], { encoding: "utf8", env });
  report("broken rotations judged", { broken: Number(broken.trim()) });
  return tables;
}

function done(tables: TableRows[]) {
  const total = (performance.now() - started) / 1000;
  console.log(`Done in ${total.toFixed(1)} s: ${tables.map((t) => `${t.count.toLocaleString("en")} ${t.table}`).join(", ")}.`);
  console.log(`Demo accounts (password ${DEMO_PASSWORD}): admin@example.org, tutor@example.org, resident@example.org`);
}

if (postgres) {
  const where = new URL(postgres);
  console.log(`Large dataset "${sizeName}", seed ${seed}, today ${toIsoDate(today)} → ${where.host}${where.pathname} (PostgreSQL)`);
  // The load is one transaction (write-postgres.ts): one cut short leaves the database as migrated.
  done(await build(postgres));
} else {
  console.log(`Large dataset "${sizeName}", seed ${seed}, today ${toIsoDate(today)} → ${path.relative(process.cwd(), out)}`);
  // Built in a temporary file beside the target and renamed at the end: a half-built file never looks finished.
  mkdirSync(path.dirname(out), { recursive: true });
  const temporary = `${out}.building-${process.pid}`;
  const removeFiles = (file: string) => ["", "-wal", "-shm", "-journal"].forEach((suffix) => rmSync(file + suffix, { force: true }));
  removeFiles(temporary);
  try {
    const tables = await build(`file:${temporary}`);
    removeFiles(out);
    renameSync(temporary, out);
    done(tables);
  } catch (error) {
    removeFiles(temporary);
    throw error;
  }
}
