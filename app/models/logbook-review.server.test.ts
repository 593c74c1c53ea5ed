import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createCatalogue, createDepartment, createLogbookEntry, createResident, createUniversity } from "../../test/factories";
import { refused } from "../../test/refused";
import { fromTwoServers, on, TWO_SERVERS_TIMEOUT } from "../../test/two-servers";
import {
  certifyEntries,
  certifyMonth,
  correctEntry,
  pendingCount,
  reopenMonth,
  residentLogbookForAdmin,
  returnEntry,
  reviewQueue,
} from "./logbook-review.server";

const d = (iso: string) => parseIsoDate(iso)!;

/**
 * Two tutors of one department (one of them has left its staff), its head, a tutor of another
 * department, and two residents with entries waiting for each.
 */
async function world() {
  const tag = randomUUID().slice(0, 8);
  const person = (name: string, role = "tutor") =>
    prisma.user.create({ data: { email: `${name}-${tag}@example.test`, name: `${name} ${tag}`, roles: { create: { role } } } });
  const [tutor, left, head, stranger] = [await person("tutor"), await person("left"), await person("head"), await person("stranger")];
  const department = await createDepartment(`Oncologia ${tag}`, 4, [tutor.id, head.id]);
  await prisma.department.update({ where: { id: department.id }, data: { headId: head.id } });
  const other = await createDepartment(`Chirurgia ${tag}`, 4, [stranger.id]);
  const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "oncologia-medica" }] });
  const programmeId = university.programmes[0]!.id;
  const catalogue = await createCatalogue({
    programmeId,
    activities: [{ code: "visit", labelIt: "Prima visita", labelEn: "First visit", minimums: [] }],
  });
  const activityId = catalogue.activities[0]!.id;
  const resident = async (name: string) => {
    const user = await person(name, "resident");
    const record = await createResident({
      userId: user.id,
      programmeId,
      studentNumber: `${name}-${tag}`,
      stayStart: d("2025-01-01"),
      stayEnd: d("2027-12-31"),
    });
    await prisma.rotation.create({
      data: {
        residentId: record.id,
        departmentId: department.id,
        tutorId: tutor.id,
        startDate: d("2026-09-01"),
        endDate: d("2026-10-31"),
        state: "confirmed",
      },
    });
    return { ...record, name: user.name };
  };
  const anna = await resident("anna");
  const bruno = await resident("bruno");
  const entry = (who: { id: string }, date: string, tutorId: string, departmentId = department.id) =>
    createLogbookEntry({ residentId: who.id, activityId, departmentId, date: d(date), tutorId });
  const entries = {
    annaSep: await entry(anna, "2026-09-10", tutor.id),
    annaOct1: await entry(anna, "2026-10-01", tutor.id),
    annaOct2: await entry(anna, "2026-10-31", tutor.id),
    brunoLeft: await entry(bruno, "2026-09-15", left.id),
    elsewhere: await entry(bruno, "2026-11-02", stranger.id, other.id),
  };
  return { tag, tutor, left, head, stranger, anna, bruno, entries };
}

describe("the tutor's queue", () => {
  it("holds the entries naming the tutor, and for the head every entry of their department, grouped by resident and month", async () => {
    const w = await world();
    const mine = await reviewQueue(w.tutor.id);
    expect(mine.total).toBe(3);
    expect(mine.groups.map((g) => [g.name, g.months.map((m) => [m.month, m.entries.length])])).toEqual([
      [
        w.anna.name,
        [
          ["2026-09", 1],
          ["2026-10", 2],
        ],
      ],
    ]);
    const heads = await reviewQueue(w.head.id);
    expect(heads.total).toBe(4);
    const waitingForHead = heads.groups.find((g) => g.residentId === w.bruno.id)!.months[0]!.entries[0]!;
    expect(waitingForHead).toMatchObject({ id: w.entries.brunoLeft.id, tutorLeft: true });
    // The entry of 2 November lies after the rotation ended: flagged for review.
    const strangers = await reviewQueue(w.stranger.id);
    expect(strangers.groups[0]!.months[0]!.entries[0]).toMatchObject({ id: w.entries.elsewhere.id, outsideRotation: true });
    expect(await pendingCount(w.tutor.id)).toBe(3);
  });
});

describe("certifying", () => {
  it("certifies chosen entries and a whole month, locked, each with its audit event", async () => {
    const w = await world();
    expect(await certifyEntries(w.tutor.id, [w.entries.annaSep.id])).toEqual({ certified: 1 });
    expect(await certifyMonth(w.tutor.id, w.anna.id, "2026-10")).toEqual({ certified: 2 });
    const rows = await prisma.logbookEntry.findMany({ where: { residentId: w.anna.id }, select: { status: true, decidedById: true } });
    expect(rows.every((r) => r.status === "certified" && r.decidedById === w.tutor.id)).toBe(true);
    expect(await prisma.auditEvent.count({ where: { entityType: "logbookEntry", action: "certify", actorId: w.tutor.id } })).toBe(3);
    expect(await pendingCount(w.tutor.id)).toBe(0);
  });

  it("lets only the supervising tutor or the head decide; anyone else is told the entry does not exist", async () => {
    const w = await world();
    await expect(certifyEntries(w.stranger.id, [w.entries.annaSep.id])).rejects.toEqual(refused(null, "errors.notFound", 404));
    await expect(returnEntry(w.stranger.id, w.entries.annaSep.id, "No")).rejects.toEqual(refused(null, "errors.notFound", 404));
    expect(await certifyEntries(w.head.id, [w.entries.brunoLeft.id])).toEqual({ certified: 1 });
  });

  it(
    "when two tutors certify the same entries at once on two servers, one wins and the other is told; nothing is counted twice",
    async () => {
      const w = await world();
      const ids = [w.entries.annaOct1.id, w.entries.annaOct2.id];
      const results = await fromTwoServers(
        on("~/models/logbook-review.server", certifyEntries, w.tutor.id, ids),
        on("~/models/logbook-review.server", certifyEntries, w.head.id, ids),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(failed.reason).toEqual(refused(null, "logbookReview.alreadyDecided"));
      expect(await prisma.auditEvent.count({ where: { entityType: "logbookEntry", action: "certify", entityId: { in: ids } } })).toBe(2);
      // A mixed choice, one already certified: nothing is written.
      await expect(certifyEntries(w.tutor.id, [w.entries.annaSep.id, w.entries.annaOct1.id])).rejects.toEqual(
        refused(null, "logbookReview.alreadyDecided"),
      );
      expect((await prisma.logbookEntry.findUniqueOrThrow({ where: { id: w.entries.annaSep.id } })).status).toBe("pending");
    },
    TWO_SERVERS_TIMEOUT,
  );

  it("returns an entry with a reason, never one that identifies a patient", async () => {
    const w = await world();
    await expect(returnEntry(w.tutor.id, w.entries.annaSep.id, "  ")).rejects.toEqual(
      refused("reason", "logbookReview.reasonRequired", 400),
    );
    await expect(returnEntry(w.tutor.id, w.entries.annaSep.id, "Paziente RSSMRA56C12F205X")).rejects.toEqual(
      refused("reason", "logbookReview.reasonIdentifies"),
    );
    await returnEntry(w.tutor.id, w.entries.annaSep.id, " Il grado era di collaborazione ");
    expect(await prisma.logbookEntry.findUniqueOrThrow({ where: { id: w.entries.annaSep.id } })).toMatchObject({
      status: "returned",
      returnReason: "Il grado era di collaborazione",
    });
    await expect(returnEntry(w.tutor.id, w.entries.annaSep.id, "Again")).rejects.toEqual(refused(null, "logbookReview.alreadyDecided"));
    await expect(certifyEntries(w.tutor.id, [])).rejects.toEqual(refused("entryIds", "logbookReview.noneChosen", 400));
  });
});

describe("administrators' corrections", () => {
  it("correct a certified entry with a reason kept in the history; nothing else can change it", async () => {
    const w = await world();
    const admin = await prisma.user.create({
      data: { email: `admin-${w.tag}@example.test`, name: "Admin", roles: { create: { role: "admin" } } },
    });
    const input = { activityId: w.entries.annaSep.activityId, date: d("2026-09-11"), count: 3, degree: "autonomy" as const, note: null };
    await expect(correctEntry(admin.id, w.anna.id, w.entries.annaSep.id, input, "Giorno sbagliato")).rejects.toEqual(
      refused(null, "logbookReview.onlyCertified"),
    );
    await certifyEntries(w.tutor.id, [w.entries.annaSep.id]);
    await expect(correctEntry(admin.id, w.anna.id, w.entries.annaSep.id, input, " ")).rejects.toEqual(
      refused("reason", "logbookReview.reasonRequired", 400),
    );
    await expect(correctEntry(admin.id, w.anna.id, w.entries.annaSep.id, { ...input, date: d("2026-11-15") }, "Giorno")).rejects.toEqual(
      refused("date", "logbookReview.dateOutsideRotation"),
    );
    await correctEntry(admin.id, w.anna.id, w.entries.annaSep.id, input, "Giorno sbagliato", d("2026-12-01"));
    expect(await prisma.logbookEntry.findUniqueOrThrow({ where: { id: w.entries.annaSep.id } })).toMatchObject({
      status: "certified",
      count: 3,
      degree: "autonomy",
    });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: w.entries.annaSep.id, action: "correct" } });
    expect(JSON.parse(event.changes)).toMatchObject({
      date: ["2026-09-10", "2026-09-11"],
      count: [1, 3],
      reason: [null, "Giorno sbagliato"],
    });
  });

  it("reopen only a closed month, with a reason; the countersignature must be given again", async () => {
    const w = await world();
    const admin = await prisma.user.create({
      data: { email: `admin-${w.tag}@example.test`, name: "Admin", roles: { create: { role: "admin" } } },
    });
    const today = d("2026-12-01");
    await expect(reopenMonth(admin.id, w.anna.id, "2026-10", "Dimenticata", today)).rejects.toEqual(
      refused(null, "logbookReview.monthNotClosed"),
    );
    await certifyMonth(w.tutor.id, w.anna.id, "2026-10");
    await prisma.logbookMonth.create({ data: { residentId: w.anna.id, month: "2026-10", countersignedAt: new Date() } });
    await reopenMonth(admin.id, w.anna.id, "2026-10", "Una visita dimenticata", today);
    expect(
      await prisma.logbookMonth.findUniqueOrThrow({ where: { residentId_month: { residentId: w.anna.id, month: "2026-10" } } }),
    ).toMatchObject({
      countersignedAt: null,
      reopenReason: "Una visita dimenticata",
    });
    const view = await residentLogbookForAdmin(w.anna.id, { month: "2026-10", today });
    expect(view.months.find((m) => m.month === "2026-10")).toMatchObject({
      closed: false,
      awaitsCountersignature: true,
      reopenReason: "Una visita dimenticata",
    });
    expect(view.entries).toHaveLength(2);
  });
});
