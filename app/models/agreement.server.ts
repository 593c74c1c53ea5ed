import type { z } from "~/schemas/z";
import { agreementProblems, agreementRefusals, renewalDates, terminationProblem } from "~/domain/agreement-rules";
import { agreementStatus, EXPIRING_WITHIN_DAYS, type AgreementStatus } from "~/domain/agreement-status";
import { addDays, hospitalToday } from "~/domain/dates";
import { PAGE_SIZE } from "~/domain/list-query";
import { notFound, refuse, Refused } from "~/domain/refusal";
import { coveredRows, type AgreementInput, type agreementQuerySchema } from "~/schemas/agreement";
import { prisma, type Prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { assertVersion } from "./concurrency.server";
import { checkPdf, removeDocumentFile, storeDocument } from "./document.server";
import { agreementsMatching } from "./literal-search.server";

export type AgreementQuery = z.output<typeof agreementQuerySchema>;

/**
 * Database conditions equivalent to agreementStatus() on `today` (a unit test checks they agree), so
 * the list can filter by a status that is never stored.
 */
export function statusWhere(status: AgreementStatus, today: Date): Prisma.AgreementWhereInput {
  const horizon = addDays(today, EXPIRING_WITHIN_DAYS);
  const notTerminatedYet: Prisma.AgreementWhereInput = { OR: [{ terminatedOn: null }, { terminatedOn: { gte: today } }] };
  const inForce: Prisma.AgreementWhereInput = {
    AND: [notTerminatedYet, { signedOn: { not: null } }, { startDate: { lte: today } }, { endDate: { gte: today } }],
  };
  switch (status) {
    case "terminated":
      return { terminatedOn: { lt: today } };
    case "expired":
      return { AND: [notTerminatedYet, { endDate: { lt: today } }] };
    case "draft":
      return { AND: [notTerminatedYet, { signedOn: null }, { endDate: { gte: today } }] };
    case "scheduled":
      return { AND: [notTerminatedYet, { signedOn: { not: null } }, { startDate: { gt: today } }, { endDate: { gte: today } }] };
    case "active":
      return { AND: [inForce, { endDate: { gt: horizon } }, { OR: [{ terminatedOn: null }, { terminatedOn: { gt: horizon } }] }] };
    case "expiring":
      return { AND: [inForce, { OR: [{ endDate: { lte: horizon } }, { terminatedOn: { lte: horizon } }] }] };
  }
}

/** Agreements in force on `today` (active or expiring): the ones that grant posts. */
export function inForceWhere(today: Date): Prisma.AgreementWhereInput {
  return { OR: [statusWhere("active", today), statusWhere("expiring", today)] };
}

async function listWhere(query: AgreementQuery, today: Date): Promise<Prisma.AgreementWhereInput> {
  return {
    AND: [
      query.university ? { universityId: query.university } : {},
      query.role ? { facilityRole: query.role } : {},
      query.status ? statusWhere(query.status, today) : {},
      query.q ? { id: { in: await agreementsMatching(query.q) } } : {},
    ],
  };
}

const summarySelect = {
  id: true,
  universityId: true,
  facilityRole: true,
  startDate: true,
  endDate: true,
  signedOn: true,
  terminatedOn: true,
  documentId: true,
  updatedAt: true,
  university: { select: { name: true } },
  programmes: { select: { posts: true } },
} satisfies Prisma.AgreementSelect;

export async function listAgreements(query: AgreementQuery, { all = false, today = hospitalToday() } = {}) {
  const where = await listWhere(query, today);
  const [total, rows, universities] = await Promise.all([
    prisma.agreement.count({ where }),
    prisma.agreement.findMany({
      where,
      orderBy: [{ [query.sort]: query.dir }, { id: "asc" }],
      ...(all ? {} : { skip: (query.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
      select: summarySelect,
    }),
    prisma.university.findMany({ where: { agreements: { some: {} } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return {
    total,
    universities,
    agreements: rows.map(({ programmes, ...a }) => ({
      ...a,
      status: agreementStatus(a, today),
      programmes: programmes.length,
      posts: programmes.reduce((sum, p) => sum + p.posts, 0),
    })),
  };
}

export async function getAgreement(id: string, today = hospitalToday()) {
  const agreement = await prisma.agreement.findUnique({
    where: { id },
    include: {
      university: { select: { id: true, name: true } },
      programmes: { select: { programmeId: true, posts: true, programme: { select: { specialtyCode: true } } } },
      document: { select: { id: true, fileName: true, size: true, uploadedAt: true } },
      renews: { select: { id: true, startDate: true, endDate: true } },
      renewals: { select: { id: true, startDate: true, endDate: true }, orderBy: { startDate: "asc" } },
    },
  });
  return agreement ? { ...agreement, status: agreementStatus(agreement, today) } : null;
}

/** The programmes an agreement of this university can cover (archived ones only if already covered). */
export function programmesOf(universityId: string, alreadyCovered: string[] = []) {
  return prisma.programme.findMany({
    where: { universityId, OR: [{ archivedAt: null }, { id: { in: alreadyCovered } }] },
    select: { id: true, specialtyCode: true, archivedAt: true },
    orderBy: { specialtyCode: "asc" },
  });
}

async function checkRules(tx: Prisma.TransactionClient, candidate: Parameters<typeof agreementProblems>[0]) {
  const ids = candidate.coverage.map((c) => c.programmeId);
  const [programmes, others] = await Promise.all([
    tx.programme.findMany({
      where: { id: { in: ids } },
      select: { id: true, universityId: true, specialtyCode: true, university: { select: { name: true } } },
    }),
    tx.agreement.findMany({
      where: { programmes: { some: { programmeId: { in: ids } } }, ...(candidate.id ? { id: { not: candidate.id } } : {}) },
      select: {
        id: true,
        startDate: true,
        endDate: true,
        signedOn: true,
        terminatedOn: true,
        programmes: { select: { programmeId: true } },
      },
    }),
  ]);
  const problems = agreementProblems(
    candidate,
    new Map(programmes.map((p) => [p.id, p])),
    others.map((o) => ({ ...o, programmeIds: o.programmes.map((p) => p.programmeId) })),
  );
  if (problems.length) {
    const named = new Map(programmes.map((p) => [p.id, { specialtyCode: p.specialtyCode, university: p.university.name }]));
    throw new Refused(agreementRefusals(problems, named));
  }
}

/** What the audit trail keeps of an agreement. */
function audited(a: {
  universityId: string;
  facilityRole: string;
  startDate: Date;
  endDate: Date;
  signedOn: Date | null;
  notes: string | null;
  coverage: Array<{ programmeId: string; posts: number }>;
}) {
  const coverage = Object.fromEntries(
    [...a.coverage].sort((x, y) => x.programmeId.localeCompare(y.programmeId)).map((c) => [c.programmeId, c.posts]),
  );
  return {
    universityId: a.universityId,
    facilityRole: a.facilityRole,
    startDate: a.startDate,
    endDate: a.endDate,
    signedOn: a.signedOn,
    notes: a.notes,
    coverage,
  };
}

function fieldsOf(input: AgreementInput) {
  return {
    universityId: input.universityId,
    facilityRole: input.facilityRole,
    startDate: input.startDate,
    endDate: input.endDate,
    signedOn: input.signedOn ?? null,
    notes: input.notes ? input.notes : null,
  };
}

export async function createAgreement(input: AgreementInput, actorId: string, renewsId: string | null = null) {
  const coverage = coveredRows(input);
  return prisma.$transaction(async (tx) => {
    // Only a tampered form names a university that does not exist or is archived: "not found". A renewal
    // keeps the university of the agreement it renews.
    if (!renewsId && !(await tx.university.count({ where: { id: input.universityId, archivedAt: null } }))) notFound();
    await checkRules(tx, { ...input, coverage });
    const agreement = await tx.agreement.create({
      data: { ...fieldsOf(input), renewsId, programmes: { create: coverage } },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId,
      action: renewsId ? "renew" : "create",
      entityType: "agreement",
      entityId: agreement.id,
      before: null,
      after: { ...audited({ ...fieldsOf(input), coverage }), ...(renewsId ? { renewsId } : {}) },
    });
    return agreement;
  });
}

/** Saves an edit; the university is fixed when the agreement is created and never changes. */
export async function updateAgreement(id: string, edited: AgreementInput, version: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const current = await tx.agreement.findUniqueOrThrow({ where: { id }, include: { programmes: true } });
    assertVersion(current, version);
    const input = { ...edited, universityId: current.universityId };
    const coverage = coveredRows(input);
    await checkRules(tx, { ...input, id, terminatedOn: current.terminatedOn, coverage });
    await tx.agreementProgramme.deleteMany({ where: { agreementId: id } });
    await tx.agreement.update({ where: { id }, data: { ...fieldsOf(input), programmes: { create: coverage } } });
    await recordAudit(tx, {
      actorId,
      action: "update",
      entityType: "agreement",
      entityId: id,
      before: audited({ ...current, coverage: current.programmes }),
      after: audited({ ...fieldsOf(input), coverage }),
    });
  });
}

/** Ends an agreement early: `terminatedOn` is its last day of validity. */
export async function terminateAgreement(id: string, terminatedOn: Date, reason: string, version: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const current = await tx.agreement.findUniqueOrThrow({ where: { id } });
    assertVersion(current, version);
    const problem = current.signedOn ? terminationProblem(current, terminatedOn) : "notSigned";
    if (problem) refuse("terminatedOn", `agreements.termination${problem[0]!.toUpperCase()}${problem.slice(1)}`);
    await tx.agreement.update({ where: { id }, data: { terminatedOn, terminationReason: reason } });
    await recordAudit(tx, {
      actorId,
      action: "terminate",
      entityType: "agreement",
      entityId: id,
      before: { terminatedOn: null, terminationReason: null },
      after: { terminatedOn, terminationReason: reason },
    });
  });
}

/** A new draft prefilled from the old agreement and linked to it; it starts the day after the old one ends. */
export async function renewAgreement(id: string, actorId: string) {
  const old = await prisma.agreement.findUniqueOrThrow({ where: { id }, include: { programmes: true } });
  const dates = renewalDates(old);
  const coverage = old.programmes.map((p) => ({ programmeId: p.programmeId, posts: p.posts }));
  return createAgreement(
    {
      universityId: old.universityId,
      facilityRole: old.facilityRole as AgreementInput["facilityRole"],
      startDate: dates.startDate,
      endDate: dates.endDate,
      signedOn: undefined,
      notes: old.notes ?? undefined,
      coverage,
    },
    actorId,
    old.id,
  );
}

/** Attaches the signed document (replacing any earlier one), after checking it is a PDF of at most 10 MB. */
export async function attachDocument(id: string, file: File | null, actorId: string) {
  const bytes = file ? new Uint8Array(await file.arrayBuffer()) : null;
  checkPdf(file, bytes);
  const previous = await prisma.agreement.findUniqueOrThrow({
    where: { id },
    select: { documentId: true, document: { select: { fileName: true } } },
  });
  const stored = await prisma.$transaction(async (tx) => {
    const row = await storeDocument(tx, file!, bytes!, actorId);
    await tx.agreement.update({ where: { id }, data: { documentId: row.id } });
    if (previous.documentId) await tx.storedDocument.delete({ where: { id: previous.documentId } });
    await recordAudit(tx, {
      actorId,
      action: "upload",
      entityType: "agreement",
      entityId: id,
      before: { document: previous.document?.fileName ?? null },
      after: { document: row.fileName },
    });
    return row;
  });
  if (previous.documentId) await removeDocumentFile(previous.documentId);
  return stored;
}

/** Only a draft (never signed) can be deleted; a signed agreement is part of the record and is terminated instead. */
export async function deleteAgreement(id: string, actorId: string) {
  const current = await prisma.agreement.findUniqueOrThrow({ where: { id }, include: { programmes: true } });
  if (current.signedOn) refuse(null, "agreements.notDraft");
  await prisma.$transaction(async (tx) => {
    await tx.agreement.delete({ where: { id } });
    if (current.documentId) await tx.storedDocument.delete({ where: { id: current.documentId } });
    await recordAudit(tx, {
      actorId,
      action: "delete",
      entityType: "agreement",
      entityId: id,
      before: audited({ ...current, coverage: current.programmes }),
      after: null,
    });
  });
  if (current.documentId) await removeDocumentFile(current.documentId);
}

/** The signed document of an agreement (its row; the bytes are read by readDocument), or null. */
export async function agreementDocument(id: string) {
  const agreement = await prisma.agreement.findUnique({
    where: { id },
    select: { document: { select: { id: true, fileName: true, size: true } } },
  });
  return agreement?.document ?? null;
}
