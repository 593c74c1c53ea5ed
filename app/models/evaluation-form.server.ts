import { createHash } from "node:crypto";
import { DEFAULT_FORMS, formEdit, FORM_KINDS, itemProblems, parseItems, type EvaluationItem, type FormKind } from "~/domain/evaluations";
import { notFound, refuse } from "~/domain/refusal";
import { prisma, type Prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

/**
 * Evaluation forms and their versions. The hospital has one form of each kind (programmeId null),
 * created from DEFAULT_FORMS the first time one is needed; a programme may have its own form for the
 * tutors' evaluations. Answers point at the version they were given on: editing a form that has answers
 * makes a new version (formEdit, app/domain/evaluations.ts).
 */

type Db = Prisma.TransactionClient | typeof prisma;
export type FormVersion = { id: string; formId: string; version: number; items: EvaluationItem[] };

const versionSelect = { id: true, formId: true, version: true, items: true } as const;
const asVersion = (row: { id: string; formId: string; version: number; items: string }): FormVersion => ({
  ...row,
  items: parseItems(row.items),
});

/** The latest version of a form, or null when the form does not exist. */
async function latestOf(db: Db, formId: string): Promise<FormVersion | null> {
  const row = await db.evaluationFormVersion.findFirst({ where: { formId }, orderBy: { version: "desc" }, select: versionSelect });
  return row ? asVersion(row) : null;
}

/** The hospital's form of a kind, created with its first version from the defaults when missing. */
async function hospitalForm(db: Db, kind: FormKind): Promise<{ id: string }> {
  const found = await db.evaluationForm.findFirst({ where: { kind, programmeId: null }, select: { id: true } });
  if (found) return found;
  return db.evaluationForm.create({
    data: { kind, versions: { create: { version: 1, items: JSON.stringify(DEFAULT_FORMS[kind]) } } },
    select: { id: true },
  });
}

/**
 * The version an evaluation is filled on: for the tutors' evaluation of a resident, their programme's own
 * form if it has one, else the hospital's; for the residents', always the hospital's.
 */
export async function formVersionFor(db: Db, kind: FormKind, programmeId: string | null): Promise<FormVersion> {
  if (kind === "tutor-resident" && programmeId) {
    const own = await db.evaluationForm.findFirst({ where: { kind, programmeId }, select: { id: true } });
    const version = own ? await latestOf(db, own.id) : null;
    if (version) return version;
  }
  const form = await hospitalForm(db, kind);
  return (await latestOf(db, form.id))!;
}

/** A version by id (the one an evaluation or an answer was given on). */
export async function formVersion(db: Db, id: string): Promise<FormVersion | null> {
  const row = await db.evaluationFormVersion.findUnique({ where: { id }, select: versionSelect });
  return row ? asVersion(row) : null;
}

/** Versions by id, for many answers at once. */
export async function formVersions(db: Db, ids: readonly string[]): Promise<Map<string, FormVersion>> {
  if (!ids.length) return new Map();
  const rows = await db.evaluationFormVersion.findMany({ where: { id: { in: [...new Set(ids)] } }, select: versionSelect });
  return new Map(rows.map((row) => [row.id, asVersion(row)]));
}

export type FormSummary = {
  id: string;
  kind: FormKind;
  programmeId: string | null;
  programme: { specialtyCode: string; university: string } | null;
  version: number;
  items: number;
  answered: boolean;
};

/**
 * Every form, the hospital's first, each with its latest version and whether anyone answered on it. A
 * hospital form not made yet (none was needed) is not listed: `missingHospitalForms` names them.
 */
export async function listForms(): Promise<FormSummary[]> {
  const forms = await prisma.evaluationForm.findMany({
    orderBy: [{ programmeId: { sort: "asc", nulls: "first" } }, { kind: "asc" }],
    select: {
      id: true,
      kind: true,
      programmeId: true,
      programme: { select: { specialtyCode: true, university: { select: { name: true, shortName: true } } } },
      versions: {
        orderBy: { version: "desc" },
        take: 1,
        select: { version: true, items: true, _count: { select: { tutorEvaluations: true, answers: true } } },
      },
    },
  });
  return forms.flatMap((form) => {
    const latest = form.versions[0];
    if (!latest) return [];
    return [
      {
        id: form.id,
        kind: form.kind as FormKind,
        programmeId: form.programmeId,
        programme: form.programme
          ? {
              specialtyCode: form.programme.specialtyCode,
              university: form.programme.university.shortName ?? form.programme.university.name,
            }
          : null,
        version: latest.version,
        items: parseItems(latest.items).length,
        answered: latest._count.tutorEvaluations + latest._count.answers > 0,
      },
    ];
  });
}

/** The kinds whose hospital form does not exist yet: created from the defaults when first needed or edited. */
export async function missingHospitalForms(): Promise<FormKind[]> {
  const found = await prisma.evaluationForm.findMany({ where: { programmeId: null }, select: { kind: true } });
  return FORM_KINDS.filter((kind) => !found.some((form) => form.kind === kind));
}

/** The hospital's form of a kind, made from the defaults if it was never needed yet: its id, to edit it. */
export async function hospitalFormId(kind: FormKind): Promise<string> {
  return (await prisma.$transaction((tx) => hospitalForm(tx, kind))).id;
}

/** A form with its latest version, for its page; null when there is no such form. */
export async function formDetail(formId: string) {
  const form = await prisma.evaluationForm.findUnique({
    where: { id: formId },
    select: { id: true, kind: true, programmeId: true, _count: { select: { versions: true } } },
  });
  if (!form) return null;
  const latest = (await latestOf(prisma, form.id))!;
  return {
    id: form.id,
    kind: form.kind as FormKind,
    programmeId: form.programmeId,
    versions: form._count.versions,
    latest,
    answered: await answeredOn(prisma, latest.id),
  };
}

/** What the history says of a version's items: their keys, and a fingerprint that changes with any wording. */
function summary(items: readonly EvaluationItem[]) {
  return {
    questions: items.map((item) => item.key).join(", "),
    wording: createHash("sha256").update(JSON.stringify(items)).digest("hex").slice(0, 12),
  };
}

/** Whether anyone has answered on a version: a tutor's evaluation or a resident's answer, sealed or released. */
async function answeredOn(tx: Db, versionId: string): Promise<boolean> {
  const [tutors, released, sealed] = await Promise.all([
    tx.tutorEvaluation.count({ where: { formVersionId: versionId } }),
    tx.evaluationAnswer.count({ where: { formVersionId: versionId } }),
    // A sealed answer names its version inside its payload only.
    tx.sealedEvaluationAnswer.count({ where: { payload: { contains: `"formVersionId":"${versionId}"` } } }),
  ]);
  return tutors + released + sealed > 0;
}

/**
 * Saves a form's items: refused when they cannot be a form; nothing when unchanged; the latest version
 * changed in place while unanswered; else a new version. Returns the version now current.
 */
export async function saveFormItems(
  actorId: string,
  formId: string,
  items: EvaluationItem[],
): Promise<{ version: number; outcome: "none" | "update" | "new-version" }> {
  const problems = itemProblems(items);
  if (problems.length) refuse("items", `evaluations.formProblems.${problems[0]}`, { status: 400 });
  return prisma.$transaction(async (tx) => {
    const latest = await latestOf(tx, formId);
    if (!latest) notFound();
    const outcome = formEdit(latest.items, items, await answeredOn(tx, latest.id));
    if (outcome === "none") return { version: latest.version, outcome };
    const version = outcome === "update" ? latest.version : latest.version + 1;
    if (outcome === "update") await tx.evaluationFormVersion.update({ where: { id: latest.id }, data: { items: JSON.stringify(items) } });
    else await tx.evaluationFormVersion.create({ data: { formId, version, items: JSON.stringify(items) } });
    await recordAudit(tx, {
      actorId,
      action: "update",
      entityType: "evaluationForm",
      entityId: formId,
      before: { version: latest.version, ...summary(latest.items) },
      after: { version, ...summary(items) },
    });
    return { version, outcome };
  });
}

/** Gives a programme a form of its own for the tutors' evaluations, starting from the hospital's. */
export async function createProgrammeForm(actorId: string, programmeId: string): Promise<string> {
  return prisma.$transaction(async (tx) => {
    const programme = await tx.programme.findUnique({ where: { id: programmeId }, select: { id: true } });
    if (!programme) refuse("programmeId", "evaluations.noSuchProgramme", { status: 400 });
    const existing = await tx.evaluationForm.findFirst({ where: { kind: "tutor-resident", programmeId }, select: { id: true } });
    if (existing) return existing.id;
    const base = await formVersionFor(tx, "tutor-resident", null);
    const form = await tx.evaluationForm.create({
      data: { kind: "tutor-resident", programmeId, versions: { create: { version: 1, items: JSON.stringify(base.items) } } },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId,
      action: "create",
      entityType: "evaluationForm",
      entityId: form.id,
      before: null,
      after: { kind: "tutor-resident", programmeId },
    });
    return form.id;
  });
}

/** A programme's own form for the tutors' evaluations, or null when its tutors fill the hospital's. */
export async function programmeFormId(programmeId: string): Promise<string | null> {
  const form = await prisma.evaluationForm.findFirst({ where: { kind: "tutor-resident", programmeId }, select: { id: true } });
  return form?.id ?? null;
}
