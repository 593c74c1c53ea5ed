import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, parseIsoDate } from "./dates";
import {
  DEFAULT_ABSENCE_SETTINGS,
  datesProblems,
  daysCounted,
  exceedsAllowance,
  leaveBalance,
  MAX_ABSENCE_DAYS,
  suspendedDays,
  suspensionUse,
  suspensions,
  type Span,
} from "./absences";
import { isWorkingDay } from "./working-days";

const d = (iso: string) => parseIsoDate(iso)!;
const span = (start: string, end: string): Span => ({ start: d(start), end: d(end) });
const workingDay = (date: Date) => isWorkingDay(date);
const settings = DEFAULT_ABSENCE_SETTINGS;

describe("an absence's dates", () => {
  const stay = span("2025-01-01", "2029-12-31");
  it("end on or after the start, within the stay, and meet no other absence that stands", () => {
    expect(datesProblems(span("2025-03-03", "2025-03-03"), stay, [])).toEqual([]);
    expect(datesProblems(span("2025-03-04", "2025-03-03"), stay, [])).toEqual([{ field: "end", key: "absences.errors.endBeforeStart" }]);
    expect(datesProblems(span("2024-12-31", "2025-01-02"), stay, [])).toEqual([{ field: "start", key: "absences.errors.outsideStay" }]);
    expect(datesProblems(span("2029-12-31", "2030-01-01"), stay, [])).toEqual([{ field: "start", key: "absences.errors.outsideStay" }]);
    const other = span("2025-03-10", "2025-03-14");
    expect(datesProblems(span("2025-03-14", "2025-03-17"), stay, [other])).toEqual([{ field: "start", key: "absences.errors.overlaps" }]);
    expect(datesProblems(span("2025-03-03", "2025-03-10"), stay, [other])).toEqual([{ field: "start", key: "absences.errors.overlaps" }]);
    expect(datesProblems(span("2025-03-15", "2025-03-16"), stay, [other])).toEqual([]);
    expect(datesProblems(span("2025-03-03", "2025-03-09"), stay, [other])).toEqual([]);
  });

  it("span at most a year and a half", () => {
    const start = d("2025-02-01");
    expect(datesProblems({ start, end: addDays(start, MAX_ABSENCE_DAYS - 1) }, stay, [])).toEqual([]);
    expect(datesProblems({ start, end: addDays(start, MAX_ABSENCE_DAYS) }, stay, [])).toEqual([
      { field: "end", key: "absences.errors.tooLong" },
    ]);
  });

  it("two absences that overlap are always refused, whichever comes first", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 20 }),
        (a, la, b, lb) => {
          const base = d("2025-03-01");
          const first = { start: addDays(base, a), end: addDays(base, a + la) };
          const second = { start: addDays(base, b), end: addDays(base, b + lb) };
          const meet = first.start <= second.end && second.start <= first.end;
          expect(datesProblems(second, stay, [first]).length > 0).toBe(meet);
          expect(datesProblems(first, stay, [second]).length > 0).toBe(meet);
        },
      ),
    );
  });
});

describe("days counted", () => {
  it("are working days by default, or every day when the setting says so", () => {
    // Friday to Tuesday over Easter Monday 2025: Friday and Tuesday.
    expect(daysCounted(span("2025-04-18", "2025-04-22"), "working", workingDay)).toBe(2);
    expect(daysCounted(span("2025-04-18", "2025-04-22"), "calendar", workingDay)).toBe(5);
  });
});

describe("the personal leave balance of a training year", () => {
  const year = span("2025-11-01", "2026-10-31");
  const today = d("2026-02-02");
  it("counts leave used, approved ahead, requested, and what is left of the 30 days", () => {
    const balance = leaveBalance(
      [
        { ...span("2026-01-12", "2026-01-16"), state: "approved" }, // used: 5
        { ...span("2026-02-02", "2026-02-06"), state: "approved" }, // today used, 4 ahead
        { ...span("2026-03-02", "2026-03-03"), state: "requested" }, // 2
        { ...span("2026-03-09", "2026-03-13"), state: "declined" },
        { ...span("2026-03-16", "2026-03-20"), state: "cancelled" },
      ],
      year,
      today,
      settings,
      workingDay,
    );
    expect(balance).toEqual({ used: 6, approved: 4, requested: 2, left: 18, allowance: 30 });
  });

  it("counts leave across the training year's boundary in each year for its own days", () => {
    // Thursday 30 October to Wednesday 5 November 2025 (1 November is a Saturday and a holiday).
    const leave = [{ ...span("2025-10-30", "2025-11-05"), state: "approved" as const }];
    expect(leaveBalance(leave, span("2024-11-01", "2025-10-31"), today, settings, workingDay).used).toBe(2);
    expect(leaveBalance(leave, year, today, settings, workingDay).used).toBe(3);
  });

  it("never shows fewer than 0 days left", () => {
    const leave = [{ ...span("2025-11-03", "2026-01-30"), state: "approved" as const }];
    expect(leaveBalance(leave, year, today, settings, workingDay).left).toBe(0);
  });

  it("refuses approval beyond the allowance of any year the request touches", () => {
    const years = [span("2024-11-01", "2025-10-31"), year];
    const taken = [span("2026-01-05", "2026-02-13")]; // 29 working days (6 January is a holiday)
    expect(daysCounted(taken[0]!, "working", workingDay)).toBe(29);
    expect(exceedsAllowance(span("2026-03-02", "2026-03-02"), taken, years, settings, workingDay)).toBe(false);
    expect(exceedsAllowance(span("2026-03-02", "2026-03-03"), taken, years, settings, workingDay)).toBe(true);
    // A request over the boundary: its October days count against the earlier year, which is free.
    expect(exceedsAllowance(span("2025-10-30", "2025-10-31"), taken, years, settings, workingDay)).toBe(false);
    // Weekend days of a request cost nothing.
    expect(exceedsAllowance(span("2026-02-14", "2026-02-15"), taken, years, settings, workingDay)).toBe(false);
  });
});

describe("suspensions", () => {
  it("begin at more than 40 consecutive working days: 40 is not one, 41 is", () => {
    // From Monday 13 January 2025: 40 working days end on Friday 7 March, 41 on Monday 10 March.
    expect(suspensions([span("2025-01-13", "2025-03-07")], settings, workingDay)).toEqual([]);
    expect(suspensions([span("2025-01-13", "2025-03-10")], settings, workingDay)).toEqual([
      { ...span("2025-01-13", "2025-03-10"), workingDays: 41, days: 57 },
    ]);
  });

  it("count holidays and weekends inside an absence as time to make up, but not towards the threshold", () => {
    // 15 December 2025 to 13 February 2026: 41 working days over Christmas and Epiphany, 61 days in all.
    const [suspension] = suspensions([span("2025-12-15", "2026-02-13")], settings, workingDay);
    expect(suspension).toMatchObject({ workingDays: 41, days: 61 });
  });

  it("join absences with no working day between them, as a sick note extended over a weekend", () => {
    const first = span("2025-01-13", "2025-02-07"); // 20 working days, ends on a Friday
    const second = span("2025-02-10", "2025-03-10"); // from the Monday after: 21 more
    expect(suspensions([second, first], settings, workingDay)).toEqual([
      { ...span("2025-01-13", "2025-03-10"), workingDays: 41, days: 57 },
    ]);
    // A working day between them: two absences of 20 and 20, neither a suspension.
    expect(suspensions([span("2025-01-13", "2025-02-07"), span("2025-02-11", "2025-03-10")], settings, workingDay)).toEqual([]);
  });

  it("join across a holiday: Friday before Easter Monday, then Tuesday", () => {
    const list = suspensions([span("2025-02-24", "2025-04-18"), span("2025-04-22", "2025-04-30")], settings, workingDay);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject(span("2025-02-24", "2025-04-30"));
  });

  it("follow the threshold's setting", () => {
    expect(suspensions([span("2025-01-13", "2025-01-17")], { suspensionAfter: 4 }, workingDay)).toHaveLength(1);
  });

  it("add up to the time that moves the end of training", () => {
    const list = suspensions([span("2025-01-13", "2025-03-10"), span("2026-01-12", "2026-03-31")], settings, workingDay);
    expect(suspendedDays(list)).toBe(57 + 79);
  });

  it("a school's suspension suspends whatever its length", () => {
    expect(suspensions([{ ...span("2025-01-13", "2025-01-17"), suspends: true }], settings, workingDay)).toEqual([
      { ...span("2025-01-13", "2025-01-17"), workingDays: 5, days: 5 },
    ]);
  });
});

describe("the programme's maximum of suspended time", () => {
  it("warns from 80% of it, never before, and not without any suspension", () => {
    expect(suspensionUse(291, 365)).toMatchObject({ percent: 79, warn: false });
    expect(suspensionUse(292, 365)).toMatchObject({ percent: 80, warn: true });
    expect(suspensionUse(400, 365)).toMatchObject({ percent: 109, warn: true });
    expect(suspensionUse(0, 365)).toMatchObject({ percent: 0, warn: false });
  });
});
