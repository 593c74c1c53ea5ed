import { describe, expect, it } from "vitest";
import { parseIsoDate, toIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createNotificationWorld, createTeachingSession } from "../../test/factories";
import { refused } from "../../test/refused";
import { recordAbsence } from "./absence.server";
import { brokenRotations } from "./broken-rotations.server";
import { formVersionFor } from "./evaluation-form.server";
import { applyOutcomeImport, checkOutcomeImport, progressionRound, recordOutcome, residentCalendar } from "./progression.server";

const d = (iso: string) => parseIsoDate(iso)!;

/**
 * A resident of a two-year programme whose contract started on 1 November 2068, at the hospital until
 * 2071; a rotation of the first year, ended and evaluated, and one to come.
 */
async function world() {
  const w = await createNotificationWorld(d("2068-11-01"), d("2071-10-31"));
  await prisma.programme.update({ where: { id: w.programme.id }, data: { durationYears: 2 } });
  await prisma.resident.update({ where: { id: w.resident.id }, data: { contractStart: d("2068-11-01"), yearOfTraining: 1 } });
  const done = await prisma.rotation.create({
    data: {
      residentId: w.resident.id,
      departmentId: w.department.id,
      tutorId: w.tutor.id,
      startDate: d("2069-01-01"),
      endDate: d("2069-02-28"),
      state: "confirmed",
    },
  });
  const version = await prisma.$transaction((tx) => formVersionFor(tx, "tutor-resident", null));
  await prisma.tutorEvaluation.create({
    data: { rotationId: done.id, formVersionId: version.id, signedAt: d("2069-03-05"), signedById: w.tutor.id },
  });
  const later = await prisma.rotation.create({
    data: {
      residentId: w.resident.id,
      departmentId: w.department.id,
      tutorId: w.tutor.id,
      startDate: d("2070-03-01"),
      endDate: d("2070-04-30"),
      state: "confirmed",
    },
  });
  return { ...w, done, later };
}
const round = 2068; // the academic year 2068/69: the first training year ends in it

describe("a programme's round", () => {
  it("lists each resident's year to decide and what tells whether they are ready", async () => {
    const w = await world();
    await prisma.absence.create({
      data: { residentId: w.resident.id, kind: "personal", state: "approved", startDate: d("2069-03-04"), endDate: d("2069-03-06") },
    });
    await createTeachingSession({
      title: "Lezione",
      date: d("2069-03-10"),
      minutes: 90,
      createdById: w.tutor.id,
      tutorIds: [w.tutor.id],
      programmeIds: [w.programme.id],
      marks: [[w.resident.id, "present"]],
    });
    const result = (await progressionRound(w.programme.id, round, d("2069-10-20")))!;
    const row = result.rows.find((r) => r.id === w.resident.id)!;
    expect(row).toMatchObject({
      contractKnown: true,
      last: false,
      rotations: { done: 1, total: 1 },
      evaluations: { signed: 1, due: 1 },
      owedDays: 0,
      personalDays: 3,
      teachingHours: 1.5,
      outcome: null,
    });
    expect([toIsoDate(row.year.start), toIsoDate(row.year.end), row.year.year]).toEqual(["2068-11-01", "2069-10-31", 1]);
  });
});

describe("recording an outcome", () => {
  it("refuses admission while suspended time is owed, naming the days; admits once made up, to the next year", async () => {
    const w = await world();
    // A school suspension of 10 days in the first year: the year ends 10 days later, on 10 November 2069.
    await recordAbsence(w.admin.id, w.resident.id, {
      kind: "protected",
      protectedType: "suspension",
      startDate: d("2069-05-01"),
      endDate: d("2069-05-10"),
    });
    const owing = await recordOutcome(w.admin.id, w.resident.id, 2069, { outcome: "admitted", decidedOn: d("2069-11-04") }).catch((e) => e);
    expect(owing).toEqual(refused("outcome", "progression.errors.owesDays", 400));
    expect(owing.refusals[0].values).toEqual({ count: 6 });
    expect(await prisma.progressionOutcome.count({ where: { residentId: w.resident.id } })).toBe(0);

    await recordOutcome(w.admin.id, w.resident.id, 2069, { outcome: "admitted", decidedOn: d("2069-11-10") });
    expect((await prisma.resident.findUniqueOrThrow({ where: { id: w.resident.id } })).yearOfTraining).toBe(2);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityType: "resident", entityId: w.resident.id, action: "decide" },
    });
    expect(JSON.parse(audit.changes)).toMatchObject({ yearOfTraining: [1, 2], outcome: [null, "admitted"] });
    const calendar = (await residentCalendar(w.resident.id, d("2069-12-01")))!;
    expect(calendar.current.year).toBe(2);
    expect(toIsoDate(calendar.current.start)).toBe("2069-11-11");
    // One outcome a round.
    await expect(recordOutcome(w.admin.id, w.resident.id, 2069, { outcome: "repeats", decidedOn: d("2069-11-10") })).rejects.toEqual(
      refused(null, "progression.errors.alreadyRecorded"),
    );
  });

  it("'repeats' lays the year out again and moves the expected end a year later", async () => {
    const w = await world();
    await recordOutcome(w.admin.id, w.resident.id, round, { outcome: "repeats", decidedOn: d("2069-10-20") });
    const calendar = (await residentCalendar(w.resident.id, d("2069-12-01")))!;
    expect(calendar.calendar!.years.map((y) => [y.year, y.repeated])).toEqual([
      [1, false],
      [1, true],
      [2, false],
    ]);
    expect(toIsoDate(calendar.calendar!.expectedEnd)).toBe("2071-10-31");
    expect((await prisma.resident.findUniqueOrThrow({ where: { id: w.resident.id } })).yearOfTraining).toBe(1);
  });

  it("'not admitted' ends the stay on its day, and the rotation after it is flagged", async () => {
    const w = await world();
    await recordOutcome(w.admin.id, w.resident.id, round, {
      outcome: "not-admitted",
      decidedOn: d("2069-10-31"),
      note: "Delibera 12/2069",
    });
    expect((await prisma.resident.findUniqueOrThrow({ where: { id: w.resident.id } })).stayEnd).toEqual(d("2069-10-31"));
    const broken = await brokenRotations({ today: d("2069-11-02"), limit: 10_000 });
    expect(broken.rotations.map((b) => b.id)).toContain(w.later.id);
  });

  it("'suspended' records a suspension of its days, whatever their length, which flags the rotation it meets", async () => {
    const w = await world();
    await recordOutcome(w.admin.id, w.resident.id, round, {
      outcome: "suspended",
      decidedOn: d("2070-03-10"),
      suspendedTo: d("2070-03-20"),
    });
    const absence = await prisma.absence.findFirstOrThrow({ where: { residentId: w.resident.id } });
    expect(absence).toMatchObject({ kind: "protected", protectedType: "suspension", state: "recorded" });
    const calendar = (await residentCalendar(w.resident.id, d("2070-03-01")))!;
    expect(calendar.suspensions).toEqual([{ start: d("2070-03-10"), end: d("2070-03-20") }]);
    const broken = await brokenRotations({ today: d("2070-02-01"), limit: 10_000 });
    expect(broken.rotations.map((b) => b.id)).toContain(w.later.id);
    await expect(
      recordOutcome(w.admin.id, w.resident.id, 2070, { outcome: "suspended", decidedOn: d("2070-05-10"), suspendedTo: d("2070-05-01") }),
    ).rejects.toEqual(refused("suspendedTo", "progression.errors.suspendedToBefore", 400));
  });

  it("in the last year, admission is the diploma: the exam's date and a grade out of 50, honours only with 50", async () => {
    const w = await world();
    await prisma.resident.update({ where: { id: w.resident.id }, data: { contractStart: d("2067-11-01"), yearOfTraining: 2 } });
    const admit = (extra: object) =>
      recordOutcome(w.admin.id, w.resident.id, round, { outcome: "admitted", decidedOn: d("2069-10-31"), ...extra });
    await expect(admit({})).rejects.toEqual(refused("examDate", "progression.errors.examDateRequired", 400));
    await expect(admit({ examDate: d("2069-10-25") })).rejects.toEqual(refused("grade", "progression.errors.gradeRequired", 400));
    await expect(admit({ examDate: d("2069-10-25"), grade: 48, honours: true })).rejects.toEqual(
      refused("honours", "progression.errors.honoursNeedFull", 400),
    );
    await admit({ examDate: d("2069-10-25"), grade: 50, honours: true });
    const outcome = await prisma.progressionOutcome.findFirstOrThrow({ where: { residentId: w.resident.id } });
    expect(outcome).toMatchObject({ trainingYear: 2, outcome: "admitted", grade: 50, honours: true, examDate: d("2069-10-25") });
    expect((await prisma.resident.findUniqueOrThrow({ where: { id: w.resident.id } })).yearOfTraining).toBe(2);
  });
});

describe("importing a round's outcomes", () => {
  it("checks every row first, records none while one is wrong, then all of them together", async () => {
    const w = await world();
    // A second resident of the programme, in their first year too.
    const other = await prisma.user.create({ data: { email: `altro-${w.tag}@example.test`, name: `Altro ${w.tag}` } });
    const second = await prisma.resident.create({
      data: {
        userId: other.id,
        programmeId: w.programme.id,
        yearOfTraining: 1,
        studentNumber: `W2-${w.tag}`,
        stayStart: d("2068-11-01"),
        stayEnd: d("2071-10-31"),
        contractStart: d("2068-11-01"),
      },
    });
    const file = (rows: string[]) => ["matricola;esito;decorrenza;sospeso_fino_al", ...rows].join("\r\n");
    const wrong = file([
      `W-${w.tag};ammesso;31/10/2069;`,
      `W2-${w.tag};sospeso;01/11/2069;`,
      `W-${w.tag};ripete;31/10/2069;`,
      "X-404;ripete;31/10/2069;",
    ]);
    const checked = await checkOutcomeImport(w.programme.id, round, wrong, d("2069-11-05"));
    expect(checked.ready).toBe(false);
    expect(checked.rows.map((r) => [r.line, r.resident?.id ?? null, r.problems])).toEqual([
      [2, w.resident.id, []],
      [3, second.id, ["progression.errors.suspendedToRequired"]],
      [4, w.resident.id, ['progression.import.twice?{"line":2}']],
      [5, null, ['progression.import.unknownResident?{"studentNumber":"X-404"}']],
    ]);
    await expect(applyOutcomeImport(w.admin.id, w.programme.id, round, wrong, new Date("2069-11-05T10:00:00Z"))).rejects.toEqual(
      refused(null, "progression.import.notAllValid", 400),
    );
    expect(await prisma.progressionOutcome.count({ where: { residentId: { in: [w.resident.id, second.id] } } })).toBe(0);

    const right = file([`W-${w.tag};Ammesso;31/10/2069;`, `w2-${w.tag};Sospeso;01/11/2069;31/01/2070`]);
    expect(await applyOutcomeImport(w.admin.id, w.programme.id, round, right, new Date("2069-11-05T10:00:00Z"))).toBe(2);
    expect((await prisma.resident.findUniqueOrThrow({ where: { id: w.resident.id } })).yearOfTraining).toBe(2);
    expect(await prisma.absence.findFirst({ where: { residentId: second.id, protectedType: "suspension" } })).toMatchObject({
      startDate: d("2069-11-01"),
      endDate: d("2070-01-31"),
    });
    // The same file again: each outcome is already recorded.
    const again = await checkOutcomeImport(w.programme.id, round, right, d("2069-11-05"));
    expect(again.rows.every((r) => r.problems.includes("progression.errors.alreadyRecorded"))).toBe(true);
  });

  it("refuses a file that is not a list of outcomes, beside the file field", async () => {
    const w = await world();
    await expect(checkOutcomeImport(w.programme.id, round, "matricola;esito\r\nM1;ammesso")).rejects.toEqual(
      refused("file", "progression.import.fileErrors.missingColumns", 400),
    );
    await expect(checkOutcomeImport(w.programme.id, round, "matricola;esito;decorrenza\r\n")).rejects.toEqual(
      refused("file", "progression.import.fileErrors.empty", 400),
    );
  });
});
