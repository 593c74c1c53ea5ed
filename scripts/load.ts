// `npm run load`: 50 simulated people (residents reading, tutors taking attendance, administrators
// editing rotations) for 60 seconds against the production build, then every write accounted for in
// the database. Not part of CI: a script with figures (docs/load.md). Its parts live in scripts/load/;
// the server, the demo database and the sign-in are the benchmark's (scripts/bench/).
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { hospitalToday, toIsoDate } from "~/domain/dates";
import { copyForRun, databaseKey, describeDatabase, ensureDatabase, migrationNames } from "./bench/database";
import { machine } from "./bench/report";
import { startServer } from "./bench/server";
import { ACCOUNTS } from "./bench/lookups";
import { signIn } from "./bench/session";
import { buildInto, readOptionsOrExit } from "./command-line";
import { PASSWORD, pickPeople, setPasswords, type VirtualUser } from "./load/accounts";
import { Browser, Recorder } from "./load/client";
import { parseOptions } from "./load/options";
import {
  inviteAdmin,
  prepareAdmin,
  prepareResident,
  prepareTutor,
  rotationCandidates,
  type AdminWork,
  type ResidentWork,
  type TutorWork,
} from "./load/prepare";
import { latencyTable, scanServerLog } from "./load/report";
import { lastAuditId, verifyAuditChain, verifyWrites, type Check } from "./load/verify";
import { adminWork, Ledger, residentWork, tutorWork } from "./load/work";

const LOAD_DIR = path.resolve("data/load");
/** A build of its own (see buildInto). */
const BUILD_DIR = "build/load";
/** Rotations each administrator edits in turn. */
const ROTATIONS_PER_ADMIN = 3;

const options = readOptionsOrExit(parseOptions);
const log = (line: string) => console.log(`[load] ${line}`);
// Read before the load test adds its own: how busy the machine was with other work.
const host = machine();
const { residents, tutors, admins } = options.mix;
log(
  `${await describeDatabase(options.db)}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(
      " ",
    )} on ${host.cores} cores; ${residents} residents, ${tutors} tutors, ${admins} administrators for ${options.seconds} s; ${options.processes} server process(es)`,
);

if (options.build) buildInto(BUILD_DIR, log);
else if (!existsSync(path.join(BUILD_DIR, "server/index.js"))) {
  console.error(`There is no build in ${BUILD_DIR} yet: run once without --no-build.`);
  process.exit(2);
}

// The demo hospital, as the benchmark builds and caches it; the run writes into its own copy (on
// PostgreSQL the database portal_load_demo, kept after the run as SQLite's file is).
const today = hospitalToday();
const cached = await ensureDatabase(options.db, "demo", databaseKey("demo", 1, toIsoDate(today), migrationNames(options.db)), log);
const database = await copyForRun(cached, "demo", { dir: LOAD_DIR, database: "portal_load_demo" });
const { people, invite } = await pickPeople(database.url, options.mix, today);
await setPasswords(database.url, people);
const logFile = path.join(LOAD_DIR, "server.log");
const server = await startServer({ database, logFile, port: options.port, env: { WEB_CONCURRENCY: String(options.processes), BUILD_DIR } });
log(
  `server pid ${server.pid} on ${server.base} (log: ${path.relative(process.cwd(), logFile)}, database: ${database.dialect === "sqlite" ? path.relative(process.cwd(), database.name) : database.name})`,
);

const recorder = new Recorder();
const ledger = new Ledger();
let baseline = 0;
let elapsed = 0;
let peakMemoryMb: number | null = null;
let loadDuring = 0;
/** This process's own CPU time while it worked: the simulated browsers compete with the server for the cores. */
let clientCpu = process.cpuUsage();
try {
  // Signing in and preparing are not measured: a few at a time, so that 50 Argon2 checks do not queue.
  type Ready = { user: VirtualUser; browser: Browser; work: ResidentWork | TutorWork | AdminWork };
  const candidates = await rotationCandidates(database.url);
  const stamp = Date.now().toString(36);
  const prepare = async (user: VirtualUser): Promise<Ready> => {
    const browser = new Browser(server.base, `${user.label} <${user.email}>`, recorder);
    browser.cookie = (await signIn(server.base, user.email, PASSWORD)).cookie;
    const work =
      user.role === "resident"
        ? await prepareResident(browser)
        : user.role === "tutor"
          ? await prepareTutor(browser, database.url, `Load test ${user.label} ${stamp}`)
          : await prepareAdmin(browser, candidates, ROTATIONS_PER_ADMIN);
    return { user, browser, work };
  };
  // The administrators the demo hospital lacks are created first, through the app, by the demo one.
  if (invite > 0) {
    const inviter = new Browser(server.base, "invitations", recorder);
    inviter.cookie = (await signIn(server.base, ACCOUNTS.admin, PASSWORD)).cookie;
    const first = people.filter((p) => p.role === "admin").length;
    for (let i = first + 1; i <= first + invite; i++) {
      const email = `load-admin-${i}@example.org`;
      const userId = await inviteAdmin(inviter, new Browser(server.base, email, recorder), email, `Load Admin ${i}`, PASSWORD);
      people.push({ role: "admin", userId, email, name: `Load Admin ${i}`, label: `a${i}` });
    }
  }
  const ready: Ready[] = [];
  for (let i = 0; i < people.length; i += 5) ready.push(...(await Promise.all(people.slice(i, i + 5).map(prepare))));
  if (recorder.failures.length) throw new Error(`Preparing the simulated people failed (${recorder.failures.length} requests)`);
  const sheets = ready.filter((r) => r.user.role === "tutor").map((r) => (r.work as TutorWork).rows);
  const sheetSizes = sheets.length ? `; tutors' sheets expect ${Math.min(...sheets)}–${Math.max(...sheets)} residents` : "";
  log(`${ready.length} people signed in and prepared (${new Set(people.map((p) => p.userId)).size} accounts)${sheetSizes}`);

  baseline = await lastAuditId(database.url);
  recorder.measuring = true;
  const started = performance.now();
  clientCpu = process.cpuUsage();
  const context = { until: started + options.seconds * 1000, thinkMs: options.thinkMs, recorder, ledger };
  await Promise.all(
    ready.map(({ user, browser, work }) =>
      user.role === "resident"
        ? residentWork(browser, work as ResidentWork, context)
        : user.role === "tutor"
          ? tutorWork(browser, user, work as TutorWork, context)
          : adminWork(browser, user, work as AdminWork, context),
    ),
  );
  elapsed = (performance.now() - started) / 1000;
  clientCpu = process.cpuUsage(clientCpu);
  recorder.measuring = false;
  loadDuring = os.loadavg()[0] ?? 0;
  peakMemoryMb = server.peakMemoryMb();
} finally {
  await server.stop();
}

// The figures, then the checks: the load's requests, the server's log, the database.
const total = [...recorder.latencies.values()].reduce((sum, values) => sum + values.length, 0);
const conflicts = [...recorder.conflicts.values()].reduce((a, b) => a + b, 0);
const scan = scanServerLog(logFile);
console.log(`\n${latencyTable(recorder, elapsed)}\n`);
log(
  `${total} requests in ${elapsed.toFixed(1)} s: ${(total / elapsed).toFixed(1)} per second; 409 (stale version) answers retried: ${conflicts}`,
);
log(
  `server: ${scan.requests} requests logged, peak memory ${peakMemoryMb === null ? "unknown" : `${Math.round(peakMemoryMb)} MB`}${options.processes > 1 ? ` (all ${options.processes} processes and the primary)` : ""}; load average at the end ${loadDuring.toFixed(2)}`,
);
log(
  `the simulated browsers (this process) used ${((clientCpu.user + clientCpu.system) / 1e6).toFixed(1)} s of CPU in those ${elapsed.toFixed(1)} s`,
);

const checks: Check[] = [
  {
    name: "no failed request",
    pass: recorder.failures.length === 0,
    detail: recorder.failures.length
      ? recorder.failures
          .slice(0, 5)
          .map((f) => `${f.user} ${f.method} ${f.url} → ${f.status} (${f.detail})`)
          .join("; ")
      : `${total} requests`,
  },
  {
    name:
      database.dialect === "sqlite"
        ? 'no "database is locked" / SQLITE_BUSY in the server log'
        : "no deadlock, serialization failure, lock time-out or refused connection in the server log",
    pass: scan.locked === 0,
    detail: `${scan.locked} occurrences`,
  },
  {
    name: "no server error in the server log",
    pass: scan.serverErrors.length === 0 && scan.otherLines.length === 0,
    detail:
      scan.serverErrors.length || scan.otherLines.length
        ? [...scan.serverErrors, ...scan.otherLines].slice(0, 5).join(" | ")
        : "no 5xx, nothing but request lines",
  },
  ...(await verifyWrites(database, baseline, ledger)),
  verifyAuditChain(database),
];
console.log(
  `\n| check | result | detail |\n|---|---|---|\n${checks.map((c) => `| ${c.name} | ${c.pass ? "PASS" : "FAIL"} | ${c.detail.replace(/\|/g, "/")} |`).join("\n")}\n`,
);
if (checks.some((c) => !c.pass)) {
  console.error(`LOAD TEST FAILED (server log: ${path.relative(process.cwd(), logFile)})`);
  process.exit(1);
}
log("load test passed");
