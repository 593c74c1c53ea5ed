import { describe, expect, it } from "vitest";
import { parseIsoDate, toIsoDate } from "./dates";
import { addYears } from "./dates";
import { impliedContractStart, owedDays, trainingCalendar, yearOn, type DecidedOutcome } from "./training-calendar";

const d = (iso: string) => parseIsoDate(iso)!;
const days = (calendar: ReturnType<typeof trainingCalendar>) =>
  calendar.years.map((y) => [y.year, toIsoDate(y.start), toIsoDate(y.end), y.suspendedDays, y.outcome, y.repeated]);
const outcome = (trainingYear: number, o: DecidedOutcome["outcome"], decidedOn: string): DecidedOutcome => ({
  trainingYear,
  outcome: o,
  decidedOn: d(decidedOn),
});

describe("the training calendar", () => {
  it("lays out the programme's years from the contract start, each a year long", () => {
    const calendar = trainingCalendar({ contractStart: d("2024-11-01"), durationYears: 4, suspensions: [], outcomes: [] });
    expect(days(calendar)).toEqual([
      [1, "2024-11-01", "2025-10-31", 0, null, false],
      [2, "2025-11-01", "2026-10-31", 0, null, false],
      [3, "2026-11-01", "2027-10-31", 0, null, false],
      [4, "2027-11-01", "2028-10-31", 0, null, false],
    ]);
    expect(toIsoDate(calendar.expectedEnd)).toBe("2028-10-31");
    expect(calendar.endedOn).toBeNull();
  });

  it("moves a year's end, and every later year, by the suspended days inside it", () => {
    // 120 days of maternity leave from 1 March 2025, inside the first year.
    const calendar = trainingCalendar({
      contractStart: d("2024-11-01"),
      durationYears: 2,
      suspensions: [{ start: d("2025-03-01"), end: d("2025-06-28") }],
      outcomes: [],
    });
    expect(days(calendar)).toEqual([
      [1, "2024-11-01", "2026-02-28", 120, null, false],
      [2, "2026-03-01", "2027-02-28", 0, null, false],
    ]);
  });

  it("takes in a suspension reaching past the planned end, as the end moves over it", () => {
    const calendar = trainingCalendar({
      contractStart: d("2024-11-01"),
      durationYears: 1,
      suspensions: [{ start: d("2025-10-01"), end: d("2025-11-29") }],
      outcomes: [],
    });
    // 60 days suspended: 31 inside the planned year, then 29 more reached as the end moves.
    expect(days(calendar)).toEqual([[1, "2024-11-01", "2025-12-30", 60, null, false]]);
  });

  it("repeats a year after 'repeats', so the expected end comes a year later", () => {
    const calendar = trainingCalendar({
      contractStart: d("2024-11-01"),
      durationYears: 2,
      suspensions: [],
      outcomes: [outcome(1, "repeats", "2025-10-20"), outcome(1, "admitted", "2026-10-20")],
    });
    expect(days(calendar)).toEqual([
      [1, "2024-11-01", "2025-10-31", 0, "repeats", false],
      [1, "2025-11-01", "2026-10-31", 0, "admitted", true],
      [2, "2026-11-01", "2027-10-31", 0, null, false],
    ]);
    expect(toIsoDate(calendar.expectedEnd)).toBe("2027-10-31");
  });

  it("ends training on the day of 'not admitted'; 'suspended' closes no year", () => {
    const calendar = trainingCalendar({
      contractStart: d("2024-11-01"),
      durationYears: 3,
      suspensions: [],
      outcomes: [outcome(1, "suspended", "2025-09-01"), outcome(1, "admitted", "2025-10-20"), outcome(2, "not-admitted", "2026-10-15")],
    });
    expect(calendar.years.map((y) => y.outcome)).toEqual(["admitted", "not-admitted"]);
    expect(toIsoDate(calendar.endedOn!)).toBe("2026-10-15");
    expect(toIsoDate(calendar.expectedEnd)).toBe("2026-10-15");
  });

  it("knows the year running on a day, before, during and after training", () => {
    const calendar = trainingCalendar({ contractStart: d("2024-11-01"), durationYears: 2, suspensions: [], outcomes: [] });
    expect(yearOn(calendar, d("2024-01-01"))?.year).toBe(1);
    expect(yearOn(calendar, d("2025-10-31"))?.year).toBe(1);
    expect(yearOn(calendar, d("2025-11-01"))?.year).toBe(2);
    expect(yearOn(calendar, d("2030-01-01"))?.year).toBe(2);
  });
});

describe("suspended time owed", () => {
  const year = trainingCalendar({
    contractStart: d("2024-11-01"),
    durationYears: 1,
    suspensions: [{ start: d("2025-03-01"), end: d("2025-04-09") }],
    outcomes: [],
  }).years[0]!;

  it("is all of it until the planned end, then made up a day at a time until the moved end", () => {
    expect(year.suspendedDays).toBe(40);
    expect(owedDays(year, d("2025-06-01"))).toBe(40);
    expect(owedDays(year, d("2025-10-31"))).toBe(40);
    expect(owedDays(year, d("2025-11-01"))).toBe(39);
    expect(owedDays(year, d("2025-12-09"))).toBe(1);
    expect(owedDays(year, d("2025-12-10"))).toBe(0);
    expect(owedDays(year, d("2026-06-01"))).toBe(0);
  });
});

describe("dates a year apart", () => {
  it("keep the day, and 29 February falls back to 28", () => {
    expect(toIsoDate(addYears(d("2024-11-01"), 1))).toBe("2025-11-01");
    expect(toIsoDate(addYears(d("2024-02-29"), 1))).toBe("2025-02-28");
    expect(toIsoDate(addYears(d("2026-11-01"), -2))).toBe("2024-11-01");
  });
  it("imply a contract start from the year of training when none is known", () => {
    expect(toIsoDate(impliedContractStart(d("2026-11-01"), 3))).toBe("2024-11-01");
  });
});
