// The benchmark's tables, as Markdown with padded columns: the same text reads well in a terminal
// and renders in docs/benchmarks.md. Only writeResults touches the disk.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import type { Dialect } from "~/utils/database-url";
import type { Measurement } from "./measure";
import { baselineShare, floorShare, growthRows, type SizeRun, type TargetCheck } from "./targets";

/** Each database's results block has markers of its own, so a run on one never overwrites the other's.
 * SQLite's keep the names they had before PostgreSQL's block existed. */
export const MARKERS: Record<Dialect, { start: string; end: string }> = {
  sqlite: { start: "<!-- bench:results:start -->", end: "<!-- bench:results:end -->" },
  postgres: { start: "<!-- bench:results:postgres:start -->", end: "<!-- bench:results:postgres:end -->" },
};

export function table(head: string[], rows: string[][], align: Array<"left" | "right"> = []): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const cell = (text: string, i: number) => (align[i] === "right" ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const line = (cells: string[]) => `| ${cells.map(cell).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (align[i] === "right" ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [line(head), rule, ...rows.map(line)].join("\n");
}

const number = (value: number, digits = 0) =>
  Number.isFinite(value) ? value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "—";
const msCell = (value: number | null) => (value === null || !Number.isFinite(value) ? "—" : value.toFixed(1));
const shareCell = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);

export function sizeTable(run: SizeRun): string {
  const counts = Object.entries(run.counts)
    .map(([name, n]) => `${number(n)} ${name}`)
    .join(", ");
  const row = (m: Measurement, floor: boolean) => {
    const errors = m.non2xx + m.errors;
    return [
      m.key,
      m.role,
      m.failure ? "—" : number(m.requestsPerSecond),
      msCell(m.p50),
      msCell(m.p95),
      msCell(m.p99),
      m.cpuMsPerRequest === null ? "—" : m.cpuMsPerRequest.toFixed(2),
      m.loopDelayMaxMs === null ? "—" : m.loopDelayMaxMs.toFixed(0),
      m.afterWriteMs === null ? "—" : m.afterWriteMs.toFixed(0),
      floor ? "100%" : shareCell(floorShare(run, m)),
      floor ? "—" : shareCell(baselineShare(run, m)),
      m.failure
        ? `FAILED ${m.failure}`
        : errors
          ? `${errors} (${
              Object.entries(m.statusCodes)
                .filter(([code]) => !code.startsWith("2"))
                .map(([code, n]) => `${code}×${n}`)
                .join(", ") || "connection errors"
            })`
          : "0",
    ];
  };
  const rows = [...(run.floor ? [row(run.floor, true)] : []), ...run.measurements.map((m) => row(m, false))];
  const lines = [
    `### ${run.size}${counts ? ` (${counts})` : ""}`,
    "",
    table(
      [
        "page",
        "as",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "CPU ms/req",
        "loop max ms",
        "after write ms",
        "vs floor",
        "vs login",
        "non-2xx",
      ],
      rows,
      ["left", "left", ...Array<"left" | "right">(9).fill("right"), "left"],
    ),
  ];
  if (!run.floor) lines.push("", "The floor (bare Remix page) was not measured: no share of it is given.");
  const notes = run.measurements.filter((m) => m.note).map((m) => `- ${m.key}: ${m.note}.`);
  if (notes.length) lines.push("", ...notes);
  const timing = run.importTiming;
  lines.push("");
  if (run.concurrency?.length) {
    const pairs = run.concurrency.map((p) => `${p.key} ${number(p.one)} → ${number(p.two)} req/s (×${(p.two / p.one).toFixed(2)})`);
    lines.push(`Two processes (WEB_CONCURRENCY=2): ${pairs.join(", ")}.`);
  } else lines.push("Two processes: not measured.");
  if (timing) {
    const steps = Object.entries(timing.steps)
      .map(([step, s]) => `${step} ${s.toFixed(1)} s`)
      .join(", ");
    lines.push(
      `Import of ${number(timing.rows)} rows over HTTP: **${timing.seconds.toFixed(1)} s** (${steps}); ${number(timing.created)} residents created.`,
    );
  } else lines.push("Import: not measured.");
  const daily = run.dailyRun;
  lines.push(
    daily
      ? `Daily notifications (a week's catch-up): **${daily.seconds.toFixed(1)} s** to queue ${number(daily.notifications)} notifications and ${number(daily.emails)} e-mails for ${number(daily.people)} people; event-loop delay max ${daily.delayMaxMs.toFixed(1)} ms, p99 ${daily.delayP99Ms.toFixed(1)} ms.`
      : "Daily notifications: not measured.",
  );
  const pagesOnly = run.pagesPeakMemoryMb === null || !timing ? "" : ` (${Math.round(run.pagesPeakMemoryMb)} MB before the import)`;
  lines.push(
    `Server peak memory (VmHWM): ${run.peakMemoryMb === null ? "not measured" : `**${Math.round(run.peakMemoryMb)} MB**${pagesOnly}`}.`,
  );
  if (run.failure) lines.push(`**Run stopped:** ${run.failure}`);
  return lines.join("\n");
}

export function growthTable(runs: SizeRun[]): string {
  const sizes = runs.map((run) => run.size);
  const ratioHead = runs.length > 1 ? `${sizes.at(-1)}/${sizes[0]}` : "ratio";
  const rows = growthRows(runs).map((row) => [row.key, ...row.p95.map(msCell), row.ratio === null ? "—" : `×${row.ratio.toFixed(2)}`]);
  return [
    "### Growth: p95 in ms by data size",
    "",
    table(["page", ...sizes, ratioHead], rows, ["left", ...sizes.map(() => "right" as const), "right"]),
  ].join("\n");
}

export function targetsTable(checks: TargetCheck[]): string {
  const verdict = (pass: boolean | null) => (pass === null ? "n/a" : pass ? "PASS" : "MISS");
  return [
    "### Targets",
    "",
    table(
      ["target", "result", "detail"],
      checks.map((c) => [c.target, verdict(c.pass), c.detail]),
    ),
  ].join("\n");
}

/** loadAverage: the 1-minute load when the run began: above the core count, others were busy too. */
export type Machine = { cpu: string; cores: number; ramGb: number; os: string; node: string; loadAverage: number };

export function machine(): Machine {
  let osName = `${os.type()} ${os.release()}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync("/etc/os-release", "utf8"))?.[1];
    if (pretty) osName = `${pretty} (${os.type()} ${os.release()})`;
  } catch {
    // Not Linux, or no os-release: the kernel's name and release will do.
  }
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    ramGb: os.totalmem() / 1024 ** 3,
    os: osName,
    node: process.version,
    loadAverage: os.loadavg()[0] ?? 0,
  };
}

/** db: the database the server ran on; database: what it was, for the reader (its version, and where). */
export type RunSettings = {
  db: Dialect;
  database: string;
  connections: number;
  duration: number;
  warmup: number;
  date: Date;
  wallSeconds: number;
};

export function resultsBlock(runs: SizeRun[], checks: TargetCheck[], host: Machine, settings: RunSettings): string {
  return [
    `On **${settings.database}**: measured ${settings.date.toISOString().slice(0, 16).replace("T", " ")} UTC on ${host.cpu} × ${host.cores}, ${host.ramGb.toFixed(1)} GB RAM, ${host.os}, Node ${host.node}; load average ${host.loadAverage.toFixed(1)} at the start.`,
    `${settings.connections} connections, ${settings.duration} s per page after ${settings.warmup} s of warm-up; ${serverProcesses()}; the whole run took ${wallTime(settings.wallSeconds)}.`,
    ...(settings.db === "postgres"
      ? [
          "CPU time and memory are the Node server's alone: PostgreSQL's own work runs in the database server's processes, on the same machine.",
        ]
      : []),
    "",
    ...runs.flatMap((run) => [sizeTable(run), ""]),
    growthTable(runs),
    "",
    targetsTable(checks),
    "",
    pagesTable(runs.at(-1)),
  ].join("\n");
}

export function wallTime(seconds: number): string {
  const whole = Math.round(seconds);
  return whole < 60 ? `${whole} s` : `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/** What each row's name stands for (the ids are those of the last size's database). */
export function pagesTable(run: SizeRun | undefined): string {
  const rows = (run?.measurements ?? []).map((m) => [m.key, m.role, `\`${m.path}\``]);
  return ["### Pages", "", table(["page", "as", "address"], rows)].join("\n");
}

export const INTRO = `# Benchmarks

How fast the production server answers the pages people use most, at three sizes of data:
**demo** (the demo hospital of \`npm run demo\`), and **tenfold** and **national**, larger hospitals
built by \`scripts/seed-large.ts\` with a fixed seed, so that every run measures the same data (each
table's heading gives how many residents, rotations, sessions and attendance marks it held).

For each size, \`npm run bench\` builds the production app, starts \`node server.js\` on a copy of the
database, signs in as the demo administrator, tutor and resident through the sign-in form, and loads
each page with [autocannon](https://github.com/mcollina/autocannon) (16 connections, 10 s after a
warm-up) as the role that uses it: every page of each role's navigation, and the filtered views people
use most. Before them it measures the floor, a bare Remix app of the same Remix, React and Express
versions (\`scripts/bench/floor/\`: one layout, one page with a loader and a form), under the same load:
every page's throughput is given as a share of the floor's and of the sign-in page's, measured in the
same run, so machines of different speed compare. Each page also has the server's CPU time per request
(steadier than throughput on a shared machine) and the event loop's worst delay under its load
(\`monitorEventLoopDelay\`, preloaded by \`scripts/bench/loop-monitor.js\`). Then each page is asked
for once right after a write from another connection (a resident's logbook entry, which reads
remembered from other tables survive), and the sign-in
page, \`/me\` and \`/admin\` again with two server processes (\`WEB_CONCURRENCY=2\`). Last it imports
a 5,000-row list of residents through the import pages (upload, preview, confirm), runs the daily
notifications, and records the server's peak memory.

Targets at national size, one process (issue 20): the sign-in page at least 60% of the floor's
throughput and every other page at least 30%, with p95 under 60 ms; p95 at most 1.3 times the demo's;
the event loop never delayed 50 ms; every page's first request after a write under 300 ms; two
processes at least 1.7 times one's throughput; the import under 5 s; the server under 300 MB.

Reproduce on an idle machine: \`npm run bench\` (options: \`--db postgres\` to run on PostgreSQL,
\`--sizes demo,tenfold\`, \`--duration 20\`, \`--connections 16\`, \`--no-build\`, \`--no-write\`; \`--quick\`
for a smoke run that writes nothing). The large databases are cached in \`data/bench/\` (on PostgreSQL as
the databases \`portal_bench_<size>\`) and rebuilt when the seed, the size, the day or the migrations
change. Each database's section below is rewritten by a run on it; text outside them is kept.
`;

/**
 * The document with the results block of `db` replaced (or added at its end, or with the introduction
 * to a new file); the other database's block and the text around them are kept.
 */
export function replaceResults(existing: string | null, block: string, db: Dialect = "sqlite"): string {
  const markers = MARKERS[db];
  const section = `${markers.start}\n${block.trim()}\n${markers.end}`;
  if (existing === null) return `${INTRO}\n${section}\n`;
  const start = existing.indexOf(markers.start);
  const end = existing.indexOf(markers.end, start);
  if (start === -1 || end === -1) return `${existing.trimEnd()}\n\n${section}\n`;
  return existing.slice(0, start) + section + existing.slice(end + markers.end.length);
}

export function writeResults(file: string, block: string, db: Dialect): void {
  writeFileSync(file, replaceResults(existsSync(file) ? readFileSync(file, "utf8") : null, block, db));
}

/** How many processes served (WEB_CONCURRENCY, passed through to the server as in production). */
function serverProcesses(): string {
  const n = Math.max(1, Number(process.env.WEB_CONCURRENCY) || 1);
  return n === 1 ? "one server process" : `${n} server processes (WEB_CONCURRENCY=${n})`;
}
