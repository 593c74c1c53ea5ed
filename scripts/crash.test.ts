import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditLog } from "~/models/audit.server";
import type { prisma } from "~/utils/db.server";
import { TURN_LOCK } from "~/utils/postgres-adapter.server";
import { temporaryDatabase } from "../test/temp-db";
import { TEST_DATABASE } from "../test/test-database";
import { checkConsistency, openDatabase } from "./sqlite-file";

/**
 * A process killed with SIGKILL in the middle of a transaction (a power cut for the process: no
 * rollback, no clean-up, no exit handler) loses that transaction and nothing else, on either database.
 * The work is done by scripts/crash-work.ts, through the app's own models, on a database of its own: a
 * SQLite file in WAL mode (the server's), or a PostgreSQL database on the suite's server. It is started as
 * `node --import tsx`, tsx in the same process: killing `npx tsx` would kill npm and leave the process
 * doing the work running.
 */
const database = await temporaryDatabase("crash");
const ROWS = 3000;
/** The application name of the work's sessions on PostgreSQL (the pg driver reads PGAPPNAME). */
const WORKER = "crash-work";
const SERIES = 52;

function work(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/crash-work.ts", ...args], {
    env: { ...process.env, DATABASE_URL: database.url, PGAPPNAME: WORKER },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let errors = "";
  let pending = "";
  let wake = () => {};
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    // "close", not "exit": by then every line the process printed has been read.
    child.once("close", (code, signal) => {
      resolve({ code, signal });
      wake();
    }),
  );
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    const parts = (pending + chunk).split("\n");
    pending = parts.pop() ?? "";
    lines.push(...parts.filter(Boolean));
    wake();
  });
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => (errors += chunk));
  /** The nth line (from 0) matching `pattern`, once printed. */
  const line = async (pattern: RegExp, nth = 0): Promise<string> => {
    for (;;) {
      const found = lines.filter((l) => pattern.test(l))[nth];
      if (found) return found;
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`exited without printing ${pattern}:\n${lines.join("\n")}\n${errors}`);
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  const kill = async () => {
    child.kill("SIGKILL");
    return exited;
  };
  return { lines, line, exited, kill, errors: () => errors };
}

const random = (max: number) => Math.floor(Math.random() * (max + 1));

/** Counts the rows `sql` (`?` for each value) finds: its one column, "n". */
type Count = (sql: string, ...params: unknown[]) => Promise<number>;

/**
 * What each database does about a process killed mid-transaction, and how the test looks at it afterwards.
 * SQLite's is the file's: the uncommitted pages the transaction spilled into the write-ahead log are ignored
 * when the file is opened again, which must then pass integrity_check and foreign_key_check. PostgreSQL's
 * is the server's: it ends the killed process's sessions and aborts their transaction, so no advisory lock
 * is left behind and the next transaction takes its turn (TURN_LOCK, postgres-adapter.server.ts) at once.
 */
type Side = {
  /**
   * Notes what afterKill compares with, before the transaction begins: SQLite's write-ahead log's size;
   * PostgreSQL's sessions of the work (there must be some, or afterKill's wait for their end proves nothing).
   */
  before(): Promise<void>;
  /** Waits for what the database does once the process is gone; words for the log. */
  afterKill(): Promise<string>;
  /** Whether another connection's write transaction is under way, seen from a connection of the test's own. */
  busy(): Promise<boolean>;
  /** The database opened afresh, as a restarted server would, checked, then read. */
  reopen<T>(read: (count: Count) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

function sqliteSide(): Side {
  const walSize = () => (existsSync(`${database.file}-wal`) ? statSync(`${database.file}-wal`).size : 0);
  const probe = openDatabase(database.file, { timeout: 0 });
  let walBefore = 0;
  return {
    before: async () => void (walBefore = walSize()),
    afterKill: async () => `WAL ${walBefore} → ${walSize()} bytes`,
    // A write transaction holds SQLite's write lock from its BEGIN IMMEDIATE: another's is SQLITE_BUSY.
    async busy() {
      try {
        probe.exec("BEGIN IMMEDIATE");
        probe.exec("COMMIT");
        return false;
      } catch (error) {
        if ((error as { code?: string }).code === "SQLITE_BUSY") return true;
        throw error;
      }
    },
    async reopen(read) {
      const db = openDatabase(database.file, { fileMustExist: true });
      try {
        expect(checkConsistency(db)).toEqual({ ok: true });
        return await read(async (sql, ...params) => (db.prepare(sql).get(...params) as { n: number }).n);
      } finally {
        db.close();
      }
    },
    close: async () => probe.close(),
  };
}

function postgresSide(): Side {
  const connect = async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    return client;
  };
  const probe = connect();
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  const count = async (client: pg.Client, sql: string, ...params: unknown[]) =>
    Number((await client.query<{ n: string }>(numbered(sql), params)).rows[0]!.n);
  const sessions = (client: pg.Client) =>
    count(client, `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = ?`, WORKER);
  /** Takes the turn in a transaction of its own and gives it back: false when another transaction holds it. */
  const takeTurn = async (client: pg.Client) => {
    await client.query("BEGIN");
    try {
      return (await client.query<{ taken: boolean }>(`SELECT pg_try_advisory_xact_lock(${TURN_LOCK}) AS "taken"`)).rows[0]!.taken;
    } finally {
      await client.query("ROLLBACK");
    }
  };
  return {
    async before() {
      expect(await sessions(await probe)).toBeGreaterThan(0);
    },
    // The server notices the closed connection when the session next reads from it (at once when idle in
    // the transaction, after the statement it is running otherwise) and ends it, rolling back.
    async afterKill() {
      const client = await probe;
      const killed = performance.now();
      while ((await sessions(client)) > 0) {
        if (performance.now() - killed > 10_000) throw new Error("the killed process's sessions still run after 10 s");
        await sleep(5);
      }
      return `its sessions ended ${Math.round(performance.now() - killed)} ms after the kill`;
    },
    busy: async () => !(await takeTurn(await probe)),
    async reopen(read) {
      const client = await connect();
      try {
        // No advisory lock in this database, held or awaited, by anyone: the dead sessions' locks went with them.
        const locks = await client.query(
          `SELECT l."pid", l."granted" FROM pg_locks l JOIN pg_database d ON d."oid" = l."database"
            WHERE l."locktype" = 'advisory' AND d."datname" = current_database()`,
        );
        expect(locks.rows).toEqual([]);
        expect(await takeTurn(client)).toBe(true);
        return await read((sql, ...params) => count(client, sql, ...params));
      } finally {
        await client.end();
      }
    },
    close: async () => (await probe).end(),
  };
}

const side = TEST_DATABASE === "sqlite" ? sqliteSide() : postgresSide();

function importState(tag: string, id: string) {
  return side.reopen(async (count) => ({
    users: await count(`SELECT count(*) AS n FROM "User" WHERE "email" LIKE ?`, `${tag}-r%`),
    residents: await count(
      `SELECT count(*) AS n FROM "Resident" r JOIN "User" u ON u."id" = r."userId" WHERE u."email" LIKE ?`,
      `${tag}-r%`,
    ),
    audited: await count(
      `SELECT count(*) AS n FROM "AuditEvent" a JOIN "Resident" r ON r."id" = a."entityId" JOIN "User" u ON u."id" = r."userId" WHERE a."action" = 'import' AND u."email" LIKE ?`,
      `${tag}-r%`,
    ),
    applied: (await count(`SELECT count(*) AS n FROM "ResidentImport" WHERE "id" = ? AND "appliedAt" IS NOT NULL`, id)) === 1,
  }));
}

function seriesState(tag: string) {
  const where = `"sessionId" IN (SELECT "id" FROM "TeachingSession" WHERE "title" = ?)`;
  return side.reopen(async (count) => ({
    sessions: await count(`SELECT count(*) AS n FROM "TeachingSession" WHERE "title" = ?`, tag),
    tutors: await count(`SELECT count(*) AS n FROM "TeachingTutor" WHERE ${where}`, tag),
    programmes: await count(`SELECT count(*) AS n FROM "TeachingProgramme" WHERE ${where}`, tag),
    audited: await count(
      `SELECT count(*) AS n FROM "AuditEvent" WHERE "entityType" = 'teaching' AND "entityId" IN (SELECT "id" FROM "TeachingSession" WHERE "title" = ?)`,
      tag,
    ),
  }));
}

beforeAll(() => {
  if (TEST_DATABASE !== "sqlite") return;
  const db = openDatabase(database.file);
  db.pragma("journal_mode = WAL");
  db.close();
});
afterAll(async () => {
  await side.close();
  await database.dispose();
});

describe("killed in the middle of a transaction (SIGKILL)", () => {
  it(`a ${ROWS}-row resident import leaves all its rows or none, and runs again to completion`, async () => {
    const pending: Array<{ tag: string; id: string }> = [];
    const moments: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const tag = `imp${attempt}`;
      const run = work(["import", tag, String(ROWS)]);
      const id = (await run.line(/^import /)).slice("import ".length);
      await side.before(); // the upload committed, the transaction not begun
      // One of the twelve progress steps inside applyImport's transaction (six while checking, six while
      // writing: the first attempt while checking, the others early and late while writing), then up to
      // 40 ms more.
      const at = await run.line(/^under way /, [random(5), 6 + random(2), 9 + random(2)][attempt]);
      const delay = random(40);
      await sleep(delay);
      const { signal } = await run.kill();
      const afterwards = await side.afterKill();
      const last = run.lines
        .filter((l) => l.startsWith("under way "))
        .at(-1)!
        .slice("under way ".length);
      moments.push(
        `${at.slice("under way ".length)} + ${delay} ms (last seen: ${run.lines.includes("done") ? "done" : last}; ${afterwards})`,
      );
      expect(signal).toBe("SIGKILL");

      const state = await importState(tag, id);
      const none = { users: 0, residents: 0, audited: 0, applied: false };
      const all = { users: ROWS, residents: ROWS, audited: ROWS, applied: true };
      expect([none, all]).toContainEqual(state);
      if (!state.applied) pending.push({ tag, id });
    }
    console.log(`import killed at: ${moments.join("; ")}; left nothing ${pending.length} times of 3`);
    expect(pending.length).toBeGreaterThan(0);

    const again = work(["apply", ...pending.map((p) => p.id)]);
    expect(await again.exited, again.errors()).toEqual({ code: 0, signal: null });
    for (const { tag, id } of pending)
      expect(await importState(tag, id)).toEqual({ users: ROWS, residents: ROWS, audited: ROWS, applied: true });
  }, 120_000);

  it(`a weekly series of ${SERIES} teaching sessions leaves all of them or none, and runs again to completion`, async () => {
    const pending: string[] = [];
    const moments: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const tag = `Series ${attempt}`;
      const run = work(["series", tag]);
      await run.line(/^ready$/);
      await side.before();
      // createTeaching has no progress to report: its transaction is under way once it holds the write
      // lock (SQLite's BEGIN IMMEDIATE) or the turn (PostgreSQL's advisory lock), which another
      // connection then cannot take.
      while (!(await side.busy())) {
        if (run.lines.includes("done")) throw new Error("the series was written before its transaction was seen");
        await sleep(1);
      }
      const delay = random(100);
      await sleep(delay);
      await run.kill();
      const afterwards = await side.afterKill();
      moments.push(
        `${delay} ms into it${run.lines.includes("done") ? " (already done)" : ""}${TEST_DATABASE === "postgres" ? ` (${afterwards})` : ""}`,
      );

      const state = await seriesState(tag);
      expect([
        { sessions: 0, tutors: 0, programmes: 0, audited: 0 },
        { sessions: SERIES, tutors: SERIES, programmes: SERIES, audited: SERIES },
      ]).toContainEqual(state);
      if (state.sessions === 0) pending.push(tag);
    }
    console.log(`series killed at: ${moments.join("; ")}; left nothing ${pending.length} times of 3`);
    expect(pending.length).toBeGreaterThan(0);

    const again = work(["series", ...pending]);
    expect(await again.exited, again.errors()).toEqual({ code: 0, signal: null });
    for (const tag of pending)
      expect(await seriesState(tag)).toEqual({ sessions: SERIES, tutors: SERIES, programmes: SERIES, audited: SERIES });
  }, 120_000);

  it("leaves the audit chain whole", async () => {
    const result = await verifyAuditLog({ db: database.client as unknown as typeof prisma });
    expect(result.ok).toBe(true);
  });
});
