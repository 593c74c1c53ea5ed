// `npm run bench`: how fast the production server serves each page at three data sizes, written to
// docs/benchmarks.md. The parts live in scripts/bench/; docs/benchmarks.md says what is measured.
import path from "node:path";
import { describeDatabase } from "./bench/database";
import { parseOptions } from "./bench/options";
import { growthTable, machine, resultsBlock, sizeTable, targetsTable, wallTime, writeResults } from "./bench/report";
import { runFailures, runSize } from "./bench/run-size";
import { BENCH_BUILD_DIR, FLOOR_BUILD_DIR } from "./bench/server";
import { evaluateTargets, type SizeRun } from "./bench/targets";
import { buildInto, readOptionsOrExit } from "./command-line";

const RESULTS_FILE = path.resolve("docs/benchmarks.md");

const options = readOptionsOrExit(parseOptions);

const started = performance.now();
const date = new Date();
// Read before the benchmark adds its own load: how busy the machine was with other work.
const host = machine();
const log = (line: string) => console.log(`[bench] ${line}`);
const database = await describeDatabase(options.db);
log(
  `${database}; load average ${host.loadAverage.toFixed(1)} on ${host.cores} cores; sizes ${options.sizes.join(", ")}; ${options.connections} connections, ${options.duration} s per page after ${options.warmup} s of warm-up`,
);

if (options.build) {
  buildInto(BENCH_BUILD_DIR, log);
  buildInto(FLOOR_BUILD_DIR, log, "scripts/bench/floor");
}

const runs: SizeRun[] = [];
for (const size of options.sizes) {
  const run = await runSize(size, options, log);
  runs.push(run);
  console.log(`\n${sizeTable(run)}\n`);
}

const checks = evaluateTargets(runs);
console.log(`${growthTable(runs)}\n\n${targetsTable(checks)}\n`);

const wallSeconds = (performance.now() - started) / 1000;
if (options.write) {
  writeResults(RESULTS_FILE, resultsBlock(runs, checks, host, { ...options, database, date, wallSeconds }), options.db);
  log(`results written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
}
log(`done in ${wallTime(wallSeconds)}`);

// Slow pages are MISSes in the targets table; errors are failures: the figures cannot be trusted.
const failures = runFailures(runs);
if (failures.length) {
  console.error(`\nBENCHMARK FAILED:\n${failures.map((f) => `  - ${f}`).join("\n")}`);
  process.exit(1);
}
