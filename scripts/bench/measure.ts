// One page under load: autocannon with N connections for D seconds after a warm-up. Latencies are
// kept per response and their percentiles computed here, because autocannon's own table has p50, p90,
// p97.5 and p99 but no p95, which is what the targets are written in.
import autocannon, { type Result } from "autocannon";
import type { Page } from "./pages";
import { BROWSER_HEADERS } from "./session";

export type Measurement = {
  key: string;
  path: string;
  role: Page["role"];
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  /** Responses outside 2xx, by status, and connection errors or timeouts: any of them fails the run. */
  non2xx: number;
  statusCodes: Record<string, number>;
  errors: number;
  /** The server's CPU time over the measurement divided by the requests answered: steadier than
   * throughput on a shared machine. Null when unknown. */
  cpuMsPerRequest: number | null;
  /** The server's event loop's worst delay during the measurement, in ms. Null when unknown. */
  loopDelayMaxMs: number | null;
  /** One request alone right after a write to the database (every remembered read then stale), in ms. */
  afterWriteMs: number | null;
  /** Set when the page could not be measured at all (its first request was not a 2xx, or none completed). */
  failure: string | null;
  /** How this page's measurement differed from the others' (a longer one, for a very slow page). */
  note: string | null;
};

/** The value below which `p` per cent of the sorted values lie (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

function load(
  url: string,
  headers: Record<string, string>,
  connections: number,
  duration: number,
  onLatency?: (ms: number) => void,
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration, headers, timeout: 30 }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    if (onLatency) {
      instance.on("response", (_client, status, _bytes, ms) => {
        // Latencies of 2xx only, like autocannon's own figures: a fast error page must not flatter a page.
        if (status >= 200 && status < 300) onLatency(ms);
      });
    }
  });
}

/** What the benchmark reads from the server around each measurement (scripts/bench/server.ts). */
export type ServerProbe = { cpuMs(): number | null; loopDelayMaxMs(): Promise<number | null> };

/** One request alone, timed: a page that redirects or fails says why. */
export async function probe(url: string, headers: Record<string, string>): Promise<{ failure: string | null; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers, redirect: "manual" });
  await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status >= 200 && response.status < 300) return { failure: null, ms };
  const location = response.headers.get("location");
  if (response.status >= 300 && response.status < 400 && location?.startsWith("/login")) {
    return { failure: `${response.status} to ${location}: the session was lost (signed out, expired, or the wrong role)`, ms };
  }
  return { failure: `${response.status}${location ? ` to ${location}` : ""}`, ms };
}

export async function measurePage(
  base: string,
  page: Page,
  cookie: string | null,
  {
    connections,
    duration,
    warmup,
    settle,
    server,
  }: { connections: number; duration: number; warmup: number; settle: () => Promise<void>; server: ServerProbe },
): Promise<Measurement> {
  const url = base + page.path;
  const headers = { ...BROWSER_HEADERS, ...(cookie ? { Cookie: cookie } : {}) };
  const empty = {
    key: page.key,
    path: page.path,
    role: page.role,
    requestsPerSecond: 0,
    p50: NaN,
    p95: NaN,
    p99: NaN,
    requests: 0,
    non2xx: 0,
    statusCodes: {},
    errors: 0,
    cpuMsPerRequest: null,
    loopDelayMaxMs: null,
    afterWriteMs: null,
    note: null,
  };
  const first = await probe(url, headers);
  if (first.failure) return { ...empty, non2xx: 1, failure: first.failure };

  await load(url, headers, connections, warmup);
  await settle();
  const measured = async (seconds: number) => {
    const latencies: number[] = [];
    await server.loopDelayMaxMs(); // forget the warm-up's
    const cpuBefore = server.cpuMs();
    const result = await load(url, headers, connections, seconds, (ms) => latencies.push(ms));
    // Read as the load ends: the requests autocannon drops then are neither counted nor timed.
    const cpuAfter = server.cpuMs();
    const loopDelayMaxMs = await server.loopDelayMaxMs();
    await settle();
    const cpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
    return { result, latencies: latencies.sort((a, b) => a - b), cpu, loopDelayMaxMs };
  };
  let { result, latencies, cpu, loopDelayMaxMs } = await measured(duration);
  let note: string | null = null;
  // autocannon drops the requests still in flight when the time is up, so a page that takes longer
  // under load than the whole measurement would have no figures at all. It is measured again, long
  // enough for each connection to finish a few requests (at most a minute): its figures then say
  // how slow it is, which "no data" would not.
  if (result.requests.total === 0) {
    const longer = Math.min(60, Math.max(duration * 3, Math.ceil((connections * first.ms * 3) / 1000)));
    ({ result, latencies, cpu, loopDelayMaxMs } = await measured(longer));
    note = `nothing answered within ${duration} s under load (one request alone took ${(first.ms / 1000).toFixed(1)} s): measured over ${longer} s instead`;
  }
  const slow =
    result.requests.total === 0
      ? `no response completed within ${result.duration} s under load (one request alone took ${(first.ms / 1000).toFixed(1)} s)`
      : null;
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]));
  return {
    ...empty,
    requestsPerSecond: result.requests.total / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: result.requests.total,
    non2xx: result.non2xx,
    statusCodes,
    errors: result.errors + result.timeouts,
    cpuMsPerRequest: cpu === null || result.requests.total === 0 ? null : cpu / result.requests.total,
    loopDelayMaxMs,
    failure: slow,
    note,
  };
}
