import { describe, expect, it } from "vitest";
import { allTables, versionTriggerCount } from "../../test/catalog";
import { clientOf } from "../../test/temp-db";
import { prisma } from "./db.server";
import { remembered, tablesNamed, tableVersions } from "./read-cache.server";

describe("reads remembered until a table they read changes", () => {
  const key = `test-${process.pid}-${Math.random()}`;
  /** A remembered read of the settings' table, and how many times it was computed. */
  const settingsRead = (name: string) => {
    let computed = 0;
    const read = () =>
      remembered(`${key}-${name}`, async () => {
        await prisma.setting.findMany({ where: { key: "none" } });
        return ++computed;
      });
    return read;
  };
  const writeSetting = (value: string) =>
    prisma.setting.upsert({ where: { key: `rc-${key}` }, create: { key: `rc-${key}`, value }, update: { value } });

  it("answers from memory while its tables are unchanged, and computes again after a write to one of them", async () => {
    const read = settingsRead("own");
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    await writeSetting("a");
    expect(await read()).toBe(2);
    expect(await read()).toBe(2);
  });

  it("keeps what a write to another table cannot change: a logbook entry, a session, a failed sign-in", async () => {
    const read = settingsRead("others");
    expect(await read()).toBe(1);
    await prisma.loginThrottle.upsert({
      where: { key: `rc-${key}` },
      create: { key: `rc-${key}`, failures: 1, lastFailureAt: new Date() },
      update: { failures: { increment: 1 } },
    });
    await prisma.university.create({ data: { name: `Ateneo ${key}`, city: "Milano" } });
    expect(await read()).toBe(1);
  });

  it("computes again after another connection (a command-line tool, another process) commits to its table", async () => {
    const read = settingsRead("other");
    expect(await read()).toBe(1);
    const other = clientOf(process.env.DATABASE_URL!);
    try {
      await other.university.create({ data: { name: `Other ${key}`, city: "Milano" } });
      expect(await read()).toBe(1);
      await other.setting.create({ data: { key: `rc-other-${key}`, value: "x" } });
    } finally {
      await other.$disconnect();
    }
    expect(await read()).toBe(2);
  });

  it("counts as read what anyone sent while it computed, so that a shared statement is never missed", async () => {
    let computed = 0;
    let begun!: () => void;
    const computing = new Promise<void>((resolve) => (begun = resolve));
    const read = () =>
      remembered(`${key}-anyone`, async () => {
        begun();
        await new Promise((resolve) => setTimeout(resolve, 20));
        return ++computed;
      });
    // Another request's read of departments, sent while the computation waits.
    const [first] = await Promise.all([read(), computing.then(() => prisma.department.count())]);
    expect(first).toBe(1);
    await prisma.department.updateMany({ where: { id: "none" }, data: { name: "x" } });
    expect(await read()).toBe(1); // nothing written: no row changed
    const department = await prisma.department.create({ data: { name: `Reparto ${key}`, capacity: 1 } });
    expect(await read()).toBe(2);
    await prisma.department.delete({ where: { id: department.id } });
  });

  it("makes a read built on another remembered read depend on that read's tables too", async () => {
    const inner = settingsRead("inner");
    let outerComputed = 0;
    const outer = () =>
      remembered(`${key}-outer`, async () => {
        await inner();
        return ++outerComputed;
      });
    await inner(); // remembered already: the outer read sends no statement of its own for it
    expect(await outer()).toBe(1);
    expect(await outer()).toBe(1);
    await writeSetting("inner");
    expect(await outer()).toBe(2);
  });

  it("shares one computation between concurrent requests, and forgets a failed one", async () => {
    let computed = 0;
    const slow = () => remembered(`${key}-shared`, () => new Promise<number>((resolve) => setTimeout(() => resolve(++computed), 20)));
    expect(await Promise.all([slow(), slow(), slow()])).toEqual([1, 1, 1]);

    let attempts = 0;
    const failing = () => remembered(`${key}-failing`, async () => (++attempts === 1 ? Promise.reject(new Error("busy")) : attempts));
    await expect(failing()).rejects.toThrow("busy");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await failing()).toBe(2);
  });

  it("reads table names from statements however they are quoted", () => {
    const tables = new Set(["Rotation", "Resident", "Attendance", "Setting"]);
    expect(tablesNamed("SELECT `main`.`Rotation`.`id` FROM `main`.`Rotation` WHERE `residentId` = ?", tables)).toEqual(["Rotation"]);
    expect(tablesNamed('SELECT r."id" FROM "Resident" r JOIN Attendance a ON a.residentId = r.id', tables)).toEqual([
      "Resident",
      "Attendance",
    ]);
    expect(tablesNamed("SELECT settingValue FROM Settings", tables)).toEqual([]);
  });

  it("has a version for every table of the database, each moved by its writes alone", async () => {
    const versions = await tableVersions();
    // Not SQLite's own tables, nor FTS5's (the search index's counterpart on PostgreSQL is an index).
    const tables = (await allTables()).filter((name) => !/^(?:sqlite_|_prisma_migrations$|TableVersion$|PersonSearch(?:_|$))/.test(name));
    expect([...versions.keys()].sort()).toEqual(tables.sort());
    expect(await versionTriggerCount()).toBe(versions.size * 3);
    await writeSetting("moved");
    const after = await tableVersions();
    const moved = [...after].filter(([table, version]) => versions.get(table) !== version).map(([table]) => table);
    expect(moved).toContain("Setting");
    expect(moved).not.toContain("Rotation");
  });
});
