// The performance targets of the issue, checked against a run's figures. Pure: plain numbers in,
// verdicts out, so the unit test can hold the rules still.
import type { Measurement } from "./measure";
import type { Size } from "./options";
import { BASELINE_KEY } from "./pages";
import type { ImportTiming } from "./import";

/** The daily occasion at a size's scale (scripts/bench/daily-run.ts). */
export type DailyRunTiming = {
  seconds: number;
  notifications: number;
  emails: number;
  people: number;
  outcome: Record<string, number>;
  delayP99Ms: number;
  delayMaxMs: number;
};

/** Issue 20's targets, at national size with one process (issue 7's, looser, are superseded). */
export const TARGETS = {
  /** Every page's p95 at national size, in ms. */
  p95Ms: 60,
  /** The sign-in page's throughput as a share of the bare Remix page's. */
  loginFloorShare: 0.6,
  /** Every other page's throughput as a share of the bare Remix page's. */
  floorShare: 0.3,
  /** A page's p95 at national size over its p95 at demo size. */
  growth: 1.3,
  /** The 5,000-row import, end to end, in seconds. */
  importSeconds: 5,
  /** The server's peak resident memory over the whole run, in MB. */
  memoryMb: 300,
  /** The event loop's worst delay while any page is under load, in ms. */
  pagesLoopDelayMs: 50,
  /** Any page's first request after a write, in ms. */
  afterWriteMs: 300,
  /** Two processes' throughput over one's, for each page measured both ways. */
  twoProcesses: 1.7,
  /** The daily occasion's notifications, queued, in seconds (issue 17). */
  dailyRunSeconds: 10,
  /** The event loop's worst delay while the daily occasion runs, in ms (the same limit as the pages'). */
  eventLoopDelayMs: 50,
} as const;

/** A page's throughput served by one process and by two (WEB_CONCURRENCY=2), in req/s. */
export type Concurrency = { key: string; one: number; two: number };

export type SizeRun = {
  size: Size;
  /** The bare Remix page, measured first (null when it could not be). */
  floor: Measurement | null;
  measurements: Measurement[];
  /** The pages measured again with two processes; null when not measured. */
  concurrency: Concurrency[] | null;
  importTiming: ImportTiming | null;
  dailyRun: DailyRunTiming | null;
  peakMemoryMb: number | null;
  /** The peak before the import began: what serving pages alone took. */
  pagesPeakMemoryMb: number | null;
  counts: Record<string, number>;
  /** Why the run of this size stopped short, if it did. */
  failure: string | null;
};

/** pass null: could not be checked (a size not run, a page that failed). */
export type TargetCheck = { target: string; pass: boolean | null; detail: string };

export function baselineOf(run: SizeRun): Measurement | undefined {
  return run.measurements.find((m) => m.key === BASELINE_KEY && !m.failure);
}

/** Each page's throughput as a share of the baseline's in the same run; null without a baseline. */
export function baselineShare(run: SizeRun, m: Measurement): number | null {
  const baseline = baselineOf(run);
  return baseline && baseline.requestsPerSecond > 0 && !m.failure ? m.requestsPerSecond / baseline.requestsPerSecond : null;
}

/** A page's throughput as a share of the bare Remix page's in the same run; null without the floor. */
export function floorShare(run: SizeRun, m: Measurement): number | null {
  const floor = run.floor;
  return floor && !floor.failure && floor.requestsPerSecond > 0 && !m.failure ? m.requestsPerSecond / floor.requestsPerSecond : null;
}

export type GrowthRow = { key: string; p95: Array<number | null>; ratio: number | null };

/** Each page's p95 at every size run, and the largest size's over the smallest's. */
export function growthRows(runs: SizeRun[]): GrowthRow[] {
  const keys = [...new Set(runs.flatMap((run) => run.measurements.map((m) => m.key)))];
  return keys.map((key) => {
    const p95 = runs.map((run) => {
      const m = run.measurements.find((x) => x.key === key);
      return m && !m.failure && Number.isFinite(m.p95) ? m.p95 : null;
    });
    const first = p95[0];
    const last = p95.at(-1);
    const ratio = runs.length > 1 && first && last !== null && last !== undefined ? last / first : null;
    return { key, p95, ratio };
  });
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const list = (items: string[]) => (items.length > 4 ? `${items.slice(0, 4).join(", ")} and ${items.length - 4} more` : items.join(", "));

/** A limit in ms that every measured page must stay under: the pages over it (worst first), else the highest. */
function underOnEveryPage(
  target: string,
  measurements: Measurement[],
  value: (m: Measurement) => number | null,
  limit: number,
  highest: string,
): TargetCheck {
  const measured = measurements
    .flatMap((m) => {
      const v = value(m);
      return v === null ? [] : [{ key: m.key, v }];
    })
    .sort((a, b) => b.v - a.v);
  const over = measured.filter((x) => x.v >= limit);
  return {
    target,
    pass: measured.length === 0 ? null : over.length === 0,
    detail:
      measured.length === 0
        ? "not measured"
        : over.length
          ? `over: ${list(over.map((x) => `${x.key} ${ms(x.v)}`))}`
          : `${highest}: ${measured[0]!.key} ${ms(measured[0]!.v)}`,
  };
}

export function evaluateTargets(runs: SizeRun[]): TargetCheck[] {
  // The targets are written for national size; a shorter run is checked at its largest size, and says so.
  const target = runs.find((run) => run.size === "national") ?? runs.at(-1);
  if (!target) return [];
  const at = target.size === "national" ? "at national" : `at ${target.size} (national not run)`;
  const pages = target.measurements.filter((m) => m.key !== BASELINE_KEY);
  const failed = target.measurements.filter((m) => m.failure).map((m) => m.key);
  const checks: TargetCheck[] = [];

  const slow = pages.filter((m) => !m.failure && !(m.p95 < TARGETS.p95Ms));
  const worst = pages.filter((m) => !m.failure).sort((a, b) => b.p95 - a.p95)[0];
  checks.push({
    target: `every page p95 < ${TARGETS.p95Ms} ms ${at}`,
    pass: failed.length ? false : slow.length === 0,
    detail: failed.length
      ? `failed: ${list(failed)}`
      : slow.length
        ? `over: ${list(slow.map((m) => `${m.key} ${ms(m.p95)}`))}`
        : worst
          ? `slowest: ${worst.key} ${ms(worst.p95)}`
          : "no pages",
  });

  const login = baselineOf(target);
  const loginShare = login ? floorShare(target, login) : null;
  checks.push({
    target: `login ≥ ${TARGETS.loginFloorShare * 100}% of the bare Remix page's throughput ${at}`,
    pass: loginShare === null ? null : loginShare >= TARGETS.loginFloorShare,
    detail: loginShare === null ? "not measured" : `${Math.round(loginShare * 100)}%`,
  });

  const shares = pages.map((m) => ({ m, share: floorShare(target, m) }));
  const low = shares.filter(({ share }) => share !== null && share < TARGETS.floorShare);
  const unknown = shares.filter(({ share }) => share === null);
  const lowest = shares.filter(({ share }) => share !== null).sort((a, b) => a.share! - b.share!)[0];
  checks.push({
    target: `every other page ≥ ${TARGETS.floorShare * 100}% of the bare Remix page's throughput ${at}`,
    pass: low.length ? false : unknown.length ? null : true,
    detail: low.length
      ? `under: ${list(low.map(({ m, share }) => `${m.key} ${Math.round(share! * 100)}%`))}`
      : unknown.length
        ? `not measured: ${list(unknown.map(({ m }) => m.key))}`
        : lowest
          ? `lowest: ${lowest.m.key} ${Math.round(lowest.share! * 100)}%`
          : "no pages",
  });

  checks.push(
    underOnEveryPage(
      `event-loop delay < ${TARGETS.pagesLoopDelayMs} ms while pages are under load ${at}`,
      target.measurements,
      (m) => m.loopDelayMaxMs,
      TARGETS.pagesLoopDelayMs,
      "worst",
    ),
  );

  const demo = runs.find((run) => run.size === "demo");
  const national = runs.find((run) => run.size === "national");
  if (!demo || !national) {
    checks.push({ target: `national p95 ≤ ${TARGETS.growth}× demo p95`, pass: null, detail: "needs both demo and national" });
  } else {
    const rows = growthRows([demo, national]);
    const grown = rows.filter((row) => row.ratio !== null && row.ratio > TARGETS.growth);
    const missing = rows.filter((row) => row.ratio === null);
    const most = rows.filter((row) => row.ratio !== null).sort((a, b) => b.ratio! - a.ratio!)[0];
    checks.push({
      target: `national p95 ≤ ${TARGETS.growth}× demo p95`,
      pass: grown.length ? false : missing.length ? null : true,
      detail: grown.length
        ? `grew: ${list(grown.map((row) => `${row.key} ×${row.ratio!.toFixed(2)}`))}`
        : missing.length
          ? `not measured: ${list(missing.map((row) => row.key))}`
          : `most: ${most?.key} ×${most?.ratio?.toFixed(2)}`,
    });
  }

  const timing = target.importTiming;
  checks.push({
    target: `import of 5,000 rows < ${TARGETS.importSeconds} s ${at}`,
    pass: timing ? timing.seconds < TARGETS.importSeconds : null,
    detail: timing ? `${timing.seconds.toFixed(1)} s` : "not measured",
  });

  const daily = target.dailyRun;
  checks.push({
    target: `daily notifications queued < ${TARGETS.dailyRunSeconds} s ${at}`,
    pass: daily ? daily.seconds < TARGETS.dailyRunSeconds : null,
    detail: daily ? `${daily.seconds.toFixed(1)} s for ${daily.notifications} notifications to ${daily.people} people` : "not measured",
  });
  checks.push({
    target: `event-loop delay < ${TARGETS.eventLoopDelayMs} ms during the daily run ${at}`,
    pass: daily ? daily.delayMaxMs < TARGETS.eventLoopDelayMs : null,
    detail: daily ? `max ${daily.delayMaxMs.toFixed(1)} ms, p99 ${daily.delayP99Ms.toFixed(1)} ms` : "not measured",
  });

  checks.push(
    underOnEveryPage(
      `first request after a write < ${TARGETS.afterWriteMs} ms for every page ${at}`,
      target.measurements,
      (m) => m.afterWriteMs,
      TARGETS.afterWriteMs,
      "slowest",
    ),
  );

  const pairs = target.concurrency ?? [];
  const ratios = pairs.map((p) => ({ key: p.key, ratio: p.one > 0 ? p.two / p.one : 0 })).sort((a, b) => a.ratio - b.ratio);
  checks.push({
    target: `WEB_CONCURRENCY=2 ≥ ${TARGETS.twoProcesses}× the throughput of one process ${at}`,
    pass: ratios.length === 0 ? null : ratios.every((r) => r.ratio >= TARGETS.twoProcesses),
    detail: ratios.length === 0 ? "not measured" : ratios.map((r) => `${r.key} ×${r.ratio.toFixed(2)}`).join(", "),
  });

  const memory = target.peakMemoryMb;
  checks.push({
    target: `server memory < ${TARGETS.memoryMb} MB ${at}`,
    pass: memory === null ? null : memory < TARGETS.memoryMb,
    detail: memory === null ? "not measured" : `peak ${Math.round(memory)} MB`,
  });
  return checks;
}
