import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { absenceReport, countsInReport, type ReportAbsence } from "./absence-report";
import { DEFAULT_ABSENCE_SETTINGS, daysCounted } from "./absences";
import { addDays, parseIsoDate } from "./dates";
import { isWorkingDay } from "./working-days";

const d = (iso: string) => parseIsoDate(iso)!;
const workingDay = (date: Date) => isWorkingDay(date);
const settings = DEFAULT_ABSENCE_SETTINGS; // working days, suspension beyond 40
const calendar = { ...settings, countMode: "calendar" as const };
const april = { year: 2025, month: 4 };
// April 2025: Easter Monday the 21st and Liberation Day (Friday the 25th) are holidays: 20 working days.

const personal = (start: string, end: string, state = "approved"): ReportAbsence => ({
  kind: "personal",
  state,
  start: d(start),
  end: d(end),
});
const protectedAbsence = (start: string, end: string): ReportAbsence => ({
  kind: "protected",
  state: "recorded",
  start: d(start),
  end: d(end),
});
const resident = (id: string, absences: ReportAbsence[]) => ({ id, name: `Resident ${id}`, studentNumber: `M-${id}`, absences });

describe("the monthly absences report", () => {
  it("counts an absence crossing the month's boundary for its days in the month alone", () => {
    // Monday 28 April – Friday 9 May: 3 working days in April; in May, the 1st is a holiday.
    const people = [resident("a", [personal("2025-04-28", "2025-05-09")])];
    expect(absenceReport(april, people, settings, workingDay).rows[0]).toMatchObject({ personalDays: 3, protectedDays: 0 });
    expect(absenceReport({ year: 2025, month: 5 }, people, settings, workingDay).rows[0]).toMatchObject({ personalDays: 6 });
    expect(absenceReport({ year: 2025, month: 3 }, people, settings, workingDay).rows[0]).toMatchObject({ personalDays: 0 });
    // In calendar days: 3 in April, 9 in May.
    expect(absenceReport(april, people, calendar, workingDay).rows[0]).toMatchObject({ personalDays: 3 });
    expect(absenceReport({ year: 2025, month: 5 }, people, calendar, workingDay).rows[0]).toMatchObject({ personalDays: 9 });
  });

  it("leaves weekends and holidays out in working days, and counts them in calendar days", () => {
    // Tuesday 22 – Friday 25 April (a holiday): 3 working days; Monday 14 – Sunday 20 April: 5.
    const people = [resident("a", [personal("2025-04-22", "2025-04-25"), protectedAbsence("2025-04-14", "2025-04-20")])];
    expect(absenceReport(april, people, settings, workingDay).rows[0]).toMatchObject({
      personalDays: 3,
      protectedDays: 5,
      suspensions: [],
    });
    expect(absenceReport(april, people, calendar, workingDay).rows[0]).toMatchObject({ personalDays: 4, protectedDays: 7 });
  });

  it("counts approved leave and recorded protected absences only: not a request, declined or cancelled leave", () => {
    expect(countsInReport({ kind: "personal", state: "approved" })).toBe(true);
    expect(countsInReport({ kind: "protected", state: "recorded" })).toBe(true);
    for (const state of ["requested", "declined", "cancelled"]) expect(countsInReport({ kind: "personal", state })).toBe(false);
    const people = [
      resident("a", [
        personal("2025-04-01", "2025-04-02", "requested"),
        personal("2025-04-03", "2025-04-04", "declined"),
        personal("2025-04-07", "2025-04-08", "cancelled"),
        personal("2025-04-09", "2025-04-09"),
      ]),
    ];
    expect(absenceReport(april, people, settings, workingDay).rows[0]).toMatchObject({ personalDays: 1, protectedDays: 0 });
  });

  it("shows a suspension that began in an earlier month, with its dates, working days and days to make up", () => {
    // Monday 3 February – Friday 11 April: 50 working days, beyond 40; 68 calendar days to make up, 11 of them in April.
    const people = [resident("a", [protectedAbsence("2025-02-03", "2025-03-14"), protectedAbsence("2025-03-17", "2025-04-11")])];
    const row = absenceReport(april, people, settings, workingDay).rows[0]!;
    expect(row.protectedDays).toBe(9);
    expect(row.suspensions).toEqual([{ start: d("2025-02-03"), end: d("2025-04-11"), workingDays: 50, days: 68, daysInMonth: 11 }]);
    // It meets February and March too, and not May.
    expect(absenceReport({ year: 2025, month: 2 }, people, settings, workingDay).rows[0]!.suspensions).toMatchObject([{ daysInMonth: 26 }]);
    expect(absenceReport({ year: 2025, month: 5 }, people, settings, workingDay).rows[0]!.suspensions).toEqual([]);
  });

  it("leaves out a suspension that ended before the month, and a protected absence too short to suspend", () => {
    const people = [
      // 13 January – 10 March: 41 working days, a suspension over by April.
      resident("a", [protectedAbsence("2025-01-13", "2025-03-10")]),
      // 40 working days at most: no suspension, only the days.
      resident("b", [protectedAbsence("2025-03-03", "2025-04-25")]),
    ];
    const report = absenceReport(april, people, settings, workingDay);
    expect(report.rows[0]).toMatchObject({ protectedDays: 0, suspensions: [] });
    expect(report.rows[1]!.suspensions).toEqual([]);
    expect(report.rows[1]!.protectedDays).toBe(17);
  });

  it("shows a suspension the school decided whatever its length, as the resident's record does", () => {
    const decided = { ...protectedAbsence("2025-04-07", "2025-04-11"), suspends: true };
    const row = absenceReport(april, [resident("a", [decided])], settings, workingDay).rows[0]!;
    expect(row).toMatchObject({ protectedDays: 5, suspensions: [{ workingDays: 5, days: 5, daysInMonth: 5 }] });
  });

  it("keeps the residents in their order with what identifies them, and adds the totals", () => {
    const people = [
      resident("b", [personal("2025-04-28", "2025-05-09"), protectedAbsence("2025-04-14", "2025-04-17")]),
      resident("a", [protectedAbsence("2025-03-03", "2025-05-30")]), // 62 working days: suspended all April
      resident("c", []),
    ];
    const report = absenceReport(april, people, settings, workingDay);
    expect(report.month).toEqual({ start: d("2025-04-01"), end: d("2025-04-30") });
    expect(report.rows.map((row) => [row.id, row.name, row.studentNumber])).toEqual([
      ["b", "Resident b", "M-b"],
      ["a", "Resident a", "M-a"],
      ["c", "Resident c", "M-c"],
    ]);
    expect(report.rows[0]).not.toHaveProperty("absences");
    expect(report.rows[1]).toMatchObject({ personalDays: 0, protectedDays: 20, suspensions: [{ days: 89, daysInMonth: 30 }] });
    expect(report.totals).toEqual({ residents: 3, personalDays: 3, protectedDays: 24, suspended: 1, suspendedDaysInMonth: 30 });
  });

  it("has nothing to add up for no resident", () => {
    expect(absenceReport(april, [], settings, workingDay).totals).toEqual({
      residents: 0,
      personalDays: 0,
      protectedDays: 0,
      suspended: 0,
      suspendedDaysInMonth: 0,
    });
  });

  it("splits an absence among the months it meets without losing or adding a day", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 120 }),
        fc.constantFrom(settings, calendar),
        (from, length, mode) => {
          const start = addDays(d("2025-01-01"), from);
          const absence = { kind: "personal", state: "approved", start, end: addDays(start, length) };
          const months = Array.from({ length: 17 }, (_, i) => ({ year: 2025 + Math.floor(i / 12), month: (i % 12) + 1 }));
          const total = months.reduce(
            (sum, month) => sum + absenceReport(month, [resident("a", [absence])], mode, workingDay).totals.personalDays,
            0,
          );
          expect(total).toBe(daysCounted(absence, mode.countMode, workingDay));
        },
      ),
    );
  });
});
