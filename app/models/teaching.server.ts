import { randomUUID } from "node:crypto";
import { notFound, refuse } from "~/domain/refusal";
import { seriesDays, type TeachingFields } from "~/domain/teaching";
import type { TeachingCancelInput, TeachingCreateInput, TeachingUpdateInput } from "~/schemas/teaching";
import { prisma, type Prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { assertVersion } from "./concurrency.server";
import { taughtBy } from "./teaching-queries.server";

/**
 * Teaching sessions as tutors log them: one session or a weekly or fortnightly series written in one
 * transaction, moved or cancelled one at a time, only ever by the session's own tutors, each change
 * with its audit event. What the pages read, and the shared definitions of delivered and unconfirmed
 * sessions, are in teaching-queries.server.ts.
 */

type Tx = Prisma.TransactionClient;

/** The change is not allowed any more: the session is cancelled, or its confirmed attendance fixes its time. */
function refuseLocked(reason: "cancelled" | "confirmed"): never {
  refuse(null, reason === "confirmed" ? "teaching.errors.lockedConfirmed" : "teaching.errors.lockedCancelled");
}

// ─── Writes ──────────────────────────────────────────────────────────────────────────────────────

type Fields = TeachingFields;

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
    tx.user.count({
      where: { id: { in: data.coTutorIds }, OR: [{ active: true, roles: { some: { role: "tutor" } } }, { id: { in: keptTutors } }] },
    }),
    data.departmentId && data.departmentId !== current?.departmentId
      ? tx.department.count({ where: { id: data.departmentId, archivedAt: null, tutors: { some: { userId: actorId } } } })
      : Promise.resolve(1),
  ]);
  if (programmes !== data.programmeIds.length) refuse("programmeIds", "teaching.errors.programmeInvalid", { status: 400 });
  if (tutors !== data.coTutorIds.length) refuse("coTutorIds", "teaching.errors.coTutorInvalid", { status: 400 });
  if (department !== 1) refuse("departmentId", "teaching.errors.departmentInvalid", { status: 400 });
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
      data: sessions.flatMap((s) => [
        { sessionId: s.id, userId: actorId, lead: true },
        ...coTutorIds.map((userId) => ({ sessionId: s.id, userId })),
      ]),
    });
    await tx.teachingProgramme.createMany({
      data: sessions.flatMap((s) => programmeIds.map((programmeId) => ({ sessionId: s.id, programmeId }))),
    });
    for (const s of sessions) {
      await recordAudit(tx, {
        actorId,
        action: "create",
        entityType: "teaching",
        entityId: s.id,
        before: null,
        after: { ...data, date: s.date, seriesId },
      });
    }
    return { ids: sessions.map((s) => s.id), seriesId };
  });
}

/** A session with its tutors and programmes, only when the actor is one of its tutors. */
async function ownSession(tx: Tx, id: string, actorId: string) {
  const current = await tx.teachingSession.findFirst({
    where: { id, ...taughtBy(actorId) },
    include: { tutors: { select: { userId: true, lead: true } }, programmes: { select: { programmeId: true } } },
  });
  if (!current) notFound();
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
    if (current.cancelledAt) refuseLocked("cancelled");
    const data = fieldsOf(input, leadIds);
    if (!leadIds.includes(actorId) && !data.coTutorIds.includes(actorId)) data.coTutorIds = uniqueSorted([...data.coTutorIds, actorId]);
    const moved =
      data.date.getTime() !== stored.date.getTime() ||
      data.startTime !== stored.startTime ||
      data.durationMinutes !== stored.durationMinutes;
    if (current.confirmedAt && moved) refuseLocked("confirmed");
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
    if (current.cancelledAt) refuseLocked("cancelled");
    if (current.confirmedAt) refuseLocked("confirmed");
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
