import {
  datesProblems,
  daysCounted,
  exceedsAllowance,
  leaveBalance,
  suspendedDays,
  suspensions,
  suspensionUse,
  type LeaveState,
  type ProtectedType,
  type Span,
} from "~/domain/absences";
import { addDays, addYears, hospitalToday, toIsoDate } from "~/domain/dates";
import { groupBy } from "~/domain/group";
import { pageWindow } from "~/domain/list-query";
import { notFound, Refused, refuse } from "~/domain/refusal";
import { academicYearOf, academicYearsBetween } from "~/domain/teaching";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { excuseAbsentMarks } from "./attendance.server";
import { appendAuditEvents, recordAudit } from "./audit.server";
import { checkPdf, removeDocumentFile, storeDocument } from "./document.server";
import { administratorIds, notify } from "./notification.server";
import { absenceSettings, academicYearStart, workingDayOf, type AbsenceCalendar } from "./settings.server";

/**
 * Residents' absences (issue 19): personal leave requested by the resident and decided by the tutor of
 * the rotation covering its first day, or that department's head, or, with no rotation, an administrator.
 * Counting follows the settings (absenceSettings: working or calendar days, the patron-saint day), and the
 * training year is the academic year (settings) until the contract start is known.
 *
 * A protected absence's type is health data: it is read here only for the resident and administrators,
 * never written to the history, an e-mail or a notification.
 */

type Tx = Prisma.TransactionClient;

/** Protected absences as recorded: the rotation rules' seventh rule keeps rotations off them. */
export const PROTECTED_RECORDED = { kind: "protected", state: "recorded" } satisfies Prisma.AbsenceWhereInput;

/** Absences that hold their days: a declined or cancelled request leaves them free. */
const STANDING = ["requested", "approved", "recorded"];

/**
 * Who decides a leave request: its rotation's supervising tutor or the department's head. The personal
 * requests a tutor decides, by id (those waiting, or the one named), found through the rotations' indexes
 * in one statement: asked as "a request whose rotation's tutor or department's head is the user", SQLite
 * walked every waiting request in the country, joining each to its rotation and department, and handing
 * Prisma the rotations' ids instead cost as much again in building a statement of thousands of values
 * (80–130 ms each way at national size, a few ms this way).
 */
async function requestsDecidedBy(db: Tx | typeof prisma, userId: string, only?: { absenceId: string }): Promise<string[]> {
  const which = only ? Prisma.sql`a."id" = ${only.absenceId}` : Prisma.sql`a."state" = 'requested'`;
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT a."id" FROM "Absence" a
    WHERE a."kind" = 'personal' AND ${which} AND a."rotationId" IN (
      SELECT r."id" FROM "Rotation" r WHERE r."tutorId" = ${userId}
      UNION ALL
      SELECT r."id" FROM "Rotation" r JOIN "Department" d ON d."id" = r."departmentId" WHERE d."headId" = ${userId}
    )`;
  return rows.map((row) => row.id);
}

async function residentOfUser(db: Tx | typeof prisma, userId: string) {
  const resident = await db.resident.findUnique({
    where: { userId },
    select: { id: true, stayStart: true, stayEnd: true, user: { select: { name: true } } },
  });
  if (!resident) notFound();
  return resident;
}

/** The resident's absences that still hold their days, but `except`. */
async function standingSpans(db: Tx, residentId: string, except?: string): Promise<Span[]> {
  const rows = await db.absence.findMany({
    where: { residentId, state: { in: STANDING }, ...(except ? { id: { not: except } } : {}) },
    select: { startDate: true, endDate: true },
  });
  return rows.map((row) => ({ start: row.startDate, end: row.endDate }));
}

/** A row of leave as the balance reads it. */
const asLeave = (row: { startDate: Date; endDate: Date; state: string }) => ({
  start: row.startDate,
  end: row.endDate,
  state: row.state as LeaveState,
});

/** Refuses dates that cannot be (domain rules), beside their field. */
function checkDates(span: Span, stay: Span, others: Span[]): void {
  const problems = datesProblems(span, stay, others);
  if (problems.length)
    throw new Refused(problems.map((problem) => ({ field: problem.field === "start" ? "startDate" : "endDate", key: problem.key })));
}

// ─── The resident ────────────────────────────────────────────────────────────────────────────────

export type AbsenceView = {
  id: string;
  kind: "personal" | "protected";
  protectedType: ProtectedType | null;
  startDate: Date;
  endDate: Date;
  state: LeaveState | "recorded";
  /** counted as the settings say (working or calendar days) */
  days: number;
  workingDays: number;
  note: string | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  /** the resident may still cancel it: leave requested or approved that has not begun */
  cancellable: boolean;
  /** an administrator may withdraw it */
  /** A protected absence's supporting PDF. */
  document: { fileName: string; size: number } | null;
  withdrawable: boolean;
};

/**
 * A resident's absences, newest first, with their types (for the resident and administrators only), the
 * personal leave balance of the current training year, and the suspensions their protected absences make
 * with the expected end of the stay they move. Two reads.
 */
async function absenceRecord(resident: { id: string; stayEnd: Date; programme: { maxSuspensionDays: number } }, today: Date) {
  const [settings, yearStart, rows] = await Promise.all([
    absenceSettings(),
    academicYearStart(),
    prisma.absence.findMany({
      where: { residentId: resident.id },
      orderBy: [{ startDate: "desc" }, { id: "asc" }],
      select: {
        id: true,
        kind: true,
        protectedType: true,
        startDate: true,
        endDate: true,
        state: true,
        note: true,
        reason: true,
        decidedAt: true,
        decidedBy: { select: { name: true } },
        document: { select: { fileName: true, size: true } },
      },
    }),
  ]);
  const workingDay = workingDayOf(settings);
  const year = academicYearOf(today, yearStart);
  const absences: AbsenceView[] = rows.map((row) => {
    const span = { start: row.startDate, end: row.endDate };
    const open = row.state === "requested" || row.state === "approved";
    return {
      id: row.id,
      kind: row.kind === "protected" ? "protected" : "personal",
      protectedType: (row.protectedType as ProtectedType | null) ?? null,
      startDate: row.startDate,
      endDate: row.endDate,
      state: row.state as AbsenceView["state"],
      days: daysCounted(span, settings.countMode, workingDay),
      workingDays: daysCounted(span, "working", workingDay),
      note: row.note,
      reason: row.reason,
      decidedBy: row.decidedBy?.name ?? null,
      decidedAt: row.decidedAt,
      document: row.document,
      cancellable: row.kind === "personal" && open && row.startDate > today,
      withdrawable: open || row.state === "recorded",
    };
  });
  return {
    year: { label: year.label, start: year.start, end: year.end },
    balance: leaveBalance(rows.filter((row) => row.kind === "personal").map(asLeave), year, today, settings, workingDay),
    countMode: settings.countMode,
    suspensionAfter: settings.suspensionAfter,
    absences,
    ...suspensionsOf(
      rows.filter((row) => row.kind === "protected" && row.state === "recorded"),
      resident.stayEnd,
      resident.programme.maxSuspensionDays,
      settings,
    ),
  };
}

/** The signed-in resident's own absence record (absenceRecord); null for a person with no resident record. */
export async function myAbsences(userId: string, today = hospitalToday()) {
  const resident = await prisma.resident.findUnique({
    where: { userId },
    select: { id: true, stayStart: true, stayEnd: true, programme: { select: { maxSuspensionDays: true } } },
  });
  if (!resident) return null;
  return { stay: { start: resident.stayStart, end: resident.stayEnd }, ...(await absenceRecord(resident, today)) };
}

/** The people told of a request: its rotation's tutor and head, or the administrators when it has no rotation. */
async function approversOf(tx: Tx, rotationId: string | null): Promise<{ ids: string[]; administrators: boolean }> {
  if (!rotationId) return { ids: await administratorIds(tx), administrators: true };
  const rotation = await tx.rotation.findUniqueOrThrow({
    where: { id: rotationId },
    select: { tutorId: true, department: { select: { headId: true } } },
  });
  const ids = [rotation.tutorId, rotation.department.headId].filter((id): id is string => id !== null);
  return ids.length ? { ids: [...new Set(ids)], administrators: false } : { ids: await administratorIds(tx), administrators: true };
}

/**
 * Requests personal leave: from today on, within the stay, meeting none of the resident's standing
 * absences. It goes to the rotation covering its first day (planned or confirmed), whose tutor and head
 * are told; with none, to the administrators. One transaction: the request, its history, the notices.
 */
export async function requestLeave(
  userId: string,
  fields: { startDate: Date; endDate: Date; note?: string | undefined },
  today = hospitalToday(),
  now = new Date(),
): Promise<{ id: string }> {
  const span = { start: fields.startDate, end: fields.endDate };
  if (span.start < today) refuse("startDate", "absences.errors.inThePast", { values: { day: toIsoDate(today) } });
  return prisma.$transaction(async (tx) => {
    const resident = await residentOfUser(tx, userId);
    checkDates(span, { start: resident.stayStart, end: resident.stayEnd }, await standingSpans(tx, resident.id));
    const rotation = await tx.rotation.findFirst({
      where: { residentId: resident.id, state: { not: "cancelled" }, startDate: { lte: span.start }, endDate: { gte: span.start } },
      orderBy: { startDate: "asc" },
      select: { id: true },
    });
    const note = fields.note?.trim() || null;
    const absence = await tx.absence.create({
      data: {
        residentId: resident.id,
        kind: "personal",
        state: "requested",
        startDate: span.start,
        endDate: span.end,
        note,
        rotationId: rotation?.id ?? null,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: userId,
      action: "create",
      entityType: "absence",
      entityId: absence.id,
      before: null,
      after: { kind: "personal", state: "requested", startDate: span.start, endDate: span.end },
    });
    const approvers = await approversOf(tx, rotation?.id ?? null);
    await notify(
      tx,
      approvers.ids,
      {
        kind: approvers.administrators ? "leave-to-decide" : "leave-requested",
        params: { name: resident.user.name, startDate: toIsoDate(span.start), endDate: toIsoDate(span.end) },
        link: approvers.administrators ? "/admin/absences" : "/tutor/absences",
      },
      now,
    );
    return absence;
  });
}

/** Cancels the resident's own leave, requested or approved, before it begins. */
export async function cancelLeave(userId: string, absenceId: string, today = hospitalToday()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const resident = await residentOfUser(tx, userId);
    const absence = await tx.absence.findFirst({
      where: { id: absenceId, residentId: resident.id, kind: "personal" },
      select: { state: true, startDate: true },
    });
    if (!absence) notFound();
    if (absence.startDate <= today) refuse(null, "absences.errors.alreadyBegun");
    const { count } = await tx.absence.updateMany({
      where: { id: absenceId, state: { in: ["requested", "approved"] } },
      data: { state: "cancelled" },
    });
    if (count !== 1) refuse(null, "absences.errors.notCancellable");
    await recordAudit(tx, {
      actorId: userId,
      action: "cancel",
      entityType: "absence",
      entityId: absenceId,
      before: { state: absence.state },
      after: { state: "cancelled" },
    });
  });
}

// ─── Deciding ────────────────────────────────────────────────────────────────────────────────────

export type LeaveRequest = {
  id: string;
  resident: string;
  residentId: string;
  startDate: Date;
  endDate: Date;
  days: number;
  note: string | null;
  department: string | null;
  /** the personal days left this training year before this request */
  left: number;
  /** approving it would take a training year beyond the allowance */
  exceeds: boolean;
};

const requestSelect = {
  id: true,
  residentId: true,
  startDate: true,
  endDate: true,
  note: true,
  resident: { select: { user: { select: { name: true } } } },
  rotation: { select: { department: { select: { name: true } } } },
} satisfies Prisma.AbsenceSelect;

/**
 * Requests as their deciders see them: the days, and what the resident has left of the training year's
 * allowance. Two reads whatever the number of requests: the residents' leave, in one query.
 */
async function describeRequests(
  rows: Prisma.AbsenceGetPayload<{ select: typeof requestSelect }>[],
  settings: AbsenceCalendar,
  today: Date,
): Promise<LeaveRequest[]> {
  if (!rows.length) return [];
  const yearStart = await academicYearStart();
  const workingDay = workingDayOf(settings);
  // By resident alone, the leave that counts kept here (isAway in away.server.ts says why).
  const leave = (
    await prisma.absence.findMany({
      where: { residentId: { in: [...new Set(rows.map((row) => row.residentId))] } },
      select: { id: true, residentId: true, kind: true, startDate: true, endDate: true, state: true },
    })
  ).filter((row) => row.kind === "personal" && (row.state === "requested" || row.state === "approved"));
  // Each resident's leave once, so that thousands of requests (a national portal's) stay linear.
  const byResident = groupBy(leave, (item) => item.residentId);
  return rows.map((row) => {
    const span = { start: row.startDate, end: row.endDate };
    const theirs = (byResident.get(row.residentId) ?? []).filter((item) => item.id !== row.id);
    const year = academicYearOf(row.startDate, yearStart);
    const approved = theirs.filter((item) => item.state === "approved").map((item) => ({ start: item.startDate, end: item.endDate }));
    const balance = leaveBalance(theirs.map(asLeave), year, today, settings, workingDay);
    return {
      id: row.id,
      resident: row.resident.user.name,
      residentId: row.residentId,
      startDate: row.startDate,
      endDate: row.endDate,
      days: daysCounted(span, settings.countMode, workingDay),
      note: row.note,
      department: row.rotation?.department.name ?? null,
      left: balance.left,
      exceeds: exceedsAllowance(span, approved, academicYearsBetween(span.start, span.end, yearStart), settings, workingDay),
    };
  });
}

/** A page of the requests `where` selects, soonest first, described for their deciders, and where it lies among `count`. */
async function requestsPage(where: Prisma.AbsenceWhereInput, count: number, asked: number, settings: AbsenceCalendar, today: Date) {
  const { page, pages, skip, take } = pageWindow(count, asked);
  const rows = await prisma.absence.findMany({ where, orderBy: [{ startDate: "asc" }, { id: "asc" }], skip, take, select: requestSelect });
  return { requests: await describeRequests(rows, settings, today), count, page, pages };
}

/**
 * The leave waiting for a tutor's decision (theirs as tutor or head), soonest first, a page of PAGE_SIZE
 * at a time with how many wait in all (a head of a large department has hundreds), and the last 20 they decided.
 */
export async function leaveToDecide(userId: string, { page: asked = 1, today = hospitalToday() }: { page?: number; today?: Date } = {}) {
  const [settings, waitingIds] = await Promise.all([absenceSettings(), requestsDecidedBy(prisma, userId)]);
  const [waiting, decided] = await Promise.all([
    requestsPage({ id: { in: waitingIds } }, waitingIds.length, asked, settings, today),
    prisma.absence.findMany({
      where: { kind: "personal", decidedById: userId },
      orderBy: { decidedAt: "desc" },
      take: 20,
      select: {
        id: true,
        startDate: true,
        endDate: true,
        state: true,
        decidedAt: true,
        reason: true,
        resident: { select: { user: { select: { name: true } } } },
      },
    }),
  ]);
  return {
    waiting,
    decided: decided.map((row) => ({
      id: row.id,
      resident: row.resident.user.name,
      startDate: row.startDate,
      endDate: row.endDate,
      state: row.state as LeaveState,
      decidedAt: row.decidedAt,
      reason: row.reason,
    })),
    countMode: settings.countMode,
    allowance: settings.personalDays,
  };
}

/**
 * The requests waiting for a decision, for administrators: those with no rotation (theirs alone), and
 * those also with a rotation's tutor, each group soonest first and a page of PAGE_SIZE at a time (a
 * national portal waits on thousands), with how many wait in all. A page past the last is the last.
 */
export async function leaveWaiting(pages: { administrators?: number; tutors?: number } = {}, today = hospitalToday()) {
  const group = (rotationId: null | { not: null }) =>
    ({ kind: "personal", state: "requested", rotationId }) satisfies Prisma.AbsenceWhereInput;
  const [settings, theirsCount, withTutorsCount] = await Promise.all([
    absenceSettings(),
    prisma.absence.count({ where: group(null) }),
    prisma.absence.count({ where: group({ not: null }) }),
  ]);
  const [administrators, tutors] = await Promise.all([
    requestsPage(group(null), theirsCount, pages.administrators ?? 1, settings, today),
    requestsPage(group({ not: null }), withTutorsCount, pages.tutors ?? 1, settings, today),
  ]);
  return { administrators, tutors, countMode: settings.countMode, allowance: settings.personalDays };
}

/**
 * Approves or declines a leave request. A tutor decides the requests of their rotations (as tutor or
 * head); an administrator any. Declining needs a reason. Approval beyond a training year's allowance is
 * refused, unless an administrator gives a reason to override it. The resident is told. Approved, the
 * teaching the resident was marked absent from in those days becomes excused (excuseAbsentMarks).
 */
export async function decideLeave(
  actor: { id: string; admin: boolean },
  absenceId: string,
  decision: { intent: "approve" | "decline"; reason?: string | undefined },
  now = new Date(),
): Promise<void> {
  const reason = decision.reason?.trim() || null;
  if (decision.intent === "decline" && !reason) refuse("reason", "absences.errors.reasonRequired", { status: 400 });
  const [settings, yearStart] = await Promise.all([absenceSettings(), academicYearStart()]);
  await prisma.$transaction(async (tx) => {
    if (!actor.admin && (await requestsDecidedBy(tx, actor.id, { absenceId })).length === 0) notFound();
    const absence = await tx.absence.findFirst({
      where: { id: absenceId, kind: "personal" },
      select: { residentId: true, state: true, startDate: true, endDate: true, resident: { select: { userId: true } } },
    });
    if (!absence) notFound();
    if (absence.state !== "requested") refuse(null, "absences.errors.alreadyDecided");
    const span = { start: absence.startDate, end: absence.endDate };
    if (decision.intent === "approve") {
      const approved = await tx.absence.findMany({
        where: { residentId: absence.residentId, kind: "personal", state: "approved" },
        select: { startDate: true, endDate: true },
      });
      const years = academicYearsBetween(span.start, span.end, yearStart);
      const spans = approved.map((row) => ({ start: row.startDate, end: row.endDate }));
      if (exceedsAllowance(span, spans, years, settings, workingDayOf(settings))) {
        if (!actor.admin) refuse(null, "absences.errors.beyondAllowance", { values: { days: settings.personalDays } });
        if (!reason) refuse("reason", "absences.errors.overrideReason", { values: { days: settings.personalDays }, status: 400 });
      }
    }
    const state = decision.intent === "approve" ? "approved" : "declined";
    const { count } = await tx.absence.updateMany({
      where: { id: absenceId, state: "requested" },
      data: { state, decidedById: actor.id, decidedAt: now, reason },
    });
    if (count !== 1) refuse(null, "absences.errors.alreadyDecided");
    await recordAudit(tx, {
      actorId: actor.id,
      action: decision.intent,
      entityType: "absence",
      entityId: absenceId,
      before: { state: "requested", reason: null },
      after: { state, reason },
    });
    if (state === "approved") await excuseAbsentMarks(tx, absence.residentId, span, actor.id, now);
    await notify(
      tx,
      [absence.resident.userId],
      {
        kind: state === "approved" ? "leave-approved" : "leave-declined",
        params: { startDate: toIsoDate(span.start), endDate: toIsoDate(span.end) },
        link: "/me/absences",
      },
      now,
    );
  });
}

// ─── Administrators: the record of a resident ────────────────────────────────────────────────────

/**
 * The suspensions the resident's protected absences make, the end of training they move, and how much of
 * the programme's maximum of suspended time they use (a warning from 80%).
 */
function suspensionsOf(
  protectedRows: Array<{ startDate: Date; endDate: Date; protectedType: string | null }>,
  stayEnd: Date,
  maximumDays: number,
  settings: AbsenceCalendar,
) {
  const list = suspensions(
    protectedRows.map((row) => ({ start: row.startDate, end: row.endDate, suspends: row.protectedType === "suspension" })),
    settings,
    workingDayOf(settings),
  );
  const days = suspendedDays(list);
  return { suspensions: list, suspendedDays: days, expectedEnd: addDays(stayEnd, days), suspensionUse: suspensionUse(days, maximumDays) };
}

/** A resident's absence record as administrators see it (absenceRecord), with the resident; null when there is none. */
export async function residentAbsences(residentId: string, today = hospitalToday()) {
  const resident = await prisma.resident.findUnique({
    where: { id: residentId },
    select: {
      id: true,
      stayStart: true,
      stayEnd: true,
      user: { select: { name: true } },
      programme: { select: { maxSuspensionDays: true } },
    },
  });
  if (!resident) return null;
  return { resident, ...(await absenceRecord(resident, today)) };
}

export type RecordedAbsence =
  | { kind: "protected"; protectedType: ProtectedType; startDate: Date; endDate: Date; reason?: string | undefined }
  | { kind: "personal"; startDate: Date; endDate: Date; reason: string };

/**
 * Records an absence for a resident: a protected one (by type and dates only, never a diagnosis), or
 * personal leave after the fact, approved, with the reason it was not requested. The history says that an
 * absence was recorded, when and by whom, never its type. Rotations it meets are broken from then on
 * (the seventh rule), and the dashboard lists them for re-planning. Teaching it meets, marked absent,
 * becomes excused (excuseAbsentMarks), as approving leave does.
 */
export async function recordAbsence(
  adminId: string,
  residentId: string,
  absence: RecordedAbsence,
  now = new Date(),
  /** A protected absence's supporting PDF, optional (an empty file field counts as none). */
  document: File | null = null,
): Promise<{ id: string }> {
  const span = { start: absence.startDate, end: absence.endDate };
  const reason = absence.reason?.trim() || null;
  if (absence.kind === "personal" && !reason) refuse("reason", "absences.errors.reasonRequired", { status: 400 });
  const file = document && document.size > 0 ? document : null;
  if (file && absence.kind !== "protected") refuse("document", "absences.errors.documentProtectedOnly", { status: 400 });
  const bytes = file ? new Uint8Array(await file.arrayBuffer()) : null;
  if (file) checkPdf(file, bytes);
  return prisma.$transaction(async (tx) => {
    const resident = await tx.resident.findUnique({ where: { id: residentId }, select: { stayStart: true, stayEnd: true } });
    if (!resident) notFound();
    checkDates(span, { start: resident.stayStart, end: resident.stayEnd }, await standingSpans(tx, residentId));
    const stored = file ? await storeDocument(tx, file, bytes!, adminId) : null;
    return insertRecordedAbsence(tx, {
      adminId,
      residentId,
      protectedType: absence.kind === "protected" ? absence.protectedType : null,
      span,
      reason,
      documentId: stored?.id ?? null,
      now,
    });
  });
}

/**
 * Writes an absence an administrator records, its dates already checked, in the caller's transaction: a
 * protected one (`protectedType` given) or leave after the fact, approved. The history says that an
 * absence was recorded, when and by whom, never its type, nor the reason of a protected one (it may name
 * it); the resident's absent marks of its days become excused.
 */
export async function insertRecordedAbsence(
  tx: Prisma.TransactionClient,
  input: {
    adminId: string;
    residentId: string;
    protectedType: ProtectedType | null;
    span: Span;
    reason: string | null;
    documentId: string | null;
    now: Date;
  },
): Promise<{ id: string }> {
  const { adminId, residentId, protectedType, span, reason, now } = input;
  const row = await tx.absence.create({
    data: {
      residentId,
      kind: protectedType ? "protected" : "personal",
      protectedType,
      state: protectedType ? "recorded" : "approved",
      startDate: span.start,
      endDate: span.end,
      reason,
      decidedById: adminId,
      decidedAt: now,
      documentId: input.documentId,
    },
    select: { id: true },
  });
  await recordAudit(tx, {
    actorId: adminId,
    action: "create",
    entityType: "absence",
    entityId: row.id,
    before: null,
    after: { residentId, startDate: span.start, endDate: span.end, ...(protectedType ? {} : { reason }) },
  });
  await excuseAbsentMarks(tx, residentId, span, adminId, now);
  return row;
}

/**
 * Changes the dates of a resident's absence that stands (leave requested or approved, a protected absence
 * recorded), whether or not it has begun, with a reason kept in the history (never its type): the same
 * date rules as recording it, its other absences apart; the resident's absent marks of the new days become
 * excused when it is approved or recorded. Suspensions, end dates and broken rotations follow from the
 * dates when next read.
 */
export async function changeAbsence(adminId: string, residentId: string, absenceId: string, span: Span, reason: string, now = new Date()) {
  const why = reason.trim();
  if (!why) refuse("reason", "absences.errors.reasonRequired", { status: 400 });
  await prisma.$transaction(async (tx) => {
    const absence = await tx.absence.findFirst({
      where: { id: absenceId, residentId },
      select: { state: true, startDate: true, endDate: true, resident: { select: { stayStart: true, stayEnd: true } } },
    });
    if (!absence) notFound();
    if (!STANDING.includes(absence.state)) refuse(null, "absences.errors.notChangeable");
    checkDates(span, { start: absence.resident.stayStart, end: absence.resident.stayEnd }, await standingSpans(tx, residentId, absenceId));
    await tx.absence.update({ where: { id: absenceId }, data: { startDate: span.start, endDate: span.end } });
    await recordAudit(tx, {
      actorId: adminId,
      action: "update",
      entityType: "absence",
      entityId: absenceId,
      before: { startDate: absence.startDate, endDate: absence.endDate, reason: null },
      after: { startDate: span.start, endDate: span.end, reason: why },
    });
    if (absence.state !== "requested") await excuseAbsentMarks(tx, residentId, span, adminId, now);
  });
}

/**
 * Withdraws a resident's absence with a reason kept in the history: leave becomes cancelled; a protected
 * absence recorded in error is deleted, its type with it.
 */
export async function withdrawAbsence(adminId: string, residentId: string, absenceId: string, reason: string): Promise<void> {
  const why = reason.trim();
  if (!why) refuse("reason", "absences.errors.reasonRequired", { status: 400 });
  const documentId = await prisma.$transaction(async (tx) => {
    const absence = await tx.absence.findFirst({
      where: { id: absenceId, residentId },
      select: { kind: true, state: true, documentId: true },
    });
    if (!absence) notFound();
    if (absence.kind === "protected") {
      await tx.absence.delete({ where: { id: absenceId } });
      if (absence.documentId) await tx.storedDocument.delete({ where: { id: absence.documentId } });
    } else {
      const { count } = await tx.absence.updateMany({
        where: { id: absenceId, state: { in: ["requested", "approved"] } },
        data: { state: "cancelled", reason: why, decidedById: adminId, decidedAt: new Date() },
      });
      if (count !== 1) refuse(null, "absences.errors.notCancellable");
    }
    await recordAudit(tx, {
      actorId: adminId,
      action: absence.kind === "protected" ? "delete" : "cancel",
      entityType: "absence",
      entityId: absenceId,
      before: { state: absence.state },
      after: { state: absence.kind === "protected" ? null : "cancelled", reason: why },
    });
    return absence.kind === "protected" ? absence.documentId : null;
  });
  // Its supporting PDF goes with it, once the row is gone.
  if (documentId) await removeDocumentFile(documentId);
}

/**
 * A protected absence's supporting PDF, for administrators (`owner` null: any resident's) or the resident
 * themselves (their own, by `userId`); null when there is none or it is not theirs.
 */
export async function absenceDocument(absenceId: string, owner: { userId: string } | null) {
  const absence = await prisma.absence.findFirst({
    where: { id: absenceId, ...(owner ? { resident: { userId: owner.userId } } : {}) },
    select: { document: { select: { id: true, fileName: true } } },
  });
  return absence?.document ?? null;
}

/** How many protected absences one daily run erases at most (the rest the next day): a bounded write. */
const ERASE_BATCH = 500;

/**
 * Erases, at the end of the retention period (the setting `absences.retentionYears` after an absence
 * ends), a protected absence's type and supporting PDF: the dates stay, so the suspensions and the
 * reports of those years still add up, and the history, which never held either, keeps its chain. Each
 * erasure is one "erase" event of the absence. Run by the daily occasion; returns how many it erased.
 */
export async function eraseExpiredAbsenceTypes(today: Date): Promise<number> {
  const { retentionYears } = await absenceSettings();
  const cutoff = addYears(today, -retentionYears);
  const rows = await prisma.absence.findMany({
    where: { kind: "protected", endDate: { lt: cutoff }, OR: [{ protectedType: { not: null } }, { documentId: { not: null } }] },
    select: { id: true, documentId: true },
    orderBy: { endDate: "asc" },
    take: ERASE_BATCH,
  });
  if (rows.length === 0) return 0;
  const documentIds = rows.flatMap((row) => (row.documentId ? [row.documentId] : []));
  await prisma.$transaction(async (tx) => {
    await tx.absence.updateMany({ where: { id: { in: rows.map((row) => row.id) } }, data: { protectedType: null, documentId: null } });
    await tx.storedDocument.deleteMany({ where: { id: { in: documentIds } } });
    await appendAuditEvents(
      tx,
      rows.map((row) => ({
        actorId: null,
        action: "erase",
        entityType: "absence",
        entityId: row.id,
        changes: JSON.stringify({ retentionYears: [null, retentionYears] }),
      })),
    );
  });
  for (const id of documentIds) await removeDocumentFile(id);
  return rows.length;
}

/** Protected absences running today or to come, for administrators, soonest first, a page at a time, with how many in all. */
export async function protectedAbsencesAhead(asked = 1, today = hospitalToday()) {
  const where = { ...PROTECTED_RECORDED, endDate: { gte: today } } satisfies Prisma.AbsenceWhereInput;
  const count = await prisma.absence.count({ where });
  const { page, pages, skip, take } = pageWindow(count, asked);
  const rows = await prisma.absence.findMany({
    where,
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
    skip,
    take,
    select: {
      id: true,
      protectedType: true,
      startDate: true,
      endDate: true,
      residentId: true,
      resident: { select: { user: { select: { name: true } } } },
    },
  });
  const absences = rows.map((row) => ({
    id: row.id,
    residentId: row.residentId,
    resident: row.resident.user.name,
    protectedType: (row.protectedType as ProtectedType | null) ?? null,
    startDate: row.startDate,
    endDate: row.endDate,
  }));
  return { absences, count, page, pages };
}
