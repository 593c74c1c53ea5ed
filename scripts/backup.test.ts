import { execFile, execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresClient } from "~/generated/prisma-postgres/client";
import { recordAudit, verifyAuditLog } from "~/models/audit.server";
import type { prisma } from "~/utils/db.server";
import { portalPostgresAdapter } from "~/utils/postgres-adapter.server";
import { portalAdapter } from "~/utils/sqlite-adapter.server";
import { clientOf, temporaryDatabase } from "../test/temp-db";
import { TEST_DATABASE, testDatabaseName, testDatabasePrefix } from "../test/test-database";
import { backupsDirectory } from "./backups";
import { databaseUrl, dropDatabase, recreateDatabase, withPgClient } from "./pg-databases.js";
import { checkConsistency, openDatabase } from "./sqlite-file";

/**
 * The real commands, `npx tsx scripts/backup.ts` and `npx tsx scripts/restore.ts`, on databases of their
 * own, on SQLite (a file) or PostgreSQL (PORTAL_TEST_DATABASE=postgres: a pg_dump archive): a backup taken
 * while another process commits a row every millisecond, restored elsewhere; a restore over a database
 * with other rows; and backups the restore must refuse without touching the live database.
 */
const sqlite = TEST_DATABASE === "sqlite";
const live = await temporaryDatabase("backup-live");
const target = await temporaryDatabase("backup-target");
// The commands run here: on PostgreSQL their data folder (backups, safety copies) is ./data, this one's.
const work = path.resolve(process.env.PORTAL_TEST_DIR ?? "data/test", `backup-${process.pid}`);
mkdirSync(work, { recursive: true });
const targetBackups = sqlite ? backupsDirectory(target.url) : path.join(work, "data", "backups");
const copy = path.join(work, `backup-copy${sqlite ? ".db" : ".dump"}`);
const databases: string[] = [];
let writer: ChildProcess | undefined;

const run = promisify(execFile);
function command(script: string, args: string[], url: string) {
  const result = spawnSync("npx", ["tsx", path.resolve("scripts", script), ...args], {
    cwd: work,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// ─── The test's own connections, as another process would have ───────────────────────────────────

async function rows<Row>(url: string, sql: string): Promise<Row[]> {
  if (sqlite) {
    const db = openDatabase(url.replace(/^file:/, ""), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all() as Row[];
    } finally {
      db.close();
    }
  }
  return withPgClient(url, async (client) => (await client.query(sql)).rows as Row[]);
}

async function exec(url: string, sql: string): Promise<void> {
  if (sqlite) {
    const db = openDatabase(url.replace(/^file:/, ""));
    db.exec(sql);
    db.close();
  } else await rows(url, sql);
}

/** A client as a running server's, whose transactions take their turns as the app's do (db.server.ts). */
function serverClient(url: string): PrismaClient {
  return sqlite
    ? new PrismaClient({ adapter: portalAdapter(new PrismaBetterSQLite3({ url })) })
    : (new PostgresClient({ adapter: portalPostgresAdapter(new PrismaPg({ connectionString: url, max: 2 })) }) as unknown as PrismaClient);
}

/** The numbers of the rows the writer committed, ascending. */
async function numbersIn(url: string): Promise<number[]> {
  const found = await rows<{ value: string }>(url, `SELECT "value" FROM "Setting" WHERE "key" LIKE 'n-%'`);
  return found.map((r) => Number(r.value)).sort((a, b) => a - b);
}

/** Every row of every table, whatever order they are stored in. */
async function contentOf(url: string): Promise<string> {
  const tables = await rows<{ name: string }>(
    url,
    sqlite
      ? `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`
      : `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const hash = createHash("sha256");
  for (const { name } of tables) {
    const lines = (await rows(url, `SELECT * FROM "${name}"`)).map((row) => JSON.stringify(row)).sort();
    hash.update(`${name}\n${lines.join("\n")}\n`);
  }
  return hash.digest("hex");
}

/** SQLite: every byte of the file and its WAL. PostgreSQL: every row. Unchanged means untouched. */
async function fingerprint(): Promise<string> {
  if (!sqlite) return contentOf(target.url);
  const hash = createHash("sha256");
  for (const suffix of ["", "-wal"]) if (existsSync(target.file + suffix)) hash.update(readFileSync(target.file + suffix));
  return hash.digest("hex");
}

/** A database holding what `file` holds: SQLite's file itself; a new PostgreSQL database the archive is restored into. */
async function databaseOf(file: string): Promise<string> {
  if (sqlite) return `file:${file}`;
  const name = testDatabaseName(`backup_${databases.length}_${process.pid}`);
  databases.push(name);
  await recreateDatabase(name);
  execFileSync("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", `--dbname=${databaseUrl(name)}`, file], {
    stdio: "pipe",
  });
  return databaseUrl(name);
}

/** A backup made from another database: SQLite's file as it is; PostgreSQL's with pg_dump. */
async function backupOf(url: string, file: string): Promise<void> {
  if (sqlite) copyFileSync(url.replace(/^file:/, ""), file);
  else execFileSync("pg_dump", ["--format=custom", `--file=${file}`, `--dbname=${url}`], { stdio: "pipe" });
}

/** The copy, changed by `sql`: a backup as it would be had the database been so. */
async function changedCopy(name: string, sql: string): Promise<string> {
  const file = path.join(work, `backup-${name}${path.extname(copy)}`);
  if (sqlite) copyFileSync(copy, file);
  const url = await databaseOf(sqlite ? file : copy);
  await exec(url, sql);
  if (!sqlite) await backupOf(url, file);
  return file;
}

/** The copy, its bytes changed by `damage`. */
function damagedCopy(name: string, damage: (file: string) => void): string {
  const file = path.join(work, `backup-${name}${path.extname(copy)}`);
  copyFileSync(copy, file);
  damage(file);
  return file;
}

// Commits one Setting row after another (numbered 1, 2, 3…) and prints each number once committed.
const WRITER = sqlite
  ? `
const Database = require("better-sqlite3");
const db = new Database(process.env.WRITER_DB.replace(/^file:/, ""), { timeout: 5000 });
db.pragma("synchronous = NORMAL");
const insert = db.prepare('INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (?, ?, ?)');
let n = 0;
(function next() {
  n += 1;
  insert.run("n-" + String(n).padStart(8, "0"), String(n), Date.now());
  process.stdout.write(n + "\\n");
  setTimeout(next, 1);
})();
`
  : `
const pg = require("pg");
const client = new pg.Client({ connectionString: process.env.WRITER_DB });
let n = 0;
client.connect().then(async function next() {
  n += 1;
  await client.query('INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES ($1, $2, now())', ["n-" + String(n).padStart(8, "0"), String(n)]);
  process.stdout.write(n + "\\n");
  setTimeout(next, 1);
});
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
  // Rows enough that the copy takes a while (SQLite: about 20 MB, in the server's journal mode; PostgreSQL:
  // about 5 MB of text that does not compress to nothing, so the archive's middle is rows).
  if (sqlite) {
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
  } else {
    await exec(
      live.url,
      `INSERT INTO "Setting" ("key", "value", "updatedAt")
         SELECT 'fill-' || i, (SELECT string_agg(md5(i || '-' || j), '') FROM generate_series(1, 300) j), now() FROM generate_series(1, 500) i`,
    );
  }
  await target.client.$disconnect();
  // The target has rows of its own, which the restore must not leave.
  await exec(target.url, `INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES ('target-only', 'mine', CURRENT_TIMESTAMP)`);
}, 120_000);

afterAll(async () => {
  writer?.kill();
  await Promise.all([live.dispose(), target.dispose(), ...databases.map((name) => dropDatabase(name))]);
  rmSync(work, { recursive: true, force: true });
  if (sqlite) rmSync(targetBackups, { recursive: true, force: true });
});

describe("npm run backup, then npm run restore", () => {
  it("copies every row committed before the backup began, consistently, while another process keeps writing", async () => {
    let committed = 0;
    writer = spawn(process.execPath, ["-e", WRITER], {
      env: { ...process.env, WRITER_DB: live.url },
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
    const backup = await run("npx", ["tsx", path.resolve("scripts/backup.ts"), "--out", copy], {
      cwd: work,
      env: { ...process.env, DATABASE_URL: live.url },
      encoding: "utf8",
      timeout: 60_000,
    });
    const after = committed;
    writer.kill();
    await new Promise((resolve) => writer!.once("exit", resolve));

    expect(backup.stdout).toContain(`Backup written: ${copy}`);
    expect(backup.stdout).toMatch(sqlite ? /integrity_check ok, foreign keys ok/ : /pg_restore read it whole/);
    expect(backup.stdout).toMatch(/rows: User 1, .*AuditEvent 5/);
    expect(after).toBeGreaterThan(before); // the writer kept committing while the backup ran

    // A connection open on the target throughout, as a running server's would be.
    const server = sqlite ? openDatabase(target.file) : new pg.Client({ connectionString: target.url });
    if (server instanceof pg.Client) await server.connect();
    const rowsSeen = async () => {
      const sql = `SELECT count(*) AS n FROM "Setting" WHERE "key" LIKE 'n-%'`;
      const n =
        server instanceof pg.Client ? (await server.query<{ n: string }>(sql)).rows[0]!.n : (server.prepare(sql).get() as { n: number }).n;
      return Number(n);
    };
    expect(await rowsSeen()).toBe(0);
    const restore = command("restore.ts", [copy], target.url);
    expect(restore.output).toMatch(
      sqlite
        ? /integrity ok, foreign keys ok, \d+ migrations all known, audit chain verified \(5 events\)/
        : /read whole, restored into a scratch database with every constraint, \d+ migrations all known, audit chain verified \(5 events\)/,
    );
    expect(restore.output).toMatch(/Safety copy of the live database: .*before-restore-/);
    expect(restore.output).toMatch(/Restored .* into the live database/);
    expect(restore.status).toBe(0);

    // A snapshot of one instant: rows 1…K with no gap, K at least the last committed before the backup began.
    const numbers = await numbersIn(target.url);
    const last = numbers.at(-1)!;
    expect(last).toBeGreaterThanOrEqual(before);
    expect(last).toBeLessThanOrEqual(Math.max(...(await numbersIn(live.url))));
    expect(numbers).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(await rowsSeen()).toBe(last); // the open connection sees the restored data at its next statement
    if (server instanceof pg.Client) await server.end();
    else server.close();
    if (sqlite) {
      const restored = openDatabase(target.file, { readonly: true });
      expect(checkConsistency(restored)).toEqual({ ok: true });
      restored.close();
    }
    const checked = clientOf(target.url);
    expect(await verifyAuditLog({ db: checked as unknown as typeof prisma })).toMatchObject({ ok: true, count: 5 });
    await checked.$disconnect();
    console.log(`backup under writes: ${before} rows committed before it began, ${after} when it ended, ${last} in the copy`);
  }, 120_000);

  it("puts exactly the backup's rows in place of a database with other rows, and the portal goes on writing there", async () => {
    const backup = await contentOf(await databaseOf(copy));
    await exec(
      target.url,
      `DELETE FROM "Setting" WHERE "key" IN ('n-00000001', 'fill-7');
       UPDATE "Setting" SET "value" = 'changed' WHERE "key" = 'n-00000002';
       INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES ('target-only', 'mine', CURRENT_TIMESTAMP)`,
    );
    expect(await contentOf(target.url)).not.toBe(backup);
    const copiesBefore = readdirSync(targetBackups).length;

    const { status, output } = command("restore.ts", [copy], target.url);
    expect(output).toMatch(/Restored .* into the live database/);
    expect(status).toBe(0);
    expect(await contentOf(target.url)).toBe(backup);
    expect(readdirSync(targetBackups).length).toBe(copiesBefore + 1); // the safety copy

    // The chain goes on from the restored head: the next event is the sixth, and the whole chain verifies.
    const client = clientOf(target.url);
    const db = client as unknown as typeof prisma;
    await db.$transaction((tx) =>
      recordAudit(tx, { actorId: null, action: "update", entityType: "setting", entityId: "after", before: { v: 1 }, after: { v: 2 } }),
    );
    expect(await verifyAuditLog({ db })).toMatchObject({ ok: true, count: 6 });
    await client.$disconnect();
  }, 120_000);

  it("lets a running server's transactions wait for it, and go on after it with those committed after it kept", async () => {
    const server = serverClient(target.url);
    let running = true;
    const committed: number[] = [];
    const failures: string[] = [];
    const writing = (async () => {
      for (let n = 1; running; n++) {
        try {
          await server.$transaction((tx) =>
            tx.setting.create({ data: { key: `w-${String(n).padStart(8, "0")}`, value: String(n), updatedAt: new Date() } }),
          );
          committed.push(n);
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const commits = async (count: number) => {
      const from = committed.length;
      while (committed.length < from + count) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    await commits(5);

    const before = committed.length;
    const restore = await run("npx", ["tsx", path.resolve("scripts/restore.ts"), copy], {
      cwd: work,
      env: { ...process.env, DATABASE_URL: target.url },
      encoding: "utf8",
      timeout: 60_000,
    });
    const after = committed.length;
    await commits(5); // the same connections go on writing
    running = false;
    await writing;
    await server.$disconnect();

    expect(restore.stdout).toMatch(/Restored .* into the live database/);
    // A transaction kept waiting for its turn longer than Prisma's maxWait (2 s), or past SQLite's busy
    // timeout, is refused and the user may try again; no write fails otherwise, none is half done.
    expect(failures.filter((message) => !/Unable to start a transaction in the given time|database is locked/.test(message))).toEqual([]);
    // The restore replaced what the server wrote before it (the backup has none of it), and kept what came after.
    const kept = (await rows<{ key: string }>(target.url, `SELECT "key" FROM "Setting" WHERE "key" LIKE 'w-%'`))
      .map((row) => Number(row.key.slice(2)))
      .sort((a, b) => a - b);
    expect(kept).toEqual(committed.slice(committed.length - kept.length));
    expect(kept.length).toBeGreaterThanOrEqual(committed.length - after);
    expect(kept.length).toBeLessThanOrEqual(committed.length - before);
    console.log(
      `server writing during the restore: ${committed.length} commits, ${after - before} while it ran, ${kept.length} kept, ${failures.length} refused after waiting`,
    );
  }, 120_000);

  describe("restore refuses, and leaves the live database as it was", () => {
    const refused = async (file: string, message: RegExp) => {
      const liveBefore = await fingerprint();
      const copiesBefore = readdirSync(targetBackups).length;
      const { status, output } = command("restore.ts", [file], target.url);
      expect(output).toMatch(message);
      expect(output).toMatch(/The live database was not touched/);
      expect(status).toBe(1);
      expect(await fingerprint()).toBe(liveBefore);
      expect(readdirSync(targetBackups).length).toBe(copiesBefore);
      if (!sqlite) {
        // The scratch database the checks restored into is gone.
        const left = await rows<{ name: string }>(
          target.url,
          `SELECT datname AS name FROM pg_database WHERE starts_with(datname, '${testDatabasePrefix()}') AND datname LIKE '%restore_check%'`,
        );
        expect(left).toEqual([]);
      }
    };

    it(
      sqlite ? "a file that is not SQLite" : "a file that is not a pg_dump archive",
      async () => {
        const file = damagedCopy("text", (file) => writeFileSync(file, "name,email\nAda,ada@example.test\n"));
        await refused(file, sqlite ? /is not a SQLite database/ : /is not a pg_dump archive/);
      },
      60_000,
    );

    it("a copy cut short", async () => {
      const file = damagedCopy("truncated", (file) => {
        const bytes = readFileSync(file);
        writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
      });
      await refused(file, sqlite ? /is truncated/ : /is damaged: pg_restore cannot read it whole/);
    }, 60_000);

    it(
      sqlite ? "a copy with damaged pages" : "a copy with damaged bytes",
      async () => {
        const file = damagedCopy("corrupted", (file) => {
          const fd = openSync(file, "r+");
          if (sqlite) {
            // Pages in the middle of the file (rows, not the schema): SQLite opens it, integrity_check finds them.
            const middle = Math.floor(readFileSync(file).length / 4096 / 2);
            for (const page of [middle, middle + 7, middle + 50]) writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, page * 4096);
          } else {
            // Bytes in the middle of the archive (compressed rows): pg_restore --list still reads its table of contents.
            const middle = Math.floor(readFileSync(file).length / 2);
            writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, middle);
          }
          closeSync(fd);
        });
        await refused(file, sqlite ? /integrity_check failed|SQLite cannot read it/ : /is damaged: pg_restore cannot read it whole/);
      },
      60_000,
    );

    it("a backup of another database (no Residency Portal tables)", async () => {
      const file = path.join(work, `backup-foreign${path.extname(copy)}`);
      const url = sqlite ? `file:${file}` : databaseUrl(testDatabaseName(`backup_foreign_${process.pid}`));
      if (!sqlite) {
        databases.push(testDatabaseName(`backup_foreign_${process.pid}`));
        await recreateDatabase(testDatabaseName(`backup_foreign_${process.pid}`));
      }
      await exec(url, `CREATE TABLE invoices (id INTEGER PRIMARY KEY, total NUMERIC); INSERT INTO invoices VALUES (1, 12.5), (2, 99);`);
      if (!sqlite) await backupOf(url, file);
      await refused(file, /has no _prisma_migrations table: it is not a Residency Portal database/);
    }, 60_000);

    it("a backup from a newer version (a migration this one does not know)", async () => {
      const file = await changedCopy(
        "newer",
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "finished_at", "applied_steps_count") VALUES ('x', 'x', '29990101000000_from_the_future', '2999-01-01T00:00:00.000+00:00', '2999-01-01T00:00:00.000+00:00', 1)`,
      );
      await refused(file, /newer or different version: migrations 29990101000000_from_the_future/);
    }, 60_000);

    it("a backup whose audit log was altered", async () => {
      const file = await changedCopy("tampered", `UPDATE "AuditEvent" SET "changes" = '{"v":[2,99]}' WHERE "id" = 2`);
      await refused(file, /audit log does not verify \(altered at event 2\)/);
    }, 60_000);
  });
});
