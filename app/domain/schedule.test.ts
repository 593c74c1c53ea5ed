import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DAY_MS, parseIsoDate } from "./dates";
import {
  agreementNotice,
  attendanceReminderDue,
  comingUp,
  dailyOccasion,
  frequentOccasion,
  loggedComingDue,
  overdueOn,
  windowSince,
  type Window,
} from "./schedule";

const d = (iso: string) => parseIsoDate(iso)!;
const day = (iso: string): Window => ({ from: d(iso), to: d(iso) });

describe("the window an occasion covers", () => {
  it("is today alone when yesterday ran, and the missed days after downtime", () => {
    expect(windowSince(d("2026-12-04"), d("2026-12-05"))).toEqual(day("2026-12-05"));
    expect(windowSince(d("2026-12-01"), d("2026-12-05"))).toEqual({ from: d("2026-12-02"), to: d("2026-12-05") });
  });

  it("goes back at most a week, and is today's alone on the very first run", () => {
    expect(windowSince(d("2026-10-01"), d("2026-12-05"))).toEqual({ from: d("2026-11-29"), to: d("2026-12-05") });
    expect(windowSince(null, d("2026-12-05"))).toEqual(day("2026-12-05"));
  });
});

describe("agreements ending", () => {
  const end = d("2027-03-31");

  it("warns 90, 30 and 7 days before the last day, and not on the days between", () => {
    expect(agreementNotice(end, day("2026-12-31"))).toEqual({ kind: "agreement-ending", days: 90 });
    expect(agreementNotice(end, day("2027-03-01"))).toEqual({ kind: "agreement-ending", days: 30 });
    expect(agreementNotice(end, day("2027-03-24"))).toEqual({ kind: "agreement-ending", days: 7 });
    expect(agreementNotice(end, day("2027-01-01"))).toBeNull();
    expect(agreementNotice(end, day("2027-03-31"))).toBeNull(); // its last day: still valid
  });

  it("says it expired on the day after its last", () => {
    expect(agreementNotice(end, day("2027-04-01"))).toEqual({ kind: "agreement-expired" });
    expect(agreementNotice(end, day("2027-04-02"))).toBeNull();
  });

  it("catches up once after downtime, with the days actually left, even across two warnings", () => {
    expect(agreementNotice(end, { from: d("2027-02-27"), to: d("2027-03-03") })).toEqual({ kind: "agreement-ending", days: 28 });
    expect(agreementNotice(d("2026-12-10"), { from: d("2026-11-29"), to: d("2026-12-05") })).toEqual({ kind: "agreement-ending", days: 5 });
  });

  it("drops a warning whose agreement ended during the downtime: the expiry notice says it", () => {
    expect(agreementNotice(d("2026-12-03"), { from: d("2026-11-29"), to: d("2026-12-05") })).toEqual({ kind: "agreement-expired" });
  });
});

describe("what is coming up", () => {
  it("tells a week ahead of a rotation's first day, once, and catches up while it is still ahead", () => {
    const start = d("2026-12-14");
    expect(comingUp(start, 7, day("2026-12-07"))).toBe(true);
    expect(comingUp(start, 7, day("2026-12-06"))).toBe(false);
    expect(comingUp(start, 7, day("2026-12-08"))).toBe(false);
    expect(comingUp(start, 7, { from: d("2026-12-05"), to: d("2026-12-10") })).toBe(true);
  });

  it("drops it once the rotation has begun", () => {
    expect(comingUp(d("2026-12-08"), 7, { from: d("2026-11-30"), to: d("2026-12-08") })).toBe(false);
  });

  it("counts a logbook entry's wait from the hospital day it was logged", () => {
    // 23:30 in Rome on 30 November is 22:30 UTC: the entry is of the 30th, overdue on 7 December.
    expect(overdueOn(new Date("2026-11-30T22:30:00Z"))).toEqual(d("2026-12-07"));
    expect(overdueOn(new Date("2026-11-30T23:30:00Z"))).toEqual(d("2026-12-08"));
  });

  it("asks for exactly the entries whose week's wait ends in the window, across the changes of clock", () => {
    // 29 March and 25 October 2026: Rome moves to summer time and back.
    for (const window of [day("2026-04-02"), { from: d("2026-10-28"), to: d("2026-11-03") }, day("2026-12-07")]) {
      const { from, to } = loggedComingDue(window);
      fc.assert(
        fc.property(fc.integer({ min: from.getTime() - 3 * DAY_MS, max: to.getTime() + 3 * DAY_MS }), (ms) => {
          const createdAt = new Date(ms);
          const due = overdueOn(createdAt);
          expect(createdAt >= from && createdAt < to).toBe(due >= window.from && due <= window.to);
        }),
        { numRuns: 2000 },
      );
    }
    expect(loggedComingDue(day("2026-12-07"))).toEqual({ from: new Date("2026-11-29T23:00:00Z"), to: new Date("2026-11-30T23:00:00Z") });
  });
});

describe("attendance still to confirm", () => {
  const end = new Date("2026-12-04T18:00:00Z");

  it("reminds 12 hours after the session, on the check that covers that moment", () => {
    expect(attendanceReminderDue(end, new Date("2026-12-05T05:55:00Z"), new Date("2026-12-05T06:00:00Z"))).toBe(true);
    expect(attendanceReminderDue(end, new Date("2026-12-05T06:00:00Z"), new Date("2026-12-05T06:05:00Z"))).toBe(false);
    expect(attendanceReminderDue(end, new Date("2026-12-05T05:50:00Z"), new Date("2026-12-05T05:55:00Z"))).toBe(false);
  });

  it("catches up after a short downtime and drops a reminder more than a day late", () => {
    expect(attendanceReminderDue(end, new Date("2026-12-05T01:00:00Z"), new Date("2026-12-05T20:00:00Z"))).toBe(true);
    expect(attendanceReminderDue(end, new Date("2026-12-05T01:00:00Z"), new Date("2026-12-06T07:00:00Z"))).toBe(false);
  });
});

describe("occasions", () => {
  it("names each hospital day and each five-minute slot once", () => {
    expect(dailyOccasion(d("2026-12-05"))).toBe("daily:2026-12-05");
    expect(frequentOccasion(new Date("2026-12-05T09:14:59Z"))).toBe("frequent:2026-12-05T09:10");
    expect(frequentOccasion(new Date("2026-12-05T09:15:00Z"))).toBe("frequent:2026-12-05T09:15");
  });
});
