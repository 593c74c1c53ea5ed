import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { storedDate } from "~/utils/sql-dialect.server";
import { MAX_BIND_VALUES } from "~/utils/sqlite-adapter.server";
import { insertRecords } from "./bulk.server";

describe("rows written out in multi-row INSERTs", () => {
  it("read back through Prisma as its own rows do: dates equal, compared and ordered, booleans, nulls", async () => {
    const user = await prisma.user.create({ data: { email: `i-${randomUUID()}@example.test`, name: "Inserted" } });
    const now = new Date("2031-03-29T00:30:00.123Z");
    const later = new Date(now.getTime() + 1);
    await prisma.notification.create({
      data: {
        userId: user.id,
        kind: "logbook-waiting",
        category: "logbook",
        params: "{}",
        link: "/a",
        delivery: "daily",
        createdAt: later,
      },
    });
    await prisma.$transaction((tx) =>
      insertRecords(tx, "Notification", [
        {
          userId: user.id,
          kind: "logbook-waiting",
          category: "logbook",
          params: '{"count":2}',
          link: "/b",
          delivery: "immediate",
          mailedAt: now,
          readAt: null,
          createdAt: now,
        },
      ]),
    );
    const rows = await prisma.notification.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((row) => row.link)).toEqual(["/b", "/a"]);
    expect(rows[0]).toMatchObject({ mailedAt: now, readAt: null, createdAt: now, params: '{"count":2}' });
    expect(await prisma.notification.count({ where: { userId: user.id, createdAt: now } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: user.id, createdAt: { lt: later } } })).toBe(1);

    await prisma.$transaction((tx) =>
      insertRecords(tx, "OutboxMessage", [
        {
          messageId: `${randomUUID()}@x`,
          userId: user.id,
          to: user.email,
          locale: "it",
          category: "logbook",
          payload: "{}",
          secret: true,
          status: "queued",
          attempts: 0,
          nextAttemptAt: now,
          lastError: null,
          refused: false,
          sentAt: null,
          failedAt: null,
          createdAt: now,
        },
      ]),
    );
    expect(await prisma.outboxMessage.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({
      secret: true,
      refused: false,
      nextAttemptAt: now,
    });
    expect(storedDate(now)).toBe("2031-03-29T00:30:00.123+00:00");
  });

  it("splits a write larger than one statement's bound values, and writes nothing on rollback", async () => {
    const user = await prisma.user.create({ data: { email: `j-${randomUUID()}@example.test`, name: "Many" } });
    const count = Math.ceil(MAX_BIND_VALUES / 9) + 10;
    const row = {
      userId: user.id,
      kind: "logbook-waiting",
      category: "logbook",
      params: "{}",
      link: "/",
      delivery: "portal",
      mailedAt: null,
      readAt: null,
      createdAt: new Date(),
    };
    expect(
      await prisma.$transaction((tx) =>
        insertRecords(
          tx,
          "Notification",
          Array.from({ length: count }, () => row),
        ),
      ),
    ).toBe(count);
    expect(await prisma.notification.count({ where: { userId: user.id } })).toBe(count);
    await expect(
      prisma.$transaction(async (tx) => {
        await insertRecords(tx, "Notification", [row]);
        throw new Error("the cause failed");
      }),
    ).rejects.toThrow("the cause failed");
    expect(await prisma.notification.count({ where: { userId: user.id } })).toBe(count);
  });
});
