import { describe, expect, it } from "vitest";
import { formatters } from "./format";

describe("formatters", () => {
  it("builds each language's formats once", () => {
    expect(formatters("it")).toBe(formatters("it"));
    expect(formatters("en")).not.toBe(formatters("it"));
  });

  it("shows instants on the hospital's clock, whatever the server's", () => {
    // 23:30 UTC on 31 December is already the new year in Rome.
    const instant = new Date("2026-12-31T23:30:00Z");
    expect(formatters("en").date(instant)).toBe("1 Jan 2027");
    expect(formatters("it").time(instant)).toBe("00:30");
    expect(formatters("en").dayMonthOnClock(instant)).toBe("1 January");
    // A summer instant: two hours ahead of UTC.
    expect(formatters("en").time("2026-07-01T06:05:00Z")).toBe("08:05");
  });

  it("shows calendar days as the day they are, wherever the reader is", () => {
    const day = Date.UTC(2026, 11, 4);
    expect(formatters("en").dayMonth(day)).toBe("4 December");
    expect(formatters("it").dayMonth(day)).toBe("4 dicembre");
    expect(formatters("en").fullDay(day)).toBe("Friday, 4 December 2026");
    expect(formatters("it").monthYear(day)).toBe("dicembre 2026");
    expect(formatters("en").weekdayInitial(day)).toBe("F");
  });

  it("writes numbers in each language's way", () => {
    expect(formatters("it").number(1234)).toBe("1234");
    expect(formatters("en").number(12345)).toBe("12,345");
    expect(formatters("it").number(12345)).toBe("12.345");
    expect(formatters("en").percent(0.874)).toBe("87%");
    expect(formatters("it").decimal(1234.5)).toBe("1234,5");
    expect(formatters("en").decimal(2 / 3)).toBe("0.67");
  });
});
