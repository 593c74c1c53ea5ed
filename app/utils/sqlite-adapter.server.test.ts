import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { prisma } from "./db.server";
import { ANY_TABLE, noteWrite, writesByTable } from "./statements.server";

const tag = `${process.pid}-${Date.now()}`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the portal's SQLite connection", () => {
  it("never shows a page what an open transaction has not committed", async () => {
    const key = `dirty-${tag}`;
    let seen: unknown = "not read";
    await prisma
      .$transaction(async (tx) => {
        await tx.setting.create({ data: { key, value: "uncommitted" } });
        // Another request reads while this transaction is open: it waits, and then finds nothing.
        void prisma.setting.findUnique({ where: { key } }).then((row) => (seen = row));
        await pause(30);
        expect(seen).toBe("not read");
        throw new Error("rolled back");
      })
      .catch((error: Error) => expect(error.message).toBe("rolled back"));
    await pause(10);
    expect(seen).toBeNull();
  });

  it("keeps another request's write out of an open transaction, so a rollback does not take it away", async () => {
    const mine = `mine-${tag}`;
    const theirs = `theirs-${tag}`;
    let written: Promise<unknown> = Promise.resolve();
    await prisma
      .$transaction(async (tx) => {
        await tx.setting.create({ data: { key: mine, value: "1" } });
        written = prisma.setting.create({ data: { key: theirs, value: "2" } });
        await pause(20);
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    await written;
    expect(await prisma.setting.findUnique({ where: { key: mine } })).toBeNull();
    expect(await prisma.setting.findUnique({ where: { key: theirs } })).toMatchObject({ value: "2" });
  });

  it("waits for another process's write lock instead of failing with 'database is locked'", async () => {
    const key = `locked-${tag}`;
    const file = process.env.DATABASE_URL!.replace(/^file:/, "");
    // Another process takes the write lock, writes a row and commits 300 ms later.
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `const db = new (require("better-sqlite3"))(process.argv[1]);
         db.exec("BEGIN IMMEDIATE");
         db.prepare("INSERT INTO Setting (key, value, updatedAt) VALUES (?, 'o', ?)").run(process.argv[2], new Date().toISOString());
         console.log("locked");
         setTimeout(() => { db.exec("COMMIT"); db.close(); }, 300);`,
        file,
        `${key}-other`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve) => holder.stdout.once("data", () => resolve()));
    // This transaction reads, then writes: it begins only once the other has committed, and so sees its row.
    await prisma.$transaction(async (tx) => {
      const before = await tx.setting.count({ where: { key: { startsWith: key } } });
      await tx.setting.create({ data: { key, value: String(before) } });
    });
    expect(await prisma.setting.findUnique({ where: { key } })).toMatchObject({ value: "1" });
    await new Promise((resolve) => holder.once("exit", resolve));
  });
});

describe("which statements count as writes, and to which table", () => {
  const counted = (sql: string) => {
    const before = writesByTable();
    noteWrite(sql);
    const after = writesByTable();
    return Object.keys(after).filter((table) => after[table] !== before[table]);
  };
  it("counts writes to data, whatever their form", () => {
    expect(counted("INSERT INTO `main`.`Rotation` (`id`) VALUES (?)")).toEqual(["Rotation"]);
    expect(counted('UPDATE "Resident" SET "stayEnd" = ?')).toEqual(["Resident"]);
    expect(counted("DELETE FROM Attendance WHERE sessionId = ?")).toEqual(["Attendance"]);
    expect(counted("INSERT OR REPLACE INTO AuditHead VALUES (1, ?, ?)")).toEqual(["AuditHead"]);
    expect(counted("WITH x AS (SELECT 1) UPDATE Setting SET value = 1")).toEqual([ANY_TABLE]);
  });
  it("does not count reads or transaction control", () => {
    expect(counted("SELECT `id` FROM `main`.`Rotation`")).toEqual([]);
    expect(counted("BEGIN IMMEDIATE")).toEqual([]);
    expect(counted("COMMIT")).toEqual([]);
  });
});
