import type { z } from "~/schemas/z";
import { PAGE_SIZE } from "~/domain/list-query";
import { DEFAULT_MAX_SUSPENSION_DAYS } from "~/domain/absences";
import { refuse } from "~/domain/refusal";
import { SPECIALTIES, specialty } from "~/domain/specialties";
import type { ProgrammeInput, programmeQuerySchema } from "~/schemas/programme";
import { prisma, type Prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { assertVersion } from "./concurrency.server";
import { programmesMatching } from "./literal-search.server";
import { archiveWhere } from "./records.server";

export type ProgrammeQuery = z.output<typeof programmeQuerySchema>;

/** Specialty codes whose Italian or English name contains the text (names live in code, not in the database). */
export function specialtiesMatching(text: string): string[] {
  const needle = text.trim().toLowerCase();
  return SPECIALTIES.filter((s) => s.it.toLowerCase().includes(needle) || s.en.toLowerCase().includes(needle)).map((s) => s.code);
}

async function whereOf(query: ProgrammeQuery): Promise<Prisma.ProgrammeWhereInput> {
  return {
    ...archiveWhere(query.status),
    ...(query.university ? { universityId: query.university } : {}),
    ...(query.specialty ? { specialtyCode: query.specialty } : {}),
    ...(query.q
      ? {
          OR: [{ id: { in: await programmesMatching(query.q) } }, { specialtyCode: { in: specialtiesMatching(query.q) } }],
        }
      : {}),
  };
}

function orderOf(query: ProgrammeQuery): Prisma.ProgrammeOrderByWithRelationInput[] {
  const by =
    query.sort === "university"
      ? { university: { name: query.dir } }
      : query.sort === "updatedAt"
        ? { updatedAt: query.dir }
        : { specialtyCode: query.dir };
  return [by, { id: "asc" }];
}

export async function listProgrammes(query: ProgrammeQuery, { all = false } = {}) {
  const where = await whereOf(query);
  const [total, rows, universities] = await Promise.all([
    prisma.programme.count({ where }),
    prisma.programme.findMany({
      where,
      orderBy: orderOf(query),
      ...(all ? {} : { skip: (query.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
      select: {
        id: true,
        specialtyCode: true,
        directorName: true,
        directorEmail: true,
        durationYears: true,
        archivedAt: true,
        university: { select: { id: true, name: true } },
        _count: { select: { residents: true, agreements: true } },
      },
    }),
    prisma.university.findMany({ where: { programmes: { some: {} } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return {
    total,
    universities,
    programmes: rows.map(({ _count, ...p }) => ({ ...p, residents: _count.residents, agreements: _count.agreements })),
  };
}

export async function getProgramme(id: string) {
  return prisma.programme.findUnique({
    where: { id },
    include: {
      university: { select: { id: true, name: true } },
      agreements: {
        select: { posts: true, agreement: { select: { id: true, startDate: true, endDate: true, signedOn: true, terminatedOn: true } } },
        orderBy: { agreement: { startDate: "desc" } },
      },
      _count: { select: { residents: true } },
    },
  });
}

/** Universities a programme can belong to: those in use, plus its current one. */
export function universityChoices(currentId?: string) {
  return prisma.university.findMany({
    where: { OR: [{ archivedAt: null }, ...(currentId ? [{ id: currentId }] : [])] },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

type Stored = {
  specialtyCode: string;
  universityId: string;
  directorName: string;
  directorEmail: string;
  durationYears: number;
  maxSuspensionDays: number;
};

function fieldsOf(input: ProgrammeInput): Stored {
  return {
    specialtyCode: input.specialtyCode,
    universityId: input.universityId,
    directorName: input.directorName,
    directorEmail: input.directorEmail,
    durationYears: input.durationYears ?? specialty(input.specialtyCode)?.years ?? 4,
    maxSuspensionDays: input.maxSuspensionDays ?? DEFAULT_MAX_SUSPENSION_DAYS,
  };
}

function audited(p: Stored) {
  return {
    specialtyCode: p.specialtyCode,
    universityId: p.universityId,
    directorName: p.directorName,
    directorEmail: p.directorEmail,
    durationYears: p.durationYears,
    maxSuspensionDays: p.maxSuspensionDays,
  };
}

async function assertUnique(tx: Prisma.TransactionClient, data: Stored, exceptId?: string) {
  const other = await tx.programme.findFirst({
    where: { universityId: data.universityId, specialtyCode: data.specialtyCode, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (other) refuse("specialtyCode", "programmes.specialtyTaken");
}

async function assertUniversity(tx: Prisma.TransactionClient, universityId: string, currentId?: string) {
  const university = await tx.university.findFirst({
    where: { id: universityId, OR: [{ archivedAt: null }, { id: currentId ?? "" }] },
    select: { id: true },
  });
  if (!university) refuse("universityId", "programmes.universityInvalid", { status: 400 });
}

export async function createProgramme(input: ProgrammeInput, actorId: string) {
  const data = fieldsOf(input);
  return prisma.$transaction(async (tx) => {
    await assertUniversity(tx, data.universityId);
    await assertUnique(tx, data);
    const programme = await tx.programme.create({ data, select: { id: true, specialtyCode: true } });
    await recordAudit(tx, {
      actorId,
      action: "create",
      entityType: "programme",
      entityId: programme.id,
      before: null,
      after: audited(data),
    });
    return programme;
  });
}

export async function updateProgramme(id: string, input: ProgrammeInput, version: string, actorId: string) {
  const data = fieldsOf(input);
  await prisma.$transaction(async (tx) => {
    const current = await tx.programme.findUniqueOrThrow({ where: { id }, include: { _count: { select: { agreements: true } } } });
    assertVersion(current, version);
    await assertUniversity(tx, data.universityId, current.universityId);
    // The agreements covering it were made with its university: it cannot change hands under them.
    if (data.universityId !== current.universityId && current._count.agreements > 0) refuse("universityId", "programmes.coveredMove");
    await assertUnique(tx, data, id);
    await tx.programme.update({ where: { id }, data });
    await recordAudit(tx, {
      actorId,
      action: "update",
      entityType: "programme",
      entityId: id,
      before: audited(current),
      after: audited(data),
    });
  });
}

export async function setProgrammeArchived(id: string, archived: boolean, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const current = await tx.programme.findUniqueOrThrow({ where: { id } });
    const archivedAt = archived ? new Date() : null;
    await tx.programme.update({ where: { id }, data: { archivedAt } });
    await recordAudit(tx, {
      actorId,
      action: archived ? "archive" : "restore",
      entityType: "programme",
      entityId: id,
      before: { archivedAt: current.archivedAt },
      after: { archivedAt },
    });
  });
}

/** Deletes a programme nothing refers to; otherwise refuses, counting its residents and agreements. */
export async function deleteProgramme(id: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const current = await tx.programme.findUniqueOrThrow({
      where: { id },
      include: { _count: { select: { residents: true, agreements: true } } },
    });
    if (current._count.residents + current._count.agreements > 0) {
      refuse(null, "programmes.inUse", { values: { residents: current._count.residents, agreements: current._count.agreements } });
    }
    await tx.programme.delete({ where: { id } });
    await recordAudit(tx, { actorId, action: "delete", entityType: "programme", entityId: id, before: audited(current), after: null });
  });
}
