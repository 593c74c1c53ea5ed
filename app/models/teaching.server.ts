import { randomUUID } from "node:crypto";
import { addDays, hospitalToday } from "~/domain/dates";
import { PAGE_SIZE } from "~/domain/list-query";
import {
  academicYear,
  academicYearOf,
  attendanceRate,
  canEditSession,
  HOSPITAL_TIME_ZONE,
  hoursOf,
  minutesByAcademicYear,
  seriesDays,
  sessionStart,
  type AcademicYear,
} from "~/domain/teaching";
import type { TeachingCancelInput, TeachingCreateInput, TeachingListQuery, TeachingUpdateInput } from "~/schemas/teaching";
import { prisma, type Prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { assertVersion } from "./concurrency.server";
import { academicYearStart } from "./settings.server";

/**
 * Teaching sessions as tutors log them: one session or a weekly or fortnightly series written in one
 * transaction, moved or cancelled one at a time, only ever by the session's own tutors; and the tutor's
 * ledger of what they delivered. The definitions every teaching page shares live here too:
 *
 * - a session is *delivered* when it is not cancelled and its attendance is confirmed;
 * - the *hours delivered* by a tutor are the durations of the delivered sessions they are a tutor of
 *   (lead or co-tutor: each gets the full duration), per academic year (a setting);
 * - a session is *unconfirmed* when it is not cancelled, has started and its attendance is not confirmed.
 */

type Tx = Prisma.TransactionClient;
type Where = Prisma.TeachingSessionWhereInput;

// ─── Shared definitions ──────────────────────────────────────────────────────────────────────────

/** Delivered: not cancelled, attendance confirmed. Combine with other filters inside `AND: [...]`. */
export const deliveredWhere = { cancelledAt: null, confirmedAt: { not: null } } satisfies Where;

/** Sessions someone gives, as lead or co-tutor. */
export function taughtBy(userId: string) {
  return { tutors: { some: { userId } } } satisfies Where;
}

const clock = new Intl.DateTimeFormat("en-GB", { timeZone: HOSPITAL_TIME_ZONE, hourCycle: "h23", hour: "2-digit", minute: "2-digit" });

/** The hospital's wall-clock time at an instant, "HH:MM" like a session's start time. */
export function hospitalClock(now = new Date()): string {
  return clock.format(now);
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
    where: { AND: [taughtBy(userId), deliveredWhere, { date: { gte: from, lte: to } }] },
    select: { durationMinutes: true },
  });
  const minutes = sessions.reduce((sum, s) => sum + s.durationMinutes, 0);
  return { sessions: sessions.length, minutes, hours: hoursOf(minutes) };
}

// ─── Errors ──────────────────────────────────────────────────────────────────────────────────────

/** The session does not exist or the person is not one of its tutors: the same answer to both, a 404. */
export class TeachingNotFoundError extends Error {
  constructor() {
    super("Teaching session not found");
  }
}

/** The change is not allowed any more: the session is cancelled, or its confirmed attendance fixes its time. */
export class TeachingLockedError extends Error {
  constructor(public readonly reason: "cancelled" | "confirmed") {
    super(`The session is ${reason}`);
  }
}

/** A chosen programme, co-tutor or department may not be chosen; nothing has been written. */
export class TeachingChoiceError extends Error {
  constructor(public readonly field: "programmeIds" | "coTutorIds" | "departmentId") {
    super(`Invalid choice for ${field}`);
  }
}

// ─── Writes ──────────────────────────────────────────────────────────────────────────────────────

type Fields = {
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

const uniqueSorted = (ids: string[]) => [...new Set(ids)].sort();

function fieldsOf(input: Omit<TeachingUpdateInput, "intent" | "version">, leadIds: string[]): Fields {
  return {
    title: input.title,
    type: input.type,
    date: input.date,
    startTime: input.startTime,
    durationMinutes: input.durationMinutes,
    place: input.place ? input.place : null,
    link: input.link ? input.link : null,
    departmentId: input.departmentId ? input.departmentId : null,
    programmeIds: uniqueSorted(input.programmeIds),
    coTutorIds: uniqueSorted(input.coTutorIds.filter((id) => !leadIds.includes(id))),
  };
}

/**
 * Programmes must exist and not be archived, co-tutors must be active tutors, and the department one
 * the actor works in; what the session already has stays acceptable (an edit need not drop it).
 */
async function checkChoices(tx: Tx, actorId: string, data: Fields, current?: Fields) {
  const keptProgrammes = current?.programmeIds ?? [];
  const keptTutors = current?.coTutorIds ?? [];
  const [programmes, tutors, department] = await Promise.all([
    tx.programme.count({ where: { id: { in: data.programmeIds }, OR: [{ archivedAt: null }, { id: { in: keptProgrammes } }] } }),
    tx.user.count({ where: { id: { in: data.coTutorIds }, OR: [{ active: true, roles: { some: { role: "tutor" } } }, { id: { in: keptTutors } }] } }),
    data.departmentId && data.departmentId !== current?.departmentId
      ? tx.department.count({ where: { id: data.departmentId, archivedAt: null, tutors: { some: { userId: actorId } } } })
      : Promise.resolve(1),
  ]);
  if (programmes !== data.programmeIds.length) throw new TeachingChoiceError("programmeIds");
  if (tutors !== data.coTutorIds.length) throw new TeachingChoiceError("coTutorIds");
  if (department !== 1) throw new TeachingChoiceError("departmentId");
}

/**
 * Logs one session, or every session of a weekly or fortnightly series, in one transaction: all of
 * them or none. The person logging is the lead tutor; each session gets its own audit event.
 */
export async function createTeaching(input: TeachingCreateInput, actorId: string): Promise<{ ids: string[]; seriesId: string | null }> {
  const data = fieldsOf(input, [actorId]);
  const days = seriesDays(input.date, input.repeat, input.until ?? null);
  const seriesId = days.length > 1 ? randomUUID() : null;
  const { programmeIds, coTutorIds, ...scalars } = data;
  return prisma.$transaction(async (tx) => {
    await checkChoices(tx, actorId, data);
    // A fixed number of statements whatever the length of the series, plus one audit event per session.
    const sessions = await tx.teachingSession.createManyAndReturn({
      data: days.map((date) => ({ ...scalars, date, seriesId, createdById: actorId })),
      select: { id: true, date: true },
    });
    sessions.sort((a, b) => a.date.getTime() - b.date.getTime());
    await tx.teachingTutor.createMany({
      data: sessions.flatMap((s) => [{ sessionId: s.id, userId: actorId, lead: true }, ...coTutorIds.map((userId) => ({ sessionId: s.id, userId }))]),
    });
    await tx.teachingProgramme.createMany({ data: sessions.flatMap((s) => programmeIds.map((programmeId) => ({ sessionId: s.id, programmeId }))) });
    for (const s of sessions) {
      await recordAudit(tx, { actorId, action: "create", entityType: "teaching", entityId: s.id, before: null, after: { ...data, date: s.date, seriesId } });
    }
    return { ids: sessions.map((s) => s.id), seriesId };
  });
}

/** A session with its tutors and programmes, only when the actor is one of its tutors. */
async function ownSession(tx: Tx, id: string, actorId: string) {
  const current = await tx.teachingSession.findUnique({
    where: { id },
    include: { tutors: { select: { userId: true, lead: true } }, programmes: { select: { programmeId: true } } },
  });
  if (!current || !canEditSession(current, actorId)) throw new TeachingNotFoundError();
  const leadIds = current.tutors.filter((t) => t.lead).map((t) => t.userId);
  const stored: Fields = {
    title: current.title,
    type: current.type,
    date: current.date,
    startTime: current.startTime,
    durationMinutes: current.durationMinutes,
    place: current.place,
    link: current.link,
    departmentId: current.departmentId,
    programmeIds: uniqueSorted(current.programmes.map((p) => p.programmeId)),
    coTutorIds: uniqueSorted(current.tutors.filter((t) => !t.lead).map((t) => t.userId)),
  };
  return { current, leadIds, stored };
}

/**
 * Edits or moves one session (the rest of its series stays as it is). Only its tutors may; the person
 * editing stays one of them. Once attendance is confirmed the day, start and length are fixed; a
 * cancelled session is not edited.
 */
export async function updateTeaching(id: string, input: TeachingUpdateInput, actorId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { current, leadIds, stored } = await ownSession(tx, id, actorId);
    assertVersion(current, input.version);
    if (current.cancelledAt) throw new TeachingLockedError("cancelled");
    const data = fieldsOf(input, leadIds);
    if (!leadIds.includes(actorId) && !data.coTutorIds.includes(actorId)) data.coTutorIds = uniqueSorted([...data.coTutorIds, actorId]);
    const moved = data.date.getTime() !== stored.date.getTime() || data.startTime !== stored.startTime || data.durationMinutes !== stored.durationMinutes;
    if (current.confirmedAt && moved) throw new TeachingLockedError("confirmed");
    await checkChoices(tx, actorId, data, stored);
    const { programmeIds, coTutorIds, ...scalars } = data;
    await tx.teachingTutor.deleteMany({ where: { sessionId: id, lead: false } });
    await tx.teachingProgramme.deleteMany({ where: { sessionId: id } });
    await tx.teachingSession.update({
      where: { id },
      data: {
        ...scalars,
        tutors: { create: coTutorIds.map((userId) => ({ userId })) },
        programmes: { create: programmeIds.map((programmeId) => ({ programmeId })) },
      },
    });
    await recordAudit(tx, { actorId, action: "update", entityType: "teaching", entityId: id, before: stored, after: data });
  });
}

/** Cancels one session with a reason: it stays in the record, no longer counts, and can no longer be edited. */
export async function cancelTeaching(id: string, input: Pick<TeachingCancelInput, "version" | "reason">, actorId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { current } = await ownSession(tx, id, actorId);
    assertVersion(current, input.version);
    if (current.cancelledAt) throw new TeachingLockedError("cancelled");
    if (current.confirmedAt) throw new TeachingLockedError("confirmed");
    const cancelledAt = new Date();
    await tx.teachingSession.update({ where: { id }, data: { cancelledAt, cancelReason: input.reason } });
    await recordAudit(tx, {
      actorId,
      action: "cancel",
      entityType: "teaching",
      entityId: id,
      before: { cancelledAt: null, cancelReason: null },
      after: { cancelledAt, cancelReason: input.reason },
    });
  });
}

// ─── Reads ───────────────────────────────────────────────────────────────────────────────────────

const listSelect = {
  id: true,
  title: true,
  type: true,
  date: true,
  startTime: true,
  durationMinutes: true,
  place: true,
  link: true,
  seriesId: true,
  cancelledAt: true,
  confirmedAt: true,
  department: { select: { name: true } },
  programmes: { select: { programme: { select: { id: true, specialtyCode: true, university: { select: { name: true, shortName: true } } } } } },
} satisfies Prisma.TeachingSessionSelect;

type ListRow = Prisma.TeachingSessionGetPayload<{ select: typeof listSelect }>;

function listItem(row: ListRow, now: Date) {
  const { programmes, ...rest } = row;
  return { ...rest, programmes: programmes.map((p) => p.programme), status: teachingStatus(row, now) };
}
export type TeachingListItem = ReturnType<typeof listItem>;

/** A tutor's sessions, those to come (soonest first) or those started (latest first), a page at a time. */
export async function listTeaching(userId: string, query: TeachingListQuery, now = new Date()) {
  const upcomingWhere: Where = { AND: [taughtBy(userId), notStartedWhere(now)] };
  const pastWhere: Where = { AND: [taughtBy(userId), startedWhere(now)] };
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
  return { counts: { upcoming: upcomingCount, past: pastCount }, total: upcoming ? upcomingCount : pastCount, sessions: rows.map((r) => listItem(r, now)) };
}

/** How many unconfirmed sessions the ledger lists by name (all are counted). */
export const UNCONFIRMED_LISTED = 20;

export type LedgerFigures = { sessions: number; minutes: number; hours: number; attendanceRate: number | null };

/**
 * The tutor's ledger: sessions and hours delivered in the current and the previous academic year and in
 * all, the attendance rate at their delivered sessions, and the sessions whose attendance waits for them.
 */
export async function teachingLedger(userId: string, now = new Date()) {
  const mine = taughtBy(userId);
  const delivered: Where = { AND: [mine, deliveredWhere] };
  const unconfirmed: Where = { AND: [mine, unconfirmedWhere(now)] };
  const [yearStart, sessions, marks, unconfirmedCount, unconfirmedRows] = await Promise.all([
    academicYearStart(),
    prisma.teachingSession.findMany({ where: delivered, select: { id: true, date: true, durationMinutes: true } }),
    prisma.attendance.findMany({ where: { session: delivered }, select: { sessionId: true, status: true } }),
    prisma.teachingSession.count({ where: unconfirmed }),
    prisma.teachingSession.findMany({ where: unconfirmed, orderBy: [{ date: "asc" }, { startTime: "asc" }, { id: "asc" }], take: UNCONFIRMED_LISTED, select: listSelect }),
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
      tutors: { select: { userId: true, lead: true, user: { select: { name: true, email: true } } }, orderBy: [{ lead: "desc" }, { user: { name: "asc" } }] },
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
    attendance: { ...attendance, marked: attendance.present + attendance.absent + attendance.excused, rate: attendanceRate(marks.flatMap((m) => Array.from({ length: m._count._all }, () => ({ status: m.status })))) },
    inSeries,
  };
}

/** Whether a person gives a session (lead or co-tutor), without reading anything else of it. */
export async function teachesSession(id: string, userId: string): Promise<boolean> {
  return (await prisma.teachingTutor.count({ where: { sessionId: id, userId } })) > 0;
}

/**
 * The choices of the form: the tutor's departments, the programmes (those of the residents in their
 * care now or within 60 days suggested first) and the other tutors (colleagues of their departments
 * first). What a session already has stays choosable even if archived or deactivated since.
 */
export async function teachingChoices(userId: string, current: { departmentId: string | null; programmeIds: string[]; coTutorIds: string[] } | null = null, now = new Date()) {
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
          { rotations: { some: { state: { not: "cancelled" }, endDate: { gte: today }, startDate: { lte: horizon }, OR: [{ tutorId: userId }, { department: mine }] } } },
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
