import { addDays, DAY_MS, formatDayOfYear, HOSPITAL_TIME_ZONE, parseDayOfYear, type DayOfYear } from "./dates";
import type { Refusal } from "./refusal";
import { compareItalian } from "./collation";

/**
 * The rules of teaching: what a session is, when it starts (a wall-clock time in the hospital's time
 * zone), which residents are expected at it, who may change it and its attendance, the hours it
 * counts, and the academic year those hours belong to (a setting, since contracts start in November
 * in recent years rather than September). Plain objects in, plain objects out.
 */
export const TEACHING_TYPES = ["lecture", "seminar", "bedside", "case-discussion", "journal-club", "simulation", "grand-round"] as const;
export type TeachingType = (typeof TEACHING_TYPES)[number];

export const ATTENDANCE_STATUSES = ["present", "absent", "excused"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
/** The reason the history keeps when an approved absence makes an "absent" mark "excused"; the history page words it. */
export const APPROVED_ABSENCE = "approved-absence";

/**
 * The mark "mark all" gives a resident not marked yet: excused when away on an approved absence,
 * present when at the hospital that day, none otherwise (the tutor decides).
 */
export function defaultMark(row: { present: boolean; away: boolean }): AttendanceStatus | undefined {
  if (row.away) return "excused";
  return row.present ? "present" : undefined;
}

/** No session is longer than 12 hours. */
export const MAX_SESSION_MINUTES = 12 * 60;
export const REPEATS = ["once", "weekly", "fortnightly"] as const;
export type Repeat = (typeof REPEATS)[number];
/** A series makes at most a year of weekly sessions at once. */
export const MAX_SERIES_SESSIONS = 52;

/** What a session holds, as the form shows it and the model stores it (programmes and co-tutors by id). */
export type TeachingFields = {
  title: string;
  type: string;
  date: Date;
  startTime: string;
  durationMinutes: number;
  place: string | null;
  link: string | null;
  departmentId: string | null;
  programmeIds: string[];
  coTutorIds: string[];
};

// ─── Time ────────────────────────────────────────────────────────────────────────────────────────

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "14:30" → 870 (minutes after midnight); null for anything else. */
export function parseTime(value: string): number | null {
  const match = TIME.exec(value.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

const wallClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: HOSPITAL_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

/** Minutes the hospital's clock is ahead of UTC at an instant (60 in winter, 120 in summer). */
function offsetMinutes(instant: Date): number {
  const parts = wallClock.formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((wall - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant a session starts: its day (UTC midnight) at its wall-clock time in the hospital. */
export function sessionStart(session: { date: Date; startTime: string }): Date {
  const minutes = parseTime(session.startTime) ?? 0;
  const wall = session.date.getTime() + minutes * 60_000;
  // The offset at the wall time read as UTC is right except within an hour of a DST change; a second
  // pass with the offset at the first guess settles it.
  const guess = wall - offsetMinutes(new Date(wall)) * 60_000;
  return new Date(wall - offsetMinutes(new Date(guess)) * 60_000);
}

export function sessionEnd(session: { date: Date; startTime: string; durationMinutes: number }): Date {
  return new Date(sessionStart(session).getTime() + session.durationMinutes * 60_000);
}

// ─── Series ──────────────────────────────────────────────────────────────────────────────────────

/** The days of a series: the first, then every week or fortnight up to `until` (inclusive), at most 52. */
export function seriesDays(first: Date, repeat: Repeat, until: Date | null): Date[] {
  if (repeat === "once" || !until) return [first];
  const step = repeat === "weekly" ? 7 : 14;
  const days: Date[] = [];
  for (let day = first; day.getTime() <= until.getTime() && days.length < MAX_SERIES_SESSIONS; day = addDays(day, step)) days.push(day);
  return days;
}

/** How many sessions a series would make, even beyond the limit (to say so on the form). */
export function seriesLength(first: Date, repeat: Repeat, until: Date | null): number {
  if (repeat === "once" || !until || until < first) return 1;
  return Math.floor((until.getTime() - first.getTime()) / DAY_MS / (repeat === "weekly" ? 7 : 14)) + 1;
}

// ─── Academic years ──────────────────────────────────────────────────────────────────────────────

export type YearStart = DayOfYear;
/** Contracts have started in November in recent years (docs/domain.md); administrators can change it. */
export const DEFAULT_YEAR_START: YearStart = { month: 11, day: 1 };

/** "11-01" → { month: 11, day: 1 }; days after the 28th are refused so that every year has the day. */
export function parseYearStart(value: string | null | undefined): YearStart | null {
  const start = parseDayOfYear(value);
  return start && start.day <= 28 ? start : null;
}

export const formatYearStart = formatDayOfYear;

export type AcademicYear = { startYear: number; start: Date; end: Date; label: string };

/** The academic year that starts on `start` in `startYear`: e.g. 2025/26 from 1 Nov 2025 to 31 Oct 2026. */
export function academicYear(startYear: number, start: YearStart): AcademicYear {
  const from = new Date(Date.UTC(startYear, start.month - 1, start.day));
  const next = new Date(Date.UTC(startYear + 1, start.month - 1, start.day));
  const label = start.month === 1 && start.day === 1 ? String(startYear) : `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
  return { startYear, start: from, end: addDays(next, -1), label };
}

/** The academic year a day belongs to. */
export function academicYearOf(day: Date, start: YearStart): AcademicYear {
  const year = day.getUTCFullYear();
  const thisYears = academicYear(year, start);
  return day < thisYears.start ? academicYear(year - 1, start) : thisYears;
}

/** The academic years a period touches, oldest first. */
export function academicYearsBetween(from: Date, to: Date, start: YearStart): AcademicYear[] {
  const years: AcademicYear[] = [];
  for (let y = academicYearOf(from, start); y.start <= to; y = academicYear(y.startYear + 1, start)) years.push(y);
  return years;
}

// ─── Hours ───────────────────────────────────────────────────────────────────────────────────────

/** Hours from minutes, to two decimals (90 → 1.5). */
export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

/** Minutes of teaching per academic year (key: the year's start year), for sessions with a day and length. */
export function minutesByAcademicYear(sessions: Array<{ date: Date; durationMinutes: number }>, start: YearStart): Map<number, number> {
  const totals = new Map<number, number>();
  for (const s of sessions) {
    const year = academicYearOf(s.date, start).startYear;
    totals.set(year, (totals.get(year) ?? 0) + s.durationMinutes);
  }
  return totals;
}

/** Share of present among those marked present or absent (excused ones do not count); null with none. */
/**
 * The version of an attendance sheet: a digest of its marks, whatever their order. The form carries the
 * version it was loaded with, and a save from a form loaded before someone else's save is refused
 * instead of silently replacing their marks (a co-tutor marking the same session at the same time).
 */
export function sheetVersion(marks: Array<{ residentId: string; status: string }>): string {
  const text = marks
    .map((m) => `${m.residentId}:${m.status}`)
    .sort()
    .join(",");
  // FNV-1a, 32 bits twice (two seeds): short, the same in the browser and on the server, and for a
  // few dozen marks two different sheets practically never share it.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 ^ 0x5bd1e995) >>> 0;
  }
  return `${a.toString(36)}-${b.toString(36)}`;
}

export function attendanceRate(marks: Array<{ status: string }>): number | null {
  const present = marks.filter((m) => m.status === "present").length;
  const counted = present + marks.filter((m) => m.status === "absent").length;
  return counted === 0 ? null : present / counted;
}

// ─── Who is expected ─────────────────────────────────────────────────────────────────────────────

type Stay = { stayStart: Date; stayEnd: Date };

/** The resident is at the hospital on that day (within their stay). */
export function presentOn(resident: Stay, day: Date): boolean {
  return resident.stayStart.getTime() <= day.getTime() && day.getTime() <= resident.stayEnd.getTime();
}

export type ExpectedReason = "programme" | "rotation";

/**
 * The residents a session expects: those of its programmes present at the hospital that day, and
 * those rotating that day in the department where it is held (or, without one, in the tutors'
 * departments). Sorted by name.
 */
export function expectedAttendees<R extends Stay & { id: string; programmeId: string; name: string }>(input: {
  day: Date;
  programmeIds: string[];
  departmentIds: string[];
  residents: R[];
  rotations: Array<{ residentId: string; departmentId: string; startDate: Date; endDate: Date; state: string }>;
}): Array<R & { reasons: ExpectedReason[] }> {
  const day = input.day.getTime();
  const programmes = new Set(input.programmeIds);
  const departments = new Set(input.departmentIds);
  const rotating = new Set(
    input.rotations
      .filter(
        (r) => r.state !== "cancelled" && departments.has(r.departmentId) && r.startDate.getTime() <= day && day <= r.endDate.getTime(),
      )
      .map((r) => r.residentId),
  );
  return input.residents
    .filter((r) => presentOn(r, input.day))
    .map((r) => ({
      ...r,
      reasons: [...(programmes.has(r.programmeId) ? ["programme" as const] : []), ...(rotating.has(r.id) ? ["rotation" as const] : [])],
    }))
    .filter((r) => r.reasons.length > 0)
    .sort((a, b) => compareItalian(a.name, b.name));
}

// ─── Rules ───────────────────────────────────────────────────────────────────────────────────────

/** Whether a person gives a session already read (lead or co-tutor); queries use taughtBy in app/models/teaching-queries.server.ts. */
export function teaches(session: { tutors: Array<{ userId: string }> }, userId: string): boolean {
  return session.tutors.some((t) => t.userId === userId);
}

export type AttendanceProblem =
  | { rule: "cancelled" }
  | { rule: "future"; startsAt: Date }
  | { rule: "tooLong" }
  | { rule: "locked" }
  | { rule: "reasonRequired" }
  | { rule: "notPresent"; residentId: string; name: string };

/**
 * Whether attendance may be written: never for a cancelled session, one that has not started yet or
 * one longer than 12 hours; only residents at the hospital that day; once confirmed, only as a
 * correction with a reason.
 */
export function attendanceProblems(input: {
  session: { date: Date; startTime: string; durationMinutes: number; cancelledAt: Date | null; confirmedAt: Date | null };
  marks: Array<{ residentId: string; status: AttendanceStatus }>;
  residents: Map<string, Stay & { name: string }>;
  now: Date;
  correctionReason?: string | null;
}): AttendanceProblem[] {
  const { session } = input;
  const problems: AttendanceProblem[] = [];
  if (session.cancelledAt) return [{ rule: "cancelled" }];
  const startsAt = sessionStart(session);
  if (startsAt > input.now) problems.push({ rule: "future", startsAt });
  if (session.durationMinutes > MAX_SESSION_MINUTES) problems.push({ rule: "tooLong" });
  if (session.confirmedAt && !input.correctionReason?.trim())
    problems.push({ rule: input.correctionReason === undefined ? "locked" : "reasonRequired" });
  for (const mark of input.marks) {
    const resident = input.residents.get(mark.residentId);
    if (!resident || !presentOn(resident, session.date))
      problems.push({ rule: "notPresent", residentId: mark.residentId, name: resident?.name ?? "" });
  }
  return problems;
}

/** Each reason attendance may not be written, as a refusal of the sheet as a whole (the start on the hospital's clock). */
export function attendanceRefusals(problems: AttendanceProblem[]): Refusal[] {
  return problems.map((problem): Refusal => {
    const key = `attendance.problems.${problem.rule}`;
    if (problem.rule === "future") return { field: null, key, values: { startsAt: problem.startsAt.toISOString() } };
    if (problem.rule === "notPresent") return { field: null, key, values: { name: problem.name || "—" } };
    return { field: null, key };
  });
}
