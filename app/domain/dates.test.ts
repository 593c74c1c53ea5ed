import { describe, expect, it } from "vitest";
import { addDays, daysBetween, hospitalClock, hospitalToday, parseIsoDate, rangesOverlap, toIsoDate } from "./dates";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("parseIsoDate", () => {
  it("turns a calendar day into UTC midnight of that day", () => {
    expect(parseIsoDate("2026-11-23")?.toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });

  it("accepts the leap day of a leap year", () => {
    expect(parseIsoDate("2028-02-29")?.toISOString()).toBe("2028-02-29T00:00:00.000Z");
  });

  it("rejects days that do not exist", () => {
    expect(parseIsoDate("2026-02-30")).toBeNull();
    expect(parseIsoDate("2026-02-29")).toBeNull();
    expect(parseIsoDate("2026-04-31")).toBeNull();
    expect(parseIsoDate("2026-13-01")).toBeNull();
    expect(parseIsoDate("2026-00-10")).toBeNull();
    expect(parseIsoDate("2026-01-00")).toBeNull();
  });

  it("rejects anything that is not YYYY-MM-DD", () => {
    expect(parseIsoDate("2026-1-5")).toBeNull();
    expect(parseIsoDate("")).toBeNull();
    expect(parseIsoDate("   ")).toBeNull();
    expect(parseIsoDate("05/01/2026")).toBeNull();
    expect(parseIsoDate("2026-01-05T10:00:00Z")).toBeNull();
    expect(parseIsoDate("tomorrow")).toBeNull();
  });

  it("rejects years outside 1900–2200 and accepts the limits", () => {
    expect(parseIsoDate("1899-12-31")).toBeNull();
    expect(parseIsoDate("2201-01-01")).toBeNull();
    expect(parseIsoDate("0000-01-01")).toBeNull();
    expect(parseIsoDate("1900-01-01")?.toISOString()).toBe("1900-01-01T00:00:00.000Z");
    expect(parseIsoDate("2200-12-31")?.toISOString()).toBe("2200-12-31T00:00:00.000Z");
  });

  it("tolerates surrounding spaces from a form field", () => {
    expect(parseIsoDate(" 2026-03-01 ")?.toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });

  it("round-trips with toIsoDate", () => {
    expect(toIsoDate(parseIsoDate("2028-02-29")!)).toBe("2028-02-29");
  });
});

describe("hospitalToday", () => {
  it("is the day in Rome, which in summer (UTC+2) starts before UTC midnight", () => {
    expect(toIsoDate(hospitalToday(new Date("2026-06-30T21:59:00Z")))).toBe("2026-06-30");
    expect(toIsoDate(hospitalToday(new Date("2026-06-30T22:00:00Z")))).toBe("2026-07-01");
    expect(toIsoDate(hospitalToday(new Date("2026-06-30T23:30:00Z")))).toBe("2026-07-01");
  });

  it("is the day in Rome in winter (UTC+1): New Year starts at 23:00 UTC", () => {
    expect(toIsoDate(hospitalToday(new Date("2026-12-31T22:59:00Z")))).toBe("2026-12-31");
    expect(toIsoDate(hospitalToday(new Date("2026-12-31T23:00:00Z")))).toBe("2027-01-01");
  });

  it("returns UTC midnight of the hospital's day", () => {
    expect(hospitalToday(new Date("2026-03-10T12:34:56Z")).toISOString()).toBe("2026-03-10T00:00:00.000Z");
  });
});

describe("hospitalClock", () => {
  it("reads the hospital's clock as HH:MM, in summer and in winter", () => {
    expect(hospitalClock(new Date("2026-07-01T06:05:00Z"))).toBe("08:05");
    expect(hospitalClock(new Date("2026-01-01T23:30:00Z"))).toBe("00:30");
  });
});

describe("addDays", () => {
  it("moves forwards and backwards across month and year ends", () => {
    expect(toIsoDate(addDays(day("2026-01-31"), 1))).toBe("2026-02-01");
    expect(toIsoDate(addDays(day("2028-02-28"), 1))).toBe("2028-02-29");
    expect(toIsoDate(addDays(day("2026-12-31"), 1))).toBe("2027-01-01");
    expect(toIsoDate(addDays(day("2026-03-01"), -1))).toBe("2026-02-28");
    expect(toIsoDate(addDays(day("2026-06-15"), 0))).toBe("2026-06-15");
  });

  it("is not affected by daylight saving changes (calendar days are UTC)", () => {
    expect(toIsoDate(addDays(day("2026-03-28"), 2))).toBe("2026-03-30");
    expect(toIsoDate(addDays(day("2026-10-24"), 2))).toBe("2026-10-26");
  });
});

describe("daysBetween", () => {
  it("counts whole days, positive when the second date is later", () => {
    expect(daysBetween(day("2026-06-15"), day("2026-06-15"))).toBe(0);
    expect(daysBetween(day("2026-06-15"), day("2026-06-16"))).toBe(1);
    expect(daysBetween(day("2026-06-16"), day("2026-06-15"))).toBe(-1);
    expect(daysBetween(day("2026-01-01"), day("2027-01-01"))).toBe(365);
    expect(daysBetween(day("2028-01-01"), day("2029-01-01"))).toBe(366);
  });

  it("is the inverse of addDays", () => {
    expect(daysBetween(day("2026-06-15"), addDays(day("2026-06-15"), 90))).toBe(90);
  });
});

describe("rangesOverlap", () => {
  const range = (start: string, end: string) => ({ start: day(start), end: day(end) });

  it("sees overlapping ranges, in either order", () => {
    expect(rangesOverlap(range("2026-01-01", "2026-12-31"), range("2026-06-01", "2027-05-31"))).toBe(true);
    expect(rangesOverlap(range("2026-06-01", "2027-05-31"), range("2026-01-01", "2026-12-31"))).toBe(true);
  });

  it("counts one shared day as an overlap (ends are inclusive)", () => {
    expect(rangesOverlap(range("2026-01-01", "2026-06-30"), range("2026-06-30", "2026-12-31"))).toBe(true);
    expect(rangesOverlap(range("2026-06-30", "2026-12-31"), range("2026-01-01", "2026-06-30"))).toBe(true);
  });

  it("does not overlap when one range ends the day before the other starts", () => {
    expect(rangesOverlap(range("2026-01-01", "2026-06-29"), range("2026-06-30", "2026-12-31"))).toBe(false);
    expect(rangesOverlap(range("2026-06-30", "2026-12-31"), range("2026-01-01", "2026-06-29"))).toBe(false);
  });

  it("sees a range contained in another, and single-day ranges", () => {
    expect(rangesOverlap(range("2026-01-01", "2026-12-31"), range("2026-05-01", "2026-05-02"))).toBe(true);
    expect(rangesOverlap(range("2026-05-01", "2026-05-01"), range("2026-05-01", "2026-05-01"))).toBe(true);
  });
});
