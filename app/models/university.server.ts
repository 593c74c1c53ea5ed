import { PAGE_SIZE } from "~/domain/list-query";
import { refuse } from "~/domain/refusal";
import type { z } from "~/schemas/z";
import type { UniversityInput, universityQuerySchema } from "~/schemas/university";
import { prisma, type Prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { assertVersion } from "./concurrency.server";
import { universitiesMatching } from "./literal-search.server";
import { archiveWhere } from "./records.server";

export type UniversityQuery = z.output<typeof universityQuerySchema>;

async function whereOf(query: UniversityQuery): Promise<Prisma.UniversityWhereInput> {
  return {
    ...archiveWhere(query.status),
    ...(query.city ? { city: query.city } : {}),
    ...(query.q ? { id: { in: await universitiesMatching(query.q) } } : {}),
  };
}

const listSelect = {
  id: true,
  name: true,
  shortName: true,
  city: true,
  contactOffice: true,
  contactEmail: true,
  archivedAt: true,
  updatedAt: true,
  _count: { select: { programmes: true, agreements: true } },
} satisfies Prisma.UniversitySelect;

/** One page of the list, or every matching row (`all`, for the CSV export). */
export async function listUniversities(query: UniversityQuery, { all = false } = {}) {
  const where = await whereOf(query);
  const [total, rows, cities] = await Promise.all([
    prisma.university.count({ where }),
    prisma.university.findMany({
      where,
      orderBy: [{ [query.sort]: query.dir }, { id: "asc" }],
      ...(all ? {} : { skip: (query.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
      select: listSelect,
    }),
    prisma.university.findMany({ distinct: ["city"], select: { city: true }, orderBy: { city: "asc" } }),
  ]);
  return {
    total,
    cities: cities.map((c) => c.city),
    universities: rows.map(({ _count, ...u }) => ({ ...u, programmes: _count.programmes, agreements: _count.agreements })),
  };
}

export async function getUniversity(id: string) {
  return prisma.university.findUnique({
    where: { id },
    include: {
      programmes: { select: { id: true, specialtyCode: true, durationYears: true, archivedAt: true }, orderBy: { specialtyCode: "asc" } },
      _count: { select: { agreements: true } },
    },
  });
}

type UniversityFields = {
  name: string;
  city: string;
  shortName?: string | null;
  contactOffice?: string | null;
  contactEmail?: string | null;
};

/** The stored fields of a university: an emptied optional field is cleared, not left unchanged. */
function fieldsOf(u: UniversityFields) {
  return {
    name: u.name,
    shortName: u.shortName ?? null,
    city: u.city,
    contactOffice: u.contactOffice ?? null,
    contactEmail: u.contactEmail ?? null,
  };
}

async function assertNameFree(tx: Prisma.TransactionClient, name: string, exceptId?: string) {
  const other = await tx.university.findFirst({ where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (other) refuse("name", "universities.nameTaken");
}

export async function createUniversity(input: UniversityInput, actorId: string) {
  return prisma.$transaction(async (tx) => {
    await assertNameFree(tx, input.name);
    const university = await tx.university.create({ data: fieldsOf(input), select: { id: true, name: true } });
    await recordAudit(tx, {
      actorId,
      action: "create",
      entityType: "university",
      entityId: university.id,
      before: null,
      after: fieldsOf(input),
    });
    return university;
  });
}

export async function updateUniversity(id: string, input: UniversityInput, version: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const current = await tx.university.findUniqueOrThrow({ where: { id } });
    assertVersion(current, version);
    await assertNameFree(tx, input.name, id);
    await tx.university.update({ where: { id }, data: fieldsOf(input) });
    await recordAudit(tx, {
      actorId,
      action: "update",
      entityType: "university",
      entityId: id,
      before: fieldsOf(current),
      after: fieldsOf(input),
    });
  });
}

export async function setUniversityArchived(id: string, archived: boolean, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const current = await tx.university.findUniqueOrThrow({ where: { id } });
    const archivedAt = archived ? new Date() : null;
    await tx.university.update({ where: { id }, data: { archivedAt } });
    await recordAudit(tx, {
      actorId,
      action: archived ? "archive" : "restore",
      entityType: "university",
      entityId: id,
      before: { archivedAt: current.archivedAt },
      after: { archivedAt },
    });
  });
}

/** Deletes a university nothing refers to; otherwise refuses, counting what depends on it. */
export async function deleteUniversity(id: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const current = await tx.university.findUniqueOrThrow({
      where: { id },
      include: { _count: { select: { programmes: true, agreements: true } } },
    });
    if (current._count.programmes + current._count.agreements > 0) {
      refuse(null, "universities.inUse", {
        values: { count: current._count.programmes + current._count.agreements, ...current._count },
      });
    }
    await tx.university.delete({ where: { id } });
    await recordAudit(tx, { actorId, action: "delete", entityType: "university", entityId: id, before: fieldsOf(current), after: null });
  });
}

/** The universities an administrator may choose for new work (not archived), by name. */
export async function universityChoices() {
  return prisma.university.findMany({ where: { archivedAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/** Whether the university is one of those choices (exists and is not archived): what an import is for. */
export async function isUniversityChoice(id: string): Promise<boolean> {
  const university = await prisma.university.findFirst({ where: { id, archivedAt: null }, select: { id: true } });
  return university !== null;
}
