import { describe, expect, it } from "vitest";
import { parseIsoDate, toIsoDate } from "./dates";
import {
  addMonths,
  awayCoverage,
  boardRows,
  coverage,
  coveredRange,
  dailyLoad,
  daysInMonth,
  formatMonth,
  isWeekend,
  monthDays,
  monthOf,
  monthWindow,
  parseMonth,
  parseYear,
  yearGrid,
} from "./planning-board";

const d = (iso: string) => parseIsoDate(iso)!;
const rotation = (id: string, start: string, end: string, state = "confirmed") => ({ id, startDate: d(start), endDate: d(end), state });
const march = { year: 2026, month: 3 };

describe("months", () => {
  it("reads and writes YYYY-MM, refusing anything else", () => {
    expect(parseMonth("2026-03")).toEqual(march);
    expect(parseMonth(" 2026-12 ")).toEqual({ year: 2026, month: 12 });
    for (const bad of ["2026-13", "2026-00", "2026-3", "26-03", "2026-03-01", "march", "", null, undefined, "1899-12", "2201-01"]) {
      expect(parseMonth(bad), String(bad)).toBeNull();
    }
    expect(formatMonth({ year: 2026, month: 3 })).toBe("2026-03");
    expect(formatMonth({ year: 2026, month: 11 })).toBe("2026-11");
  });

  it("reads a year, refusing anything else", () => {
    expect(parseYear("2026")).toBe(2026);
    for (const bad of ["26", "20266", "year", "", null, "1800", "2300"]) expect(parseYear(bad), String(bad)).toBeNull();
  });

  it("steps across years", () => {
    expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(addMonths(march, 12)).toEqual({ year: 2027, month: 3 });
    expect(addMonths(march, -27)).toEqual({ year: 2023, month: 12 });
    expect(monthOf(d("2026-03-31"))).toEqual(march);
  });

  it("knows 28, 29, 30 and 31-day months, leap years included", () => {
    expect(daysInMonth({ year: 2026, month: 2 })).toBe(28);
    expect(daysInMonth({ year: 2028, month: 2 })).toBe(29);
    expect(daysInMonth({ year: 2000, month: 2 })).toBe(29);
    expect(daysInMonth({ year: 2100, month: 2 })).toBe(28);
    expect(daysInMonth({ year: 2026, month: 4 })).toBe(30);
    expect(daysInMonth({ year: 2026, month: 12 })).toBe(31);
  });

  it("lists every day of a month as UTC midnights", () => {
    const days = monthDays({ year: 2028, month: 2 });
    expect(days).toHaveLength(29);
    expect(toIsoDate(days[0]!)).toBe("2028-02-01");
    expect(toIsoDate(days[28]!)).toBe("2028-02-29");
    expect(days.every((day) => day.getUTCHours() === 0)).toBe(true);
    expect(monthWindow(march)).toEqual({ start: d("2026-03-01"), end: d("2026-03-31") });
  });

  it("tells weekends", () => {
    expect(isWeekend(d("2026-03-07"))).toBe(true); // Saturday
    expect(isWeekend(d("2026-03-08"))).toBe(true); // Sunday
    expect(isWeekend(d("2026-03-09"))).toBe(false); // Monday
  });
});

describe("the days a rotation covers within a window", () => {
  const window = monthWindow(march);
  it("clips a rotation starting before the month and ending after it", () => {
    expect(coveredRange(rotation("r", "2026-02-10", "2026-04-05"), window)).toEqual({ first: 0, last: 30 });
    expect(coverage(rotation("r", "2026-02-10", "2026-04-05"), monthDays(march)).every(Boolean)).toBe(true);
  });
  it("counts the first and last day of the rotation", () => {
    expect(coveredRange(rotation("r", "2026-03-10", "2026-03-12"), window)).toEqual({ first: 9, last: 11 });
    const days = coverage(rotation("r", "2026-03-10", "2026-03-12"), monthDays(march));
    expect(days.flatMap((covered, i) => (covered ? [i + 1] : []))).toEqual([10, 11, 12]);
  });
  it("meets the month on its edges only", () => {
    expect(coveredRange(rotation("r", "2026-02-01", "2026-03-01"), window)).toEqual({ first: 0, last: 0 });
    expect(coveredRange(rotation("r", "2026-03-31", "2026-05-01"), window)).toEqual({ first: 30, last: 30 });
    expect(coveredRange(rotation("r", "2026-02-01", "2026-02-28"), window)).toBeNull();
    expect(coveredRange(rotation("r", "2026-04-01", "2026-04-30"), window)).toBeNull();
  });
  it("reaches 29 February in a leap year", () => {
    expect(coveredRange(rotation("r", "2028-02-20", "2028-03-10"), monthWindow({ year: 2028, month: 2 }))).toEqual({ first: 19, last: 28 });
  });
});

describe("places used and free per day", () => {
  const days = monthDays(march);
  it("counts residents present against the capacity", () => {
    const load = dailyLoad([rotation("a", "2026-03-01", "2026-03-10"), rotation("b", "2026-03-05", "2026-03-20", "planned")], days, 3);
    expect(load[0]).toMatchObject({ used: 1, free: 2, over: 0 });
    expect(load[4]).toMatchObject({ used: 2, free: 1, over: 0 });
    expect(load[19]).toMatchObject({ used: 1, free: 2, over: 0 });
    expect(load[30]).toMatchObject({ used: 0, free: 3, over: 0 });
    expect(toIsoDate(load[30]!.day)).toBe("2026-03-31");
  });
  it("flags a day above capacity, never showing negative free places", () => {
    const load = dailyLoad(
      [rotation("a", "2026-03-01", "2026-03-31"), rotation("b", "2026-03-15", "2026-03-16"), rotation("c", "2026-03-16", "2026-03-16")],
      days,
      1,
    );
    expect(load[13]).toMatchObject({ used: 1, free: 0, over: 0 });
    expect(load[14]).toMatchObject({ used: 2, free: 0, over: 1 });
    expect(load[15]).toMatchObject({ used: 3, free: 0, over: 2 });
    expect(load.filter((l) => l.over > 0)).toHaveLength(2);
  });
  it("ignores cancelled rotations", () => {
    const load = dailyLoad([rotation("a", "2026-03-01", "2026-03-31", "cancelled"), rotation("b", "2026-03-01", "2026-03-01")], days, 1);
    expect(load[0]).toMatchObject({ used: 1, free: 0, over: 0 });
    expect(load[1]).toMatchObject({ used: 0, free: 1, over: 0 });
  });
});

describe("the rows of a department's month", () => {
  it("keeps the rotations meeting the month, not cancelled, by first day", () => {
    const rows = boardRows(
      [
        rotation("late", "2026-03-20", "2026-04-30"),
        rotation("cancelled", "2026-03-01", "2026-03-31", "cancelled"),
        rotation("before", "2026-01-01", "2026-02-28"),
        rotation("early", "2026-02-15", "2026-03-03", "planned"),
      ],
      march,
    );
    expect(rows.map((r) => r.rotation.id)).toEqual(["early", "late"]);
    expect(rows[0]!.days).toHaveLength(31);
    expect(rows[0]!.days.slice(0, 4)).toEqual([true, true, true, false]);
    expect(rows[1]!.days.slice(18, 21)).toEqual([false, true, true]);
    expect(rows[1]!.days[30]).toBe(true);
  });
  it("has as many day cells as the month has days", () => {
    expect(boardRows([rotation("r", "2026-01-01", "2026-12-31")], { year: 2026, month: 4 })[0]!.days).toHaveLength(30);
    expect(boardRows([rotation("r", "2026-01-01", "2026-12-31")], { year: 2026, month: 2 })[0]!.days).toHaveLength(28);
  });
});

describe("a resident's year", () => {
  const stay = { start: d("2026-02-15"), end: d("2026-11-30") };
  const rotations = [
    rotation("a", "2025-12-01", "2026-03-15"),
    rotation("x", "2026-04-01", "2026-04-30", "cancelled"),
    rotation("b", "2026-06-01", "2027-01-31", "planned"),
  ];
  const grid = yearGrid(2026, rotations, stay);
  const cell = (month: number, day: number) => grid[month - 1]!.cells[day - 1];

  it("has twelve months of 31 cells, empty for the days a month lacks", () => {
    expect(grid).toHaveLength(12);
    expect(grid.every((row) => row.cells.length === 31)).toBe(true);
    expect(grid.map((row) => row.cells.filter(Boolean).length)).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(cell(2, 29)).toBeNull();
    expect(cell(4, 31)).toBeNull();
    expect(yearGrid(2028, [], stay)[1]!.cells[28]).not.toBeNull();
  });
  it("names the rotation of each day, ignoring cancelled ones", () => {
    expect(cell(1, 1)!.rotations).toEqual([0]);
    expect(cell(3, 15)!.rotations).toEqual([0]);
    expect(cell(3, 16)!.rotations).toEqual([]);
    expect(cell(4, 10)!.rotations).toEqual([]);
    expect(cell(6, 1)!.rotations).toEqual([2]);
    expect(cell(12, 31)!.rotations).toEqual([2]);
    expect(toIsoDate(cell(12, 31)!.day)).toBe("2026-12-31");
  });
  it("marks the days of the stay at the hospital", () => {
    expect(cell(2, 14)!.inStay).toBe(false);
    expect(cell(2, 15)!.inStay).toBe(true);
    expect(cell(11, 30)!.inStay).toBe(true);
    expect(cell(12, 1)!.inStay).toBe(false);
  });
});

describe("days away", () => {
  const away = [
    { start: d("2026-03-30"), end: d("2026-04-02") },
    { start: d("2026-04-30"), end: d("2026-05-04") },
  ];
  it("marks each day any absence covers, clipped to the days asked", () => {
    const april = monthDays({ year: 2026, month: 4 });
    const marked = awayCoverage(away, april).flatMap((on, i) => (on ? [i + 1] : []));
    expect(marked).toEqual([1, 2, 30]);
    expect(awayCoverage([], april).some(Boolean)).toBe(false);
  });
  it("mark a resident's year, with or without a rotation that day", () => {
    const grid = yearGrid(2026, [rotation("a", "2026-04-01", "2026-04-30")], { start: d("2026-01-01"), end: d("2026-12-31") }, away);
    expect(grid[2]!.cells[29]).toMatchObject({ away: true, rotations: [] });
    expect(grid[3]!.cells[0]).toMatchObject({ away: true, rotations: [0] });
    expect(grid[3]!.cells[2]).toMatchObject({ away: false, rotations: [0] });
    expect(grid[4]!.cells[4]).toMatchObject({ away: false });
  });
});
