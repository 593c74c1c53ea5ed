import { diffRecords } from "~/domain/audit";
import { hospitalToday, toIsoDate } from "~/domain/dates";
import { logbookMonthId } from "~/domain/history";
import {
  LOGBOOK_LIMITS,
  monthRange,
  monthState,
  outsideRotation,
  patientIdentifiers,
  type Degree,
  type EntryStatus,
} from "~/domain/logbook";
import { decidesAsHead, groupQueue } from "~/domain/logbook-review";
import { PAGE_SIZE } from "~/domain/list-query";
import { notFound, refuse } from "~/domain/refusal";
import { prisma, type Prisma } from "~/utils/db.server";
import { appendAuditEvents } from "./audit.server";
import { notify } from "./notification.server";
import { monthEntries, monthStates, rotationSpan } from "./logbook.server";

/**
 * Certifying the logbook (DI 68/2015 art. 5): a tutor certifies or returns the entries that name them as
 * supervising tutor or lie in a department they head; a certified entry is locked. Every decision is
 * made in one transaction with one audit event per entry (entity "logbookEntry").
 */

/**
 * The entries a tutor decides: theirs, and every entry of the departments they head. The departments are
 * read first, so that both conditions are answered from LogbookEntry's indexes (by tutor, by department);
 * asked through the department's head, SQLite tested every pending entry in the country (10 s cold,
 * 0.8 s warm at national size for the count on the tutor's home page).
 */
async function decidedBy(db: Prisma.TransactionClient | typeof prisma, tutorId: string): Promise<Prisma.LogbookEntryWhereInput> {
  const headed = await db.department.findMany({ where: { headId: tutorId }, select: { id: true } });
  return { OR: [{ tutorId }, { departmentId: { in: headed.map((d) => d.id) } }] };
}

/** The entries waiting for a tutor's decision. */
const awaiting = async (tutorId: string): Promise<Prisma.LogbookEntryWhereInput> => ({
  status: "pending",
  ...(await decidedBy(prisma, tutorId)),
});

/** How many entries wait for a tutor's signature. */
export async function pendingCount(tutorId: string): Promise<number> {
  return prisma.logbookEntry.count({ where: await awaiting(tutorId) });
}

/**
 * A page of a tutor's queue, oldest first, grouped by resident and month: four queries whatever its size
 * (the count, the entries, the residents' rotations, the departments' staff).
 */
export async function reviewQueue(tutorId: string, { page = 1 }: { page?: number } = {}) {
  const where = await awaiting(tutorId);
  const [total, rows] = await Promise.all([
    prisma.logbookEntry.count({ where }),
    prisma.logbookEntry.findMany({
      where,
      orderBy: [{ date: "asc" }, { createdAt: "asc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        date: true,
        count: true,
        degree: true,
        note: true,
        caseRef: true,
        tutorId: true,
        departmentId: true,
        residentId: true,
        resident: { select: { user: { select: { name: true } } } },
        tutor: { select: { name: true } },
        department: { select: { name: true, headId: true } },
        activity: { select: { labelIt: true, labelEn: true, category: true } },
      },
    }),
  ]);
  const residentIds = [...new Set(rows.map((r) => r.residentId))];
  const departmentIds = [...new Set(rows.map((r) => r.departmentId))];
  const [rotations, staff] = await Promise.all([
    residentIds.length
      ? prisma.rotation.findMany({
          where: { residentId: { in: residentIds } },
          select: { ...rotationSpan, residentId: true },
        })
      : [],
    departmentIds.length
      ? prisma.departmentTutor.findMany({ where: { departmentId: { in: departmentIds } }, select: { departmentId: true, userId: true } })
      : [],
  ]);
  const onStaff = new Set(staff.map((s) => `${s.departmentId}:${s.userId}`));
  const entries = rows.map((row) => ({
    id: row.id,
    date: row.date,
    count: row.count,
    degree: row.degree as Degree,
    note: row.note,
    caseRef: row.caseRef,
    residentId: row.residentId,
    residentName: row.resident.user.name,
    activity: { it: row.activity.labelIt, en: row.activity.labelEn },
    category: row.activity.category,
    department: row.department.name,
    tutor: row.tutor?.name ?? null,
    /** Waits for this head because its tutor left the department's staff. */
    tutorLeft: decidesAsHead(
      {
        tutorId: row.tutorId,
        departmentHeadId: row.department.headId,
        tutorOnStaff: Boolean(row.tutorId && onStaff.has(`${row.departmentId}:${row.tutorId}`)),
      },
      tutorId,
    ),
    /** Its rotation was moved, shortened or cancelled since: to be reviewed, never silently kept. */
    outsideRotation: outsideRotation(
      row,
      rotations.filter((r) => r.residentId === row.residentId),
    ),
  }));
  return { total, page, groups: groupQueue(entries) };
}

const decision = { id: true, status: true, residentId: true } satisfies Prisma.LogbookEntrySelect;

/**
 * Certifies entries in one transaction, all or none: each must wait for this tutor. An entry decided
 * meanwhile (by a co-tutor or the head, at the same moment) refuses the whole decision, so that
 * nothing is certified twice and the tutor is told; an entry that is not theirs is "not found".
 */
export async function certifyEntries(tutorId: string, entryIds: string[], now = new Date()): Promise<{ certified: number }> {
  const ids = [...new Set(entryIds)];
  if (ids.length === 0) refuse("entryIds", "logbookReview.noneChosen", { status: 400 });
  return prisma.$transaction(async (tx) => {
    const mine = await tx.logbookEntry.findMany({ where: { id: { in: ids }, ...(await decidedBy(tx, tutorId)) }, select: decision });
    if (mine.length !== ids.length) notFound();
    if (mine.some((e) => e.status !== "pending")) refuse(null, "logbookReview.alreadyDecided");
    const { count } = await tx.logbookEntry.updateMany({
      where: { id: { in: ids }, status: "pending" },
      data: { status: "certified", decidedById: tutorId, decidedAt: now, returnReason: null },
    });
    // Another transaction decided one between the read and the write: nothing of this one stays.
    if (count !== ids.length) refuse(null, "logbookReview.alreadyDecided");
    await appendAuditEvents(
      tx,
      ids.map((id) => ({
        actorId: tutorId,
        action: "certify",
        entityType: "logbookEntry" as const,
        entityId: id,
        changes: JSON.stringify(diffRecords({ status: "pending", decidedById: null }, { status: "certified", decidedById: tutorId })),
      })),
    );
    return { certified: count };
  });
}

/** Certifies every entry of a resident's month that waits for this tutor. */
export async function certifyMonth(tutorId: string, residentId: string, month: string, now = new Date()) {
  const { start, end } = monthRange(month);
  const waiting = await prisma.logbookEntry.findMany({
    where: { residentId, date: { gte: start, lte: end }, ...(await awaiting(tutorId)) },
    select: { id: true },
  });
  if (waiting.length === 0) notFound();
  return certifyEntries(
    tutorId,
    waiting.map((e) => e.id),
    now,
  );
}

/** Returns an entry to the resident with a reason, for them to correct and resubmit. */
export async function returnEntry(tutorId: string, entryId: string, reason: string, now = new Date()) {
  const why = reason.trim();
  if (!why) refuse("reason", "logbookReview.reasonRequired", { status: 400 });
  if (why.length > LOGBOOK_LIMITS.reasonLength) refuse("reason", "errors.tooLong", { status: 400 });
  if (patientIdentifiers(why).length) refuse("reason", "logbookReview.reasonIdentifies");
  return prisma.$transaction(async (tx) => {
    const entry = await tx.logbookEntry.findFirst({
      where: { id: entryId, ...(await decidedBy(tx, tutorId)) },
      select: { ...decision, date: true, activity: { select: { labelIt: true, labelEn: true } }, resident: { select: { userId: true } } },
    });
    if (!entry) notFound();
    const { count } = await tx.logbookEntry.updateMany({
      where: { id: entryId, status: "pending" },
      data: { status: "returned", returnReason: why, decidedById: tutorId, decidedAt: now },
    });
    if (count !== 1) refuse(null, "logbookReview.alreadyDecided");
    await appendAuditEvents(tx, [
      {
        actorId: tutorId,
        action: "return",
        entityType: "logbookEntry",
        entityId: entryId,
        changes: JSON.stringify(diffRecords({ status: "pending", returnReason: null }, { status: "returned", returnReason: why })),
      },
    ]);
    await notify(
      tx,
      [entry.resident.userId],
      {
        kind: "logbook-returned",
        params: { activity: { it: entry.activity.labelIt, en: entry.activity.labelEn }, date: toIsoDate(entry.date) },
        link: `/me/logbook/${entryId}`,
      },
      now,
    );
    return { residentId: entry.residentId };
  });
}

// ─── Administrators ──────────────────────────────────────────────────────────────────────────────

const correctable = {
  id: true,
  residentId: true,
  status: true,
  date: true,
  count: true,
  degree: true,
  note: true,
  activityId: true,
  departmentId: true,
  resident: { select: { programmeId: true } },
} satisfies Prisma.LogbookEntrySelect;

export type Correction = { activityId: string; date: Date; count: number; degree: Degree; note: string | null };

/**
 * The only change a certified entry can take: an administrator's correction, with a reason kept in the
 * history beside the values before and after. The entry stays certified; its day must still lie within
 * a rotation of the resident (its department follows that rotation) and not in the future.
 */
export async function correctEntry(
  adminId: string,
  residentId: string,
  entryId: string,
  input: Correction,
  reason: string,
  today = hospitalToday(),
) {
  const why = reason.trim();
  if (!why) refuse("reason", "logbookReview.reasonRequired", { status: 400 });
  if (why.length > LOGBOOK_LIMITS.reasonLength) refuse("reason", "errors.tooLong", { status: 400 });
  if (input.note && patientIdentifiers(input.note).length) refuse("note", "logbookReview.noteIdentifies");
  if (input.count < 1 || input.count > LOGBOOK_LIMITS.maxCount)
    refuse("count", "logbookReview.countRange", { status: 400, values: { max: LOGBOOK_LIMITS.maxCount } });
  if (input.date > today) refuse("date", "logbookReview.dateFuture");
  return prisma.$transaction(async (tx) => {
    const entry = await tx.logbookEntry.findFirst({ where: { id: entryId, residentId }, select: correctable });
    if (!entry) notFound();
    if (entry.status !== "certified") refuse(null, "logbookReview.onlyCertified");
    const [activity, rotations] = await Promise.all([
      tx.logbookActivity.findFirst({
        where: { id: input.activityId, catalogue: { programmeId: entry.resident.programmeId } },
        select: { id: true },
      }),
      tx.rotation.findMany({
        where: { residentId: entry.residentId, state: { not: "cancelled" }, startDate: { lte: input.date }, endDate: { gte: input.date } },
        select: { departmentId: true },
      }),
    ]);
    if (!activity) refuse("activityId", "logbookReview.activityUnknown", { status: 400 });
    const departmentId = rotations.find((r) => r.departmentId === entry.departmentId)?.departmentId ?? rotations[0]?.departmentId;
    if (!departmentId) refuse("date", "logbookReview.dateOutsideRotation");
    const after = {
      activityId: input.activityId,
      date: input.date,
      count: input.count,
      degree: input.degree,
      note: input.note,
      departmentId,
    };
    await tx.logbookEntry.update({ where: { id: entryId }, data: after });
    const before = {
      activityId: entry.activityId,
      date: entry.date,
      count: entry.count,
      degree: entry.degree,
      note: entry.note,
      departmentId: entry.departmentId,
    };
    const changes = diffRecords(
      { ...before, date: toIsoDate(before.date), reason: null },
      { ...after, date: toIsoDate(after.date), reason: why },
    );
    await appendAuditEvents(tx, [
      { actorId: adminId, action: "correct", entityType: "logbookEntry", entityId: entryId, changes: JSON.stringify(changes) },
    ]);
    return { residentId: entry.residentId };
  });
}

/**
 * Reopens a resident's closed month for an entry that was forgotten, with a reason: the resident may log
 * in it again, and countersigns it anew once its entries are certified.
 */
export async function reopenMonth(
  adminId: string,
  residentId: string,
  month: string,
  reason: string,
  today = hospitalToday(),
  now = new Date(),
) {
  const why = reason.trim();
  if (!why) refuse("reason", "logbookReview.reasonRequired", { status: 400 });
  if (why.length > LOGBOOK_LIMITS.reasonLength) refuse("reason", "errors.tooLong", { status: 400 });
  const { start, end } = monthRange(month);
  return prisma.$transaction(async (tx) => {
    const [resident, entries, stored] = await Promise.all([
      tx.resident.findUnique({ where: { id: residentId }, select: { id: true } }),
      tx.logbookEntry.findMany({ where: { residentId, date: { gte: start, lte: end } }, select: { status: true } }),
      tx.logbookMonth.findUnique({ where: { residentId_month: { residentId, month } } }),
    ]);
    if (!resident) notFound();
    const state = monthState({
      month,
      today,
      statuses: entries.map((e) => e.status as EntryStatus),
      countersignedAt: stored?.countersignedAt ?? null,
      reopenedAt: stored?.reopenedAt ?? null,
    });
    if (!state.closed) refuse(null, "logbookReview.monthNotClosed");
    await tx.logbookMonth.upsert({
      where: { residentId_month: { residentId, month } },
      create: { residentId, month, reopenedAt: now, reopenReason: why },
      update: { reopenedAt: now, reopenReason: why, countersignedAt: null },
    });
    await appendAuditEvents(tx, [
      {
        actorId: adminId,
        action: "reopen",
        entityType: "logbookMonth",
        entityId: logbookMonthId(residentId, month),
        changes: JSON.stringify(
          diffRecords(
            { reopenedAt: null, reopenReason: null, countersignedAt: stored?.countersignedAt?.toISOString() ?? null },
            { reopenedAt: now.toISOString(), reopenReason: why, countersignedAt: null },
          ),
        ),
      },
    ]);
  });
}

/** A resident's logbook for administrators: the months with entries (newest first) and their state, and one month's entries. */
export async function residentLogbookForAdmin(
  residentId: string,
  { month, today = hospitalToday() }: { month?: string; today?: Date } = {},
) {
  const resident = await prisma.resident.findUnique({
    where: { id: residentId },
    select: { id: true, programmeId: true, user: { select: { name: true } } },
  });
  if (!resident) notFound();
  const [months, rotations] = await Promise.all([
    monthStates(prisma, residentId, today),
    prisma.rotation.findMany({
      where: { residentId },
      select: rotationSpan,
    }),
  ]);
  const [shown, activities] = await Promise.all([
    monthEntries(residentId, months, month, rotations, "asc"),
    prisma.logbookActivity.findMany({
      where: { catalogue: { programmeId: resident.programmeId } },
      select: { id: true, labelIt: true, labelEn: true, catalogue: { select: { version: true } } },
      orderBy: [{ catalogue: { version: "desc" } }, { position: "asc" }],
    }),
  ]);
  return {
    resident: { id: resident.id, name: resident.user.name },
    months,
    ...shown,
    activities: activities.map((a) => ({ id: a.id, it: a.labelIt, en: a.labelEn, version: a.catalogue.version })),
  };
}
