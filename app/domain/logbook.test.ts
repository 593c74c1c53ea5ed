import { describe, expect, it } from "vitest";
import { parseIsoDate } from "./dates";
import {
  elapsedShare,
  monthOf,
  monthRange,
  monthState,
  outsideRotation,
  parseMinimums,
  patientIdentifiers,
  placeEntry,
  progress,
  rotationOn,
  trainingYears,
  versionInForce,
  type CatalogueActivity,
  type CountedEntry,
} from "./logbook";

const day = (iso: string) => parseIsoDate(iso)!;

describe("patient identity in a note", () => {
  it("finds a fiscal code, also with the letters of omocodia and in lower case", () => {
    expect(patientIdentifiers("paziente RSSMRA56C12F205X, seconda linea")).toEqual(["fiscalCode"]);
    expect(patientIdentifiers("rssmra56c12f20rx")).toEqual(["fiscalCode"]);
  });

  it("finds a date of birth announced as such or next to a name", () => {
    expect(patientIdentifiers("nato il 12/03/1956, carcinoma polmonare")).toEqual(["birthDate"]);
    expect(patientIdentifiers("Mario Rossi 12.03.56")).toEqual(["birthDate"]);
    expect(patientIdentifiers("DOB 1956-03-12")).toEqual(["birthDate"]);
  });

  it("lets an anonymous reference, a plain date or a drug name through", () => {
    expect(patientIdentifiers("caso 14B, follow-up al 12/03/2026")).toEqual([]);
    expect(patientIdentifiers("FOLFOX ciclo 3")).toEqual([]);
    expect(patientIdentifiers("")).toEqual([]);
  });
});

describe("months", () => {
  it("cuts a month on its first and last day", () => {
    expect(monthOf(day("2026-02-28"))).toBe("2026-02");
    expect(monthRange("2026-02")).toEqual({ start: day("2026-02-01"), end: day("2026-02-28") });
    expect(monthRange("2024-12")).toEqual({ start: day("2024-12-01"), end: day("2024-12-31") });
  });

  const state = (statuses: CountedEntry["status"][], today: string, extra: { countersignedAt?: Date; reopenedAt?: Date } = {}) =>
    monthState({
      month: "2026-10",
      today: day(today),
      statuses,
      countersignedAt: extra.countersignedAt ?? null,
      reopenedAt: extra.reopenedAt ?? null,
    });

  it("closes a month once it has ended and every entry in it is certified", () => {
    expect(state(["certified"], "2026-10-31").closed).toBe(false);
    expect(state(["certified"], "2026-11-01")).toMatchObject({ closed: true, awaitsCountersignature: true, countersigned: false });
    expect(state(["certified", "pending"], "2026-12-01").closed).toBe(false);
    expect(state(["certified", "returned"], "2026-12-01").closed).toBe(false);
    expect(state([], "2026-12-01").closed).toBe(false);
  });

  it("is countersigned once, and a reopening keeps it open until the resident countersigns again", () => {
    const signed = new Date("2026-11-03T10:00:00Z");
    expect(state(["certified"], "2026-11-05", { countersignedAt: signed })).toMatchObject({
      closed: true,
      countersigned: true,
      awaitsCountersignature: false,
    });
    const reopened = state(["certified", "certified"], "2026-11-20", {
      countersignedAt: signed,
      reopenedAt: new Date("2026-11-10T09:00:00Z"),
    });
    expect(reopened).toMatchObject({ closed: false, countersigned: false, awaitsCountersignature: true });
  });
});

describe("catalogue versions", () => {
  const versions = [
    { version: 1, validFrom: day("2024-11-01") },
    { version: 2, validFrom: day("2025-11-01") },
    { version: 3, validFrom: day("2026-11-01") },
  ];
  it("measures a training year against the version in force on its first day", () => {
    expect(versionInForce(versions, day("2025-11-01"))?.version).toBe(2);
    expect(versionInForce(versions, day("2026-10-31"))?.version).toBe(2);
    expect(versionInForce(versions, day("2026-11-01"))?.version).toBe(3);
  });
  it("falls back on the oldest version when the catalogue came after the year began, and on nothing without one", () => {
    expect(versionInForce(versions, day("2023-11-01"))?.version).toBe(1);
    expect(versionInForce([], day("2023-11-01"))).toBeNull();
  });
});

describe("training years", () => {
  const start = { month: 11, day: 1 };
  it("counts the current academic year as the resident's year, and the earlier ones back to year 1", () => {
    const years = trainingYears(3, day("2026-12-04"), start);
    expect(years.map((y) => [y.year, y.start, y.end])).toEqual([
      [1, day("2024-11-01"), day("2025-10-31")],
      [2, day("2025-11-01"), day("2026-10-31")],
      [3, day("2026-11-01"), day("2027-10-31")],
    ]);
  });
  it("measures the share of a year elapsed, from its first day to its last", () => {
    const year = { start: day("2026-11-01"), end: day("2027-10-31") };
    expect(elapsedShare(year, day("2026-10-31"))).toBe(0);
    expect(elapsedShare(year, day("2026-11-01"))).toBeCloseTo(1 / 365);
    expect(elapsedShare(year, day("2027-10-31"))).toBe(1);
    expect(elapsedShare(year, day("2028-01-01"))).toBe(1);
  });
});

describe("progress", () => {
  const activities: CatalogueActivity[] = [
    {
      code: "first-visit",
      category: "Ambulatorio",
      labelIt: "Prima visita",
      labelEn: "First visit",
      minimums: [
        { year: 1, degree: "support", count: 20 },
        { year: 1, degree: "autonomy", count: 4 },
        { year: 0, degree: "autonomy", count: 100 },
      ],
    },
  ];
  const year = { start: day("2025-11-01"), end: day("2026-10-31") };
  const entry = (
    date: string,
    count: number,
    status: CountedEntry["status"] = "certified",
    degree: CountedEntry["degree"] = "support",
  ): CountedEntry => ({
    code: "first-visit",
    degree,
    date: day(date),
    count,
    status,
  });

  it("counts certified entries of the year and of the whole training, pending apart, on the year's first and last day", () => {
    const result = progress({
      activities,
      trainingYear: 1,
      year,
      today: day("2026-10-31"),
      entries: [
        entry("2025-10-31", 5), // the year before: the whole training only
        entry("2025-11-01", 3), // first day of the year
        entry("2026-10-31", 2), // last day of the year
        entry("2026-05-01", 7, "pending"),
        entry("2026-05-02", 9, "returned"),
        entry("2026-05-03", 1, "certified", "autonomy"),
      ],
    });
    const row = result.rows[0]!;
    expect(row.cells.support.year).toEqual({ done: 5, minimum: 20, pending: 7, expected: 20 });
    expect(row.cells.support.whole).toEqual({ done: 10, minimum: 0, pending: 7 });
    expect(row.cells.autonomy.whole).toEqual({ done: 1, minimum: 100, pending: 0 });
    expect(row.missingYear).toEqual({ support: 15, autonomy: 3 });
    expect(row.missingWhole).toEqual({ autonomy: 99 });
    expect(result.behind).toBe(true);
  });

  it("is behind only below the minimum pro rata to the part of the year elapsed", () => {
    const halfway = day("2026-05-01"); // 182 of 365 days
    const at = (count: number) =>
      progress({
        activities,
        trainingYear: 1,
        year,
        today: halfway,
        entries: [entry("2026-01-10", count), entry("2026-01-10", 2, "certified", "autonomy")],
      });
    expect(at(9).rows[0]!.cells.support.year.expected).toBe(9);
    expect(at(9).behind).toBe(false);
    expect(at(8).behind).toBe(true);
    // On the year's first day nothing is expected yet.
    expect(progress({ activities, trainingYear: 1, year, today: year.start, entries: [] }).behind).toBe(false);
  });

  it("counts an older version's activity by its code, and measures against the year's own minimums", () => {
    const second = progress({ activities, trainingYear: 2, year, today: day("2026-10-31"), entries: [entry("2026-01-10", 3)] });
    expect(second.rows[0]!.cells.support.year).toMatchObject({ done: 3, minimum: 0 });
    expect(second.behind).toBe(false);
  });
  it("counts the minimums behind and the share of the pro rata minimums reached", () => {
    const halfway = day("2026-05-01");
    // support: 9 expected, 4 done; autonomy: 1 expected (floor of 4 × 182/365), 5 done (counted up to 1).
    const result = progress({
      activities,
      trainingYear: 1,
      year,
      today: halfway,
      entries: [entry("2026-01-10", 4), entry("2026-01-10", 5, "certified", "autonomy")],
    });
    expect(result.behindCount).toBe(1);
    expect(result.reached).toBeCloseTo(5 / 10);
    const none = progress({ activities, trainingYear: 1, year, today: year.start, entries: [] });
    expect(none).toMatchObject({ behindCount: 0, reached: 1 });
  });

  it("counts the certified entries of a closed month, and never a pending or returned one towards the minimum", () => {
    // The month of January is over and certified (closed); February still waits for the tutor.
    const result = progress({
      activities,
      trainingYear: 1,
      year,
      today: day("2026-03-15"),
      entries: [entry("2026-01-31", 6), entry("2026-02-01", 4, "pending"), entry("2026-02-02", 4, "returned")],
    });
    expect(result.rows[0]!.cells.support.year).toMatchObject({ done: 6, pending: 4 });
    expect(result.rows[0]!.missingYear.support).toBe(14);
  });

  it("keeps entries certified under an older version when the catalogue changes: matched by code, measured by the new minimums", () => {
    // Version 2 renamed the activity and raised the minimum; entries certified under version 1 keep counting.
    const changed: CatalogueActivity[] = [
      { ...activities[0]!, labelEn: "First outpatient visit", minimums: [{ year: 1, degree: "support", count: 30 }] },
      {
        code: "biopsy",
        category: "Procedure",
        labelIt: "Biopsia",
        labelEn: "Biopsy",
        minimums: [{ year: 1, degree: "autonomy", count: 2 }],
      },
    ];
    const result = progress({ activities: changed, trainingYear: 1, year, today: year.end, entries: [entry("2026-01-10", 12)] });
    expect(result.rows.map((r) => r.code)).toEqual(["first-visit", "biopsy"]);
    expect(result.rows[0]!.cells.support.year).toMatchObject({ done: 12, minimum: 30 });
    expect(result.rows[1]!.missingYear).toEqual({ autonomy: 2 });
    expect(result.behindCount).toBe(2);
  });
});

describe("entries and rotations", () => {
  const rotations = [
    { id: "r1", departmentId: "d1", tutorId: "t1", startDate: day("2026-01-01"), endDate: day("2026-03-31"), state: "confirmed" },
    { id: "r2", departmentId: "d2", tutorId: null, startDate: day("2026-04-01"), endDate: day("2026-06-30"), state: "cancelled" },
  ];
  it("finds the rotation of a day, first and last day included, never a cancelled one", () => {
    expect(rotationOn(rotations, day("2026-01-01"))?.id).toBe("r1");
    expect(rotationOn(rotations, day("2026-03-31"))?.id).toBe("r1");
    expect(rotationOn(rotations, day("2026-04-01"))).toBeNull();
  });
  it("flags an entry whose rotation was shortened, moved or cancelled", () => {
    expect(outsideRotation({ date: day("2026-03-31"), departmentId: "d1" }, rotations)).toBe(false);
    expect(outsideRotation({ date: day("2026-04-02"), departmentId: "d1" }, rotations)).toBe(true);
    expect(outsideRotation({ date: day("2026-04-02"), departmentId: "d2" }, rotations)).toBe(true);
  });

  describe("placing a new entry", () => {
    const place = (date: string, tutorId = "t1", extra: { staff?: string[]; closed?: string[]; today?: string } = {}) =>
      placeEntry({
        date: day(date),
        tutorId,
        today: day(extra.today ?? "2026-06-15"),
        rotations,
        staff: new Set(extra.staff ?? []),
        closedMonths: new Set(extra.closed ?? []),
      });
    it("lies in the rotation of its day, first and last day included, under its supervising tutor", () => {
      expect(place("2026-01-01")).toMatchObject({ rotation: { id: "r1" }, problem: null });
      expect(place("2026-03-31")).toMatchObject({ rotation: { id: "r1" }, problem: null });
    });
    it("refuses a day outside any rotation, or in a cancelled one", () => {
      expect(place("2025-12-31").problem).toEqual({ field: "date", key: "myLogbook.dateOutsideRotation" });
      expect(place("2026-04-01").problem).toEqual({ field: "date", key: "myLogbook.dateOutsideRotation" });
    });
    it("refuses a day in the future, today being allowed", () => {
      expect(place("2026-03-02", "t1", { today: "2026-03-01" }).problem).toEqual({ field: "date", key: "myLogbook.dateFuture" });
      expect(place("2026-03-01", "t1", { today: "2026-03-01" }).problem).toBeNull();
    });
    it("refuses a day of a closed month", () => {
      expect(place("2026-02-28", "t1", { closed: ["2026-02"] }).problem).toEqual({ field: "date", key: "myLogbook.monthClosed" });
      expect(place("2026-03-01", "t1", { closed: ["2026-02"] }).problem).toBeNull();
    });
    it("takes a tutor of the department's staff, and no one else", () => {
      expect(place("2026-02-10", "t2").problem).toEqual({ field: "tutorId", key: "myLogbook.tutorNotAllowed" });
      expect(place("2026-02-10", "t2", { staff: ["d1:t2"] }).problem).toBeNull();
      expect(place("2026-02-10", "t2", { staff: ["d2:t2"] }).problem).toEqual({ field: "tutorId", key: "myLogbook.tutorNotAllowed" });
    });
  });
});

describe("stored minimums", () => {
  it("keeps the well-formed ones and drops the rest", () => {
    expect(
      parseMinimums(
        JSON.stringify([
          { year: 1, degree: "support", count: 3 },
          { year: 0, degree: "autonomy", count: 40 },
          { year: 7, degree: "support", count: 3 },
          { year: 1, degree: "watching", count: 3 },
          { year: 1, degree: "support", count: -1 },
          "x",
        ]),
      ),
    ).toEqual([
      { year: 1, degree: "support", count: 3 },
      { year: 0, degree: "autonomy", count: 40 },
    ]);
    expect(parseMinimums("not json")).toEqual([]);
    expect(parseMinimums("{}")).toEqual([]);
  });
});
