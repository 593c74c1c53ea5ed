import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { describe, expect, it } from "vitest";
import { PrismaClient } from "~/generated/prisma/client";
import { prisma } from "./db.server";
import { databaseRevision, remembered } from "./read-cache.server";

describe("reads remembered until the database changes", () => {
  const key = `test-${process.pid}-${Math.random()}`;

  it("answers from memory while nothing is written, and computes again after a write on this connection", async () => {
    let computed = 0;
    const read = () => remembered(key, async () => ++computed);
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    await prisma.setting.upsert({ where: { key: `rc-${key}` }, create: { key: `rc-${key}`, value: "a" }, update: { value: "b" } });
    expect(await read()).toBe(2);
    expect(await read()).toBe(2);
  });

  it("computes again after another connection (a command-line tool, another process) commits", async () => {
    let computed = 0;
    const read = () => remembered(`${key}-other`, async () => ++computed);
    expect(await read()).toBe(1);
    const other = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! }) });
    try {
      await other.setting.create({ data: { key: `rc-other-${key}`, value: "x" } });
    } finally {
      await other.$disconnect();
    }
    expect(await read()).toBe(2);
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

  it("is not cleared by the bookkeeping of sessions and failed sign-ins", async () => {
    let computed = 0;
    const read = () => remembered(`${key}-books`, async () => ++computed);
    expect(await read()).toBe(1);
    await prisma.loginThrottle.upsert({
      where: { key: `rc-${key}` },
      create: { key: `rc-${key}`, failures: 1, lastFailureAt: new Date() },
      update: { failures: { increment: 1 } },
    });
    await prisma.session.updateMany({ where: { id: `none-${key}` }, data: { lastSeenAt: new Date() } });
    expect(await read()).toBe(1);
  });

  it("names the revision from SQLite's own counters", async () => {
    expect(await databaseRevision()).toMatch(/^\d+:\d+$/);
  });
});
