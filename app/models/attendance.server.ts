import {
  attendanceProblems,
  APPROVED_ABSENCE,
  attendanceRefusals,
  expectedAttendees,
  presentOn,
  sessionStart,
  sheetVersion,
  type AttendanceStatus,
  type ExpectedReason,
} from "~/domain/teaching";
import { encodeMessage, notFound, refuse, Refused } from "~/domain/refusal";
import { MAX_CORRECTION_REASON } from "~/schemas/attendance";
import { prisma, type Prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { awaySpans } from "./away.server";
import { peopleMatching } from "./person-search.server";
import { leadFirst, sessionShown, taughtBy } from "./teaching-queries.server";
import { compareItalian } from "~/domain/collation";

/**
 * Attendance at a teaching session, as its tutors record it: the sheet of the residents expected
 * (app/domain/teaching.ts expectedAttendees), a search for anyone else at the hospital that day, draft
 * saves, confirmation (which locks the sheet) and corrections with a reason. Every write is judged by
 * attendanceProblems first and made in one transaction with its audit event (entity "attendance", id
 * the session's).
 */
type Db = Prisma.TransactionClient | typeof prisma;
export type Mark = { residentId: string; status: AttendanceStatus };

const residentSelect = {
  id: true,
  programmeId: true,
  yearOfTraining: true,
  stayStart: true,
  stayEnd: true,
  user: { select: { name: true } },
  programme: { select: { specialtyCode: true, university: { select: { name: true, shortName: true } } } },
} satisfies Prisma.ResidentSelect;
type ResidentRow = Prisma.ResidentGetPayload<{ select: typeof residentSelect }>;

const sessionSelect = {
  ...sessionShown,
  departmentId: true,
  cancelledAt: true,
  cancelReason: true,
  confirmedAt: true,
  confirmedBy: { select: { name: true } },
  department: { select: { name: true } },
  tutors: { select: { userId: true, lead: true, user: { select: { name: true } } }, orderBy: leadFirst },
  programmes: {
    select: { programmeId: true, programme: { select: { specialtyCode: true, university: { select: { name: true, shortName: true } } } } },
  },
  attendance: { select: { residentId: true, status: true } },
} satisfies Prisma.TeachingSessionSelect;
type SessionRow = Prisma.TeachingSessionGetPayload<{ select: typeof sessionSelect }>;

/** The session, only when the user teaches it (lead or co-tutor); otherwise refused as "not found". */
async function sessionFor(db: Db, sessionId: string, userId: string): Promise<SessionRow> {
  const session = await db.teachingSession.findFirst({ where: { id: sessionId, ...taughtBy(userId) }, select: sessionSelect });
  return session ?? notFound();
}

/**
 * The residents the session expects, in three queries whatever its size: the residents of its
 * programmes at the hospital that day, the rotations that day in its department (or, without one, in
 * every department its tutors work in), and the residents already marked.
 */
async function expectedFor(db: Db, session: SessionRow) {
  const day = session.date;
  const programmeIds = session.programmes.map((p) => p.programmeId);
  const markedIds = session.attendance.map((a) => a.residentId);
  const inDepartment: Prisma.RotationWhereInput = session.departmentId
    ? { departmentId: session.departmentId }
    : { department: { tutors: { some: { userId: { in: session.tutors.map((t) => t.userId) } } } } };
  const [ofProgrammes, rotations, marked] = await Promise.all([
    programmeIds.length
      ? db.resident.findMany({
          where: { programmeId: { in: programmeIds }, stayStart: { lte: day }, stayEnd: { gte: day } },
          select: residentSelect,
        })
      : Promise.resolve([]),
    db.rotation.findMany({
      where: { ...inDepartment, state: { not: "cancelled" }, startDate: { lte: day }, endDate: { gte: day } },
      select: { residentId: true, departmentId: true, startDate: true, endDate: true, state: true, resident: { select: residentSelect } },
    }),
    markedIds.length ? db.resident.findMany({ where: { id: { in: markedIds } }, select: residentSelect }) : Promise.resolve([]),
  ]);
  const residents = new Map<string, ResidentRow>();
  for (const r of [...ofProgrammes, ...rotations.map((x) => x.resident), ...marked]) residents.set(r.id, r);
  const departmentIds = session.departmentId ? [session.departmentId] : [...new Set(rotations.map((r) => r.departmentId))];
  const expected = expectedAttendees({
    day,
    programmeIds,
    departmentIds,
    residents: [...residents.values()].map((r) => ({ ...r, name: r.user.name })),
    rotations,
  });
  return { expected, residents };
}

export type SheetReason = ExpectedReason | "added";
export type SheetRow = {
  id: string;
  name: string;
  yearOfTraining: number;
  specialtyCode: string;
  university: string;
  reasons: SheetReason[];
  status: AttendanceStatus | null;
  /** At the hospital on the session's day (a mark made before a stay was shortened may no longer be). */
  present: boolean;
  /** Away that day on approved leave or a recorded absence: excused unless a tutor marks otherwise. */
  away: boolean;
};

function rowOf(resident: ResidentRow, reasons: SheetReason[], status: AttendanceStatus | null, day: Date, away = false): SheetRow {
  return {
    id: resident.id,
    name: resident.user.name,
    yearOfTraining: resident.yearOfTraining,
    specialtyCode: resident.programme.specialtyCode,
    university: resident.programme.university.shortName ?? resident.programme.university.name,
    reasons,
    status,
    present: presentOn(resident, day),
    away,
  };
}

/**
 * The attendance sheet of a session for one of its tutors: the session, one row per resident expected
 * (then those added by hand), each with its mark, and what stops attendance being recorded now.
 */
export async function attendanceSheet(sessionId: string, userId: string, now = new Date()) {
  const session = await sessionFor(prisma, sessionId, userId);
  const { expected, residents } = await expectedFor(prisma, session);
  const marks = new Map(session.attendance.map((a) => [a.residentId, a.status as AttendanceStatus]));
  const away = await awaySpans([...residents.keys()], { start: session.date, end: session.date });
  const rows = expected.map((r) => rowOf(residents.get(r.id)!, r.reasons, marks.get(r.id) ?? null, session.date, away.has(r.id)));
  const listed = new Set(rows.map((r) => r.id));
  const added = session.attendance
    .filter((a) => !listed.has(a.residentId) && residents.has(a.residentId))
    .map((a) => rowOf(residents.get(a.residentId)!, ["added"], a.status as AttendanceStatus, session.date, away.has(a.residentId)))
    .sort((a, b) => compareItalian(a.name, b.name));
  // What stands in the way before any mark: cancelled, not started yet, too long (a confirmed sheet is locked, not blocked).
  const blocked = attendanceRefusals(
    attendanceProblems({ session: { ...session, confirmedAt: null }, marks: [], residents: new Map(), now }),
  ).map(encodeMessage);
  const { attendance: _attendance, tutors, programmes, ...rest } = session;
  return {
    session: {
      ...rest,
      startsAt: sessionStart(session),
      tutors: tutors.map((t) => ({ id: t.userId, name: t.user.name, lead: t.lead })),
      programmes: programmes.map((p) => ({
        id: p.programmeId,
        specialtyCode: p.programme.specialtyCode,
        university: p.programme.university.shortName ?? p.programme.university.name,
      })),
    },
    rows: [...rows, ...added],
    version: sheetVersion(session.attendance),
    blocked,
    confirmed: session.confirmedAt !== null,
  };
}
export type AttendanceSheet = Awaited<ReturnType<typeof attendanceSheet>>;

/** Residents at the hospital on the session's day whose name, e-mail or student number contains the text as typed: at most 20, by name. */
export async function searchPresentResidents(sessionId: string, userId: string, text: string, excludeIds: string[] = []) {
  const query = text.trim();
  const session = await sessionFor(prisma, sessionId, userId);
  if (query.length < 2) return [];
  const found = await prisma.resident.findMany({
    where: {
      id: { notIn: excludeIds },
      stayStart: { lte: session.date },
      stayEnd: { gte: session.date },
      userId: { in: await peopleMatching(query) },
    },
    select: residentSelect,
    orderBy: { user: { name: "asc" } },
    take: 20,
  });
  return found.map((r) => rowOf(r, ["added"], null, session.date));
}

const asRecord = (marks: Iterable<{ residentId: string; status: string }>) =>
  Object.fromEntries([...marks].map((m) => [m.residentId, m.status]));

async function residentsOf(db: Db, ids: string[]) {
  const rows = ids.length
    ? await db.resident.findMany({
        where: { id: { in: ids } },
        select: { id: true, stayStart: true, stayEnd: true, user: { select: { name: true } } },
      })
    : [];
  return new Map(rows.map((r) => [r.id, { name: r.user.name, stayStart: r.stayStart, stayEnd: r.stayEnd }]));
}

/**
 * Saves the sheet as it stands: the marks given are written, the marks of residents no longer on it
 * are deleted. With `confirm`, every expected resident must be marked, and the sheet is then locked.
 */
/**
 * Saves the sheet: the marks given replace those recorded. `version` is the sheet's version when the
 * form was loaded (sheetVersion): if the marks have changed since, nothing is written.
 */
export async function saveAttendance(
  sessionId: string,
  userId: string,
  input: Mark[],
  options: { confirm?: boolean; version?: string; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  const marks = [...new Map(input.map((m) => [m.residentId, m])).values()];
  return prisma.$transaction(async (tx) => {
    const session = await sessionFor(tx, sessionId, userId);
    if (options.version !== undefined && options.version !== sheetVersion(session.attendance)) refuse(null, "attendance.problems.stale");
    const residents = await residentsOf(
      tx,
      marks.map((m) => m.residentId),
    );
    const problems = attendanceRefusals(attendanceProblems({ session, marks, residents, now }));
    if (options.confirm && problems.length === 0) {
      const marked = new Set(marks.map((m) => m.residentId));
      const { expected } = await expectedFor(tx, session);
      const unmarked = expected.filter((r) => !marked.has(r.id)).length;
      if (unmarked > 0) problems.push({ field: null, key: "attendance.problems.unmarked", values: { count: unmarked } });
    }
    if (problems.length) throw new Refused(problems);

    const before = new Map(session.attendance.map((a) => [a.residentId, a.status]));
    const removed = [...before.keys()].filter((id) => !marks.some((m) => m.residentId === id));
    if (removed.length) await tx.attendance.deleteMany({ where: { sessionId, residentId: { in: removed } } });
    for (const mark of marks) {
      if (before.get(mark.residentId) === mark.status) continue;
      await tx.attendance.upsert({
        where: { sessionId_residentId: { sessionId, residentId: mark.residentId } },
        create: { sessionId, residentId: mark.residentId, status: mark.status, markedAt: now, markedById: userId },
        update: { status: mark.status, markedAt: now, markedById: userId },
      });
    }
    const beforeMarks = asRecord(session.attendance);
    const afterMarks = asRecord(marks);
    if (options.confirm) {
      await tx.teachingSession.update({ where: { id: sessionId }, data: { confirmedAt: now, confirmedById: userId } });
      await recordAudit(tx, {
        actorId: userId,
        action: "confirm",
        entityType: "attendance",
        entityId: sessionId,
        before: { ...beforeMarks, confirmedAt: null },
        after: { ...afterMarks, confirmedAt: now },
      });
    } else if (removed.length || marks.some((m) => before.get(m.residentId) !== m.status)) {
      await recordAudit(tx, {
        actorId: userId,
        action: "mark",
        entityType: "attendance",
        entityId: sessionId,
        before: beforeMarks,
        after: afterMarks,
      });
    }
    return {
      confirmed: Boolean(options.confirm),
      changed: removed.length + marks.filter((m) => before.get(m.residentId) !== m.status).length,
    };
  });
}

/**
 * Corrects confirmed attendance: the marks given replace those recorded (others stay as they are), and
 * the audit event keeps every changed resident's mark before and after, with the reason.
 */
export async function correctAttendance(sessionId: string, userId: string, input: Mark[], reason: string, now = new Date()) {
  const why = reason.trim();
  const marks = [...new Map(input.map((m) => [m.residentId, m])).values()];
  return prisma.$transaction(async (tx) => {
    const session = await sessionFor(tx, sessionId, userId);
    if (!session.confirmedAt) refuse(null, "attendance.problems.notConfirmed");
    if (why.length > MAX_CORRECTION_REASON) refuse(null, "attendance.problems.reasonTooLong");
    const residents = await residentsOf(
      tx,
      marks.map((m) => m.residentId),
    );
    const problems = attendanceRefusals(attendanceProblems({ session, marks, residents, now, correctionReason: why }));
    const before = new Map(session.attendance.map((a) => [a.residentId, a.status]));
    const changed = marks.filter((m) => before.get(m.residentId) !== m.status);
    if (problems.length === 0 && changed.length === 0) problems.push({ field: null, key: "attendance.problems.unchanged" });
    if (problems.length) throw new Refused(problems);

    for (const mark of changed) {
      await tx.attendance.upsert({
        where: { sessionId_residentId: { sessionId, residentId: mark.residentId } },
        create: { sessionId, residentId: mark.residentId, status: mark.status, markedAt: now, markedById: userId },
        update: { status: mark.status, markedAt: now, markedById: userId },
      });
    }
    await recordAudit(tx, {
      actorId: userId,
      action: "correct",
      entityType: "attendance",
      entityId: sessionId,
      before: { ...Object.fromEntries(changed.map((m) => [m.residentId, before.get(m.residentId) ?? null])), reason: null },
      after: { ...asRecord(changed), reason: why },
    });
    return { changed: changed.length };
  });
}

/**
 * A resident's "absent" marks on the days of an absence that now stands (leave approved, a protected
 * absence recorded) become "excused", inside the caller's transaction. A confirmed sheet is corrected as a
 * tutor would correct it, with "approved absence" as the reason; a draft's mark is simply changed. Each
 * change is an attendance event of the session's history, in the name of whoever approved or recorded.
 */
export async function excuseAbsentMarks(
  tx: Prisma.TransactionClient,
  residentId: string,
  span: { start: Date; end: Date },
  actorId: string,
  now: Date,
): Promise<number> {
  const marks = await tx.attendance.findMany({
    where: { residentId, status: "absent", session: { date: { gte: span.start, lte: span.end }, cancelledAt: null } },
    select: { sessionId: true, session: { select: { confirmedAt: true } } },
  });
  for (const mark of marks) {
    await tx.attendance.update({
      where: { sessionId_residentId: { sessionId: mark.sessionId, residentId } },
      data: { status: "excused", markedAt: now, markedById: actorId },
    });
    await recordAudit(tx, {
      actorId,
      action: mark.session.confirmedAt ? "correct" : "mark",
      entityType: "attendance",
      entityId: mark.sessionId,
      before: { [residentId]: "absent", reason: null },
      after: { [residentId]: "excused", reason: APPROVED_ABSENCE },
    });
  }
  return marks.length;
}
