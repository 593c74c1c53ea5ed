import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "~/models/audit.server";
import type { prisma } from "~/utils/db.server";
import { temporaryDatabase } from "../test/temp-db";
import { backupsDir, checkConsistency, openDatabase } from "./sqlite-file";

/**
 * The real commands, `npx tsx scripts/backup.ts` and `npx tsx scripts/restore.ts`, on databases of their
 * own: a backup taken while another process commits a row every millisecond, restored elsewhere; and
 * files the restore must refuse without touching the live database.
 */
const live = await temporaryDatabase("backup-live");
const target = await temporaryDatabase("backup-target");
const dir = path.dirname(live.file);
const copy = path.join(dir, `backup-copy-${process.pid}.db`);
const scratch: string[] = [copy];
let writer: ChildProcess | undefined;

const run = promisify(execFile);
function command(script: string, args: string[], url: string) {
  const result = spawnSync("npx", ["tsx", script, ...args], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Every byte of the database and its WAL: unchanged means untouched. */
function fingerprint(file: string) {
  const hash = createHash("sha256");
  for (const suffix of ["", "-wal"]) if (existsSync(file + suffix)) hash.update(readFileSync(file + suffix));
  return hash.digest("hex");
}

/** The numbers of the rows the writer committed, ascending. */
function numbersIn(file: string): number[] {
  const db = openDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare(`SELECT "value" FROM "Setting" WHERE "key" LIKE 'n-%'`).all() as Array<{ value: string }>;
    return rows.map((r) => Number(r.value)).sort((a, b) => a - b);
  } finally {
    db.close();
  }
}

// Commits one Setting row after another (numbered 1, 2, 3…) and prints each number once committed.
const WRITER = `
const Database = require("better-sqlite3");
const db = new Database(process.env.WRITER_DB, { timeout: 5000 });
db.pragma("synchronous = NORMAL");
const insert = db.prepare('INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (?, ?, ?)');
let n = 0;
(function next() {
  n += 1;
  insert.run("n-" + String(n).padStart(8, "0"), String(n), Date.now());
  process.stdout.write(n + "\\n");
  setTimeout(next, 1);
})();
`;

beforeAll(async () => {
  const db = live.client as unknown as typeof prisma;
  const actor = await db.user.create({ data: { email: "backup@example.test", name: "Backup" } });
  for (let i = 1; i <= 5; i++) {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actorId: actor.id,
        action: "update",
        entityType: "setting",
        entityId: `s-${i}`,
        before: { v: i },
        after: { v: i + 1 },
      }),
    );
  }
  await live.client.$disconnect();
  // The server's journal mode, and about 20 MB of rows, so the copy takes a while.
  const raw = openDatabase(live.file);
  raw.pragma("journal_mode = WAL");
  const fill = raw.prepare(`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (?, ?, ?)`);
  raw.exec("BEGIN");
  for (let i = 0; i < 2000; i++) fill.run(`fill-${i}`, "x".repeat(10_000), Date.now());
  raw.exec("COMMIT");
  raw.close();
  const other = openDatabase(target.file);
  other.pragma("journal_mode = WAL");
  other.close();
}, 60_000);

afterAll(async () => {
  writer?.kill();
  await Promise.all([live.dispose(), target.dispose()]);
  for (const file of scratch) for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  rmSync(backupsDir(target.file), { recursive: true, force: true });
});

describe("npm run backup, then npm run restore", () => {
  it("copies every row committed before the backup began, consistently, while another process keeps writing", async () => {
    let committed = 0;
    writer = spawn(process.execPath, ["-e", WRITER], {
      env: { ...process.env, WRITER_DB: live.file },
      stdio: ["ignore", "pipe", "inherit"],
    });
    writer.stdout!.setEncoding("utf8");
    let pending = "";
    writer.stdout!.on("data", (chunk: string) => {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line) committed = Number(line);
    });
    while (committed < 50) await new Promise((resolve) => setTimeout(resolve, 10));

    const before = committed;
    const backup = await run("npx", ["tsx", "scripts/backup.ts", "--out", copy], {
      env: { ...process.env, DATABASE_URL: live.url },
      encoding: "utf8",
      timeout: 60_000,
    });
    const after = committed;
    writer.kill();
    await new Promise((resolve) => writer!.once("exit", resolve));

    expect(backup.stdout).toContain(`Backup written: ${copy}`);
    expect(backup.stdout).toMatch(/integrity_check ok, foreign keys ok/);
    expect(after).toBeGreaterThan(before); // the writer kept committing while the backup ran

    // A connection open on the target throughout, as a running server's would be.
    const server = openDatabase(target.file);
    const rowsSeen = () => (server.prepare(`SELECT count(*) AS n FROM "Setting" WHERE "key" LIKE 'n-%'`).get() as { n: number }).n;
    expect(rowsSeen()).toBe(0);
    const restore = command("scripts/restore.ts", [copy], target.url);
    expect(restore.output).toMatch(/integrity ok, foreign keys ok, \d+ migrations all known, audit chain verified \(5 events\)/);
    expect(restore.output).toMatch(/Restored .* into /);
    expect(restore.status).toBe(0);

    // A snapshot of one instant: rows 1…K with no gap, K at least the last committed before the backup began.
    const numbers = numbersIn(target.file);
    const last = numbers.at(-1)!;
    expect(last).toBeGreaterThanOrEqual(before);
    expect(last).toBeLessThanOrEqual(Math.max(...numbersIn(live.file)));
    expect(numbers).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(rowsSeen()).toBe(last); // the open connection sees the restored data at its next statement
    server.close();
    const restored = openDatabase(target.file, { readonly: true });
    expect(checkConsistency(restored)).toEqual({ ok: true });
    restored.close();
    console.log(`backup under writes: ${before} rows committed before it began, ${after} when it ended, ${last} in the copy`);
  }, 120_000);

  describe("restore refuses, and leaves the live database as it was", () => {
    const refused = (file: string, message: RegExp) => {
      const liveBefore = fingerprint(target.file);
      const copiesBefore = existsSync(backupsDir(target.file)) ? readdirSync(backupsDir(target.file)).length : 0;
      const { status, output } = command("scripts/restore.ts", [file], target.url);
      expect(output).toMatch(message);
      expect(output).toMatch(/The live database was not touched/);
      expect(status).toBe(1);
      expect(fingerprint(target.file)).toBe(liveBefore);
      expect(readdirSync(backupsDir(target.file)).length).toBe(copiesBefore);
    };
    const variant = (name: string) => {
      const file = path.join(dir, `backup-${name}-${process.pid}.db`);
      scratch.push(file);
      copyFileSync(copy, file);
      return file;
    };

    it("a file that is not SQLite", () => {
      const file = variant("text");
      writeFileSync(file, "name,email\nAda,ada@example.test\n");
      refused(file, /is not a SQLite database/);
    }, 60_000);

    it("a copy cut short", () => {
      const file = variant("truncated");
      const bytes = readFileSync(file);
      writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
      refused(file, /is truncated/);
    }, 60_000);

    it("a copy with damaged pages", () => {
      const file = variant("corrupted");
      // Pages in the middle of the file (rows, not the schema): SQLite opens it, integrity_check finds them.
      const middle = Math.floor(readFileSync(file).length / 4096 / 2);
      const fd = openSync(file, "r+");
      for (const page of [middle, middle + 7, middle + 50]) writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, page * 4096);
      closeSync(fd);
      refused(file, /integrity_check failed|SQLite cannot read it/);
    }, 60_000);

    it("a backup from a newer version (a migration this one does not know)", () => {
      const file = variant("newer");
      const db = openDatabase(file);
      db.prepare(
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "finished_at", "applied_steps_count") VALUES ('x', 'x', '29990101000000_from_the_future', '2999-01-01T00:00:00.000+00:00', '2999-01-01T00:00:00.000+00:00', 1)`,
      ).run();
      db.close();
      refused(file, /newer or different version: migrations 29990101000000_from_the_future/);
    }, 60_000);

    it("a backup whose audit log was altered", () => {
      const file = variant("tampered");
      const db = openDatabase(file);
      db.prepare(`UPDATE "AuditEvent" SET "changes" = '{"v":[2,99]}' WHERE "id" = 2`).run();
      db.close();
      refused(file, /audit log does not verify \(altered at event 2\)/);
    }, 60_000);
  });
});
