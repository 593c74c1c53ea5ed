import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { eventHash, GENESIS_HASH } from "~/domain/audit-chain";
import { prisma } from "~/utils/db.server";
import { sealAuditLog, SealRefusedError } from "../../scripts/audit-seal";
import { refused } from "../../test/refused";
import { temporaryDatabase } from "../../test/temp-db";
import { fromTwoServers, on, TWO_SERVERS_TIMEOUT } from "../../test/two-servers";
import { createDepartment } from "./department.server";
import { appendAuditEvents, AuditChainError, readAuditHead, recordAudit, verifyAuditLog, type AuditAppend } from "./audit.server";

type Client = typeof prisma;

const change = (entityId: string, note: string) => ({
  actorId: null,
  action: "update",
  entityType: "rotation" as const,
  entityId,
  before: { notes: null },
  after: { notes: note },
});

async function eventsAfter(db: Client, id: number) {
  return db.auditEvent.findMany({ where: { id: { gt: id } }, orderBy: { id: "asc" } });
}

const temporary: Array<{ dispose: () => Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((t) => t.dispose()));
});
async function ownDatabase(name: string) {
  const db = await temporaryDatabase(name);
  temporary.push(db);
  return db.client as unknown as Client;
}

describe("recordAudit on the hash chain", () => {
  it("numbers each event after the head, links it to the one before and moves the head", async () => {
    const entityId = randomUUID();
    const start = (await readAuditHead()) ?? { lastId: 0, lastHash: GENESIS_HASH };
    for (const note of ["a", "b", "c"]) await prisma.$transaction((tx) => recordAudit(tx, change(entityId, note)));
    const events = await eventsAfter(prisma, start.lastId);
    expect(events.map((e) => e.id)).toEqual([start.lastId + 1, start.lastId + 2, start.lastId + 3]);
    let prev = start.lastHash;
    for (const event of events) {
      expect(event.prevHash).toBe(prev);
      expect(event.hash).toBe(eventHash(event, prev));
      prev = event.hash!;
    }
    expect(await readAuditHead()).toEqual({ lastId: start.lastId + 3, lastHash: prev });
    expect(await verifyAuditLog()).toMatchObject({ ok: true, lastHash: prev });
  });

  it("leaves the chain and its head as they were when the transaction rolls back, and writes nothing for an update that changes nothing", async () => {
    const before = await readAuditHead();
    await expect(
      prisma.$transaction(async (tx) => {
        await recordAudit(tx, change(randomUUID(), "lost"));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await prisma.$transaction((tx) => recordAudit(tx, { ...change(randomUUID(), "x"), before: { notes: "x" } }));
    expect(await readAuditHead()).toEqual(before);
    await prisma.$transaction((tx) => recordAudit(tx, change(randomUUID(), "kept")));
    expect((await readAuditHead())?.lastId).toBe((before?.lastId ?? 0) + 1);
    expect((await verifyAuditLog()).ok).toBe(true);
  });

  it("keeps one chain when twenty transactions append at once", async () => {
    const start = (await readAuditHead()) ?? { lastId: 0, lastHash: GENESIS_HASH };
    const entityId = randomUUID();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        prisma.$transaction(async (tx) => {
          await tx.user.findFirst({ select: { id: true } });
          await recordAudit(tx, change(entityId, `concurrent ${i}`));
        }),
      ),
    );
    const events = await eventsAfter(prisma, start.lastId);
    expect(events.map((e) => e.id)).toEqual(Array.from({ length: 20 }, (_, i) => start.lastId + 1 + i));
    expect(new Set(events.map((e) => e.changes)).size).toBe(20);
    expect(await verifyAuditLog({ batch: 7 })).toMatchObject({ ok: true });
  });

  it(
    "keeps one chain when two servers write audited changes at the same moment, and a name taken once",
    async () => {
      const start = (await readAuditHead()) ?? { lastId: 0, lastHash: GENESIS_HASH };
      const tag = randomUUID().slice(0, 8);
      const admin = await prisma.user.create({ data: { email: `chain-${tag}@example.test`, name: "Admin" } });
      const department = (name: string) =>
        on("~/models/department.server", createDepartment, { name, capacity: 2, tutorIds: [] }, admin.id);
      for (let round = 0; round < 10; round++) {
        const outcomes = await fromTwoServers(department(`Chain ${tag} ${round} a`), department(`Chain ${tag} ${round} b`));
        expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled"]);
      }
      // The same name from both: one department, and the other administrator is told the name is taken.
      const same = await fromTwoServers(department(`Chain ${tag} same`), department(`Chain ${tag} same`));
      expect(same.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(same.find((o) => o.status === "rejected")).toMatchObject({ reason: refused("name", "departments.nameTaken") });
      const events = await eventsAfter(prisma, start.lastId);
      expect(events.map((e) => e.id)).toEqual(Array.from({ length: 21 }, (_, i) => start.lastId + 1 + i));
      expect(await prisma.department.count({ where: { name: { startsWith: `Chain ${tag}` } } })).toBe(21);
      expect(await verifyAuditLog({ batch: 7 })).toMatchObject({ ok: true });
    },
    TWO_SERVERS_TIMEOUT,
  );

  it("appends many events in bulk with one move of the head, hashed as one by one would be", async () => {
    const start = (await readAuditHead()) ?? { lastId: 0, lastHash: GENESIS_HASH };
    const at = new Date("2026-03-02T08:30:00.250Z");
    const events: AuditAppend[] = Array.from({ length: 1500 }, (_, i) => ({
      at,
      actorId: null,
      action: "import",
      entityType: "resident",
      entityId: `bulk-${i}`,
      changes: JSON.stringify({ yearOfTraining: [null, 1 + (i % 5)], name: [null, `Nome "${i}"\u00e8`] }),
    }));
    await prisma.$transaction((tx) => appendAuditEvents(tx, events));
    const written = await eventsAfter(prisma, start.lastId);
    expect(written).toHaveLength(1500);
    expect(written[0]).toMatchObject({ id: start.lastId + 1, prevHash: start.lastHash, at, entityId: "bulk-0" });
    expect(written.at(-1)).toMatchObject({ id: start.lastId + 1500, entityId: "bulk-1499" });
    expect(await readAuditHead()).toEqual({ lastId: start.lastId + 1500, lastHash: written.at(-1)!.hash });
    const result = await verifyAuditLog({ batch: 400 });
    expect(result).toMatchObject({ ok: true, lastHash: written.at(-1)!.hash });
  });

  it("refuses to write when events exist but the head is gone, and names the problem on verification", async () => {
    const db = await ownDatabase("audit-headless");
    await db.$transaction((tx) => recordAudit(tx, change("r1", "one")));
    await db.$transaction((tx) => recordAudit(tx, change("r1", "two")));
    await db.$executeRawUnsafe(`DELETE FROM "AuditHead"`);
    await expect(db.$transaction((tx) => recordAudit(tx, change("r1", "three")))).rejects.toBeInstanceOf(AuditChainError);
    expect(await verifyAuditLog({ db })).toMatchObject({ ok: false, problem: { kind: "truncated", eventId: 2 } });
  });

  it("names the last event when it is deleted from the database, through the head", async () => {
    const db = await ownDatabase("audit-truncated");
    for (const note of ["a", "b", "c", "d"]) await db.$transaction((tx) => recordAudit(tx, change("r1", note)));
    await db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = 4`);
    expect(await verifyAuditLog({ db, batch: 2 })).toMatchObject({
      ok: false,
      count: 3,
      problem: { kind: "truncated", eventId: 4 },
      event: null,
    });
  });

  it("follows events appended while it walks, and names the ones the head does not know of", async () => {
    const db = await ownDatabase("audit-walk");
    for (const note of ["a", "b", "c"]) await db.$transaction((tx) => recordAudit(tx, change("r1", note)));
    expect(await verifyAuditLog({ db, batch: 2 })).toEqual({ ok: true, count: 3, lastHash: (await readAuditHead(db))!.lastHash });
    // A forged fourth event, hashed properly, but the head left at the third.
    const third = (await db.auditEvent.findUniqueOrThrow({ where: { id: 3 } })).hash!;
    const forged = { id: 4, at: new Date(), actorId: null, action: "delete", entityType: "rotation", entityId: "r1", changes: "{}" };
    await db.auditEvent.create({ data: { ...forged, prevHash: third, hash: eventHash(forged, third) } });
    const result = await verifyAuditLog({ db, batch: 2 });
    expect(result).toMatchObject({
      ok: false,
      count: 3,
      problem: { kind: "removed-or-inserted", eventId: 4 },
      event: { id: 4, action: "delete" },
    });
  });
});

describe("sealing events written before the chain", () => {
  async function legacyLog(db: Client, count: number) {
    for (let i = 0; i < count; i++) await db.$transaction((tx) => recordAudit(tx, change(`legacy-${i % 4}`, `note ${i}`)));
    await db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "hash" = NULL, "prevHash" = NULL`);
    await db.$executeRawUnsafe(`DELETE FROM "AuditHead"`);
  }

  it("seals them once, in id order, so that the chain verifies and new events follow", async () => {
    const db = await ownDatabase("audit-seal");
    await legacyLog(db, 25);
    await db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = 10`); // an old gap in the ids is kept as it is
    expect(await verifyAuditLog({ db })).toMatchObject({ ok: false, problem: { kind: "unsealed", eventId: 1 } });
    await expect(db.$transaction((tx) => recordAudit(tx, change("new", "refused")))).rejects.toThrow(/audit:seal/);

    const sealed = await sealAuditLog(db, 7);
    expect(sealed).toMatchObject({ sealed: 24, lastId: 25 });
    expect(await verifyAuditLog({ db })).toEqual({ ok: true, count: 24, lastHash: sealed.lastHash });
    expect(await sealAuditLog(db)).toEqual({ sealed: 0, lastId: 25, lastHash: sealed.lastHash });

    await db.$transaction((tx) => recordAudit(tx, change("new", "after the seal")));
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: 26 } })).toMatchObject({ prevHash: sealed.lastHash });
    expect(await verifyAuditLog({ db })).toMatchObject({ ok: true, count: 25 });
  });

  it("extends a sealed chain with events an older version wrote after it", async () => {
    const db = await ownDatabase("audit-seal-tail");
    for (let i = 0; i < 3; i++) await db.$transaction((tx) => recordAudit(tx, change("r", `sealed ${i}`)));
    await db.auditEvent.create({ data: { id: 4, actorId: null, action: "update", entityType: "rotation", entityId: "r", changes: "{}" } });
    expect(await sealAuditLog(db)).toMatchObject({ sealed: 1, lastId: 4 });
    expect(await verifyAuditLog({ db })).toMatchObject({ ok: true, count: 4 });
  });

  it("refuses when sealed events follow unsealed ones, or the head does not stand at the last sealed event", async () => {
    const db = await ownDatabase("audit-seal-refused");
    await legacyLog(db, 3);
    await db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "hash" = 'f', "prevHash" = 'e' WHERE "id" = 3`);
    await expect(sealAuditLog(db)).rejects.toBeInstanceOf(SealRefusedError);
    expect(await db.auditEvent.count({ where: { hash: null } })).toBe(2);

    const other = await ownDatabase("audit-seal-headless");
    for (let i = 0; i < 3; i++) await other.$transaction((tx) => recordAudit(tx, change("r", `sealed ${i}`)));
    await other.$executeRawUnsafe(`DELETE FROM "AuditHead"`);
    await other.auditEvent.create({
      data: { id: 4, actorId: null, action: "update", entityType: "rotation", entityId: "r", changes: "{}" },
    });
    await expect(sealAuditLog(other)).rejects.toThrow(/head does not stand at event 3/);
  });
});
