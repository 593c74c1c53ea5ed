import { describe, expect, it } from "vitest";
import { formatDayOfYear, parseDayOfYear, parseIsoDate } from "./dates";
import { isWorkingDay, publicHolidays, workingDaysIn } from "./working-days";

const d = (iso: string) => parseIsoDate(iso)!;

describe("working days", () => {
  it("are Monday to Friday", () => {
    expect(workingDaysIn(d("2025-01-13"), d("2025-01-19"))).toBe(5);
    expect(isWorkingDay(d("2025-01-18"))).toBe(false);
    expect(isWorkingDay(d("2025-01-19"))).toBe(false);
  });

  it("leave out Italian public holidays, Easter Monday and the 4th of October from 2026 among them", () => {
    expect([...publicHolidays(2026)]).toEqual(
      expect.arrayContaining(["2026-01-01", "2026-01-06", "2026-04-06", "2026-04-25", "2026-05-01", "2026-06-02", "2026-08-15"]),
    );
    expect(publicHolidays(2026).has("2026-10-04")).toBe(true);
    expect(publicHolidays(2025).has("2025-10-04")).toBe(false);
    expect(isWorkingDay(d("2025-04-21"))).toBe(false); // Easter Monday
    expect(isWorkingDay(d("2025-04-22"))).toBe(true);
    // Christmas to Epiphany: 22 December 2025 to 9 January 2026 has 11 working days of 19.
    expect(workingDaysIn(d("2025-12-22"), d("2026-01-09"))).toBe(11);
  });

  it("leave out the patron-saint day, a setting (Sant'Ambrogio by default)", () => {
    // Monday 7 December 2026 (Sant'Ambrogio) and Tuesday 8 (the Immaculate Conception).
    expect(workingDaysIn(d("2026-12-07"), d("2026-12-11"))).toBe(3);
    expect(workingDaysIn(d("2026-12-07"), d("2026-12-11"), null)).toBe(4);
    expect(isWorkingDay(d("2026-06-29"), { month: 6, day: 29 })).toBe(false); // Rome's Saints Peter and Paul
  });

  it("count nothing for an end before the start", () => {
    expect(workingDaysIn(d("2025-01-14"), d("2025-01-13"))).toBe(0);
  });

  it("read and write the patron-saint day as MM-DD", () => {
    expect(parseDayOfYear("12-07")).toEqual({ month: 12, day: 7 });
    expect(parseDayOfYear("02-29")).toEqual({ month: 2, day: 29 });
    for (const bad of ["02-30", "13-01", "7 dicembre", "", null, "12-7"]) expect(parseDayOfYear(bad)).toBeNull();
    expect(formatDayOfYear({ month: 6, day: 29 })).toBe("06-29");
  });
});
