import type { z } from "~/schemas/z";
import { PAGE_SIZE } from "~/domain/list-query";
import { refuse } from "~/domain/refusal";
import type { DepartmentInput, departmentQuerySchema } from "~/schemas/department";
import { prisma, type Prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { assertVersion } from "./concurrency.server";
import { departmentsMatching } from "./literal-search.server";
import { archiveWhere } from "./records.server";

export type DepartmentQuery = z.output<typeof departmentQuerySchema>;

async function whereOf(query: DepartmentQuery): Promise<Prisma.DepartmentWhereInput> {
  return {
    ...archiveWhere(query.status),
    ...(query.staff === "none" ? { tutors: { none: {} } } : {}),
    ...(query.q ? { id: { in: await departmentsMatching(query.q) } } : {}),
  };
}

export async function listDepartments(query: DepartmentQuery, { all = false } = {}) {
  const where = await whereOf(query);
  const [total, rows] = await Promise.all([
    prisma.department.count({ where }),
    prisma.department.findMany({
      where,
      orderBy: [{ [query.sort]: query.dir }, { id: "asc" }],
      ...(all ? {} : { skip: (query.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
      select: {
        id: true,
        name: true,
        capacity: true,
        archivedAt: true,
        head: { select: { name: true } },
        tutors: { select: { user: { select: { name: true } } }, orderBy: { user: { name: "asc" } } },
      },
    }),
  ]);
  return { total, departments: rows.map(({ tutors, ...d }) => ({ ...d, tutors: tutors.map((t) => t.user.name) })) };
}

export async function getDepartment(id: string) {
  return prisma.department.findUnique({
    where: { id },
    include: {
      head: { select: { id: true, name: true, email: true } },
      tutors: { select: { user: { select: { id: true, name: true, email: true, active: true } } }, orderBy: { user: { name: "asc" } } },
    },
  });
}

/** The people who can be chosen as head or tutor: active accounts with the tutor role, plus those already chosen. */
export function tutorChoices(alreadyChosen: string[] = []) {
  return prisma.user.findMany({
    where: { OR: [{ active: true, roles: { some: { role: "tutor" } } }, { id: { in: alreadyChosen } }] },
    select: { id: true, name: true, email: true },
    orderBy: { name: "asc" },
  });
}

type Stored = { name: string; headId: string | null; capacity: number; tutorIds: string[] };

/** The head always belongs to the staff: chosen as head, they are added to the tutors. */
function fieldsOf(input: DepartmentInput): Stored {
  const headId = input.headId ? input.headId : null;
  const tutorIds = [...new Set([...input.tutorIds, ...(headId ? [headId] : [])])].sort();
  return { name: input.name, headId, capacity: input.capacity, tutorIds };
}

function audited(d: Stored) {
  return { name: d.name, headId: d.headId, capacity: d.capacity, tutorIds: d.tutorIds };
}

async function checkChoices(tx: Prisma.TransactionClient, data: Stored, current: string[] = []) {
  const allowed = await tx.user.count({
    where: { id: { in: data.tutorIds }, OR: [{ active: true, roles: { some: { role: "tutor" } } }, { id: { in: current } }] },
  });
  if (allowed !== data.tutorIds.length) refuse("tutorIds", "departments.tutorInvalid", { status: 400 });
}

async function assertNameFree(tx: Prisma.TransactionClient, name: string, exceptId?: string) {
  const other = await tx.department.findFirst({ where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (other) refuse("name", "departments.nameTaken");
}

export async function createDepartment(input: DepartmentInput, actorId: string) {
  const data = fieldsOf(input);
  return prisma.$transaction(async (tx) => {
    await assertNameFree(tx, data.name);
    await checkChoices(tx, data);
    const department = await tx.department.create({
      data: {
        name: data.name,
        headId: data.headId,
        capacity: data.capacity,
        tutors: { create: data.tutorIds.map((userId) => ({ userId })) },
      },
      select: { id: true, name: true },
    });
    await recordAudit(tx, {
      actorId,
      action: "create",
      entityType: "department",
      entityId: department.id,
      before: null,
      after: audited(data),
    });
    return department;
  });
}

export async function updateDepartment(id: string, input: DepartmentInput, version: string, actorId: string) {
  const data = fieldsOf(input);
  await prisma.$transaction(async (tx) => {
    const current = await tx.department.findUniqueOrThrow({ where: { id }, include: { tutors: { select: { userId: true } } } });
    assertVersion(current, version);
    const currentTutors = current.tutors.map((t) => t.userId).sort();
    await assertNameFree(tx, data.name, id);
    await checkChoices(tx, data, currentTutors);
    await tx.departmentTutor.deleteMany({ where: { departmentId: id } });
    await tx.department.update({
      where: { id },
      data: {
        name: data.name,
        headId: data.headId,
        capacity: data.capacity,
        tutors: { create: data.tutorIds.map((userId) => ({ userId })) },
      },
    });
    await recordAudit(tx, {
      actorId,
      action: "update",
      entityType: "department",
      entityId: id,
      before: audited({ name: current.name, headId: current.headId, capacity: current.capacity, tutorIds: currentTutors }),
      after: audited(data),
    });
  });
}

export async function setDepartmentArchived(id: string, archived: boolean, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const current = await tx.department.findUniqueOrThrow({ where: { id } });
    const archivedAt = archived ? new Date() : null;
    await tx.department.update({ where: { id }, data: { archivedAt } });
    await recordAudit(tx, {
      actorId,
      action: archived ? "archive" : "restore",
      entityType: "department",
      entityId: id,
      before: { archivedAt: current.archivedAt },
      after: { archivedAt },
    });
  });
}

/** Deletes a department no rotation refers to (its staff rows go with it); otherwise refuses, counting them. */
export async function deleteDepartment(id: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const current = await tx.department.findUniqueOrThrow({
      where: { id },
      include: { tutors: { select: { userId: true } }, _count: { select: { rotations: true } } },
    });
    if (current._count.rotations > 0) refuse(null, "departments.inUse", { values: { count: current._count.rotations } });
    await tx.department.delete({ where: { id } });
    await recordAudit(tx, {
      actorId,
      action: "delete",
      entityType: "department",
      entityId: id,
      before: audited({
        name: current.name,
        headId: current.headId,
        capacity: current.capacity,
        tutorIds: current.tutors.map((t) => t.userId).sort(),
      }),
      after: null,
    });
  });
}
