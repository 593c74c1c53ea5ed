import { addDays } from "./dates";
import { academicYearOf, type AcademicYear, type YearStart } from "./teaching";

/**
 * The teaching report's arithmetic: hours delivered and attended per programme, university,
 * department and tutor, and a resident's own summary per academic year. Plain objects in, plain
 * objects out; the caller passes only *delivered* sessions (not cancelled, attendance confirmed).
 *
 * - A session counts once in each group it belongs to: once per programme it is for, once per
 *   university of those programmes (two programmes of one university still make one session), once
 *   for its department, and in full for each of its tutors (co-tutors included).
 * - Hours attended add up the session's length for each resident marked present. By programme and
 *   university they go to the resident's own programme and university (a resident rotating through
 *   another programme's session still counts for theirs); by department and tutor, to the session's.
 * - The attendance rate is present ÷ (present + absent); the excused do not count.
 */
export const REPORT_GROUPINGS = ["programme", "university", "department", "tutor"] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

/** The department key of sessions held in none. */
export const NO_DEPARTMENT = "none";

export type DeliveredSession = {
  id: string;
  durationMinutes: number;
  departmentId: string | null;
  programmeIds: string[];
  /** The universities of its programmes (repeats allowed). */
  universityIds: string[];
  tutorIds: string[];
};

/**
 * One resident's mark at a delivered session, with the resident's own programme and university; or,
 * with `count`, that many alike (the database adds up a year's marks before they reach this code).
 */
export type AttendanceMark = { sessionId: string; status: string; programmeId: string; universityId: string; count?: number };

export type ReportRow = {
  key: string;
  sessions: number;
  minutesDelivered: number;
  minutesAttended: number;
  present: number;
  absent: number;
  excused: number;
  /** present ÷ (present + absent); null when nobody was marked either. */
  rate: number | null;
};

export type TeachingReport = Record<ReportGrouping, ReportRow[]> & { total: ReportRow };

function emptyRow(key: string): ReportRow {
  return { key, sessions: 0, minutesDelivered: 0, minutesAttended: 0, present: 0, absent: 0, excused: 0, rate: null };
}

/** The groups a session belongs to, each once. */
export function sessionKeys(session: DeliveredSession, grouping: ReportGrouping): string[] {
  switch (grouping) {
    case "programme":
      return [...new Set(session.programmeIds)];
    case "university":
      return [...new Set(session.universityIds)];
    case "department":
      return [session.departmentId ?? NO_DEPARTMENT];
    case "tutor":
      return [...new Set(session.tutorIds)];
  }
}

function markKeys(mark: AttendanceMark, session: DeliveredSession, grouping: ReportGrouping): string[] {
  if (grouping === "programme") return [mark.programmeId];
  if (grouping === "university") return [mark.universityId];
  return sessionKeys(session, grouping);
}

function addMark(row: ReportRow, status: string, minutes: number, count: number) {
  if (status === "present") {
    row.present += count;
    row.minutesAttended += minutes * count;
  } else if (status === "absent") row.absent += count;
  else if (status === "excused") row.excused += count;
}

function withRate(row: ReportRow): ReportRow {
  const counted = row.present + row.absent;
  return { ...row, rate: counted === 0 ? null : row.present / counted };
}

/** Every grouping's rows (in order of first appearance) and the period's total, each session once. */
export function teachingReport(sessions: DeliveredSession[], marks: AttendanceMark[]): TeachingReport {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const total = emptyRow("all");
  const groups = Object.fromEntries(REPORT_GROUPINGS.map((g) => [g, new Map<string, ReportRow>()])) as Record<
    ReportGrouping,
    Map<string, ReportRow>
  >;
  const rowOf = (grouping: ReportGrouping, key: string) => {
    let row = groups[grouping].get(key);
    if (!row) groups[grouping].set(key, (row = emptyRow(key)));
    return row;
  };

  for (const session of byId.values()) {
    total.sessions += 1;
    total.minutesDelivered += session.durationMinutes;
    for (const grouping of REPORT_GROUPINGS) {
      for (const key of sessionKeys(session, grouping)) {
        const row = rowOf(grouping, key);
        row.sessions += 1;
        row.minutesDelivered += session.durationMinutes;
      }
    }
  }
  for (const mark of marks) {
    // Marks at sessions that were not delivered (cancelled, unconfirmed, outside the period) count nowhere.
    const session = byId.get(mark.sessionId);
    if (!session) continue;
    const count = mark.count ?? 1;
    addMark(total, mark.status, session.durationMinutes, count);
    for (const grouping of REPORT_GROUPINGS) {
      for (const key of markKeys(mark, session, grouping)) addMark(rowOf(grouping, key), mark.status, session.durationMinutes, count);
    }
  }

  const rows = (grouping: ReportGrouping) => [...groups[grouping].values()].map(withRate);
  return {
    total: withRate(total),
    programme: rows("programme"),
    university: rows("university"),
    department: rows("department"),
    tutor: rows("tutor"),
  };
}

// ─── A resident's own teaching ───────────────────────────────────────────────────────────────────

export type ResidentYear = {
  year: AcademicYear;
  attended: number;
  missed: number;
  excused: number;
  minutesAttended: number;
  minutesMissed: number;
};

export type ResidentSummary = {
  attended: number;
  missed: number;
  excused: number;
  minutesAttended: number;
  /** Newest first; always includes the year of `today`, even without any session. */
  years: ResidentYear[];
  current: ResidentYear;
};

/** A resident's marks at delivered sessions, counted and added up per academic year. */
export function residentSummary(
  marks: Array<{ date: Date; durationMinutes: number; status: string }>,
  start: YearStart,
  today: Date,
): ResidentSummary {
  const years = new Map<number, ResidentYear>();
  const yearOf = (day: Date) => {
    const year = academicYearOf(day, start);
    let row = years.get(year.startYear);
    if (!row) years.set(year.startYear, (row = { year, attended: 0, missed: 0, excused: 0, minutesAttended: 0, minutesMissed: 0 }));
    return row;
  };
  const current = yearOf(today);
  for (const mark of marks) {
    const row = yearOf(mark.date);
    if (mark.status === "present") {
      row.attended += 1;
      row.minutesAttended += mark.durationMinutes;
    } else if (mark.status === "absent") {
      row.missed += 1;
      row.minutesMissed += mark.durationMinutes;
    } else if (mark.status === "excused") row.excused += 1;
  }
  const list = [...years.values()].sort((a, b) => b.year.startYear - a.year.startYear);
  const sum = (pick: (y: ResidentYear) => number) => list.reduce((total, y) => total + pick(y), 0);
  return {
    attended: sum((y) => y.attended),
    missed: sum((y) => y.missed),
    excused: sum((y) => y.excused),
    minutesAttended: sum((y) => y.minutesAttended),
    years: list,
    current,
  };
}

// ─── The period of a report ──────────────────────────────────────────────────────────────────────
// The report's address (period, grouping, page) is read by app/schemas/teaching-report.ts.

/** A report covers at most ten years. */
export const MAX_PERIOD_YEARS = 10;

/** The last day a period starting on `from` may end on: the day before the same date ten years later. */
export function lastDayOfLongestPeriod(from: Date): Date {
  return addDays(new Date(Date.UTC(from.getUTCFullYear() + MAX_PERIOD_YEARS, from.getUTCMonth(), from.getUTCDate())), -1);
}

/** Rows of the report per page: a national network has thousands of programmes; the CSV has them all. */
export const REPORT_PAGE_SIZE = 50;

/** The figures of a row that have sessions behind them: those delivered (for the group), or attended (by its residents). */
export const REPORT_FIGURES = ["delivered", "attended"] as const;
export type ReportFigure = (typeof REPORT_FIGURES)[number];

/** The period itself: the days asked for, or the academic year of `today`. */
export function periodOf(query: { from: Date | null; to: Date | null }, start: YearStart, today: Date): { from: Date; to: Date } {
  if (query.from && query.to) return { from: query.from, to: query.to };
  const year = academicYearOf(today, start);
  return { from: year.start, to: year.end };
}
