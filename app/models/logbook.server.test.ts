import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createCatalogue, createDepartment, createLogbookEntry, createResident, createUniversity } from "../../test/factories";
import { refused } from "../../test/refused";
import { countersignMonth, deleteEntry, logEntries, myEntry, myLogbook, updateEntry, type EntryLine } from "./logbook.server";

const d = (iso: string) => parseIsoDate(iso)!;
/** The hospital's day in these tests: the rotation (September and October) is over, November has begun. */
const TODAY = d("2026-11-05");

/**
 * A resident in a rotation of September–October 2026 under their tutor, in a department whose staff also
 * has a colleague; a stranger of another department; a catalogue of two activities, and another
 * programme's activity that is not theirs. A second resident with an entry of their own.
 */
async function world() {
  const tag = randomUUID().slice(0, 8);
  const person = (name: string, role = "tutor") =>
    prisma.user.create({ data: { email: `${name}-${tag}@example.test`, name: `${name} ${tag}`, roles: { create: { role } } } });
  const [tutor, colleague, stranger] = [await person("tutor"), await person("colleague"), await person("stranger")];
  const department = await createDepartment(`Oncologia ${tag}`, 4, [tutor.id, colleague.id]);
  await createDepartment(`Chirurgia ${tag}`, 4, [stranger.id]);
  const university = await createUniversity({
    name: `Ateneo ${tag}`,
    programmes: [{ specialtyCode: "oncologia-medica" }, { specialtyCode: "radioterapia" }],
  });
  const [programme, otherProgramme] = university.programmes;
  const catalogue = await createCatalogue({
    programmeId: programme!.id,
    activities: [
      { code: "visit", labelIt: "Prima visita", labelEn: "First visit", minimums: [] },
      { code: "biopsy", labelIt: "Biopsia osteomidollare", labelEn: "Bone-marrow biopsy", minimums: [] },
    ],
  });
  const foreign = await createCatalogue({
    programmeId: otherProgramme!.id,
    activities: [{ code: "plan", labelIt: "Piano di cura", labelEn: "Treatment plan", minimums: [] }],
  });
  const [visit, biopsy] = catalogue.activities.map((a) => a.id) as [string, string];
  const resident = async (name: string) => {
    const user = await person(name, "resident");
    const record = await createResident({
      userId: user.id,
      programmeId: programme!.id,
      studentNumber: `${name}-${tag}`,
      stayStart: d("2025-01-01"),
      stayEnd: d("2027-12-31"),
    });
    const rotation = await prisma.rotation.create({
      data: {
        residentId: record.id,
        departmentId: department.id,
        tutorId: tutor.id,
        startDate: d("2026-09-01"),
        endDate: d("2026-10-31"),
        state: "confirmed",
      },
    });
    return { user, record, rotation };
  };
  const anna = await resident("anna");
  const bruno = await resident("bruno");
  const line = (activityId: string, extra: Partial<EntryLine> = {}): EntryLine => ({
    activityId,
    count: 1,
    degree: "collaboration",
    note: null,
    caseRef: null,
    ...extra,
  });
  const log = (date: string, lines: EntryLine[], extra: { tutorId?: string; confirmDuplicate?: boolean; who?: string } = {}) =>
    logEntries(
      extra.who ?? anna.user.id,
      { date: d(date), tutorId: extra.tutorId ?? tutor.id, lines, confirmDuplicate: extra.confirmDuplicate ?? false },
      TODAY,
    );
  const entriesOf = (residentId = anna.record.id) => prisma.logbookEntry.findMany({ where: { residentId }, orderBy: { createdAt: "asc" } });
  return {
    tag,
    tutor,
    colleague,
    stranger,
    department,
    anna,
    bruno,
    visit,
    biopsy,
    foreign: foreign.activities[0]!.id,
    line,
    log,
    entriesOf,
  };
}

describe("logging", () => {
  it("logs a day's activities together, in the department of that day's rotation, awaiting the tutor, each in the history", async () => {
    const w = await world();
    await expect(
      w.log("2026-10-12", [w.line(w.visit, { count: 3 }), w.line(w.biopsy, { degree: "support", note: "Caso TB-4" })]),
    ).resolves.toEqual({
      logged: 2,
    });
    const entries = await w.entriesOf();
    expect(entries.map((e) => [e.activityId, e.count, e.degree, e.status, e.departmentId, e.tutorId, e.note])).toEqual([
      [w.visit, 3, "collaboration", "pending", w.department.id, w.tutor.id, null],
      [w.biopsy, 1, "support", "pending", w.department.id, w.tutor.id, "Caso TB-4"],
    ]);
    const events = await prisma.auditEvent.findMany({ where: { entityType: "logbookEntry", entityId: { in: entries.map((e) => e.id) } } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["create", w.anna.user.id],
      ["create", w.anna.user.id],
    ]);
  });

  it("takes the first and last day of the rotation, and a tutor of the department's staff", async () => {
    const w = await world();
    await w.log("2026-09-01", [w.line(w.visit)]);
    await w.log("2026-10-31", [w.line(w.visit)], { tutorId: w.colleague.id });
    expect((await w.entriesOf()).map((e) => e.tutorId)).toEqual([w.tutor.id, w.colleague.id]);
  });

  it("refuses a day outside any rotation, in the future, or a tutor from elsewhere, and writes nothing", async () => {
    const w = await world();
    await expect(w.log("2026-08-31", [w.line(w.visit)])).rejects.toEqual(refused("date", "myLogbook.dateOutsideRotation"));
    await expect(w.log("2026-11-01", [w.line(w.visit)])).rejects.toEqual(refused("date", "myLogbook.dateOutsideRotation"));
    await expect(w.log("2026-11-06", [w.line(w.visit)])).rejects.toEqual(refused("date", "myLogbook.dateFuture"));
    await expect(w.log("2026-10-01", [w.line(w.visit)], { tutorId: w.stranger.id })).rejects.toEqual(
      refused("tutorId", "myLogbook.tutorNotAllowed"),
    );
    await expect(w.log("2026-10-01", [w.line(w.visit), w.line(w.foreign)])).rejects.toEqual(
      refused("entries[1].activityId", "myLogbook.activityUnknown", 409),
    );
    expect(await w.entriesOf()).toEqual([]);
  });

  it("asks to confirm a probable duplicate: the same activity, day and degree, logged before or twice in one form", async () => {
    const w = await world();
    await w.log("2026-10-05", [w.line(w.visit)]);
    await expect(w.log("2026-10-05", [w.line(w.biopsy), w.line(w.visit)])).rejects.toEqual(
      refused("confirmDuplicate", "myLogbook.duplicate"),
    );
    await expect(w.log("2026-10-06", [w.line(w.visit), w.line(w.visit)])).rejects.toEqual(
      refused("confirmDuplicate", "myLogbook.duplicate"),
    );
    // Another degree is another entry.
    await w.log("2026-10-05", [w.line(w.visit, { degree: "autonomy" })]);
    await w.log("2026-10-05", [w.line(w.visit)], { confirmDuplicate: true });
    expect(await w.entriesOf()).toHaveLength(3);
  });

  it("refuses a day of a closed month, and takes it again once an administrator reopens it", async () => {
    const w = await world();
    await createLogbookEntry({
      residentId: w.anna.record.id,
      activityId: w.visit,
      departmentId: w.department.id,
      date: d("2026-09-10"),
      tutorId: w.tutor.id,
      status: "certified",
    });
    await expect(w.log("2026-09-20", [w.line(w.biopsy)])).rejects.toEqual(refused("date", "myLogbook.monthClosed"));
    await prisma.logbookMonth.create({
      data: { residentId: w.anna.record.id, month: "2026-09", reopenedAt: new Date(), reopenReason: "Dimenticata" },
    });
    await expect(w.log("2026-09-20", [w.line(w.biopsy)])).resolves.toEqual({ logged: 1 });
  });

  it("is only for a resident: anyone else has no logbook", async () => {
    const w = await world();
    await expect(w.log("2026-10-01", [w.line(w.visit)], { who: w.tutor.id })).rejects.toEqual(refused(null, "errors.notFound", 404));
    expect(await myLogbook(w.tutor.id, { today: TODAY })).toBeNull();
  });
});

describe("changing an entry", () => {
  const change = (
    w: Awaited<ReturnType<typeof world>>,
    entryId: string,
    extra: Partial<EntryLine> & { date?: string; who?: string } = {},
  ) =>
    updateEntry(
      extra.who ?? w.anna.user.id,
      entryId,
      {
        date: d(extra.date ?? "2026-10-02"),
        tutorId: w.tutor.id,
        line: w.line(extra.activityId ?? w.visit, extra),
        confirmDuplicate: false,
      },
      TODAY,
    );

  it("changes a pending entry, and resubmits a returned one to the tutor with the reason cleared", async () => {
    const w = await world();
    await w.log("2026-10-01", [w.line(w.visit)]);
    const [entry] = await w.entriesOf();
    await expect(change(w, entry!.id, { count: 2 })).resolves.toEqual({ resubmitted: false });
    await prisma.logbookEntry.update({
      where: { id: entry!.id },
      data: { status: "returned", returnReason: "Il grado", decidedById: w.tutor.id },
    });
    await expect(change(w, entry!.id, { count: 2, degree: "autonomy" })).resolves.toEqual({ resubmitted: true });
    const after = await prisma.logbookEntry.findUniqueOrThrow({ where: { id: entry!.id } });
    expect([after.status, after.degree, after.count, after.returnReason, after.decidedById]).toEqual([
      "pending",
      "autonomy",
      2,
      null,
      null,
    ]);
    const actions = await prisma.auditEvent.findMany({ where: { entityId: entry!.id }, orderBy: { id: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["create", "update", "resubmit"]);
  });

  it("keeps a certified entry locked, and another resident's entry out of reach", async () => {
    const w = await world();
    const certified = await createLogbookEntry({
      residentId: w.anna.record.id,
      activityId: w.visit,
      departmentId: w.department.id,
      date: d("2026-10-03"),
      tutorId: w.tutor.id,
      status: "certified",
    });
    await expect(change(w, certified.id)).rejects.toEqual(refused(null, "myLogbook.locked"));
    await expect(deleteEntry(w.anna.user.id, certified.id, TODAY)).rejects.toEqual(refused(null, "myLogbook.locked"));
    await expect(change(w, certified.id, { who: w.bruno.user.id })).rejects.toEqual(refused(null, "errors.notFound", 404));
    await expect(myEntry(w.bruno.user.id, certified.id, TODAY)).rejects.toEqual(refused(null, "errors.notFound", 404));
    expect(await prisma.logbookEntry.findUniqueOrThrow({ where: { id: certified.id } })).toMatchObject({ count: 1, status: "certified" });
  });

  it("withdraws a pending entry, its history kept", async () => {
    const w = await world();
    await w.log("2026-10-01", [w.line(w.visit)]);
    const [entry] = await w.entriesOf();
    await deleteEntry(w.anna.user.id, entry!.id, TODAY);
    expect(await w.entriesOf()).toEqual([]);
    const actions = await prisma.auditEvent.findMany({ where: { entityId: entry!.id }, orderBy: { id: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["create", "delete"]);
  });
});

describe("the resident's months", () => {
  it("are countersigned once over with every entry certified, and not before", async () => {
    const w = await world();
    const entry = await createLogbookEntry({
      residentId: w.anna.record.id,
      activityId: w.visit,
      departmentId: w.department.id,
      date: d("2026-10-03"),
      tutorId: w.tutor.id,
    });
    await expect(countersignMonth(w.anna.user.id, "2026-10", TODAY)).rejects.toEqual(refused(null, "myLogbook.cannotCountersign"));
    await prisma.logbookEntry.update({ where: { id: entry.id }, data: { status: "certified" } });
    await expect(countersignMonth(w.anna.user.id, "2026-11", TODAY)).rejects.toEqual(refused(null, "myLogbook.cannotCountersign"));
    await countersignMonth(w.anna.user.id, "2026-10", TODAY);
    const page = await myLogbook(w.anna.user.id, { today: TODAY });
    expect(page?.months).toEqual([expect.objectContaining({ month: "2026-10", closed: true, countersigned: true, entries: 1 })]);
    await expect(countersignMonth(w.anna.user.id, "2026-10", TODAY)).rejects.toEqual(refused(null, "myLogbook.cannotCountersign"));
  });

  it("show what was returned, and flag pending entries whose rotation was shortened, with the most used activities first", async () => {
    const w = await world();
    await w.log("2026-10-20", [w.line(w.biopsy), w.line(w.biopsy, { degree: "support" })]);
    await w.log("2026-09-10", [w.line(w.visit)]);
    const [, , september] = await w.entriesOf();
    await prisma.logbookEntry.update({ where: { id: september!.id }, data: { status: "returned", returnReason: "Manca il caso" } });
    await prisma.rotation.update({ where: { id: w.anna.rotation.id }, data: { endDate: d("2026-10-15") } });
    const page = await myLogbook(w.anna.user.id, { today: TODAY });
    expect(page?.returned.map((e) => [e.activity.en, e.returnReason])).toEqual([["First visit", "Manca il caso"]]);
    expect(page?.flagged.map((e) => [e.activity.en, e.outsideRotation])).toEqual([
      ["Bone-marrow biopsy", true],
      ["Bone-marrow biopsy", true],
    ]);
    expect(page?.activities.map((a) => [a.en, a.uses])).toEqual([
      ["First visit", 1],
      ["Bone-marrow biopsy", 2],
    ]);
    expect(page?.months.map((m) => m.month)).toEqual(["2026-10", "2026-09"]);
    // Bruno's page knows nothing of Anna's.
    expect((await myLogbook(w.bruno.user.id, { today: TODAY }))?.months).toEqual([]);
  });
});
