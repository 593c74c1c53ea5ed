import { diffRecords } from "~/domain/audit";
import { LOGBOOK_LIMITS, monthRange, outsideRotation, patientIdentifiers, type Degree } from "~/domain/logbook";
import { decidesAsHead, groupQueue } from "~/domain/logbook-review";
import { PAGE_SIZE } from "~/domain/list-query";
import { notFound, refuse } from "~/domain/refusal";
import { prisma, type Prisma } from "~/utils/db.server";
import { appendAuditEvents } from "./audit.server";

/**
 * Certifying the logbook (DI 68/2015 art. 5): a tutor certifies or returns the entries that name them as
 * supervising tutor or lie in a department they head; a certified entry is locked. Every decision is
 * made in one transaction with one audit event per entry (entity "logbookEntry").
 */

/** The entries a tutor decides: theirs, and every entry of the departments they head. */
const decidedBy = (tutorId: string): Prisma.LogbookEntryWhereInput => ({ OR: [{ tutorId }, { department: { headId: tutorId } }] });
const awaiting = (tutorId: string): Prisma.LogbookEntryWhereInput => ({ status: "pending", ...decidedBy(tutorId) });

/** How many entries wait for a tutor's signature. */
export function pendingCount(tutorId: string): Promise<number> {
  return prisma.logbookEntry.count({ where: awaiting(tutorId) });
}

/**
 * A page of a tutor's queue, oldest first, grouped by resident and month: four queries whatever its size
 * (the count, the entries, the residents' rotations, the departments' staff).
 */
export async function reviewQueue(tutorId: string, { page = 1 }: { page?: number } = {}) {
  const where = awaiting(tutorId);
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
          select: { id: true, residentId: true, departmentId: true, tutorId: true, startDate: true, endDate: true, state: true },
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
    const mine = await tx.logbookEntry.findMany({ where: { id: { in: ids }, ...decidedBy(tutorId) }, select: decision });
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
    where: { residentId, date: { gte: start, lte: end }, ...awaiting(tutorId) },
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
    const entry = await tx.logbookEntry.findFirst({ where: { id: entryId, ...decidedBy(tutorId) }, select: decision });
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
    return { residentId: entry.residentId };
  });
}
