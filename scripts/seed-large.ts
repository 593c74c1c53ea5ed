// A large database for benchmarks, separate from the app's: `npm run seed:large -- [--size national|tenfold]
// [--seed 1] [--out data/large/<size>.db] [--today YYYY-MM-DD]`. Deterministic for a given (size, seed,
// today); today defaults to the hospital's real today, so that pages find current rotations. Every
// rotation keeps the seven rules of docs/domain.md; the demo accounts exist with the demo password. The plan
// and the writer live in scripts/large-dataset/; this file only reads the options and reports progress.
import { execFileSync } from "node:child_process";
import { mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { hashPassword } from "~/auth/password.server";
import { hospitalToday, parseIsoDate, toIsoDate } from "~/domain/dates";
import { buildPlan, type PhaseReport } from "./large-dataset/plan";
import { tablesOf } from "./large-dataset/rows";
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
const out = path.resolve(option("out") ?? `data/large/${sizeName}.db`);

const started = performance.now();
const report: PhaseReport = (phase, counts) => {
  const figures = Object.entries(counts)
    .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
    .join(", ");
  console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${phase}${figures ? `: ${figures}` : ""}`);
};

console.log(`Large dataset "${sizeName}", seed ${seed}, today ${toIsoDate(today)} → ${path.relative(process.cwd(), out)}`);
// Built in a temporary file beside the target and renamed at the end: a half-built file never looks finished.
mkdirSync(path.dirname(out), { recursive: true });
const temporary = `${out}.building-${process.pid}`;
const removeFiles = (file: string) => ["", "-wal", "-shm", "-journal"].forEach((suffix) => rmSync(file + suffix, { force: true }));
removeFiles(temporary);
try {
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: { ...process.env, DATABASE_URL: `file:${temporary}` } });
  report("schema migrated", {});
  const plan = buildPlan(SIZES[sizeName], seed, today, report);
  const tables = tablesOf(plan, await hashPassword(DEMO_PASSWORD));
  writeDatabase(temporary, tables, report);
  const broken = execFileSync("npx", ["tsx", "scripts/large-dataset/judge.ts", toIsoDate(today)], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: `file:${temporary}` },
  });
  report("broken rotations judged", { broken: Number(broken.trim()) });
  removeFiles(out);
  renameSync(temporary, out);
  const total = (performance.now() - started) / 1000;
  console.log(`Done in ${total.toFixed(1)} s: ${tables.map((t) => `${t.count.toLocaleString("en")} ${t.table}`).join(", ")}.`);
  console.log(`Demo accounts (password ${DEMO_PASSWORD}): admin@example.org, tutor@example.org, resident@example.org`);
} catch (error) {
  removeFiles(temporary);
  throw error;
}
