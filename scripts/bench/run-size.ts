// One data size, start to finish: the floor (a bare Remix page) under the same load, its database, a
// server on a copy of it, the three sign-ins, every page under load, the import, the peak memory, and
// each server stopped whatever happened.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { hospitalToday, toIsoDate } from "~/domain/dates";
import { BENCH_DIR, copyForRun, databaseKey, ensureDatabase, migrationNames, removeCopy, type BenchDatabase } from "./database";
import { timeImport } from "./import";
import { ACCOUNTS, countResidentsOfDomain, PASSWORD, readLookups, writeSomething, type Lookups } from "./lookups";
import { measurePage, probe, type Measurement } from "./measure";
import type { BenchOptions, Size } from "./options";
import { benchPages, CONCURRENCY_KEYS, FLOOR_PAGE, type Page } from "./pages";
import { BENCH_BUILD_DIR, startFloor, startServer, type RunningServer } from "./server";
import { BROWSER_HEADERS, signIn } from "./session";
import type { Concurrency, DailyRunTiming, SizeRun } from "./targets";

const execute = promisify(execFile);
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function runSize(size: Size, options: BenchOptions, log: (line: string) => void): Promise<SizeRun> {
  const run: SizeRun = {
    size,
    floor: null,
    measurements: [],
    concurrency: null,
    importTiming: null,
    dailyRun: null,
    peakMemoryMb: null,
    pagesPeakMemoryMb: null,
    counts: {},
    failure: null,
  };
  // The floor first, in the same run: every page's figures are also read as a share of it.
  try {
    run.floor = await measureFloor(size, options, log);
  } catch (error) {
    log(`${size}: the floor could not be measured: ${message(error)}`);
  }
  let copy: BenchDatabase;
  let ids: Lookups;
  try {
    const key = databaseKey(size, options.seed, toIsoDate(hospitalToday()), migrationNames(options.db));
    copy = await copyForRun(await ensureDatabase(options.db, size, key, log), size);
  } catch (error) {
    run.failure = message(error);
    return run;
  }
  try {
    ids = await readLookups(copy.url);
    run.counts = ids.counts;
  } catch (error) {
    run.failure = message(error);
    await removeCopy(copy);
    return run;
  }

  const logFile = path.join(BENCH_DIR, "run", `${size}-server.log`);
  const server = await startServer({ database: copy, logFile, env: { BUILD_DIR: BENCH_BUILD_DIR } }).catch((error: unknown) => {
    run.failure = message(error);
    return null;
  });
  if (!server) {
    await removeCopy(copy);
    return run;
  }
  log(`${size}: server pid ${server.pid} on ${server.base} (log: ${path.relative(process.cwd(), logFile)})`);
  try {
    const sessions = {
      admin: await signIn(server.base, ACCOUNTS.admin, PASSWORD),
      tutor: await signIn(server.base, ACCOUNTS.tutor, PASSWORD),
      resident: await signIn(server.base, ACCOUNTS.resident, PASSWORD),
    };
    const every = benchPages(ids);
    const unknown = (options.pages ?? []).filter((key) => !every.some((page) => page.key === key));
    if (unknown.length) throw new Error(`no such page: ${unknown.join(", ")} (the pages: ${every.map((page) => page.key).join(", ")})`);
    const pages = options.pages ? every.filter((page) => options.pages!.includes(page.key)) : every;
    for (const page of pages) {
      const cookie = page.role === "anonymous" ? null : sessions[page.role].cookie;
      const m = await measurePage(server.base, page, cookie, { ...options, settle: settler(server, size, log), server });
      run.measurements.push(m);
      logMeasurement(size, m, server, log);
    }
    // Each page once right after a write from another connection: what rebuilding stale reads costs.
    for (const [i, page] of pages.entries()) {
      await writeSomething(copy.url);
      const first = await probe(server.base + page.path, {
        ...BROWSER_HEADERS,
        ...(page.role === "anonymous" ? {} : { Cookie: sessions[page.role].cookie }),
      });
      run.measurements[i]!.afterWriteMs = first.failure ? null : first.ms;
    }
    const slowest = run.measurements.filter((m) => m.afterWriteMs !== null).sort((a, b) => b.afterWriteMs! - a.afterWriteMs!)[0];
    if (slowest) log(`${size}: first request after a write: slowest ${slowest.key} ${slowest.afterWriteMs!.toFixed(0)} ms`);
    run.pagesPeakMemoryMb = server.peakMemoryMb();
    if (options.pages) return run;
    // Two processes (WEB_CONCURRENCY=2) on the same copy, while this one idles: a few pages again.
    run.concurrency = await measureTwoProcesses(size, copy, pages, run.measurements, options, log).catch((error: unknown) => {
      log(`${size}: two processes could not be measured: ${message(error)}`);
      return null;
    });
    // Last, because it writes: 5,000 more residents would change the admin pages measured above.
    log(`${size}: importing ${options.importRows} residents through the import pages…`);
    const emailDomain = `bench-${size}.example.it`;
    run.importTiming = await timeImport(
      server.base,
      sessions.admin.cookie,
      {
        rows: options.importRows,
        universityId: ids.universityId,
        specialtyCode: ids.specialtyCode,
        tutorEmail: ACCOUNTS.tutor,
        emailDomain,
      },
      () => countResidentsOfDomain(copy.url, emailDomain),
      hospitalToday(),
    );
    log(`${size}: import took ${run.importTiming.seconds.toFixed(1)} s`);
    // Last of all: it writes notifications and e-mails.
    log(`${size}: running the daily notifications…`);
    run.dailyRun = await timeDailyRun(copy);
    log(
      `${size}: daily run queued ${run.dailyRun.notifications} notifications in ${run.dailyRun.seconds.toFixed(1)} s (event-loop delay max ${run.dailyRun.delayMaxMs.toFixed(1)} ms)`,
    );
  } catch (error) {
    run.failure = message(error);
  } finally {
    run.peakMemoryMb = server.peakMemoryMb();
    await server.stop();
    // The copy is as big as the cache (national: about 700 MB) and of no use once measured; the
    // server's log stays beside it for a look at what went wrong.
    await removeCopy(copy);
  }
  return run;
}

/** The pages of CONCURRENCY_KEYS again, served by two processes; each with its one-process throughput. */
async function measureTwoProcesses(
  size: Size,
  copy: BenchDatabase,
  pages: Page[],
  single: Measurement[],
  options: BenchOptions,
  log: (line: string) => void,
): Promise<Concurrency[]> {
  const logFile = path.join(BENCH_DIR, "run", `${size}-server-2.log`);
  const server = await startServer({ database: copy, logFile, env: { BUILD_DIR: BENCH_BUILD_DIR, WEB_CONCURRENCY: "2" } });
  try {
    const rows: Concurrency[] = [];
    for (const key of CONCURRENCY_KEYS) {
      const page = pages.find((p) => p.key === key);
      const one = single.find((m) => m.key === key);
      if (!page || !one || one.failure) continue;
      const cookie = page.role === "anonymous" ? null : (await signIn(server.base, ACCOUNTS[page.role], PASSWORD)).cookie;
      const m = await measurePage(server.base, page, cookie, { ...options, settle: settler(server, size, log), server });
      if (m.failure) throw new Error(`${key}: ${m.failure}`);
      rows.push({ key, one: one.requestsPerSecond, two: m.requestsPerSecond });
      log(
        `${size}: ${key.padEnd(24)} two processes ${m.requestsPerSecond.toFixed(0)} req/s (×${(m.requestsPerSecond / one.requestsPerSecond).toFixed(2)} of one)`,
      );
    }
    return rows;
  } finally {
    await server.stop();
  }
}

/** The bare Remix page under the same load as the portal's pages, its server stopped afterwards. */
async function measureFloor(size: Size, options: BenchOptions, log: (line: string) => void): Promise<Measurement> {
  // Its log goes where the run's copies go, which the first run on a machine has not made yet.
  mkdirSync(path.join(BENCH_DIR, "run"), { recursive: true });
  const server = await startFloor(path.join(BENCH_DIR, "run", `${size}-floor.log`));
  try {
    const m = await measurePage(server.base, FLOOR_PAGE, null, { ...options, settle: settler(server, size, log), server });
    logMeasurement(size, m, server, log);
    return m;
  } finally {
    await server.stop();
  }
}

/** Waits, after a load, for the server to finish the requests autocannon dropped. */
function settler(server: RunningServer, size: Size, log: (line: string) => void) {
  return async () => {
    const seconds = await server.idle();
    if (seconds > 2) log(`${size}: waited ${seconds.toFixed(0)} s for the server to finish requests dropped at the end of a load`);
  };
}

function logMeasurement(size: Size, m: Measurement, server: RunningServer, log: (line: string) => void) {
  // The peak so far after each page, to tell which page made the server grow.
  const peak = server.peakMemoryMb();
  const figures = [
    `${m.requestsPerSecond.toFixed(0).padStart(6)} req/s`,
    `p95 ${m.p95.toFixed(1).padStart(7)} ms`,
    `cpu ${m.cpuMsPerRequest === null ? "?" : m.cpuMsPerRequest.toFixed(2)} ms/req`,
    `loop max ${m.loopDelayMaxMs === null ? "?" : m.loopDelayMaxMs.toFixed(0)} ms`,
    `peak ${peak === null ? "?" : Math.round(peak)} MB`,
  ].join("  ");
  log(
    m.failure
      ? `${size}: ${m.key.padEnd(24)} FAILED ${m.failure}`
      : `${size}: ${m.key.padEnd(24)} ${figures}${m.non2xx + m.errors ? `  ${m.non2xx + m.errors} NOT 2xx` : ""}${m.note ? `  (${m.note})` : ""}`,
  );
}

/** The daily occasion on the copy, in a process of its own (scripts/bench/daily-run.ts). */
async function timeDailyRun(database: BenchDatabase): Promise<DailyRunTiming> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    SESSION_SECRET: randomBytes(32).toString("hex"),
    MAIL_DELIVERY: "file",
    MAIL_SENDER: "off",
    SCHEDULER: "off",
  };
  delete env.SMTP_URL;
  delete env.DATABASE_POOL_SIZE;
  Object.assign(env, database.env);
  const { stdout } = await execute("npx", ["tsx", "scripts/bench/daily-run.ts"], { env, maxBuffer: 16 * 1024 * 1024 }).catch(
    (error: { code?: number; signal?: string; stdout?: string; stderr?: string }) => {
      throw new Error(
        `the daily run ended with ${error.signal ?? error.code}: ${(error.stderr || error.stdout || "").trim().slice(-2000)}`,
      );
    },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as DailyRunTiming;
}

/** Everything that makes a run fail rather than merely miss a target: errors, not slowness. */
export function runFailures(runs: SizeRun[]): string[] {
  return runs.flatMap((run) => [
    ...(run.failure ? [`${run.size}: ${run.failure}`] : []),
    ...run.measurements
      .filter((m) => m.failure || m.non2xx || m.errors)
      .map(
        (m) =>
          `${run.size}: ${m.key}: ${m.failure ?? `${m.non2xx} non-2xx responses (${JSON.stringify(m.statusCodes)}), ${m.errors} connection errors or timeouts`}`,
      ),
  ]);
}
