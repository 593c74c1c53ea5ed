import { describe, expect, it } from "vitest";
import { parseIsoDate } from "./dates";
import { DEFAULT_YEAR_START, hoursOf } from "./teaching";
import { lastDayOfLongestPeriod, NO_DEPARTMENT, periodOf, residentSummary, teachingReport, type DeliveredSession } from "./teaching-report";

const d = (iso: string) => parseIsoDate(iso)!;

/**
 * Two universities: UNIMI with oncology and haematology, PAVIA with radiotherapy. Three sessions:
 * s1 (90 min) for both UNIMI programmes, in oncology's department, two tutors;
 * s2 (60 min) for oncology and radiotherapy, no department, one tutor;
 * s3 (120 min) for radiotherapy, in oncology's department, the second tutor.
 */
const sessions: DeliveredSession[] = [
  {
    id: "s1",
    durationMinutes: 90,
    departmentId: "dep-onco",
    programmeIds: ["onco", "emato"],
    universityIds: ["unimi", "unimi"],
    tutorIds: ["t1", "t2"],
  },
  {
    id: "s2",
    durationMinutes: 60,
    departmentId: null,
    programmeIds: ["onco", "radio"],
    universityIds: ["unimi", "pavia"],
    tutorIds: ["t1"],
  },
  { id: "s3", durationMinutes: 120, departmentId: "dep-onco", programmeIds: ["radio"], universityIds: ["pavia"], tutorIds: ["t2"] },
];
const onco = { programmeId: "onco", universityId: "unimi" };
const radio = { programmeId: "radio", universityId: "pavia" };
const marks = [
  { sessionId: "s1", status: "present", ...onco },
  { sessionId: "s1", status: "absent", ...onco },
  // A radiotherapy resident at a UNIMI-only session counts for radiotherapy and Pavia.
  { sessionId: "s1", status: "present", ...radio },
  { sessionId: "s2", status: "excused", ...onco },
  { sessionId: "s3", status: "present", ...radio },
  // A mark at a session that was not delivered (not in the list) counts nowhere.
  { sessionId: "cancelled", status: "present", ...onco },
];

const row = (rows: Array<{ key: string }>, key: string) => rows.find((r) => r.key === key);

describe("the teaching report", () => {
  const report = teachingReport(sessions, marks);

  it("counts a session once per programme it is for, with its hours", () => {
    expect(row(report.programme, "onco")).toMatchObject({ sessions: 2, minutesDelivered: 150 });
    expect(row(report.programme, "emato")).toMatchObject({ sessions: 1, minutesDelivered: 90, minutesAttended: 0, rate: null });
    expect(row(report.programme, "radio")).toMatchObject({ sessions: 2, minutesDelivered: 180 });
  });

  it("counts a session once per university, even when it is for two programmes of the same one", () => {
    expect(row(report.university, "unimi")).toMatchObject({ sessions: 2, minutesDelivered: 150 });
    expect(row(report.university, "pavia")).toMatchObject({ sessions: 2, minutesDelivered: 180 });
  });

  it("gives each tutor the full length of the sessions they teach, co-tutors included", () => {
    expect(row(report.tutor, "t1")).toMatchObject({ sessions: 2, minutesDelivered: 150 });
    expect(row(report.tutor, "t2")).toMatchObject({ sessions: 2, minutesDelivered: 210 });
  });

  it("puts sessions without a department in a group of their own", () => {
    expect(row(report.department, "dep-onco")).toMatchObject({ sessions: 2, minutesDelivered: 210 });
    expect(row(report.department, NO_DEPARTMENT)).toMatchObject({ sessions: 1, minutesDelivered: 60 });
  });

  it("adds up hours attended by the residents' own programme and university", () => {
    // Oncology: present at s1 (90); absent at s1 and excused at s2 add nothing.
    expect(row(report.programme, "onco")).toMatchObject({ minutesAttended: 90, present: 1, absent: 1, excused: 1, rate: 0.5 });
    // Radiotherapy: present at s1 (a session not for them) and s3.
    expect(row(report.programme, "radio")).toMatchObject({ minutesAttended: 210, present: 2, absent: 0, rate: 1 });
    expect(row(report.university, "unimi")).toMatchObject({ minutesAttended: 90, rate: 0.5 });
    expect(row(report.university, "pavia")).toMatchObject({ minutesAttended: 210, rate: 1 });
  });

  it("adds up hours attended by the session's department and tutors", () => {
    expect(row(report.department, "dep-onco")).toMatchObject({ minutesAttended: 90 + 90 + 120, present: 3, absent: 1, rate: 0.75 });
    expect(row(report.department, NO_DEPARTMENT)).toMatchObject({ minutesAttended: 0, excused: 1, rate: null });
    expect(row(report.tutor, "t1")).toMatchObject({ minutesAttended: 180, present: 2, absent: 1, excused: 1 });
    expect(row(report.tutor, "t2")).toMatchObject({ minutesAttended: 300, present: 3, absent: 1 });
  });

  it("totals each session and each mark once", () => {
    expect(report.total).toMatchObject({
      sessions: 3,
      minutesDelivered: 270,
      minutesAttended: 300,
      present: 3,
      absent: 1,
      excused: 1,
      rate: 0.75,
    });
    expect(hoursOf(report.total.minutesDelivered)).toBe(4.5);
  });

  it("is empty, not broken, without sessions", () => {
    const empty = teachingReport([], marks);
    expect(empty.total).toMatchObject({ sessions: 0, minutesDelivered: 0, minutesAttended: 0, rate: null });
    expect(empty.programme).toEqual([]);
  });
});

describe("a resident's teaching per academic year", () => {
  const today = d("2026-11-25");
  const marks = [
    { date: d("2026-10-31"), durationMinutes: 90, status: "present" },
    { date: d("2026-11-01"), durationMinutes: 60, status: "present" },
    { date: d("2026-11-10"), durationMinutes: 45, status: "absent" },
    { date: d("2026-11-12"), durationMinutes: 30, status: "excused" },
    { date: d("2025-03-01"), durationMinutes: 120, status: "present" },
  ];

  it("splits on the configured first day, newest year first, and totals the counts", () => {
    const summary = residentSummary(marks, DEFAULT_YEAR_START, today);
    expect(summary.years.map((y) => [y.year.label, y.attended, y.missed, y.excused, y.minutesAttended])).toEqual([
      ["2026/27", 1, 1, 1, 60],
      ["2025/26", 1, 0, 0, 90],
      ["2024/25", 1, 0, 0, 120],
    ]);
    expect(summary.current.year.label).toBe("2026/27");
    expect(summary).toMatchObject({ attended: 3, missed: 1, excused: 1, minutesAttended: 270 });
    expect(summary.current.minutesMissed).toBe(45);
  });

  it("moves hours between years when the first day changes", () => {
    const october = residentSummary(marks, { month: 10, day: 1 }, today);
    expect(october.years.map((y) => [y.year.label, y.minutesAttended])).toEqual([
      ["2026/27", 150],
      ["2024/25", 120],
    ]);
  });

  it("shows the current year even before any session", () => {
    const summary = residentSummary([], DEFAULT_YEAR_START, today);
    expect(summary.years).toHaveLength(1);
    expect(summary.current).toMatchObject({ attended: 0, minutesAttended: 0 });
    expect(summary.current.year.start).toEqual(d("2026-11-01"));
  });
});

describe("the report's period", () => {
  it("is the days asked for, or the current academic year", () => {
    expect(periodOf({ from: null, to: null }, DEFAULT_YEAR_START, d("2026-11-25"))).toEqual({ from: d("2026-11-01"), to: d("2027-10-31") });
    expect(periodOf({ from: d("2021-01-01"), to: d("2021-02-01") }, DEFAULT_YEAR_START, d("2026-11-25"))).toEqual({
      from: d("2021-01-01"),
      to: d("2021-02-01"),
    });
  });

  it("lasts at most ten years", () => {
    expect(lastDayOfLongestPeriod(d("2020-03-01"))).toEqual(d("2030-02-28"));
    expect(lastDayOfLongestPeriod(d("2020-01-01"))).toEqual(d("2029-12-31"));
  });
});
