// The production server under test: `node server.js` as `npm start` runs it, on a free port of the
// benchmark's range, with its own database copy and a throw-away session secret; and the floor, the
// bare Remix app of scripts/bench/floor/, served the same way. Both run with ./loop-monitor.js preloaded.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { SERVER_NODE_FLAGS } from "../../server/node-flags.js";
import type { BenchDatabase } from "./database";

/** The ports this benchmark may use (others on the machine use theirs). */
const PORTS = { first: 3900, last: 3999 };

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    // Same address as the server binds (all interfaces), so a port taken on any of them is skipped.
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  const span = PORTS.last - PORTS.first + 1;
  // A random starting point: two benchmarks started together do not race for the same first port.
  const offset = Math.floor(Math.random() * span);
  for (let i = 0; i < span; i++) {
    const port = PORTS.first + ((offset + i) % span);
    if (await portIsFree(port)) return port;
  }
  throw new Error(`No free port between ${PORTS.first} and ${PORTS.last}`);
}

export type RunningServer = {
  base: string;
  pid: number;
  /** The most resident memory the process has held so far (VmHWM), in MB; null off Linux. */
  peakMemoryMb(): number | null;
  /** The CPU time the server's processes have used so far, in ms; null off Linux. */
  cpuMs(): number | null;
  /** The event loop's worst delay since the last call (every process's), in ms; null when unknown. */
  loopDelayMaxMs(): Promise<number | null>;
  /** Resolves once the server has stopped working; the seconds that took. */
  idle(): Promise<number>;
  stop(): Promise<void>;
};

/** Starts the server and resolves once /healthz answers 200 (database open, settings applied).
 * `port` asks for one port (refused when taken) instead of a free one of the benchmark's range; `env`
 * adds settings (the load test's WEB_CONCURRENCY). */
/** Where the benchmark builds and serves the app: a folder of its own (see buildInto). */
export const BENCH_BUILD_DIR = "build/bench";
/** Where it builds the floor (scripts/bench/floor/). */
export const FLOOR_BUILD_DIR = "build/floor";
const LOOP_MONITOR = pathToFileURL(path.resolve("scripts/bench/loop-monitor.js")).href;

/** The floor: the bare Remix app, on a free port, until `stop`. */
export function startFloor(logFile: string): Promise<RunningServer> {
  return startProcess({
    script: "scripts/bench/floor/server.js",
    ready: "/",
    logFile,
    env: { NODE_ENV: "production", BUILD_DIR: path.resolve(FLOOR_BUILD_DIR) },
  });
}

export async function startServer({
  database,
  logFile,
  port: wanted,
  env: extra,
}: {
  database: BenchDatabase;
  logFile: string;
  port?: number;
  env?: Record<string, string>;
}): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    SESSION_SECRET: randomBytes(32).toString("hex"),
  };
  // Settings of the shell the benchmark runs in must not change the server it measures.
  for (const name of [
    "DATABASE_POOL_SIZE",
    "APP_ORIGIN",
    "TRUST_PROXY",
    "DOCUMENTS_DIR",
    "HOST",
    "BUILD_DIR",
    "SMTP_URL",
    "MAIL_DIR",
    "MAIL_SENDER",
    "SCHEDULER",
    "MAIL_POLL_MS",
  ])
    delete env[name];
  // No mail server here: e-mails would be written beside the database copy (MAIL_DELIVERY=file), but
  // the sender stays off unless a measurement asks for it (MAIL_SENDER=on in `env`).
  Object.assign(env, { MAIL_DELIVERY: "file", MAIL_SENDER: "off", SCHEDULER: "off" });
  // DATABASE_URL, and on PostgreSQL where the documents and e-mails go (./database.ts).
  Object.assign(env, database.env, extra);
  return startProcess({ script: "server.js", ready: "/healthz", logFile, env, port: wanted });
}

/** Starts `node <script>` with the loop monitor preloaded, and resolves once `ready` answers 200. */
async function startProcess({
  script,
  ready,
  logFile,
  env: given,
  port: wanted,
}: {
  script: string;
  ready: string;
  logFile: string;
  env: NodeJS.ProcessEnv;
  port?: number;
}): Promise<RunningServer> {
  if (wanted !== undefined && !(await portIsFree(wanted))) throw new Error(`Port ${wanted} is taken: choose another one`);
  const port = wanted ?? (await freePort());
  const base = `http://localhost:${port}`;
  const loopFile = `${logFile}.loop`;
  const env = { ...process.env, ...given, PORT: String(port), BENCH_LOOP_FILE: loopFile };
  // One log line per request is part of what production does, so the server keeps logging; into a
  // file, so that a pipe this process would have to drain is not part of the measurement.
  const log = openSync(logFile, "w");
  const child = spawn(process.execPath, [...(script === "server.js" ? SERVER_NODE_FLAGS : []), "--import", LOOP_MONITOR, script], {
    stdio: ["ignore", log, log],
    env,
  });
  closeSync(log);
  let exited: string | null = null;
  child.on("exit", (code, signal) => (exited = `exited (${signal ?? code})`));
  const pid = child.pid;
  if (pid === undefined) throw new Error("The server did not start");

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`The server ${exited} before answering ${ready}:\n${tail(logFile)}`);
    const status = await fetch(base + ready).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`The server did not answer ${ready} within 60 s (last status ${status}):\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    base,
    pid,
    peakMemoryMb: () => peakMemoryMb(pid),
    cpuMs: () => cpuMs(pid),
    loopDelayMaxMs: () => loopDelayMaxMs(pid, loopFile),
    idle: () => waitForIdle(pid),
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** VmHWM ("high water mark") from /proc: the peak, not the current size, so a spike is not missed. */
export function peakMemoryMb(pid: number): number | null {
  // With WEB_CONCURRENCY the server is a primary and its workers: the sum of their peaks (an upper
  // bound of what they held at once).
  let sum = 0;
  for (const id of processesOf(pid)) {
    try {
      const own = parseVmHwm(readFileSync(`/proc/${id}/status`, "utf8"));
      if (own === null && id === pid) return null;
      sum += own ?? 0;
    } catch {
      if (id === pid) return null; // a worker that has just been replaced is not counted
    }
  }
  return sum;
}

/** The processes of a server: itself and, with WEB_CONCURRENCY, its workers. */
function processesOf(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean).map(Number);
    return [pid, ...children];
  } catch {
    return [pid];
  }
}

/** CPU time of a server's processes so far, in ms (Linux counts 100 ticks a second); null off Linux. */
export function cpuMs(pid: number): number | null {
  let ticks = 0;
  for (const id of processesOf(pid)) {
    try {
      const own = parseCpuTicks(readFileSync(`/proc/${id}/stat`, "utf8"));
      if (own === null) return null;
      ticks += own;
    } catch {
      if (id === pid) return null; // a worker that has just been replaced is not counted
    }
  }
  return ticks * 10;
}

/**
 * Asks each process of the server for its event loop's worst delay since it was last asked (SIGUSR2,
 * answered by ./loop-monitor.js into a file per process) and gives the worst of them. A process blocked
 * answers late, so the wait is long enough for the slowest page's request.
 */
async function loopDelayMaxMs(pid: number, loopFile: string): Promise<number | null> {
  const ids = processesOf(pid);
  const files = ids.map((id) => `${loopFile}.${id}`);
  for (const file of files) rmSync(file, { force: true });
  for (const id of ids) {
    try {
      process.kill(id, "SIGUSR2");
    } catch {
      // gone: nothing to read from it
    }
  }
  const deadline = Date.now() + 60_000;
  while (!files.every(existsSync) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const figures = files.filter(existsSync).map((file) => (JSON.parse(readFileSync(file, "utf8")) as { maxMs: number }).maxMs);
  return figures.length ? Math.max(...figures) : null;
}

/** CPU time (user + system, in clock ticks) from /proc/<pid>/stat; null off Linux. */
export function parseCpuTicks(stat: string): number | null {
  // The command name, in parentheses, may hold spaces: count fields from after its closing one.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  return Number.isFinite(user) && Number.isFinite(system) ? user + system : null;
}

/**
 * When autocannon's time is up it drops the requests in flight, but the server goes on computing
 * them: on a slow page that is up to 16 requests' worth of work, which would slow the next page's
 * figures. So each load is followed by a wait until the server's CPU time stops growing (under 10% of
 * a core for half a second), at most two minutes.
 */
export async function waitForIdle(pid: number, maxSeconds = 120): Promise<number> {
  const ticks = () => {
    try {
      return parseCpuTicks(readFileSync(`/proc/${pid}/stat`, "utf8"));
    } catch {
      return null;
    }
  };
  const started = performance.now();
  let calm = 0;
  let last = ticks();
  if (last === null) return 0;
  while (calm < 2 && performance.now() - started < maxSeconds * 1000) {
    await new Promise((r) => setTimeout(r, 250));
    const now = ticks();
    if (now === null) break;
    // 100 ticks a second on Linux: 2 ticks in 250 ms is 8% of one core.
    calm = now - last <= 2 ? calm + 1 : 0;
    last = now;
  }
  return (performance.now() - started) / 1000;
}

export function parseVmHwm(status: string): number | null {
  const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) / 1024 : null;
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no server log)";
  }
}
