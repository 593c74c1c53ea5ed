import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditLog } from "~/models/audit.server";
import type { prisma } from "~/utils/db.server";
import { temporaryDatabase } from "../test/temp-db";
import { checkConsistency, openDatabase } from "./sqlite-file";

/**
 * A process killed with SIGKILL in the middle of a transaction (a power cut for the process: no
 * rollback, no clean-up, no exit handler) loses that transaction and nothing else. The work is done by
 * scripts/crash-work.ts, through the app's own models, on a database of its own in WAL mode (the
 * server's). It is started as `node --import tsx`, tsx in the same process: killing `npx tsx` would
 * kill npm and leave the process doing the work running.
 */
const database = await temporaryDatabase("crash");
const ROWS = 3000;
const SERIES = 52;

function work(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/crash-work.ts", ...args], {
    env: { ...process.env, DATABASE_URL: database.url },
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

const walSize = () => (existsSync(`${database.file}-wal`) ? statSync(`${database.file}-wal`).size : 0);
const random = (max: number) => Math.floor(Math.random() * (max + 1));

/** Opens the database afresh, as a restarted server would, and checks it; the caller reads what it needs. */
function reopen<T>(read: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(database.file, { fileMustExist: true });
  try {
    expect(checkConsistency(db)).toEqual({ ok: true });
    return read(db);
  } finally {
    db.close();
  }
}

const count = (db: ReturnType<typeof openDatabase>, sql: string, ...params: unknown[]) =>
  (db.prepare(sql).get(...params) as { n: number }).n;

function importState(tag: string, id: string) {
  return reopen((db) => ({
    users: count(db, `SELECT count(*) AS n FROM "User" WHERE "email" LIKE ?`, `${tag}-r%`),
    residents: count(db, `SELECT count(*) AS n FROM "Resident" r JOIN "User" u ON u."id" = r."userId" WHERE u."email" LIKE ?`, `${tag}-r%`),
    audited: count(
      db,
      `SELECT count(*) AS n FROM "AuditEvent" a JOIN "Resident" r ON r."id" = a."entityId" JOIN "User" u ON u."id" = r."userId" WHERE a."action" = 'import' AND u."email" LIKE ?`,
      `${tag}-r%`,
    ),
    applied: count(db, `SELECT count(*) AS n FROM "ResidentImport" WHERE "id" = ? AND "appliedAt" IS NOT NULL`, id) === 1,
  }));
}

function seriesState(tag: string) {
  const where = `"sessionId" IN (SELECT "id" FROM "TeachingSession" WHERE "title" = ?)`;
  return reopen((db) => ({
    sessions: count(db, `SELECT count(*) AS n FROM "TeachingSession" WHERE "title" = ?`, tag),
    tutors: count(db, `SELECT count(*) AS n FROM "TeachingTutor" WHERE ${where}`, tag),
    programmes: count(db, `SELECT count(*) AS n FROM "TeachingProgramme" WHERE ${where}`, tag),
    audited: count(
      db,
      `SELECT count(*) AS n FROM "AuditEvent" WHERE "entityType" = 'teaching' AND "entityId" IN (SELECT "id" FROM "TeachingSession" WHERE "title" = ?)`,
      tag,
    ),
  }));
}

beforeAll(() => {
  const db = openDatabase(database.file);
  db.pragma("journal_mode = WAL");
  db.close();
});
afterAll(() => database.dispose());

describe("killed in the middle of a transaction (SIGKILL)", () => {
  it(`a ${ROWS}-row resident import leaves all its rows or none, and runs again to completion`, async () => {
    const pending: Array<{ tag: string; id: string }> = [];
    const moments: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const tag = `imp${attempt}`;
      const run = work(["import", tag, String(ROWS)]);
      const id = (await run.line(/^import /)).slice("import ".length);
      const walBefore = walSize(); // the upload committed, the transaction not begun
      // One of the twelve progress steps inside applyImport's transaction (six while checking, six while
      // writing: the first attempt while checking, the others early and late while writing), then up to
      // 40 ms more.
      const at = await run.line(/^under way /, [random(5), 6 + random(2), 9 + random(2)][attempt]);
      const delay = random(40);
      await sleep(delay);
      const { signal } = await run.kill();
      const walAfter = walSize();
      const last = run.lines
        .filter((l) => l.startsWith("under way "))
        .at(-1)!
        .slice("under way ".length);
      moments.push(
        `${at.slice("under way ".length)} + ${delay} ms (last seen: ${run.lines.includes("done") ? "done" : last}; WAL ${walBefore} → ${walAfter} bytes)`,
      );
      expect(signal).toBe("SIGKILL");

      const state = importState(tag, id);
      const none = { users: 0, residents: 0, audited: 0, applied: false };
      const all = { users: ROWS, residents: ROWS, audited: ROWS, applied: true };
      expect([none, all]).toContainEqual(state);
      if (!state.applied) pending.push({ tag, id });
    }
    console.log(`import killed at: ${moments.join("; ")}; left nothing ${pending.length} times of 3`);
    expect(pending.length).toBeGreaterThan(0);

    const again = work(["apply", ...pending.map((p) => p.id)]);
    expect(await again.exited, again.errors()).toEqual({ code: 0, signal: null });
    for (const { tag, id } of pending) expect(importState(tag, id)).toEqual({ users: ROWS, residents: ROWS, audited: ROWS, applied: true });
  }, 60_000);

  it(`a weekly series of ${SERIES} teaching sessions leaves all of them or none, and runs again to completion`, async () => {
    const pending: string[] = [];
    const moments: string[] = [];
    const probe = openDatabase(database.file, { timeout: 0 });
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const tag = `Series ${attempt}`;
        const run = work(["series", tag]);
        await run.line(/^ready$/);
        // createTeaching has no progress to report: its transaction is under way once SQLite's write lock
        // is taken (BEGIN IMMEDIATE), which another connection sees as SQLITE_BUSY.
        for (;;) {
          try {
            probe.exec("BEGIN IMMEDIATE");
            probe.exec("COMMIT");
          } catch (error) {
            if ((error as { code?: string }).code === "SQLITE_BUSY") break;
            throw error;
          }
          if (run.lines.includes("done")) throw new Error("the series was written before its transaction was seen");
          await sleep(1);
        }
        const delay = random(100);
        await sleep(delay);
        await run.kill();
        moments.push(`${delay} ms into it${run.lines.includes("done") ? " (already done)" : ""}`);

        const state = seriesState(tag);
        expect([
          { sessions: 0, tutors: 0, programmes: 0, audited: 0 },
          { sessions: SERIES, tutors: SERIES, programmes: SERIES, audited: SERIES },
        ]).toContainEqual(state);
        if (state.sessions === 0) pending.push(tag);
      }
    } finally {
      probe.close();
    }
    console.log(`series killed at: ${moments.join("; ")}; left nothing ${pending.length} times of 3`);
    expect(pending.length).toBeGreaterThan(0);

    const again = work(["series", ...pending]);
    expect(await again.exited, again.errors()).toEqual({ code: 0, signal: null });
    for (const tag of pending) expect(seriesState(tag)).toEqual({ sessions: SERIES, tutors: SERIES, programmes: SERIES, audited: SERIES });
  }, 60_000);

  it("leaves the audit chain whole", async () => {
    const result = await verifyAuditLog({ db: database.client as unknown as typeof prisma });
    expect(result.ok).toBe(true);
  });
});
