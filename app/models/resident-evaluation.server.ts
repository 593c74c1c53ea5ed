import { randomUUID } from "node:crypto";
import { hospitalToday, toIsoDate } from "~/domain/dates";
import { judgeGroups, type AnswerCell, type GroupVerdict } from "~/domain/evaluation-results";
import {
  addUp,
  DEFAULT_FORMS,
  dueOn,
  evaluationState,
  openBy,
  opensOn,
  parseAnswers,
  parseItems,
  periodByKey,
  periodCloses,
  periodOf,
  periodReleasable,
  readAnswers,
  shuffled,
  type Answers,
  type Bilingual,
  type EvaluationItem,
  type EvaluationSettings,
  type EvaluationState,
  type ItemResult,
  type Period,
} from "~/domain/evaluations";
import { notFound, refuse, Refused } from "~/domain/refusal";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { remembered } from "~/utils/read-cache.server";
import { recordAudit } from "./audit.server";
import { insertRows } from "./bulk.server";
import { formVersionFor, formVersions } from "./evaluation-form.server";
import { academicYearStart, evaluationSettings } from "./settings.server";
import { compareItalian } from "~/domain/collation";

/**
 * The residents' evaluations of their rotations, confidential by construction
 * (docs/decisions/015-confidential-evaluations.md).
 */

export type RotationToEvaluate = {
  rotationId: string;
  department: string;
  tutor: string | null;
  startDate: Date;
  endDate: Date;
  opensOn: Date;
  dueOn: Date;
  /** the last day an answer is accepted: its period closes the day after */
  closesOn: Date;
  state: EvaluationState;
};

/**
 * A resident's confirmed rotations whose evaluation has opened, newest first, each with its state: done
 * (the mark exists: nothing else about the answer is read), due, or overdue. Two queries.
 */
export async function rotationsToEvaluate(residentId: string, today = hospitalToday()): Promise<RotationToEvaluate[]> {
  const [settings, yearStart] = await Promise.all([evaluationSettings(), academicYearStart()]);
  const open = openBy(today, settings);
  const rotations = await prisma.rotation.findMany({
    where: { residentId, state: "confirmed", startDate: { lte: open.startOnOrBefore }, endDate: { lte: open.endOnOrBefore } },
    orderBy: { endDate: "desc" },
    select: {
      id: true,
      state: true,
      startDate: true,
      endDate: true,
      department: { select: { name: true } },
      tutor: { select: { name: true } },
      evaluationSubmission: { select: { rotationId: true } },
    },
  });
  return rotations.map((rotation) => ({
    rotationId: rotation.id,
    department: rotation.department.name,
    tutor: rotation.tutor?.name ?? null,
    startDate: rotation.startDate,
    endDate: rotation.endDate,
    opensOn: opensOn(rotation, settings),
    dueOn: dueOn(rotation, settings),
    closesOn: periodCloses(periodOf(rotation.endDate, yearStart, settings.period), settings),
    state: evaluationState(rotation, rotation.evaluationSubmission !== null, today, settings),
  }));
}

// ─── The resident's form ────────────────────────────────────────────────────────────────────────

/** Reads a submitted field by name (`item.<key>`): what readAnswers asks for. */
export type FieldReader = (name: string) => string | null | undefined;

const FORM_KIND = "resident-rotation";

/**
 * The questions the hospital's form asks now, read without writing anything: its latest version, or the
 * default items when the form was never made (the first submission makes it).
 */
async function currentItems(): Promise<EvaluationItem[]> {
  const latest = await prisma.evaluationFormVersion.findFirst({
    where: { form: { kind: FORM_KIND, programmeId: null } },
    orderBy: { version: "desc" },
    select: { items: true },
  });
  return latest ? parseItems(latest.items) : DEFAULT_FORMS[FORM_KIND];
}

/** Where a resident's evaluation of a rotation stands: a planned rotation is not open yet, a cancelled one withdraws it. */
function standing(
  rotation: { state: string; startDate: Date; endDate: Date },
  done: boolean,
  today: Date,
  settings: EvaluationSettings,
): EvaluationState {
  if (!done && rotation.state === "planned") return "upcoming";
  return evaluationState(rotation, done, today, settings);
}

const rotationSelect = {
  id: true,
  state: true,
  startDate: true,
  endDate: true,
  tutorId: true,
  departmentId: true,
  residentId: true,
  resident: { select: { userId: true } },
  department: { select: { name: true } },
  tutor: { select: { name: true } },
  evaluationSubmission: { select: { rotationId: true } },
} as const;

/**
 * A resident's evaluation of one of their rotations, for its page: the rotation, where the evaluation
 * stands, until when answers are accepted, and the questions. Another resident's rotation is "not found".
 * Reads only: five queries.
 */
export async function residentEvaluation(residentUserId: string, rotationId: string, today = hospitalToday()) {
  const [settings, yearStart, rotation] = await Promise.all([
    evaluationSettings(),
    academicYearStart(),
    prisma.rotation.findUnique({ where: { id: rotationId }, select: rotationSelect }),
  ]);
  if (!rotation || rotation.resident.userId !== residentUserId) notFound();
  const done = rotation.evaluationSubmission !== null;
  const period = periodOf(rotation.endDate, yearStart, settings.period);
  const [items, released] = await Promise.all([
    done ? Promise.resolve([] as EvaluationItem[]) : currentItems(),
    prisma.evaluationRelease.findUnique({ where: { period: period.key }, select: { period: true } }),
  ]);
  const state = standing(rotation, done, today, settings);
  const closed = !done && (released !== null || today > periodCloses(period, settings));
  return {
    rotationId: rotation.id,
    department: rotation.department.name,
    tutor: rotation.tutor?.name ?? null,
    startDate: rotation.startDate,
    endDate: rotation.endDate,
    opensOn: opensOn(rotation, settings),
    dueOn: dueOn(rotation, settings),
    closesOn: periodCloses(period, settings),
    period: periodView(period),
    state,
    /** whether the form may be sent now */
    open: (state === "due" || state === "overdue") && !closed,
    closed,
    items,
  };
}

/**
 * Submits a resident's evaluation of their rotation, confidential by construction: in one transaction, the
 * done mark (the rotation and its resident, nothing else), the answer sealed until its period closes (a
 * random id, the period, and the form version, tutor, department and answers: nothing of the resident or
 * the rotation, no time), and an audit event that says only that the rotation was evaluated. Refused when
 * the rotation is not the resident's (not found), not open, withdrawn, already evaluated (two submissions
 * at once leave one) or its period closed; each unanswered or malformed question beside itself.
 */
export async function submitResidentEvaluation(
  residentUserId: string,
  rotationId: string,
  fields: FieldReader,
  today = hospitalToday(),
): Promise<void> {
  const [settings, yearStart] = await Promise.all([evaluationSettings(), academicYearStart()]);
  try {
    // With secure_delete on: what this insert moves within the sealed table leaves no copy behind.
    await secureDelete(() =>
      prisma.$transaction(async (tx) => {
        const rotation = await tx.rotation.findUnique({ where: { id: rotationId }, select: rotationSelect });
        if (!rotation || rotation.resident.userId !== residentUserId) notFound();
        const state = standing(rotation, rotation.evaluationSubmission !== null, today, settings);
        if (state === "done") refuse(null, "residentEvaluations.refusals.alreadySubmitted");
        if (state === "withdrawn") refuse(null, "residentEvaluations.refusals.withdrawn");
        if (state === "upcoming")
          refuse(null, "residentEvaluations.refusals.notOpen", { values: { day: toIsoDate(opensOn(rotation, settings)) } });
        const period = periodOf(rotation.endDate, yearStart, settings.period);
        const released = await tx.evaluationRelease.findUnique({ where: { period: period.key }, select: { period: true } });
        if (released || today > periodCloses(period, settings))
          refuse(null, "residentEvaluations.refusals.periodClosed", { values: { day: toIsoDate(periodCloses(period, settings)) } });
        const version = await formVersionFor(tx, FORM_KIND, null);
        const { answers, errors } = readAnswers(version.items, fields, { complete: true });
        const problems = Object.entries(errors);
        if (problems.length)
          throw new Refused(
            problems.map(([key, code]) => ({ field: `item.${key}`, key: `evaluations.answerProblems.${code}` })),
            400,
          );
        // The mark first: its primary key is the rotation, so a second submission fails here.
        await tx.evaluationSubmission.create({ data: { rotationId: rotation.id, residentId: rotation.residentId } });
        await tx.sealedEvaluationAnswer.create({
          data: {
            id: randomUUID(),
            period: period.key,
            // Exactly this shape, formVersionId first: answeredOn (evaluation-form.server.ts) finds versions in it.
            payload: JSON.stringify({ formVersionId: version.id, tutorId: rotation.tutorId, departmentId: rotation.departmentId, answers }),
          },
        });
        await recordAudit(tx, {
          actorId: residentUserId,
          action: "submit",
          entityType: "residentEvaluation",
          entityId: rotation.id,
          before: null,
          after: { submitted: true },
        });
      }),
    );
  } catch (error) {
    // Another submission of this rotation committed between our read and our write.
    if (typeof error === "object" && error !== null && "code" in error && error.code === "P2002")
      refuse(null, "residentEvaluations.refusals.alreadySubmitted");
    throw error;
  }
}

// ─── Release ────────────────────────────────────────────────────────────────────────────────────

type Sealed = { formVersionId: string; tutorId: string | null; departmentId: string; answers: Answers };

/** How many writes of this process now need secure_delete, and the setting to put back after the last. */
const secure: { writers: number; before: "ON" | "OFF"; ready: Promise<void> } = { writers: 0, before: "OFF", ready: Promise.resolve() };

/**
 * Runs `work` with SQLite's secure_delete on for this process's connection, so that what its writes
 * delete, overwrite or move is overwritten with zeros in the file instead of lingering in free space.
 * Deleting the sealed rows at release is not enough alone: when a submission's insert splits or rebalances
 * a page of the sealed table, SQLite moves rows and may leave their old bytes behind in free space, where
 * a copy of an answer next to its arrival order (its rowid) would survive the release. So every write to
 * the sealed table runs with it on. `checkpoint` then copies the write-ahead log into the database and
 * empties it, so that no earlier copy of the pages stays there either.
 *
 * PRAGMAs cannot run inside a transaction: this wraps the transactions from outside. Writes may overlap
 * (two submissions at once share the connection), so the setting is turned on by the first and put back
 * as it was by the last.
 */
async function secureDelete<T>(work: () => Promise<T>, { checkpoint = false } = {}): Promise<T> {
  if (env.DATABASE_DIALECT === "postgres") {
    // PostgreSQL has no secure_delete: the sealed table is rewritten after a release, so that its old
    // pages leave the table's files (decision 023 says what remains: the write-ahead log, until recycled).
    const value = await work();
    if (checkpoint) await prisma.$executeRawUnsafe('VACUUM FULL "SealedEvaluationAnswer"');
    return value;
  }
  if (secure.writers++ === 0) {
    secure.ready = (async () => {
      const [was] = await prisma.$queryRawUnsafe<Array<{ secure_delete: number | bigint }>>("PRAGMA secure_delete");
      secure.before = Number(was?.secure_delete ?? 0) ? "ON" : "OFF";
      await prisma.$queryRawUnsafe("PRAGMA secure_delete = ON");
    })();
  }
  try {
    await secure.ready;
    return await work();
  } finally {
    if (--secure.writers === 0) await prisma.$queryRawUnsafe(`PRAGMA secure_delete = ${secure.before}`);
    if (checkpoint) await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  }
}

/**
 * Releases every period whose answers are no longer accepted (periodReleasable) and that is not released
 * yet: its sealed answers are written out as EvaluationAnswer rows with new random ids, one multi-row
 * insert in a random order (shuffled, cryptographic), the sealed rows destroyed (secure_delete), and the
 * release recorded with its audit event (how many, nothing else), all in one transaction per period.
 * Idempotent: the daily scheduled check calls it, and a released period is never released again.
 */
export async function releaseClosedPeriods(today = hospitalToday()): Promise<Array<{ period: string; answers: number }>> {
  const [settings, yearStart] = await Promise.all([evaluationSettings(), academicYearStart()]);
  const sealed = await prisma.sealedEvaluationAnswer.groupBy({ by: ["period"] });
  const keys = sealed.map((row) => row.period);
  if (!keys.length) return [];
  const released = new Set(
    (await prisma.evaluationRelease.findMany({ where: { period: { in: keys } }, select: { period: true } })).map((row) => row.period),
  );
  const due = keys.filter((key) => {
    const period = periodByKey(key, yearStart);
    return period !== null && !released.has(key) && periodReleasable(period, today, settings);
  });
  if (!due.length) return [];
  return secureDelete(
    async () => {
      const done: Array<{ period: string; answers: number }> = [];
      for (const key of due.sort()) {
        const answers = await releasePeriod(key);
        if (answers !== null) done.push({ period: key, answers });
      }
      return done;
    },
    { checkpoint: true },
  );
}

const ANSWER_COLUMNS = ["id", "period", "formVersionId", "tutorId", "departmentId", "answers", "redacted"];

/** Releases one period in one transaction; null when another process released it first. */
async function releasePeriod(key: string): Promise<number | null> {
  return prisma.$transaction(async (tx) => {
    if (await tx.evaluationRelease.findUnique({ where: { period: key }, select: { period: true } })) return null;
    const rows = await tx.sealedEvaluationAnswer.findMany({ where: { period: key }, select: { payload: true } });
    const answers = rows.map((row) => JSON.parse(row.payload) as Sealed);
    // A tutor whose account was removed meanwhile: the answer stays, about no one.
    const tutorIds = [...new Set(answers.flatMap((answer) => (answer.tutorId ? [answer.tutorId] : [])))];
    const tutors = new Set(
      tutorIds.length ? (await tx.user.findMany({ where: { id: { in: tutorIds } }, select: { id: true } })).map((user) => user.id) : [],
    );
    const order = shuffled(answers);
    if (order.length)
      await insertRows(
        tx,
        "EvaluationAnswer",
        ANSWER_COLUMNS,
        order.map((answer) => [
          randomUUID(),
          key,
          answer.formVersionId,
          answer.tutorId && tutors.has(answer.tutorId) ? answer.tutorId : null,
          answer.departmentId,
          JSON.stringify(answer.answers),
          "[]",
        ]),
      );
    await tx.sealedEvaluationAnswer.deleteMany({ where: { period: key } });
    await tx.evaluationRelease.create({ data: { period: key, releasedAt: new Date(), answers: rows.length } });
    await recordAudit(tx, {
      actorId: null,
      action: "release",
      entityType: "evaluationAnswer",
      entityId: key,
      before: null,
      after: { answers: rows.length },
    });
    return rows.length;
  });
}

// ─── Results ────────────────────────────────────────────────────────────────────────────────────

export type PeriodView = { key: string; label: string; half: 1 | 2 | null; start: Date; end: Date };
const periodView = (period: Period): PeriodView => ({
  key: period.key,
  label: period.label,
  half: period.half,
  start: period.start,
  end: period.end,
});

/** The released periods, newest first, each with how many answers it released. */
export async function releasedPeriods(): Promise<Array<PeriodView & { answers: number; releasedAt: Date }>> {
  const [yearStart, rows] = await Promise.all([
    academicYearStart(),
    prisma.evaluationRelease.findMany({ orderBy: { period: "desc" }, select: { period: true, answers: true, releasedAt: true } }),
  ]);
  return rows.flatMap((row) => {
    const period = periodByKey(row.period, yearStart);
    return period ? [{ ...periodView(period), answers: row.answers, releasedAt: row.releasedAt }] : [];
  });
}

/** The answers per tutor and department of a released period: what every verdict is made from. */
async function cellsOf(period: string): Promise<AnswerCell[]> {
  const rows = await prisma.evaluationAnswer.groupBy({ by: ["tutorId", "departmentId"], where: { period }, _count: { _all: true } });
  return rows.map((row) => ({ tutorId: row.tutorId, departmentId: row.departmentId, count: row._count._all }));
}

export type GroupLine = GroupVerdict & { name: string };

/**
 * A released period's tutors and departments, each with its count as it may be shown ("<5" below the
 * threshold) and whether its results may be opened; null when the period is not released. Four queries,
 * remembered until the answers, the releases or the names change.
 */
export function resultsOverview(periodKey: string): Promise<{ tutors: GroupLine[]; departments: GroupLine[] } | null> {
  // A released period's answers are written once; only a redaction (no count changes) or a renamed
  // tutor or department changes what this shows. A national period is some 50,000 answers to group.
  return remembered(`evaluation-results:${periodKey}`, () => groupsOf(periodKey));
}

async function groupsOf(periodKey: string): Promise<{ tutors: GroupLine[]; departments: GroupLine[] } | null> {
  const released = await prisma.evaluationRelease.findUnique({ where: { period: periodKey }, select: { period: true } });
  if (!released) return null;
  const { tutors, departments } = judgeGroups(await cellsOf(periodKey));
  const [people, units] = await Promise.all([
    tutors.length ? prisma.user.findMany({ where: { id: { in: tutors.map((t) => t.id) } }, select: { id: true, name: true } }) : [],
    departments.length
      ? prisma.department.findMany({ where: { id: { in: departments.map((d) => d.id) } }, select: { id: true, name: true } })
      : [],
  ]);
  const named = (lines: GroupVerdict[], names: Array<{ id: string; name: string }>) => {
    const byId = new Map(names.map((n) => [n.id, n.name]));
    return lines.map((line) => ({ ...line, name: byId.get(line.id) ?? "" })).sort((a, b) => compareItalian(a.name, b.name));
  };
  return { tutors: named(tutors, people), departments: named(departments, units) };
}

/** A comment of a released answer: its text, or null once an administrator redacted it. */
export type ResultComment = { answerId: string; text: string | null };
export type ResultItem = Exclude<ItemResult, { type: "text" }> | { key: string; type: "text"; label: Bilingual; comments: ResultComment[] };

export type Results = { scope: "tutor" | "department"; id: string; name: string; period: PeriodView; count: number; items: ResultItem[] };

/**
 * A tutor's or a department's results for a released period, added up item by item across the form's
 * versions: null unless the period is released and the group may be shown (RESULTS_THRESHOLD answers,
 * and no group inside it leaving fewer by difference). Comments come in the answers' stored order, which is
 * random; a redacted one is null. Six queries.
 */
export async function resultsFor({
  scope,
  id,
  period: periodKey,
}: {
  scope: "tutor" | "department";
  id: string;
  period: string;
}): Promise<Results | null> {
  const [yearStart, released] = await Promise.all([
    academicYearStart(),
    prisma.evaluationRelease.findUnique({ where: { period: periodKey }, select: { period: true } }),
  ]);
  const period = periodByKey(periodKey, yearStart);
  if (!released || !period) return null;
  const verdicts = judgeGroups(await cellsOf(periodKey));
  const verdict = (scope === "tutor" ? verdicts.tutors : verdicts.departments).find((line) => line.id === id);
  if (!verdict?.shown) return null;
  const where = scope === "tutor" ? { period: periodKey, tutorId: id } : { period: periodKey, departmentId: id };
  const [rows, name] = await Promise.all([
    prisma.evaluationAnswer.findMany({
      where,
      orderBy: { id: "asc" },
      select: { id: true, formVersionId: true, answers: true, redacted: true },
    }),
    scope === "tutor"
      ? prisma.user.findUnique({ where: { id }, select: { name: true } })
      : prisma.department.findUnique({ where: { id }, select: { name: true } }),
  ]);
  const versions = await formVersions(
    prisma,
    rows.map((row) => row.formVersionId),
  );
  const given = rows.flatMap((row) => {
    const version = versions.get(row.formVersionId);
    if (!version) return [];
    return [
      {
        id: row.id,
        items: version.items,
        version: version.version,
        answers: parseAnswers(row.answers, version.items),
        redacted: redactedKeys(row.redacted),
      },
    ];
  });
  const items = addUp(given).map((item): ResultItem => {
    if (item.type !== "text") return item;
    const comments = given.flatMap((answer): ResultComment[] => {
      if (!answer.items.some((asked) => asked.key === item.key && asked.type === "text")) return [];
      if (answer.redacted.includes(item.key)) return [{ answerId: answer.id, text: null }];
      const text = answer.answers[item.key];
      return typeof text === "string" ? [{ answerId: answer.id, text }] : [];
    });
    return { key: item.key, type: "text", label: item.label, comments };
  });
  return { scope, id, name: name?.name ?? "", period: periodView(period), count: rows.length, items };
}

function redactedKeys(json: string): string[] {
  try {
    const keys = JSON.parse(json) as unknown;
    return Array.isArray(keys) ? keys.filter((key): key is string => typeof key === "string") : [];
  } catch {
    return [];
  }
}

/**
 * Redacts a comment of a released answer (abusive, or naming a patient): its text is replaced by nothing,
 * its key listed as redacted, and the history records which answer and which question, never the text.
 * The old text is overwritten in the file too (secure_delete).
 */
export async function redactComment(adminId: string, answerId: string, itemKey: string): Promise<void> {
  await secureDelete(
    () =>
      prisma.$transaction(async (tx) => {
        const answer = await tx.evaluationAnswer.findUnique({
          where: { id: answerId },
          select: { id: true, formVersionId: true, answers: true, redacted: true },
        });
        if (!answer) notFound();
        const version = await tx.evaluationFormVersion.findUnique({ where: { id: answer.formVersionId }, select: { items: true } });
        const items = parseItems(version?.items ?? "[]");
        if (!items.some((item) => item.key === itemKey && item.type === "text"))
          refuse("itemKey", "residentEvaluations.results.notAComment", { status: 400 });
        const redacted = redactedKeys(answer.redacted);
        if (redacted.includes(itemKey)) refuse(null, "residentEvaluations.results.alreadyRedacted");
        const stored = JSON.parse(answer.answers) as Record<string, unknown>;
        if (typeof stored[itemKey] !== "string") refuse("itemKey", "residentEvaluations.results.notAComment", { status: 400 });
        const { count } = await tx.evaluationAnswer.updateMany({
          where: { id: answer.id, redacted: answer.redacted },
          data: { answers: JSON.stringify({ ...stored, [itemKey]: null }), redacted: JSON.stringify([...redacted, itemKey]) },
        });
        if (count !== 1) refuse(null, "residentEvaluations.results.alreadyRedacted");
        await recordAudit(tx, {
          actorId: adminId,
          action: "redact",
          entityType: "evaluationAnswer",
          entityId: answer.id,
          before: null,
          after: { redacted: itemKey },
        });
      }),
    { checkpoint: true },
  );
}

/**
 * A tutor's own released results, one period at a time (the newest unless chosen): how many answers are
 * about them ("<5" below the threshold) and, when they may be shown, the results. Never anyone else's.
 */
export async function ownResults(tutorId: string, periodKey?: string) {
  const periods = await releasedPeriods();
  const period = periods.find((p) => p.key === periodKey) ?? periods[0] ?? null;
  if (!period) return { periods, period: null, verdict: null, results: null };
  const verdict = judgeGroups(await cellsOf(period.key)).tutors.find((line) => line.id === tutorId) ?? null;
  const results = verdict?.shown ? await resultsFor({ scope: "tutor", id: tutorId, period: period.key }) : null;
  return { periods, period, verdict, results };
}
