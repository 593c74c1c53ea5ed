import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { prisma } from "./db.server";
import { env } from "./env.server";

/**
 * Copies the write-ahead log back into the database file from a thread of its own, so that no request
 * waits for it. By default SQLite does this inside whichever commit finds the log past 1,000 pages, on
 * the thread that committed: at national size such a commit holds the server for about 100 ms (issue
 * 17's daily run measured it; the same commits without it take 5 ms). Here the process's connection never
 * checkpoints (wal_autocheckpoint = 0) and a worker thread, with its own connection to the same file,
 * runs a PASSIVE checkpoint every second: it copies what no reader still needs and never blocks a writer
 * or a reader. The log is reused from its start once a checkpoint has copied all of it.
 *
 * The same thread keeps the query planner's statistics ([decision 018](../../docs/decisions/018-planner-statistics.md)):
 * SQLite keeps none unless asked (ANALYZE), and without them it guesses that an index on a column of
 * few values (a status) narrows as well as one on a resident, which at national size walked millions of
 * rows where a few hundred would do. `PRAGMA optimize` gathers them, sampled, where they are missing or
 * stale, a table at a time: 18 s once, over 33 tables, for a national database that never had them,
 * milliseconds afterwards.
 *
 * Started by the server (startBackgroundWork) and the benchmark that stands for it; scripts and tests
 * keep SQLite's own checkpoints, which suit a short-lived process. Several processes each have their
 * checkpointer: SQLite lets one checkpoint at a time and the others find nothing to do.
 */

const EVERY_MS = 1_000;
/** How often the planner's statistics are looked at again (they are redone only where tables changed much). */
const OPTIMIZE_EVERY_MS = 6 * 60 * 60 * 1_000;
/** The pause between two tables' statistics, when the server's waiting writes take the lock. */
const ANALYSE_PAUSE_MS = 50;

// Plain JavaScript run by the worker thread: it opens the file with the driver the app uses.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 1000");
parentPort.postMessage({ ready: true });
const attempt = (work) => {
  try {
    work();
  } catch (error) {
    parentPort.postMessage({ failed: String(error && error.message ? error.message : error) });
  }
};
// The query planner's statistics (sqlite_stat1), sampled (analysis_limit), for tables that lack them or
// changed much since: at start (0x10000 looks at every table), then every few hours. PRAGMA optimize
// would analyse them all in one transaction, holding the write lock (18 s for a national database that
// never had them, and the server's writes gave up after their 5 s): it is asked which tables it would
// analyse (0x1), and each is analysed in a transaction of its own, with a pause between for the server.
db.pragma("analysis_limit = 400");
let analysing = null;
const analyse = (mask) => {
  if (analysing) return;
  const statements = [];
  attempt(() => statements.push(...db.pragma("optimize = " + (mask | 0x1)).map((row) => Object.values(row)[0])));
  const next = () => {
    const statement = statements.shift();
    if (!statement) return (analysing = null);
    attempt(() => db.exec(statement));
    analysing = setTimeout(next, workerData.pauseMs);
  };
  next();
};
analyse(0x10002);
const statistics = setInterval(() => analyse(0x2), workerData.optimizeEveryMs);
const timer = setInterval(() => attempt(() => db.pragma("wal_checkpoint(PASSIVE)")), workerData.everyMs);
parentPort.on("message", () => {
  clearInterval(timer);
  clearInterval(statistics);
  clearTimeout(analysing);
  db.close();
  process.exit(0);
});
`;

/** Starts the checkpointer of this process's database; returns a function that stops it. */
export async function startCheckpointer(log: (line: string) => void = console.error): Promise<() => Promise<void>> {
  const file = env.DATABASE_URL.replace(/^file:/, "");
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      file,
      everyMs: EVERY_MS,
      optimizeEveryMs: OPTIMIZE_EVERY_MS,
      pauseMs: ANALYSE_PAUSE_MS,
    },
  });
  worker.unref();
  // Should the thread end, SQLite's own checkpoints take over again: the log never grows unbounded.
  const fallBack = () => prisma.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 1000").catch(() => {});
  await new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
  });
  worker.on("message", (message: { failed?: string }) => {
    if (message.failed) log(`[checkpointer] ${message.failed}`);
  });
  let running = true;
  worker.on("error", (error) => {
    running = false;
    log(`[checkpointer] stopped: ${error.message}`);
    void fallBack();
  });
  if (running) await prisma.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 0");
  return async () => {
    await fallBack();
    // Held until it has ended: an unreferenced thread would let a script's process end first, its last
    // await unsettled (exit code 13, as the benchmark's daily run sometimes did).
    worker.ref();
    const ended = new Promise((resolve) => worker.once("exit", resolve));
    worker.postMessage("stop");
    await ended;
  };
}
