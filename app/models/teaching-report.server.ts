import { addDays, hospitalToday } from "~/domain/dates";
import { PAGE_SIZE } from "~/domain/list-query";
import { specialtyName } from "~/domain/specialties";
import { academicYear, academicYearOf, sessionStart } from "~/domain/teaching";
import {
  NO_DEPARTMENT,
  periodOf,
  REPORT_GROUPINGS,
  residentSummary,
  teachingReport,
  type AttendanceMark,
  type DeliveredSession,
  type ReportFigure,
  type ReportGrouping,
  type ReportRow,
} from "~/domain/teaching-report";
import type { Locale } from "~/i18n/locale";
import { reportQuerySchema, sessionsQuerySchema } from "~/schemas/teaching-report";
import { prisma, type Prisma } from "~/utils/db.server";
import { remembered } from "~/utils/read-cache.server";
import { dialect } from "~/utils/sql-dialect.server";
import { academicYearStart } from "./settings.server";
import { deliveredWhere, leadFirst, notStartedWhere, sessionHeading, sessionShown } from "./teaching-queries.server";

/**
 * The reads behind the teaching report (/admin/reports/teaching), the sessions behind each of its
 * figures, and a resident's own teaching (/me/teaching). Every read is a fixed number of queries,
 * whatever the number of sessions; the arithmetic is app/domain/teaching-report.ts.
 */
type Where = Prisma.TeachingSessionWhereInput;
export type Period = { from: Date; to: Date };

function deliveredIn(period: Period): Where {
  return { AND: [deliveredWhere, { date: { gte: period.from, lte: period.to } }] };
}

// ─── The report's address ────────────────────────────────────────────────────────────────────────

/**
 * The period and grouping in a report's URL, validated; without a period, the current academic year
 * (from the setting). Also the current and previous academic years, for the quick links.
 */
export async function readReportQuery(url: URL, now = new Date()) {
  const start = await academicYearStart();
  const today = hospitalToday(now);
  const raw = Object.fromEntries(url.searchParams);
  const current = academicYearOf(today, start);
  const previous = academicYear(current.startYear - 1, start);
  const years = {
    current: { from: current.start, to: current.end, label: current.label },
    previous: { from: previous.start, to: previous.end, label: previous.label },
  };
  const parsed = reportQuerySchema.safeParse(raw);
  const values = { from: raw.from ?? "", to: raw.to ?? "" };
  if (!parsed.success) {
    const errors: { from?: string[]; to?: string[] } = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "to" ? "to" : "from";
      errors[field] = [...(errors[field] ?? []), issue.message];
    }
    const by = (REPORT_GROUPINGS as readonly string[]).includes(raw.by ?? "") ? (raw.by as ReportGrouping) : "programme";
    return { ok: false as const, by, values, errors, years };
  }
  const period = periodOf(parsed.data, start, today);
  return { ok: true as const, by: parsed.data.by, page: parsed.data.page, values, period, years };
}

/** The group, figure and page of the sessions behind a figure. */
export function readSessionsQuery(url: URL) {
  return sessionsQuerySchema.parse(Object.fromEntries(url.searchParams));
}

// ─── The report ──────────────────────────────────────────────────────────────────────────────────

const sessionForReport = {
  id: true,
  durationMinutes: true,
  departmentId: true,
  tutors: { select: { userId: true } },
  programmes: { select: { programmeId: true, programme: { select: { universityId: true } } } },
} satisfies Prisma.TeachingSessionSelect;

type SessionForReport = Prisma.TeachingSessionGetPayload<{ select: typeof sessionForReport }>;

function delivered(s: SessionForReport): DeliveredSession {
  return {
    id: s.id,
    durationMinutes: s.durationMinutes,
    departmentId: s.departmentId,
    programmeIds: s.programmes.map((p) => p.programmeId),
    universityIds: s.programmes.map((p) => p.programme.universityId),
    tutorIds: s.tutors.map((t) => t.userId),
  };
}

/**
 * The marks at these sessions, per session, status and the resident's programme (with its university),
 * as the database keeps them counted (`AttendanceTally`, migration 20261207140000_attendance_tally): a
 * national year's million marks are some tens of thousands of counts, read rather than grouped again after
 * each mark. The ids travel as one JSON value, so the statement is the same for ten sessions or
 * ten thousand.
 */
async function marksAt(sessionIds: string[]): Promise<AttendanceMark[]> {
  const rows = await prisma.$queryRaw<
    Array<{ sessionId: string; status: string; programmeId: string; universityId: string; marks: bigint | number }>
  >`
    SELECT t."sessionId" AS "sessionId", t."status" AS "status", t."programmeId" AS "programmeId",
      p."universityId" AS "universityId", t."marks" AS "marks"
    FROM ${dialect.jsonTexts(JSON.stringify(sessionIds), "s")}
    JOIN "AttendanceTally" t ON t."sessionId" = s."value"
    JOIN "Programme" p ON p."id" = t."programmeId"`;
  return rows.map((r) => ({
    sessionId: r.sessionId,
    status: r.status,
    programmeId: r.programmeId,
    universityId: r.universityId,
    count: Number(r.marks),
  }));
}

/**
 * The delivered sessions matching `where` and every mark at them, aggregated: a fixed number of queries.
 * Given a `key`, the sessions are remembered apart, so that a mark written reads the counts again, not them.
 */
async function aggregate(where: Where, key?: string) {
  const read = () => prisma.teachingSession.findMany({ where, select: sessionForReport });
  const sessions = await (key ? remembered(`${key}:sessions`, read) : read());
  const marks = await marksAt(sessions.map((s) => s.id));
  return teachingReport(sessions.map(delivered), marks);
}

export type NamedRow = ReportRow & { name: string | null; detail: string | null };

/** The names of a grouping's keys: a programme's specialty (and university), a university, a department, a tutor. */
async function namesOf(by: ReportGrouping, keys: string[], locale: Locale): Promise<Map<string, { name: string; detail: string | null }>> {
  const ids = keys.filter((k) => !(by === "department" && k === NO_DEPARTMENT));
  const names = new Map<string, { name: string; detail: string | null }>();
  if (ids.length === 0) return names;
  if (by === "programme") {
    const rows = await prisma.programme.findMany({
      where: { id: { in: ids } },
      select: { id: true, specialtyCode: true, university: { select: { name: true } } },
    });
    for (const p of rows) names.set(p.id, { name: specialtyName(p.specialtyCode, locale), detail: p.university.name });
  } else if (by === "university") {
    const rows = await prisma.university.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, city: true } });
    for (const u of rows) names.set(u.id, { name: u.name, detail: u.city });
  } else if (by === "department") {
    const rows = await prisma.department.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    for (const d of rows) names.set(d.id, { name: d.name, detail: null });
  } else {
    const rows = await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    for (const u of rows) names.set(u.id, { name: u.name, detail: null });
  }
  return names;
}

function byName(locale: Locale) {
  return (a: NamedRow, b: NamedRow) => {
    if (a.name === null || b.name === null) return a.name === null ? (b.name === null ? 0 : 1) : -1;
    return a.name.localeCompare(b.name, locale) || (a.detail ?? "").localeCompare(b.detail ?? "", locale);
  };
}

/**
 * The report for a period, in one grouping: a row per group (sorted by name; sessions without a
 * department last, unnamed) and the period's total. Three queries; two while the sums are remembered.
 */
export function teachingReportFor(period: Period, by: ReportGrouping, locale: Locale) {
  // A national year is over a million marks, and thousands of programmes to name and sort: both done
  // once per change of the data (the sums shared by the four groupings).
  const span = `${period.from.toISOString()}:${period.to.toISOString()}`;
  return remembered(`teaching-report:${span}:${by}:${locale}`, async () => {
    const report = await remembered(`teaching-report:${span}`, () => aggregate(deliveredIn(period), `teaching-report:${span}`));
    const names = await namesOf(
      by,
      report[by].map((r) => r.key),
      locale,
    );
    const rows: NamedRow[] = report[by].map((row) => ({
      ...row,
      name: names.get(row.key)?.name ?? null,
      detail: names.get(row.key)?.detail ?? null,
    }));
    return { total: report.total, rows: rows.sort(byName(locale)) };
  });
}

// ─── The sessions behind a figure ────────────────────────────────────────────────────────────────

/**
 * Which sessions a figure stands on. Sessions and hours delivered: those for the programme or
 * university, held in the department, or taught by the tutor. Hours attended and the rate of a
 * programme or university: those at which one of its residents was marked (whatever the session was
 * for); of a department or tutor, the same sessions as delivered.
 */
function groupWhere(by: ReportGrouping, id: string, figure: ReportFigure): Where {
  if (!id) return {};
  if (figure === "attended" && by === "programme") return { attendance: { some: { resident: { programmeId: id } } } };
  if (figure === "attended" && by === "university") return { attendance: { some: { resident: { programme: { universityId: id } } } } };
  switch (by) {
    case "programme":
      return { programmes: { some: { programmeId: id } } };
    case "university":
      return { programmes: { some: { programme: { universityId: id } } } };
    case "department":
      return { departmentId: id === NO_DEPARTMENT ? null : id };
    case "tutor":
      return { tutors: { some: { userId: id } } };
  }
}

/** The marks a figure counts: those of the group's own residents for a programme's or university's attendance. */
function markWhere(by: ReportGrouping, id: string, figure: ReportFigure): Prisma.AttendanceWhereInput {
  if (!id || figure !== "attended") return {};
  if (by === "programme") return { resident: { programmeId: id } };
  if (by === "university") return { resident: { programme: { universityId: id } } };
  return {};
}

/**
 * One page of the sessions behind a figure (newest first), each with its tutors, programmes and the
 * marks the figure counts; the figure itself recomputed from all of them (the same number the report
 * shows); and the group's name. Six queries.
 */
export async function sessionsBehind(
  input: { period: Period; by: ReportGrouping; id: string; figure: ReportFigure; page: number },
  locale: Locale,
) {
  const { period, by, id, figure, page } = input;
  const where: Where = { AND: [deliveredIn(period), groupWhere(by, id, figure)] };
  const [total, sessions, report, names] = await Promise.all([
    prisma.teachingSession.count({ where }),
    prisma.teachingSession.findMany({
      where,
      orderBy: [{ date: "desc" }, { startTime: "desc" }, { id: "asc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        ...sessionHeading,
        department: { select: { name: true } },
        tutors: { select: { lead: true, user: { select: { name: true } } }, orderBy: leadFirst },
        programmes: { select: { programme: { select: { specialtyCode: true, university: { select: { name: true, shortName: true } } } } } },
      },
    }),
    aggregate(where),
    id ? namesOf(by, [id], locale) : Promise.resolve(new Map<string, { name: string; detail: string | null }>()),
  ]);
  const counts = await prisma.attendance.groupBy({
    by: ["sessionId", "status"],
    where: { AND: [{ sessionId: { in: sessions.map((s) => s.id) } }, markWhere(by, id, figure)] },
    _count: { _all: true },
  });
  const marksOf = (sessionId: string) => {
    const of = (status: string) => counts.find((c) => c.sessionId === sessionId && c.status === status)?._count._all ?? 0;
    return { present: of("present"), absent: of("absent"), excused: of("excused") };
  };
  const summary = id ? (report[by].find((r) => r.key === id) ?? null) : report.total;
  const group = id ? { id, name: names.get(id)?.name ?? null, detail: names.get(id)?.detail ?? null } : null;
  return {
    total,
    summary,
    group,
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      type: s.type,
      date: s.date,
      startTime: s.startTime,
      durationMinutes: s.durationMinutes,
      department: s.department?.name ?? null,
      tutors: s.tutors.map((t) => t.user.name),
      programmes: s.programmes
        .map(
          (p) => `${specialtyName(p.programme.specialtyCode, locale)} · ${p.programme.university.shortName ?? p.programme.university.name}`,
        )
        .sort((a, b) => a.localeCompare(b, locale)),
      marks: marksOf(s.id),
    })),
  };
}

// ─── A resident's own teaching ───────────────────────────────────────────────────────────────────

/** How far ahead a resident sees the sessions meant for their programme. */
export const UPCOMING_DAYS = 60;

/**
 * The signed-in resident's teaching: their marks at delivered sessions (counted per academic year,
 * listed for the year asked for, the current one by default) and the sessions meant for their
 * programme that have not started yet, in the next 60 days. Null when they have no training record.
 */
export async function residentTeaching(userId: string, options: { year?: number | null; now?: Date } = {}) {
  const now = options.now ?? new Date();
  const today = hospitalToday(now);
  const resident = await prisma.resident.findUnique({ where: { userId }, select: { id: true, programmeId: true } });
  if (!resident) return null;
  const [start, marks, upcoming] = await Promise.all([
    academicYearStart(),
    prisma.attendance.findMany({
      where: { residentId: resident.id, session: deliveredWhere },
      select: {
        status: true,
        session: {
          select: { ...sessionHeading, tutors: { select: { user: { select: { name: true } } }, orderBy: leadFirst } },
        },
      },
      orderBy: [{ session: { date: "desc" } }, { session: { startTime: "desc" } }],
    }),
    prisma.teachingSession.findMany({
      where: {
        AND: [
          { cancelledAt: null, programmes: { some: { programmeId: resident.programmeId } } },
          notStartedWhere(now),
          { date: { lte: addDays(today, UPCOMING_DAYS) } },
        ],
      },
      orderBy: [{ date: "asc" }, { startTime: "asc" }],
      select: { ...sessionShown, tutors: { select: { user: { select: { name: true } } }, orderBy: leadFirst } },
    }),
  ]);
  const summary = residentSummary(
    marks.map((m) => ({ date: m.session.date, durationMinutes: m.session.durationMinutes, status: m.status })),
    start,
    today,
  );
  const shown = summary.years.find((y) => y.year.startYear === options.year) ?? summary.current;
  const inShownYear = marks.filter((m) => m.session.date >= shown.year.start && m.session.date <= shown.year.end);
  const item = (m: (typeof marks)[number]) => ({ ...m.session, tutors: m.session.tutors.map((t) => t.user.name) });
  return {
    summary,
    shown: shown.year,
    attended: inShownYear.filter((m) => m.status === "present").map(item),
    missed: inShownYear.filter((m) => m.status === "absent").map(item),
    excused: inShownYear.filter((m) => m.status === "excused").map(item),
    upcoming: upcoming
      .map((s) => ({ ...s, tutors: s.tutors.map((t) => t.user.name), startsAt: sessionStart(s) }))
      .filter((s) => s.startsAt >= now && s.startsAt.getTime() <= now.getTime() + UPCOMING_DAYS * 24 * 60 * 60 * 1000),
  };
}

/** The hours a resident attended in the current academic year, for their home page; null without a record. */
export async function teachingThisYear(userId: string, now = new Date()) {
  const resident = await prisma.resident.findUnique({ where: { userId }, select: { id: true } });
  if (!resident) return null;
  const year = academicYearOf(hospitalToday(now), await academicYearStart());
  const marks = await prisma.attendance.findMany({
    where: { residentId: resident.id, status: "present", session: { AND: [deliveredWhere, { date: { gte: year.start, lte: year.end } }] } },
    select: { session: { select: { durationMinutes: true } } },
  });
  return { label: year.label, minutes: marks.reduce((sum, m) => sum + m.session.durationMinutes, 0) };
}
