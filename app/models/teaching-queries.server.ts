import { addDays, hospitalClock, hospitalToday } from "~/domain/dates";
import { PAGE_SIZE } from "~/domain/list-query";
import { notFound } from "~/domain/refusal";
import {
  academicYear,
  academicYearOf,
  attendanceRate,
  hoursOf,
  minutesByAcademicYear,
  sessionStart,
  type AcademicYear,
} from "~/domain/teaching";
import type { TeachingListQuery } from "~/schemas/teaching";
import { prisma, type Prisma } from "~/utils/db.server";
import { academicYearStart } from "./settings.server";

/**
 * What the teaching pages read: a tutor's sessions a page at a time, their ledger, one session, the
 * choices of the form, the hours delivered for certificates. The definitions every teaching page (and
 * the report) shares live here too, as where-clauses and as plain checks that give the same answer:
 *
 * - a session is *delivered* when it is not cancelled and its attendance is confirmed;
 * - the *hours delivered* by a tutor are the durations of the delivered sessions they are a tutor of
 *   (lead or co-tutor: each gets the full duration), per academic year (a setting);
 * - a session is *unconfirmed* when it is not cancelled, has started and its attendance is not confirmed.
 *
 * The writes (log, edit, cancel) are in teaching.server.ts.
 */

type Where = Prisma.TeachingSessionWhereInput;
type Db = Prisma.TransactionClient | typeof prisma;

// ─── Shared definitions ──────────────────────────────────────────────────────────────────────────

/** Delivered: not cancelled, attendance confirmed. Combine with other filters inside `AND: [...]`. */
export const deliveredWhere = { cancelledAt: null, confirmedAt: { not: null } } satisfies Where;

/** What a session is and when: the line a list of sessions shows. */
export const sessionHeading = {
  id: true,
  title: true,
  type: true,
  date: true,
  startTime: true,
  durationMinutes: true,
} satisfies Prisma.TeachingSessionSelect;

/** A session's own fields as the pages show them: what, when, how long and where. */
export const sessionShown = { ...sessionHeading, place: true, link: true } satisfies Prisma.TeachingSessionSelect;

/** A session's tutors in the order they are named: the lead first, then by name. */
export const leadFirst = [{ lead: "desc" }, { user: { name: "asc" } }] satisfies Prisma.TeachingTutorOrderByWithRelationInput[];

/**
 * Sessions someone gives, as lead or co-tutor: the one answer to "does this tutor teach this session?"
 * for every read and write of a session (`teaches` in app/domain/teaching.ts answers it for a session
 * already read).
 */
export function taughtBy(userId: string) {
  return { tutors: { some: { userId } } } satisfies Where;
}

/**
 * The sessions a person teaches, as a condition on their ids, for lists of them: SQLite runs Prisma's
 * "some" (taughtBy) as a test of every session, and of every attendance mark when asked through the
 * session (1.5 million at national size: 1.2 s for the tutor's ledger). Read through TeachingTutor's index
 * on the person, the ids let it search by key instead. One statement more, whatever their number.
 */
async function taughtByIds(userId: string) {
  const rows = await prisma.teachingTutor.findMany({ where: { userId }, select: { sessionId: true } });
  return { id: { in: rows.map((row) => row.sessionId) } } satisfies Where;
}

/** Refuses as "not found" (so nobody learns the session exists) unless the person gives it. */
export async function assertTeaches(sessionId: string, userId: string, db: Db = prisma): Promise<void> {
  if ((await db.teachingSession.count({ where: { id: sessionId, ...taughtBy(userId) } })) === 0) notFound();
}

/**
 * Sessions that have started by `now`: on an earlier day, or today at a start time not after the
 * hospital's clock ("HH:MM" compares as text). The same answer as `sessionStart(s) <= now`, in SQL.
 */
export function startedWhere(now = new Date()): Where {
  const today = hospitalToday(now);
  return { OR: [{ date: { lt: today } }, { date: today, startTime: { lte: hospitalClock(now) } }] };
}

/** Sessions that have not started yet at `now`. */
export function notStartedWhere(now = new Date()): Where {
  const today = hospitalToday(now);
  return { OR: [{ date: { gt: today } }, { date: today, startTime: { gt: hospitalClock(now) } }] };
}

/** Unconfirmed: not cancelled, already started, attendance not confirmed. Combine inside `AND: [...]`. */
export function unconfirmedWhere(now = new Date()): Where {
  return { AND: [{ cancelledAt: null, confirmedAt: null }, startedWhere(now)] };
}

type Timed = { date: Date; startTime: string; cancelledAt: Date | null; confirmedAt: Date | null };

export function isDelivered(session: Pick<Timed, "cancelledAt" | "confirmedAt">): boolean {
  return !session.cancelledAt && Boolean(session.confirmedAt);
}

export function isUnconfirmed(session: Timed, now = new Date()): boolean {
  return !session.cancelledAt && !session.confirmedAt && sessionStart(session) <= now;
}

export type TeachingStatus = "cancelled" | "delivered" | "unconfirmed" | "upcoming";

/** Where a session stands: cancelled, delivered (attendance confirmed), waiting for attendance, or to come. */
export function teachingStatus(session: Timed, now = new Date()): TeachingStatus {
  if (session.cancelledAt) return "cancelled";
  if (session.confirmedAt) return "delivered";
  return sessionStart(session) <= now ? "unconfirmed" : "upcoming";
}

/** Sessions and hours a tutor delivered with a day between `from` and `to` (inclusive): for certificates. */
export async function hoursDelivered(userId: string, from: Date, to: Date) {
  const sessions = await prisma.teachingSession.findMany({
    where: { AND: [await taughtByIds(userId), deliveredWhere, { date: { gte: from, lte: to } }] },
    select: { durationMinutes: true },
  });
  const minutes = sessions.reduce((sum, s) => sum + s.durationMinutes, 0);
  return { sessions: sessions.length, minutes, hours: hoursOf(minutes) };
}

// ─── Reads ───────────────────────────────────────────────────────────────────────────────────────

const listSelect = {
  ...sessionShown,
  seriesId: true,
  cancelledAt: true,
  confirmedAt: true,
  department: { select: { name: true } },
  programmes: {
    select: { programme: { select: { id: true, specialtyCode: true, university: { select: { name: true, shortName: true } } } } },
  },
} satisfies Prisma.TeachingSessionSelect;

type ListRow = Prisma.TeachingSessionGetPayload<{ select: typeof listSelect }>;

function listItem(row: ListRow, now: Date) {
  const { programmes, ...rest } = row;
  return { ...rest, programmes: programmes.map((p) => p.programme), status: teachingStatus(row, now) };
}
export type TeachingListItem = ReturnType<typeof listItem>;

/** A tutor's sessions, those to come (soonest first) or those started (latest first), a page at a time. */
export async function listTeaching(userId: string, query: TeachingListQuery, now = new Date()) {
  const mine = await taughtByIds(userId);
  const upcomingWhere: Where = { AND: [mine, notStartedWhere(now)] };
  const pastWhere: Where = { AND: [mine, startedWhere(now)] };
  const upcoming = query.show === "upcoming";
  const dir = upcoming ? "asc" : "desc";
  const [upcomingCount, pastCount, rows] = await Promise.all([
    prisma.teachingSession.count({ where: upcomingWhere }),
    prisma.teachingSession.count({ where: pastWhere }),
    prisma.teachingSession.findMany({
      where: upcoming ? upcomingWhere : pastWhere,
      orderBy: [{ date: dir }, { startTime: dir }, { id: "asc" }],
      skip: (query.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: listSelect,
    }),
  ]);
  return {
    counts: { upcoming: upcomingCount, past: pastCount },
    total: upcoming ? upcomingCount : pastCount,
    sessions: rows.map((r) => listItem(r, now)),
  };
}

/** How many unconfirmed sessions the ledger lists by name (all are counted). */
export const UNCONFIRMED_LISTED = 20;

export type LedgerFigures = { sessions: number; minutes: number; hours: number; attendanceRate: number | null };

/**
 * The tutor's ledger: sessions and hours delivered in the current and the previous academic year and in
 * all, the attendance rate at their delivered sessions, and the sessions whose attendance waits for them.
 */
export async function teachingLedger(userId: string, now = new Date()) {
  const mine = await taughtByIds(userId);
  const delivered: Where = { AND: [mine, deliveredWhere] };
  const unconfirmed: Where = { AND: [mine, unconfirmedWhere(now)] };
  const [yearStart, sessions, marks, unconfirmedCount, unconfirmedRows] = await Promise.all([
    academicYearStart(),
    prisma.teachingSession.findMany({ where: delivered, select: { id: true, date: true, durationMinutes: true } }),
    prisma.attendance.findMany({ where: { sessionId: mine.id, session: deliveredWhere }, select: { sessionId: true, status: true } }),
    prisma.teachingSession.count({ where: unconfirmed }),
    prisma.teachingSession.findMany({
      where: unconfirmed,
      orderBy: [{ date: "asc" }, { startTime: "asc" }, { id: "asc" }],
      take: UNCONFIRMED_LISTED,
      select: listSelect,
    }),
  ]);
  const current = academicYearOf(hospitalToday(now), yearStart);
  const previous = academicYear(current.startYear - 1, yearStart);
  const minutesByYear = minutesByAcademicYear(sessions, yearStart);
  const yearOfSession = new Map(sessions.map((s) => [s.id, academicYearOf(s.date, yearStart).startYear]));

  const figures = (year: AcademicYear | null): LedgerFigures => {
    const inYear = (startYear: number | undefined) => year === null || startYear === year.startYear;
    const minutes = year ? (minutesByYear.get(year.startYear) ?? 0) : sessions.reduce((sum, s) => sum + s.durationMinutes, 0);
    return {
      sessions: sessions.filter((s) => inYear(yearOfSession.get(s.id))).length,
      minutes,
      hours: hoursOf(minutes),
      attendanceRate: attendanceRate(marks.filter((m) => inYear(yearOfSession.get(m.sessionId)))),
    };
  };
  return {
    years: [current, previous].map((year) => ({ label: year.label, start: year.start, end: year.end, ...figures(year) })),
    total: figures(null),
    unconfirmed: { count: unconfirmedCount, sessions: unconfirmedRows.map((r) => listItem(r, now)) },
  };
}

/** One session for one of its tutors, with programmes, tutors, department and attendance counts; null otherwise. */
export async function getTeachingForTutor(id: string, userId: string, now = new Date()) {
  const session = await prisma.teachingSession.findFirst({
    where: { id, ...taughtBy(userId) },
    select: {
      ...listSelect,
      departmentId: true,
      cancelReason: true,
      updatedAt: true,
      confirmedBy: { select: { name: true } },
      department: { select: { id: true, name: true } },
      tutors: { select: { userId: true, lead: true, user: { select: { name: true, email: true } } }, orderBy: leadFirst },
    },
  });
  if (!session) return null;
  const [marks, inSeries] = await Promise.all([
    prisma.attendance.groupBy({ by: ["status"], where: { sessionId: id }, _count: { _all: true } }),
    session.seriesId ? prisma.teachingSession.count({ where: { seriesId: session.seriesId } }) : Promise.resolve(1),
  ]);
  const count = (status: string) => marks.find((m) => m.status === status)?._count._all ?? 0;
  const attendance = { present: count("present"), absent: count("absent"), excused: count("excused") };
  return {
    ...listItem(session, now),
    departmentId: session.departmentId,
    department: session.department,
    cancelReason: session.cancelReason,
    updatedAt: session.updatedAt,
    confirmedBy: session.confirmedBy,
    tutors: session.tutors,
    programmeIds: session.programmes.map((p) => p.programme.id),
    coTutorIds: session.tutors.filter((t) => !t.lead).map((t) => t.userId),
    attendance: {
      ...attendance,
      marked: attendance.present + attendance.absent + attendance.excused,
      rate: attendanceRate(marks.flatMap((m) => Array.from({ length: m._count._all }, () => ({ status: m.status })))),
    },
    inSeries,
  };
}

/**
 * The choices of the form: the tutor's departments, the programmes (those of the residents in their
 * care now or within 60 days suggested first) and the other tutors (colleagues of their departments
 * first). What a session already has stays choosable even if archived or deactivated since.
 */
export async function teachingChoices(
  userId: string,
  current: { departmentId: string | null; programmeIds: string[]; coTutorIds: string[] } | null = null,
  now = new Date(),
) {
  const today = hospitalToday(now);
  const horizon = addDays(today, 60);
  const mine = { tutors: { some: { userId } } };
  const [departments, programmes, tutors, inCare] = await Promise.all([
    prisma.department.findMany({
      where: current?.departmentId ? { OR: [{ archivedAt: null, ...mine }, { id: current.departmentId }] } : { archivedAt: null, ...mine },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    prisma.programme.findMany({
      where: { OR: [{ archivedAt: null }, { id: { in: current?.programmeIds ?? [] } }] },
      select: { id: true, specialtyCode: true, university: { select: { name: true, shortName: true } } },
    }),
    prisma.user.findMany({
      where: { id: { not: userId }, OR: [{ active: true, roles: { some: { role: "tutor" } } }, { id: { in: current?.coTutorIds ?? [] } }] },
      select: { id: true, name: true, tutorIn: { where: { department: mine }, select: { departmentId: true }, take: 1 } },
      orderBy: { name: "asc" },
    }),
    prisma.resident.findMany({
      where: {
        stayEnd: { gte: today },
        OR: [
          { tutorId: userId },
          {
            rotations: {
              some: {
                state: { not: "cancelled" },
                endDate: { gte: today },
                startDate: { lte: horizon },
                OR: [{ tutorId: userId }, { department: mine }],
              },
            },
          },
        ],
      },
      select: { programmeId: true },
      distinct: ["programmeId"],
    }),
  ]);
  return {
    departments,
    programmes,
    tutors: tutors.map((t) => ({ id: t.id, name: t.name, colleague: t.tutorIn.length > 0 })),
    suggestedProgrammeIds: inCare.map((r) => r.programmeId),
  };
}
export type TeachingChoices = Awaited<ReturnType<typeof teachingChoices>>;
