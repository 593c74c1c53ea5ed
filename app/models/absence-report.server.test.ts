import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createNotificationWorld, createResident } from "../../test/factories";
import { absenceReportFor } from "./absence-report.server";
import { recordAbsence } from "./absence.server";
import { absenceSettings, setAbsenceSettings } from "./settings.server";

const d = (iso: string) => parseIsoDate(iso)!;
const april = { year: 2070, month: 4 };

/**
 * A university with two programmes: the world's resident (haematology, staying through 2070) and a
 * second resident (medical oncology) staying from April 2070; a third whose stay ended in March, and a
 * resident of another university, both to be left out of April. April 2070 has 21 working days (the 25th,
 * a Friday, is a holiday).
 */
async function world() {
  const w = await createNotificationWorld(d("2069-11-01"), d("2071-10-31"));
  const oncology = await prisma.programme.create({
    data: {
      universityId: w.university.id,
      specialtyCode: "oncologia-medica",
      directorName: "Prof. Direttore",
      directorEmail: "direttore@example.it",
      durationYears: 5,
    },
  });
  const person = (who: string) =>
    prisma.user.create({
      data: { email: `${who}-${w.tag}@example.test`, name: `${who} ${w.tag}`, roles: { create: { role: "resident" } } },
    });
  const second = await createResident({
    userId: (await person("Anna Bianchi")).id,
    programmeId: oncology.id,
    studentNumber: `B-${w.tag}`,
    stayStart: d("2070-04-15"),
    stayEnd: d("2073-04-14"),
  });
  const gone = await createResident({
    userId: (await person("Zeno Gallo")).id,
    programmeId: oncology.id,
    studentNumber: `G-${w.tag}`,
    stayStart: d("2068-11-01"),
    stayEnd: d("2070-03-31"),
  });
  const elsewhere = await createNotificationWorld(d("2069-11-01"), d("2071-10-31"));
  return { ...w, oncology, second, gone, elsewhere };
}

const absence = (residentId: string, kind: "personal" | "protected", state: string, startDate: string, endDate: string) =>
  prisma.absence.create({
    data: {
      residentId,
      kind,
      state,
      protectedType: kind === "protected" ? "illness" : null,
      startDate: d(startDate),
      endDate: d(endDate),
    },
  });

describe("the monthly absences report", () => {
  it("lists the university's residents at the hospital that month with their days and suspensions, never a type", async () => {
    const w = await world();
    // 3 March – 30 April: 41 working days, a suspension of 59 days to make up, 21 working days in April.
    await recordAbsence(w.admin.id, w.resident.id, {
      kind: "protected",
      protectedType: "maternity",
      startDate: d("2070-03-03"),
      endDate: d("2070-04-30"),
    });
    // Monday 28 April – Friday 9 May: 3 working days in April. Requests, declined and cancelled leave count for nothing.
    await absence(w.second.id, "personal", "approved", "2070-04-28", "2070-05-09");
    await absence(w.second.id, "personal", "requested", "2070-04-16", "2070-04-16");
    await absence(w.second.id, "personal", "declined", "2070-04-17", "2070-04-18");
    await absence(w.second.id, "personal", "cancelled", "2070-04-22", "2070-04-23");
    // Tuesday 15 – Wednesday 16 April: a short illness, no suspension.
    await absence(w.second.id, "protected", "recorded", "2070-04-15", "2070-04-16");
    await absence(w.gone.id, "personal", "approved", "2070-03-10", "2070-03-11");
    await absence(w.elsewhere.resident.id, "personal", "approved", "2070-04-07", "2070-04-08");

    const result = await absenceReportFor(w.university.id, april);
    expect(result.university?.id).toBe(w.university.id);
    expect(result.universities.map((u) => u.id)).toEqual(expect.arrayContaining([w.university.id, w.elsewhere.university.id]));
    expect(result.settings).toEqual({ countMode: "working", suspensionAfter: 40 });
    const report = result.report!;
    expect(report.rows).toEqual([
      {
        id: w.second.id,
        name: `Anna Bianchi ${w.tag}`,
        studentNumber: `B-${w.tag}`,
        specialtyCode: "oncologia-medica",
        personalDays: 3,
        protectedDays: 2,
        suspensions: [],
      },
      {
        id: w.resident.id,
        name: w.user.name,
        studentNumber: w.resident.studentNumber,
        specialtyCode: "ematologia",
        personalDays: 0,
        protectedDays: 21,
        suspensions: [{ start: d("2070-03-03"), end: d("2070-04-30"), workingDays: 41, days: 59, daysInMonth: 30 }],
      },
    ]);
    expect(report.totals).toEqual({ residents: 2, personalDays: 3, protectedDays: 23, suspended: 1, suspendedDaysInMonth: 30 });
    // The type of a protected absence is never read.
    expect(JSON.stringify(result)).not.toMatch(/maternity|illness|protectedType/i);

    // May: the leave's other 6 working days (the 1st is a holiday); the suspension is over.
    const may = (await absenceReportFor(w.university.id, { year: 2070, month: 5 })).report!;
    expect(may.rows.map((row) => [row.name, row.personalDays, row.protectedDays, row.suspensions.length])).toEqual([
      [`Anna Bianchi ${w.tag}`, 6, 0, 0],
      [w.user.name, 0, 0, 0],
    ]);
    // March: the resident whose stay ended on the 31st, and the suspension that began then.
    const march = (await absenceReportFor(w.university.id, { year: 2070, month: 3 })).report!;
    expect(march.rows.map((row) => [row.name, row.personalDays, row.protectedDays])).toEqual([
      [`Zeno Gallo ${w.tag}`, 2, 0],
      [w.user.name, 0, 20],
    ]);
    expect(march.rows[1]!.suspensions).toMatchObject([{ daysInMonth: 29 }]);
  });

  it("is counted again once an absence, a resident or a setting changes, whoever wrote it", async () => {
    const w = await world();
    const days = async () => (await absenceReportFor(w.university.id, april)).report!.rows.find((row) => row.id === w.second.id);
    expect(await days()).toMatchObject({ personalDays: 0, protectedDays: 0 });
    // Written past the models, as another process or a command-line tool would.
    await prisma.$executeRaw`UPDATE "Resident" SET "studentNumber" = ${`B2-${w.tag}`} WHERE "id" = ${w.second.id}`;
    expect(await days()).toMatchObject({ studentNumber: `B2-${w.tag}` });
    await absence(w.second.id, "protected", "recorded", "2070-04-20", "2070-04-21");
    expect(await days()).toMatchObject({ protectedDays: 1 }); // Sunday 20 and Monday 21 April: one working day
  });

  it("counts in calendar days when the settings say so", async () => {
    const w = await world();
    await absence(w.second.id, "personal", "approved", "2070-04-28", "2070-05-09");
    const before = await absenceSettings();
    try {
      await setAbsenceSettings({ ...before, countMode: "calendar" }, w.admin.id);
      const result = await absenceReportFor(w.university.id, april);
      expect(result.settings.countMode).toBe("calendar");
      expect(result.report!.rows.find((row) => row.id === w.second.id)).toMatchObject({ personalDays: 3 });
      const may = await absenceReportFor(w.university.id, { year: 2070, month: 5 });
      expect(may.report!.rows.find((row) => row.id === w.second.id)).toMatchObject({ personalDays: 9 });
    } finally {
      await setAbsenceSettings(before, w.admin.id);
    }
  });

  it("falls back to the first university in use for an unknown one", async () => {
    await world();
    const result = await absenceReportFor("no-such-university", april);
    expect(result.university).not.toBeNull();
    expect(result.university).toEqual(result.universities.find((u) => u.archivedAt === null));
    expect(result.report).not.toBeNull();
  });
});
