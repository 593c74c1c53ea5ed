import { describe, expect, it } from "vitest";
import { parseIsoDate } from "./dates";
import {
  academicYear,
  academicYearOf,
  academicYearsBetween,
  attendanceProblems,
  attendanceRate,
  defaultMark,
  teaches,
  DEFAULT_YEAR_START,
  expectedAttendees,
  hoursOf,
  minutesByAcademicYear,
  parseTime,
  parseYearStart,
  seriesDays,
  seriesLength,
  sessionEnd,
  sessionStart,
  sheetVersion,
} from "./teaching";

const d = (iso: string) => parseIsoDate(iso)!;

describe("time of a session", () => {
  it("reads wall-clock times and refuses anything else", () => {
    expect(parseTime("09:00")).toBe(540);
    expect(parseTime("23:59")).toBe(1439);
    expect(parseTime("24:00")).toBeNull();
    expect(parseTime("9:00")).toBeNull();
    expect(parseTime("12:60")).toBeNull();
  });

  it("starts at the hospital's wall-clock time, in winter and in summer", () => {
    expect(sessionStart({ date: d("2026-01-15"), startTime: "09:00" }).toISOString()).toBe("2026-01-15T08:00:00.000Z");
    expect(sessionStart({ date: d("2026-07-15"), startTime: "09:00" }).toISOString()).toBe("2026-07-15T07:00:00.000Z");
    expect(sessionEnd({ date: d("2026-07-15"), startTime: "23:30", durationMinutes: 90 }).toISOString()).toBe("2026-07-15T23:00:00.000Z");
  });

  it("keeps the wall-clock time on the days the clocks change", () => {
    // 29 March 2026: 02:00 → 03:00; 25 October 2026: 03:00 → 02:00.
    expect(sessionStart({ date: d("2026-03-29"), startTime: "10:00" }).toISOString()).toBe("2026-03-29T08:00:00.000Z");
    expect(sessionStart({ date: d("2026-10-25"), startTime: "10:00" }).toISOString()).toBe("2026-10-25T09:00:00.000Z");
    expect(sessionStart({ date: d("2026-03-29"), startTime: "01:30" }).toISOString()).toBe("2026-03-29T00:30:00.000Z");
  });
});

describe("series", () => {
  it("repeats weekly or fortnightly up to the last day, inclusive", () => {
    expect(seriesDays(d("2026-01-05"), "weekly", d("2026-01-26")).map((x) => x.toISOString().slice(0, 10))).toEqual([
      "2026-01-05",
      "2026-01-12",
      "2026-01-19",
      "2026-01-26",
    ]);
    expect(seriesDays(d("2026-01-05"), "fortnightly", d("2026-01-25")).map((x) => x.toISOString().slice(0, 10))).toEqual([
      "2026-01-05",
      "2026-01-19",
    ]);
    expect(seriesDays(d("2026-01-05"), "once", d("2026-12-31"))).toHaveLength(1);
  });

  it("stops at 52 sessions and says how many were asked for", () => {
    expect(seriesDays(d("2026-01-01"), "weekly", d("2028-01-01"))).toHaveLength(52);
    expect(seriesLength(d("2026-01-01"), "weekly", d("2028-01-01"))).toBe(105);
    expect(seriesLength(d("2026-01-01"), "weekly", d("2025-01-01"))).toBe(1);
  });
});

describe("academic years", () => {
  const november = DEFAULT_YEAR_START;
  it("run from the configured day to the day before it a year later", () => {
    expect(academicYear(2025, november)).toEqual({ startYear: 2025, start: d("2025-11-01"), end: d("2026-10-31"), label: "2025/26" });
    expect(academicYear(2026, { month: 1, day: 1 })).toMatchObject({ start: d("2026-01-01"), end: d("2026-12-31"), label: "2026" });
    expect(academicYear(2027, { month: 3, day: 1 }).end).toEqual(d("2028-02-29"));
  });

  it("put each day in its year, at both edges", () => {
    expect(academicYearOf(d("2026-10-31"), november).label).toBe("2025/26");
    expect(academicYearOf(d("2026-11-01"), november).label).toBe("2026/27");
    expect(academicYearOf(d("2026-09-30"), { month: 10, day: 1 }).label).toBe("2025/26");
    expect(academicYearsBetween(d("2025-12-01"), d("2027-01-10"), november).map((y) => y.label)).toEqual(["2025/26", "2026/27"]);
  });

  it("is a setting read from text, refusing days some years lack", () => {
    expect(parseYearStart("11-01")).toEqual({ month: 11, day: 1 });
    expect(parseYearStart("02-29")).toBeNull();
    expect(parseYearStart("13-01")).toBeNull();
    expect(parseYearStart("")).toBeNull();
  });

  it("adds up minutes per year and turns them into hours", () => {
    const totals = minutesByAcademicYear(
      [
        { date: d("2026-10-31"), durationMinutes: 90 },
        { date: d("2026-11-01"), durationMinutes: 45 },
        { date: d("2027-03-01"), durationMinutes: 60 },
      ],
      november,
    );
    expect([...totals]).toEqual([
      [2025, 90],
      [2026, 105],
    ]);
    expect(hoursOf(105)).toBe(1.75);
    expect(hoursOf(100)).toBe(1.67);
  });
});

describe("who is expected", () => {
  const stay = { stayStart: d("2026-01-01"), stayEnd: d("2026-06-30") };
  const residents = [
    { id: "a", name: "Anna", programmeId: "onco", ...stay },
    { id: "b", name: "Bruno", programmeId: "emato", ...stay },
    { id: "c", name: "Carla", programmeId: "onco", stayStart: d("2026-07-01"), stayEnd: d("2026-12-31") },
    { id: "d", name: "Dario", programmeId: "uro", ...stay },
  ];
  const rotations = [
    { residentId: "b", departmentId: "dep", startDate: d("2026-03-01"), endDate: d("2026-03-31"), state: "confirmed" },
    { residentId: "d", departmentId: "dep", startDate: d("2026-03-01"), endDate: d("2026-03-31"), state: "cancelled" },
  ];
  it("are the programmes' residents at the hospital that day and those rotating in the department", () => {
    const list = expectedAttendees({ day: d("2026-03-31"), programmeIds: ["onco"], departmentIds: ["dep"], residents, rotations });
    expect(list.map((r) => [r.id, r.reasons])).toEqual([
      ["a", ["programme"]],
      ["b", ["rotation"]],
    ]);
    // The day after the rotation ends, only the programme's residents; before Carla's stay, not her.
    expect(
      expectedAttendees({ day: d("2026-04-01"), programmeIds: ["onco"], departmentIds: ["dep"], residents, rotations }).map((r) => r.id),
    ).toEqual(["a"]);
    expect(
      expectedAttendees({ day: d("2026-07-01"), programmeIds: ["onco"], departmentIds: ["dep"], residents, rotations }).map((r) => r.id),
    ).toEqual(["c"]);
  });
});

describe("attendance rules", () => {
  const session = { date: d("2026-03-10"), startTime: "14:00", durationMinutes: 120, cancelledAt: null, confirmedAt: null };
  const residents = new Map([
    ["a", { name: "Anna", stayStart: d("2026-01-01"), stayEnd: d("2026-06-30") }],
    ["c", { name: "Carla", stayStart: d("2026-03-11"), stayEnd: d("2026-12-31") }],
  ]);
  const after = new Date("2026-03-10T13:00:00Z");
  it("accepts residents at the hospital that day, once the session has started", () => {
    expect(attendanceProblems({ session, marks: [{ residentId: "a", status: "present" }], residents, now: after })).toEqual([]);
  });

  it("refuses a session in the future, one over 12 hours, a cancelled one, and anyone not at the hospital that day", () => {
    const before = new Date("2026-03-10T12:59:00Z");
    expect(attendanceProblems({ session, marks: [], residents, now: before })).toEqual([
      { rule: "future", startsAt: new Date("2026-03-10T13:00:00Z") },
    ]);
    expect(attendanceProblems({ session: { ...session, durationMinutes: 721 }, marks: [], residents, now: after })).toEqual([
      { rule: "tooLong" },
    ]);
    expect(attendanceProblems({ session: { ...session, cancelledAt: after }, marks: [], residents, now: after })).toEqual([
      { rule: "cancelled" },
    ]);
    expect(
      attendanceProblems({
        session,
        marks: [
          { residentId: "c", status: "present" },
          { residentId: "zz", status: "absent" },
        ],
        residents,
        now: after,
      }),
    ).toEqual([
      { rule: "notPresent", residentId: "c", name: "Carla" },
      { rule: "notPresent", residentId: "zz", name: "" },
    ]);
  });

  it("locks confirmed attendance; a correction needs a reason", () => {
    const confirmed = { ...session, confirmedAt: after };
    expect(attendanceProblems({ session: confirmed, marks: [], residents, now: after })).toEqual([{ rule: "locked" }]);
    expect(attendanceProblems({ session: confirmed, marks: [], residents, now: after, correctionReason: "  " })).toEqual([
      { rule: "reasonRequired" },
    ]);
    expect(
      attendanceProblems({ session: confirmed, marks: [], residents, now: after, correctionReason: "Firma mancante sul foglio" }),
    ).toEqual([]);
  });

  it("lets only the session's own tutors change it, and counts attendance without the excused", () => {
    expect(teaches({ tutors: [{ userId: "t1" }, { userId: "t2" }] }, "t2")).toBe(true);
    expect(teaches({ tutors: [{ userId: "t1" }] }, "t3")).toBe(false);
    expect(attendanceRate([{ status: "present" }, { status: "absent" }, { status: "excused" }, { status: "present" }])).toBeCloseTo(2 / 3);
    expect(attendanceRate([{ status: "excused" }])).toBeNull();
  });
});

describe("the version of an attendance sheet", () => {
  it("depends on the marks, not on their order, and changes with any mark", () => {
    const a = { residentId: "r1", status: "present" };
    const b = { residentId: "r2", status: "absent" };
    expect(sheetVersion([a, b])).toBe(sheetVersion([b, a]));
    expect(sheetVersion([a, b])).not.toBe(sheetVersion([a, { ...b, status: "excused" }]));
    expect(sheetVersion([a, b])).not.toBe(sheetVersion([a]));
    expect(sheetVersion([])).not.toBe(sheetVersion([a]));
    expect(sheetVersion([a])).toMatch(/^[0-9a-z]+-[0-9a-z]+$/);
  });
});

describe("the mark 'mark all' gives", () => {
  it("is excused for a resident away on an approved absence, present for one at the hospital, none outside the stay", () => {
    expect(defaultMark({ present: true, away: true })).toBe("excused");
    expect(defaultMark({ present: true, away: false })).toBe("present");
    expect(defaultMark({ present: false, away: false })).toBeUndefined();
  });
});
