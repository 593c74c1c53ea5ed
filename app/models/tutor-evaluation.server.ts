import { hospitalToday } from "~/domain/dates";
import {
  DEFAULT_FORMS,
  dueOn,
  evaluationState,
  openBy,
  opensOn,
  parseAnswers,
  parseItems,
  readAnswers,
  type Answers,
  type EvaluationItem,
  type EvaluationSettings,
  type EvaluationState,
} from "~/domain/evaluations";
import { PAGE_SIZE } from "~/domain/list-query";
import { notFound, refuse, Refused } from "~/domain/refusal";
import { TUTOR_EVALUATION_LIMITS } from "~/schemas/tutor-evaluation";
import { prisma, type Prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { formVersion, formVersionFor, formVersions } from "./evaluation-form.server";
import { notify } from "./notification.server";
import { evaluationSettings } from "./settings.server";

/**
 * The tutor's evaluation of a resident at the end of a rotation (DI 68/2015 art. 5), from its draft to
 * its signature and the resident's acknowledgement. Only confirmed rotations have one; it opens and is
 * due on days that follow from the rotation's dates (app/domain/evaluations.ts), so moving a rotation
 * moves them and cancelling it withdraws what is not signed. Every write is one transaction with its
 * audit event (entity "tutorEvaluation", whose id is the rotation's: one evaluation per rotation).
 */

type Tx = Prisma.TransactionClient;
type Fields = (name: string) => string | null | undefined;

/** Who fills a rotation's evaluation: the person an administrator assigned, else its supervising tutor, else its department's head. */
export function evaluatorOf(rotation: { assigneeId: string | null; tutorId: string | null; headId: string | null }): string | null {
  return rotation.assigneeId ?? rotation.tutorId ?? rotation.headId;
}

/** Why that person fills it, for the administrators' page. */
export function evaluatorRole(rotation: {
  assigneeId: string | null;
  tutorId: string | null;
  headId: string | null;
}): "assigned" | "tutor" | "head" | null {
  return rotation.assigneeId ? "assigned" : rotation.tutorId ? "tutor" : rotation.headId ? "head" : null;
}

/**
 * Where an evaluation stands: a signed one is done; only a confirmed rotation has one to fill (a planned
 * one has not opened yet, a cancelled one withdraws it); else its dates say.
 */
function stateOf(rotation: { startDate: Date; endDate: Date; state: string }, signed: boolean, today: Date, settings: EvaluationSettings) {
  if (!signed && rotation.state === "planned") return "upcoming" as const;
  return evaluationState(rotation, signed, today, settings);
}

const rotationSelect = {
  id: true,
  state: true,
  startDate: true,
  endDate: true,
  tutorId: true,
  department: { select: { name: true, headId: true } },
  resident: { select: { id: true, userId: true, programmeId: true, user: { select: { name: true } } } },
  tutorEvaluation: {
    select: {
      formVersionId: true,
      answers: true,
      assigneeId: true,
      signedAt: true,
      signedById: true,
      acknowledgedAt: true,
      residentComment: true,
      updatedAt: true,
      signedBy: { select: { name: true } },
    },
  },
} satisfies Prisma.RotationSelect;
type RotationRow = Prisma.RotationGetPayload<{ select: typeof rotationSelect }>;

const evaluatorOfRow = (row: RotationRow) =>
  evaluatorOf({ assigneeId: row.tutorEvaluation?.assigneeId ?? null, tutorId: row.tutorId, headId: row.department.headId });

/** The version a form is shown on before any draft exists, without writing: the programme's own, else the hospital's, else the default. */
async function currentVersion(programmeId: string): Promise<{ id: string | null; version: number; items: EvaluationItem[] }> {
  const latest = (where: Prisma.EvaluationFormWhereInput) =>
    prisma.evaluationFormVersion.findFirst({
      where: { form: { kind: "tutor-resident", ...where } },
      orderBy: { version: "desc" },
      select: { id: true, version: true, items: true },
    });
  const row = (await latest({ programmeId })) ?? (await latest({ programmeId: null }));
  return row ? { ...row, items: parseItems(row.items) } : { id: null, version: 1, items: DEFAULT_FORMS["tutor-resident"] };
}

// ─── The tutor ───────────────────────────────────────────────────────────────────────────────────

export type ToFill = {
  rotationId: string;
  resident: string;
  department: string;
  startDate: Date;
  endDate: Date;
  opensOn: Date;
  dueOn: Date;
  state: EvaluationState;
  /** a draft was saved */
  draft: boolean;
};

/**
 * The evaluations a person must fill: the confirmed rotations whose evaluation they give (assigned to
 * them; else theirs as supervising tutor; else, with no tutor, their department's) that have opened and
 * are not signed, newest first. Four reads whatever the number of rows: the settings, then three by
 * index (the tutor's, the head's, the assigned).
 */
export async function evaluationsToFill(userId: string, today = hospitalToday()): Promise<ToFill[]> {
  const settings = await evaluationSettings();
  const open = openBy(today, settings);
  const unsigned: Prisma.RotationWhereInput = {
    state: "confirmed",
    startDate: { lte: open.startOnOrBefore },
    endDate: { lte: open.endOnOrBefore },
    OR: [{ tutorEvaluation: { is: null } }, { tutorEvaluation: { is: { signedAt: null } } }],
  };
  const find = (where: Prisma.RotationWhereInput) =>
    prisma.rotation.findMany({ where: { AND: [unsigned, where] }, orderBy: { endDate: "desc" }, select: rotationSelect });
  const [asTutor, asHead, assigned] = await Promise.all([
    find({ tutorId: userId }),
    find({ tutorId: null, department: { headId: userId } }),
    find({ tutorEvaluation: { is: { assigneeId: userId } } }),
  ]);
  const seen = new Set<string>();
  return [...asTutor, ...asHead, ...assigned]
    .filter((row) => evaluatorOfRow(row) === userId && !seen.has(row.id) && seen.add(row.id))
    .sort((a, b) => b.endDate.getTime() - a.endDate.getTime() || a.id.localeCompare(b.id))
    .map((row) => ({
      rotationId: row.id,
      resident: row.resident.user.name,
      department: row.department.name,
      startDate: row.startDate,
      endDate: row.endDate,
      opensOn: opensOn(row, settings),
      dueOn: dueOn(row, settings),
      state: stateOf(row, false, today, settings),
      draft: row.tutorEvaluation !== null,
    }));
}

/** What a person must fill (evaluationsToFill) and a page of those they signed, newest first (two reads). */
export async function tutorEvaluationList(userId: string, today = hospitalToday(), { page = 1 }: { page?: number } = {}) {
  const signedWhere = { signedById: userId, signedAt: { not: null } } satisfies Prisma.TutorEvaluationWhereInput;
  const [toFill, total, signed] = await Promise.all([
    evaluationsToFill(userId, today),
    prisma.tutorEvaluation.count({ where: signedWhere }),
    prisma.tutorEvaluation.findMany({
      where: signedWhere,
      orderBy: { signedAt: "desc" },
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        rotationId: true,
        signedAt: true,
        acknowledgedAt: true,
        rotation: {
          select: {
            startDate: true,
            endDate: true,
            department: { select: { name: true } },
            resident: { select: { user: { select: { name: true } } } },
          },
        },
      },
    }),
  ]);
  return {
    toFill,
    signed: signed.map((row) => ({
      rotationId: row.rotationId,
      resident: row.rotation.resident.user.name,
      department: row.rotation.department.name,
      startDate: row.rotation.startDate,
      endDate: row.rotation.endDate,
      signedAt: row.signedAt!,
      acknowledgedAt: row.acknowledgedAt,
    })),
    total,
    page,
  };
}

/**
 * A rotation's evaluation for the person who fills it (or who signed it): the rotation and resident, the
 * form's items (the draft's version, else the one it would be filled on) and the saved answers. Anyone
 * else is "not found": administrators use their own page. Reads only.
 */
export async function tutorEvaluationForm(userId: string, rotationId: string, today = hospitalToday()) {
  const [settings, row] = await Promise.all([
    evaluationSettings(),
    prisma.rotation.findUnique({ where: { id: rotationId }, select: rotationSelect }),
  ]);
  if (!row || (evaluatorOfRow(row) !== userId && row.tutorEvaluation?.signedById !== userId)) notFound();
  const evaluation = row.tutorEvaluation;
  const version = evaluation ? await formVersion(prisma, evaluation.formVersionId) : await currentVersion(row.resident.programmeId);
  const items = version?.items ?? [];
  const signed = Boolean(evaluation?.signedAt);
  return {
    rotation: { id: row.id, department: row.department.name, startDate: row.startDate, endDate: row.endDate, state: row.state },
    resident: row.resident.user.name,
    opensOn: opensOn(row, settings),
    dueOn: dueOn(row, settings),
    state: stateOf(row, signed, today, settings),
    items,
    answers: evaluation ? parseAnswers(evaluation.answers, items) : {},
    draft: Boolean(evaluation && !signed),
    signedAt: evaluation?.signedAt ?? null,
    signedBy: evaluation?.signedBy?.name ?? null,
    acknowledgedAt: evaluation?.acknowledgedAt ?? null,
    residentComment: evaluation?.residentComment ?? null,
  };
}

/** The rotation, its evaluation and form version for a write by its evaluator, after the checks every write makes. */
async function writable(tx: Tx, settings: EvaluationSettings, userId: string, rotationId: string, today: Date) {
  const row = await tx.rotation.findUnique({ where: { id: rotationId }, select: rotationSelect });
  if (!row || evaluatorOfRow(row) !== userId) notFound();
  if (row.tutorEvaluation?.signedAt) refuse(null, "tutorEvaluations.locked");
  const state = stateOf(row, false, today, settings);
  if (state === "withdrawn") refuse(null, "tutorEvaluations.withdrawn");
  if (state === "upcoming")
    refuse(null, "tutorEvaluations.notOpen", { values: { day: opensOn(row, settings).toISOString().slice(0, 10) } });
  const version = row.tutorEvaluation
    ? await formVersion(tx, row.tutorEvaluation.formVersionId)
    : await formVersionFor(tx, "tutor-resident", row.resident.programmeId);
  if (!version) notFound();
  return { row, version };
}

/** The answers of a submitted form, or a refusal with each problem beside its item (`item.<key>`). */
function answersOf(items: readonly EvaluationItem[], fields: Fields, complete: boolean): Answers {
  const { answers, errors } = readAnswers(items, fields, { complete });
  const problems = Object.entries(errors);
  if (problems.length)
    throw new Refused(
      problems.map(([key, code]) => ({ field: `item.${key}`, key: `evaluations.answerProblems.${code}` })),
      400,
    );
  return answers;
}

/** Saves what the evaluator has answered so far, unsigned: items may be left out. */
export async function saveDraft(userId: string, rotationId: string, fields: Fields, today = hospitalToday()): Promise<void> {
  // Read before the transaction: a read outside it would wait for it to end.
  const settings = await evaluationSettings();
  await prisma.$transaction(async (tx) => {
    const { row, version } = await writable(tx, settings, userId, rotationId, today);
    const answers = JSON.stringify(answersOf(version.items, fields, false));
    if (row.tutorEvaluation) {
      await tx.tutorEvaluation.update({ where: { rotationId }, data: { answers } });
      return;
    }
    await tx.tutorEvaluation.create({ data: { rotationId, formVersionId: version.id, answers } });
    // The first draft is recorded, never what it says; later drafts change nothing anyone relies on.
    await recordAudit(tx, {
      actorId: userId,
      action: "create",
      entityType: "tutorEvaluation",
      entityId: rotationId,
      before: null,
      after: null,
    });
  });
}

/**
 * Signs the evaluation with every required item answered: it is locked, and the resident sees it. The
 * check and the write are one transaction (IMMEDIATE: a second signature waits for the first, then finds
 * it signed), and the write itself only signs an unsigned evaluation, so two signatures leave one. The
 * resident is told (evaluation-signed) in the same transaction.
 */
export async function sign(userId: string, rotationId: string, fields: Fields, today = hospitalToday(), now = new Date()): Promise<void> {
  // Read before the transaction: a read outside it would wait for it to end.
  const settings = await evaluationSettings();
  await prisma.$transaction(async (tx) => {
    const { row, version } = await writable(tx, settings, userId, rotationId, today);
    const answers = JSON.stringify(answersOf(version.items, fields, true));
    if (row.tutorEvaluation) {
      const { count } = await tx.tutorEvaluation.updateMany({
        where: { rotationId, signedAt: null },
        data: { answers, signedAt: now, signedById: userId },
      });
      if (count !== 1) refuse(null, "tutorEvaluations.locked");
    } else {
      await tx.tutorEvaluation.create({ data: { rotationId, formVersionId: version.id, answers, signedAt: now, signedById: userId } });
    }
    await notify(
      tx,
      [row.resident.userId],
      { kind: "evaluation-signed", params: { department: row.department.name }, link: "/me/evaluations" },
      now,
    );
    await recordAudit(tx, {
      actorId: userId,
      action: "sign",
      entityType: "tutorEvaluation",
      entityId: rotationId,
      before: { signedOn: null },
      after: { signedOn: now.toISOString() },
    });
  });
}

// ─── The resident ────────────────────────────────────────────────────────────────────────────────

/**
 * The signed evaluations about the signed-in resident, rotation by rotation (newest first), each with its
 * form's items and answers, who signed it and the resident's acknowledgement. Only ever their own: it
 * takes their user id alone. Three queries whatever their number.
 */
export async function receivedEvaluations(residentUserId: string) {
  const resident = await prisma.resident.findUnique({ where: { userId: residentUserId }, select: { id: true } });
  if (!resident) return { residentId: null, evaluations: [] };
  return { residentId: resident.id, evaluations: await signedWithAnswers({ rotation: { residentId: resident.id } }) };
}

/**
 * A resident's signed evaluations for their certified logbook extract: those of one of their rotations,
 * or of every rotation the period touches, oldest first. Two queries whatever their number.
 */
export async function extractEvaluations(residentId: string, span: { from: Date; to: Date; rotationId?: string | null }) {
  const evaluations = await signedWithAnswers(
    span.rotationId
      ? { rotation: { id: span.rotationId, residentId } }
      : { rotation: { residentId, startDate: { lte: span.to }, endDate: { gte: span.from } } },
  );
  return evaluations.reverse();
}

export type SignedEvaluation = Awaited<ReturnType<typeof signedWithAnswers>>[number];

/** Signed evaluations (newest rotation first), each with its form's items and answers, who signed it and the acknowledgement. */
async function signedWithAnswers(where: Prisma.TutorEvaluationWhereInput) {
  const rows = await prisma.tutorEvaluation.findMany({
    where: { ...where, signedAt: { not: null } },
    orderBy: [{ rotation: { endDate: "desc" } }, { rotationId: "asc" }],
    select: {
      rotationId: true,
      formVersionId: true,
      answers: true,
      signedAt: true,
      acknowledgedAt: true,
      residentComment: true,
      signedBy: { select: { name: true } },
      rotation: { select: { startDate: true, endDate: true, department: { select: { name: true } } } },
    },
  });
  const versions = await formVersions(
    prisma,
    rows.map((row) => row.formVersionId),
  );
  return rows.map((row) => {
    const items = versions.get(row.formVersionId)?.items ?? [];
    return {
      rotationId: row.rotationId,
      department: row.rotation.department.name,
      startDate: row.rotation.startDate,
      endDate: row.rotation.endDate,
      items,
      answers: parseAnswers(row.answers, items),
      signedAt: row.signedAt!,
      signedBy: row.signedBy?.name ?? null,
      acknowledgedAt: row.acknowledgedAt,
      residentComment: row.residentComment,
    };
  });
}

/**
 * The resident says they have read a signed evaluation about them ("I have read it", not "I agree"),
 * with a comment if they wish; once only. Another resident's evaluation is "not found".
 */
export async function acknowledge(residentUserId: string, rotationId: string, comment: string | null | undefined, now = new Date()) {
  const text = comment?.trim() || null;
  if (text && text.length > TUTOR_EVALUATION_LIMITS.comment) refuse("comment", "errors.tooLong", { status: 400 });
  await prisma.$transaction(async (tx) => {
    const evaluation = await tx.tutorEvaluation.findFirst({
      where: { rotationId, signedAt: { not: null }, rotation: { resident: { userId: residentUserId } } },
      select: { acknowledgedAt: true },
    });
    if (!evaluation) notFound();
    if (evaluation.acknowledgedAt) refuse(null, "tutorEvaluations.alreadyAcknowledged");
    const { count } = await tx.tutorEvaluation.updateMany({
      where: { rotationId, acknowledgedAt: null },
      data: { acknowledgedAt: now, residentComment: text },
    });
    if (count !== 1) refuse(null, "tutorEvaluations.alreadyAcknowledged");
    await recordAudit(tx, {
      actorId: residentUserId,
      action: "acknowledge",
      entityType: "tutorEvaluation",
      entityId: rotationId,
      before: { notes: null },
      after: { notes: text },
    });
  });
}

// ─── Administrators ──────────────────────────────────────────────────────────────────────────────

/** The reason an administrator gives for a change: required, and within its limit. */
function reasonOf(reason: string): string {
  const why = reason.trim();
  if (!why) refuse("reason", "tutorEvaluations.reasonRequired", { status: 400 });
  if (why.length > TUTOR_EVALUATION_LIMITS.reason) refuse("reason", "errors.tooLong", { status: 400 });
  return why;
}

/**
 * Reopens a signed evaluation, with a reason kept in its history: the signature and the resident's
 * acknowledgement are cleared, the answers stay as a draft for the evaluator to sign again.
 */
export async function reopen(adminId: string, rotationId: string, reason: string): Promise<void> {
  const why = reasonOf(reason);
  await prisma.$transaction(async (tx) => {
    const [rotation, evaluation] = await Promise.all([
      tx.rotation.findUnique({ where: { id: rotationId }, select: { id: true } }),
      tx.tutorEvaluation.findUnique({ where: { rotationId }, select: { signedAt: true, acknowledgedAt: true, residentComment: true } }),
    ]);
    if (!rotation) notFound();
    if (!evaluation?.signedAt) refuse(null, "tutorEvaluations.notSigned");
    const { count } = await tx.tutorEvaluation.updateMany({
      where: { rotationId, signedAt: { not: null } },
      data: { signedAt: null, signedById: null, acknowledgedAt: null, residentComment: null },
    });
    if (count !== 1) refuse(null, "tutorEvaluations.notSigned");
    await recordAudit(tx, {
      actorId: adminId,
      action: "reopen",
      entityType: "tutorEvaluation",
      entityId: rotationId,
      before: { signedOn: evaluation.signedAt.toISOString(), notes: evaluation.residentComment, reason: null },
      after: { signedOn: null, notes: null, reason: why },
    });
  });
}

/**
 * Names someone else to fill a rotation's evaluation: an active tutor. Not once it is signed, nor when
 * the rotation is cancelled. The evaluation is created (on the form it would be filled on) if no draft
 * exists yet.
 */
export async function assign(adminId: string, rotationId: string, userId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const [row, person] = await Promise.all([
      tx.rotation.findUnique({ where: { id: rotationId }, select: rotationSelect }),
      tx.user.findFirst({ where: { id: userId, active: true, roles: { some: { role: "tutor" } } }, select: { id: true } }),
    ]);
    if (!row) notFound();
    if (!person) refuse("userId", "tutorEvaluations.notATutor", { status: 400 });
    if (row.tutorEvaluation?.signedAt) refuse(null, "tutorEvaluations.locked");
    if (row.state === "cancelled") refuse(null, "tutorEvaluations.withdrawn");
    const before = evaluatorOfRow(row);
    if (row.tutorEvaluation) await tx.tutorEvaluation.update({ where: { rotationId }, data: { assigneeId: userId } });
    else {
      const version = await formVersionFor(tx, "tutor-resident", row.resident.programmeId);
      await tx.tutorEvaluation.create({ data: { rotationId, formVersionId: version.id, assigneeId: userId } });
    }
    await recordAudit(tx, {
      actorId: adminId,
      action: "assign",
      entityType: "tutorEvaluation",
      entityId: rotationId,
      before: { tutorId: before },
      after: { tutorId: userId },
    });
  });
}

/**
 * A rotation's evaluation for administrators: the rotation, who fills it and why, where it stands, the
 * answers (signed or a draft) on their version, and the active tutors one may assign instead.
 */
export async function adminEvaluationDetail(rotationId: string, today = hospitalToday()) {
  const [settings, row] = await Promise.all([
    evaluationSettings(),
    prisma.rotation.findUnique({ where: { id: rotationId }, select: rotationSelect }),
  ]);
  if (!row) notFound();
  const evaluation = row.tutorEvaluation;
  const evaluatorId = evaluatorOfRow(row);
  const [version, evaluator, tutors] = await Promise.all([
    evaluation ? formVersion(prisma, evaluation.formVersionId) : currentVersion(row.resident.programmeId),
    evaluatorId ? prisma.user.findUnique({ where: { id: evaluatorId }, select: { id: true, name: true } }) : null,
    prisma.user.findMany({
      where: { active: true, roles: { some: { role: "tutor" } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    }),
  ]);
  const items = version?.items ?? [];
  const signed = Boolean(evaluation?.signedAt);
  return {
    rotation: { id: row.id, department: row.department.name, startDate: row.startDate, endDate: row.endDate, state: row.state },
    resident: { id: row.resident.id, name: row.resident.user.name },
    evaluator: evaluator
      ? {
          ...evaluator,
          role: evaluatorRole({ assigneeId: evaluation?.assigneeId ?? null, tutorId: row.tutorId, headId: row.department.headId }),
        }
      : null,
    opensOn: opensOn(row, settings),
    dueOn: dueOn(row, settings),
    state: stateOf(row, signed, today, settings),
    started: Boolean(evaluation),
    version: version?.version ?? null,
    items,
    answers: evaluation ? parseAnswers(evaluation.answers, items) : {},
    signedAt: evaluation?.signedAt ?? null,
    signedBy: evaluation?.signedBy?.name ?? null,
    acknowledgedAt: evaluation?.acknowledgedAt ?? null,
    residentComment: evaluation?.residentComment ?? null,
    tutors,
  };
}

/** A resident's signed evaluations, rotation by rotation (newest first), for their record. One query. */
export async function signedEvaluationsOf(residentId: string) {
  const rows = await prisma.tutorEvaluation.findMany({
    where: { rotation: { residentId }, signedAt: { not: null } },
    orderBy: [{ rotation: { endDate: "desc" } }, { rotationId: "asc" }],
    select: {
      rotationId: true,
      signedAt: true,
      acknowledgedAt: true,
      signedBy: { select: { name: true } },
      rotation: { select: { startDate: true, endDate: true, department: { select: { name: true } } } },
    },
  });
  return rows.map((row) => ({
    rotationId: row.rotationId,
    department: row.rotation.department.name,
    startDate: row.rotation.startDate,
    endDate: row.rotation.endDate,
    signedAt: row.signedAt!,
    signedBy: row.signedBy?.name ?? null,
    acknowledgedAt: row.acknowledgedAt,
  }));
}
