import type { z } from "~/schemas/z";
import { hospitalToday, toIsoDate } from "~/domain/dates";
import { PAGE_SIZE } from "~/domain/list-query";
import { refuse, Refused, type Refusal } from "~/domain/refusal";
import { rotationProblems, rotationRefusals, rotationStatus, type RotationContext } from "~/domain/rotation-rules";
import type { RotationInput, rotationQuerySchema } from "~/schemas/rotation";
import { prisma, type Prisma } from "~/utils/db.server";
import { PROTECTED_RECORDED } from "./absence.server";
import { awaySpans } from "./away.server";
import { recordAudit } from "./audit.server";
import { listTotal } from "./list-total.server";
import { assertVersion } from "./concurrency.server";
import { notify } from "./notification.server";
import { peopleMatching } from "./person-search.server";

export type RotationQuery = z.output<typeof rotationQuerySchema>;
type Db = Prisma.TransactionClient | typeof prisma;

export type Candidate = { id?: string; residentId: string; departmentId: string; tutorId: string | null; startDate: Date; endDate: Date };

const active = { state: { not: "cancelled" } } as const;

/** Everything the seven rules need to judge a candidate rotation, read in a handful of indexed queries, and the department's name. */
export async function rotationContext(db: Db, candidate: Candidate): Promise<(RotationContext & { departmentName: string }) | null> {
  const overlap = { startDate: { lte: candidate.endDate }, endDate: { gte: candidate.startDate } };
  const [resident, department] = await Promise.all([
    db.resident.findUnique({ where: { id: candidate.residentId }, select: { stayStart: true, stayEnd: true, programmeId: true } }),
    db.department.findUnique({
      where: { id: candidate.departmentId },
      select: { name: true, capacity: true, tutors: { select: { userId: true } } },
    }),
  ]);
  if (!resident || !department) return null;
  const [residentRotations, departmentRotations, agreements, programmeRotations, absences] = await Promise.all([
    db.rotation.findMany({
      where: { residentId: candidate.residentId, ...active, ...overlap },
      select: { id: true, startDate: true, endDate: true, department: { select: { name: true } } },
    }),
    db.rotation.findMany({
      where: { departmentId: candidate.departmentId, ...active, ...overlap },
      select: { id: true, startDate: true, endDate: true },
    }),
    db.agreementProgramme.findMany({
      where: {
        programmeId: resident.programmeId,
        agreement: { startDate: { lte: candidate.endDate }, endDate: { gte: candidate.startDate } },
      },
      select: { posts: true, agreement: { select: { id: true, startDate: true, endDate: true, signedOn: true, terminatedOn: true } } },
    }),
    db.rotation.findMany({
      where: { resident: { programmeId: resident.programmeId }, residentId: { not: candidate.residentId }, ...active, ...overlap },
      select: { id: true, startDate: true, endDate: true },
    }),
    db.absence.findMany({
      where: { residentId: candidate.residentId, ...PROTECTED_RECORDED, ...overlap },
      select: { startDate: true, endDate: true },
    }),
  ]);
  return {
    candidate,
    resident,
    residentRotations: residentRotations.map((r) => ({
      id: r.id,
      startDate: r.startDate,
      endDate: r.endDate,
      departmentName: r.department.name,
    })),
    department: { capacity: department.capacity, tutorIds: department.tutors.map((t) => t.userId) },
    departmentName: department.name,
    departmentRotations,
    agreements: agreements.map((a) => ({ ...a.agreement, posts: a.posts })),
    programmeRotations,
    absences: absences.map((a) => ({ start: a.startDate, end: a.endDate })),
  };
}

/** The broken rules of a candidate, for the live check in the form (nothing is written). */
export async function checkRotation(candidate: Candidate): Promise<Refusal[]> {
  const context = await rotationContext(prisma, candidate);
  return context ? rotationRefusals(rotationProblems(context), context.departmentName) : [];
}

async function assertRules(tx: Prisma.TransactionClient, candidate: Candidate) {
  const context = await rotationContext(tx, candidate);
  if (!context) {
    // Only a tampered form names a resident or department that does not exist: say which.
    const resident = await tx.resident.findUnique({ where: { id: candidate.residentId }, select: { id: true } });
    if (!resident) refuse("residentId", "rotations.residentInvalid", { status: 400 });
    refuse("departmentId", "rotations.departmentInvalid", { status: 400 });
  }
  const problems = rotationProblems(context);
  if (problems.length) throw new Refused(rotationRefusals(problems, context.departmentName));
}

function fieldsOf(input: RotationInput) {
  return {
    residentId: input.residentId,
    departmentId: input.departmentId,
    tutorId: input.tutorId,
    startDate: input.startDate,
    endDate: input.endDate,
    state: input.state,
    notes: input.notes ? input.notes : null,
  };
}

export async function createRotation(input: RotationInput, actorId: string) {
  const data = fieldsOf(input);
  return prisma.$transaction(async (tx) => {
    await assertRules(tx, data);
    const rotation = await tx.rotation.create({ data, select: { id: true } });
    await recordAudit(tx, { actorId, action: "create", entityType: "rotation", entityId: rotation.id, before: null, after: data });
    return rotation;
  });
}

/** Saves an edit (a move of dates, department or tutor): all seven rules apply again. */
export async function updateRotation(id: string, input: RotationInput, version: string, actorId: string) {
  const data = fieldsOf(input);
  await prisma.$transaction(async (tx) => {
    const current = await tx.rotation.findUniqueOrThrow({ where: { id } });
    assertVersion(current, version);
    await assertRules(tx, { ...data, id });
    await tx.rotation.update({ where: { id }, data });
    const { residentId, departmentId, tutorId, startDate, endDate, state, notes } = current;
    const moved =
      departmentId !== data.departmentId ||
      startDate.getTime() !== data.startDate.getTime() ||
      endDate.getTime() !== data.endDate.getTime();
    if (moved && (state === "confirmed" || data.state === "confirmed")) {
      await tellResident(tx, data, "rotation-changed");
    }
    await recordAudit(tx, {
      actorId,
      action: "update",
      entityType: "rotation",
      entityId: id,
      before: { residentId, departmentId, tutorId, startDate, endDate, state, notes },
      after: data,
    });
  });
}

/** Cancelling frees the days; the rotation stays in the record. */
export async function cancelRotation(id: string, version: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const current = await tx.rotation.findUniqueOrThrow({ where: { id } });
    assertVersion(current, version);
    await tx.rotation.update({ where: { id }, data: { state: "cancelled" } });
    if (current.state === "confirmed") await tellResident(tx, current, "rotation-cancelled");
    await recordAudit(tx, {
      actorId,
      action: "cancel",
      entityType: "rotation",
      entityId: id,
      before: { state: current.state },
      after: { state: "cancelled" },
    });
  });
}

/**
 * Tells the resident that a rotation they counted on (a confirmed one, not yet over) moved or was
 * cancelled; a planned one is still a draft of the administrators' and changes silently.
 */
async function tellResident(
  tx: Prisma.TransactionClient,
  rotation: { residentId: string; departmentId: string; startDate: Date; endDate: Date },
  kind: "rotation-changed" | "rotation-cancelled",
) {
  if (rotation.endDate < hospitalToday()) return;
  const [resident, department] = await Promise.all([
    tx.resident.findUniqueOrThrow({ where: { id: rotation.residentId }, select: { userId: true } }),
    tx.department.findUniqueOrThrow({ where: { id: rotation.departmentId }, select: { name: true } }),
  ]);
  await notify(tx, [resident.userId], {
    kind,
    params: { department: department.name, startDate: toIsoDate(rotation.startDate), endDate: toIsoDate(rotation.endDate) },
    link: "/me/rotations",
  });
}

const listSelect = {
  id: true,
  startDate: true,
  endDate: true,
  state: true,
  updatedAt: true,
  department: { select: { id: true, name: true } },
  tutor: { select: { id: true, name: true, email: true } },
  resident: {
    select: {
      id: true,
      user: { select: { name: true } },
      programme: { select: { specialtyCode: true, university: { select: { name: true } } } },
    },
  },
} satisfies Prisma.RotationSelect;

export async function listRotations(query: RotationQuery, today = hospitalToday()) {
  const when: Prisma.RotationWhereInput =
    query.when === "current"
      ? { startDate: { lte: today }, endDate: { gte: today } }
      : query.when === "upcoming"
        ? { startDate: { gt: today } }
        : query.when === "past"
          ? { endDate: { lt: today } }
          : {};
  const where: Prisma.RotationWhereInput = {
    ...when,
    ...(query.department ? { departmentId: query.department } : {}),
    ...(query.state ? { state: query.state } : {}),
    ...(query.q ? { resident: { userId: { in: await peopleMatching(query.q) } } } : {}),
  };
  const [total, rows, departments] = await Promise.all([
    listTotal("Rotation", where, (where) => prisma.rotation.count({ where })),
    prisma.rotation.findMany({
      where,
      orderBy: [{ [query.sort]: query.dir }, { id: "asc" }],
      skip: (query.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: listSelect,
    }),
    prisma.department.findMany({ where: { archivedAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { total, departments, rotations: rows.map((r) => ({ ...r, status: rotationStatus(r, today) })) };
}

export async function getRotation(id: string) {
  return prisma.rotation.findUnique({
    where: { id },
    select: { ...listSelect, residentId: true, departmentId: true, tutorId: true, notes: true },
  });
}

/**
 * The choices of the planning form: residents, departments (with their staff) and nothing else. The
 * residents are those whose stay has not ended by `today` (a rotation is planned for now or later),
 * and `keep` whatever its stay (the resident of the rotation being edited): the residents of years
 * past would otherwise make the list longer every year.
 */
export async function planningChoices({ today = hospitalToday(), keep }: { today?: Date; keep?: string | null } = {}) {
  const [residents, departments] = await Promise.all([
    prisma.resident.findMany({
      where: { OR: [{ user: { active: true }, stayEnd: { gte: today } }, ...(keep ? [{ id: keep }] : [])] },
      select: {
        id: true,
        stayStart: true,
        stayEnd: true,
        user: { select: { name: true } },
        programme: { select: { specialtyCode: true } },
      },
      orderBy: { user: { name: "asc" } },
    }),
    prisma.department.findMany({
      where: { archivedAt: null },
      select: {
        id: true,
        name: true,
        capacity: true,
        tutors: { select: { user: { select: { id: true, name: true } } }, orderBy: { user: { name: "asc" } } },
      },
      orderBy: { name: "asc" },
    }),
  ]);
  return { residents, departments: departments.map((d) => ({ ...d, tutors: d.tutors.map((t) => t.user) })) };
}

/** A resident's own rotations, newest first: only ever the signed-in person's. */
export async function rotationsOfUser(userId: string, today = hospitalToday()) {
  const rows = await prisma.rotation.findMany({
    where: { resident: { userId }, state: { not: "cancelled" } },
    select: {
      id: true,
      startDate: true,
      endDate: true,
      state: true,
      department: { select: { name: true } },
      tutor: { select: { name: true, email: true } },
    },
    orderBy: { startDate: "desc" },
  });
  return rows.map((r) => ({ ...r, status: rotationStatus(r, today) }));
}

/**
 * The rotations that put a resident in a tutor's care: rotating now or within 60 days in their
 * departments, or supervised by them. One query for the tutor's departments first: "in one of these
 * departments" is then a lookup in the rotations' department index, where a condition through the
 * department's staff would test every open rotation.
 */
async function careWhere(tutorId: string, today: Date): Promise<Prisma.RotationWhereInput> {
  const horizon = new Date(today.getTime() + 60 * 24 * 60 * 60 * 1000);
  const departments = await prisma.departmentTutor.findMany({ where: { userId: tutorId }, select: { departmentId: true } });
  return {
    state: { not: "cancelled" },
    endDate: { gte: today },
    startDate: { lte: horizon },
    OR: [{ tutorId }, { departmentId: { in: departments.map((d) => d.departmentId) } }],
  };
}

/** Whether a resident is in a tutor's care, exactly as /tutor/residents lists them. */
export async function isInCare(tutorId: string, residentId: string, today = hospitalToday()): Promise<boolean> {
  const where = await careWhere(tutorId, today);
  return (await prisma.rotation.findFirst({ where: { AND: [where, { residentId }] }, select: { id: true } })) !== null;
}

/**
 * The residents in a tutor's care: rotating now or within 60 days in their departments, or supervised by
 * them; one page of them (soonest first) and how many there are. A department of a large network hosts
 * dozens at once.
 */
export async function residentsInCare(tutorId: string, { today = hospitalToday(), page = 1 }: { today?: Date; page?: number } = {}) {
  // Every rotation in care first, by its ids and start (a few hundred at most), then the page's details:
  // asked for one ordered page at once, PostgreSQL walked the start-date index through every rotation of
  // the network (900 ms at national size) instead of the tutor's and departments' own indexes.
  const inCare = await prisma.rotation.findMany({ where: await careWhere(tutorId, today), select: { id: true, startDate: true } });
  const total = inCare.length;
  const ids = inCare
    .sort((a, b) => a.startDate.getTime() - b.startDate.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
    .map((r) => r.id);
  const rows = await prisma.rotation.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      startDate: true,
      endDate: true,
      state: true,
      department: { select: { name: true } },
      tutor: { select: { id: true, name: true } },
      resident: {
        select: {
          id: true,
          yearOfTraining: true,
          user: { select: { name: true, email: true } },
          programme: { select: { specialtyCode: true, university: { select: { name: true } } } },
        },
      },
    },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
  });
  const away = await awaySpans(
    rows.map((r) => r.resident.id),
    { start: today, end: today },
  );
  return {
    total,
    rotations: rows.map((r) => ({
      ...r,
      status: rotationStatus(r, today),
      mine: r.tutor?.id === tutorId,
      // Away today: the dates only, never why.
      awayToday: away.get(r.resident.id)?.[0] ?? null,
    })),
  };
}

/** A resident's rotations, oldest first, for their record page. */
export async function rotationsOfResident(residentId: string) {
  return prisma.rotation.findMany({
    where: { residentId },
    select: { id: true, startDate: true, endDate: true, state: true, department: { select: { name: true } } },
    orderBy: { startDate: "asc" },
  });
}
