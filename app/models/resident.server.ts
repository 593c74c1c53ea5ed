import type { z } from "~/schemas/z";
import { hospitalToday } from "~/domain/dates";
import { PAGE_SIZE } from "~/domain/list-query";
import { refuse } from "~/domain/refusal";
import type { Locale } from "~/i18n/locale";
import type { ResidentRecordInput, residentQuerySchema } from "~/schemas/resident";
import { prisma, type Prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { assertVersion } from "./concurrency.server";
import { listTotal } from "./list-total.server";
import { peopleMatching } from "./person-search.server";

export type ResidentQuery = z.output<typeof residentQuerySchema>;

/** The list's conditions; `people` are the accounts matching the search text, when there is one. */
function whereOf(query: ResidentQuery, today: Date, people: string[] | null): Prisma.ResidentWhereInput {
  return {
    ...(query.specialty || query.university
      ? {
          programme: {
            ...(query.specialty ? { specialtyCode: query.specialty } : {}),
            ...(query.university ? { universityId: query.university } : {}),
          },
        }
      : {}),
    ...(query.year !== "" ? { yearOfTraining: query.year } : {}),
    ...(query.present === "today" ? { stayStart: { lte: today }, stayEnd: { gte: today } } : {}),
    ...(people ? { userId: { in: people } } : {}),
  };
}

const listSelect = {
  id: true,
  userId: true,
  yearOfTraining: true,
  studentNumber: true,
  stayStart: true,
  stayEnd: true,
  user: { select: { name: true, email: true, active: true } },
  tutor: { select: { name: true } },
  programme: { select: { specialtyCode: true, durationYears: true, university: { select: { name: true } } } },
} satisfies Prisma.ResidentSelect;

/**
 * A page of the whole list in name order: the people who are residents are paged first, walking the index
 * on their names, then their residents' rows are read. Asked of the residents ordered by their person's
 * name, Prisma joins the people as a LEFT JOIN, which SQLite cannot walk in name order: it sorted all
 * 45,000 residents of a national portal for each page (72–164 ms, 20–50 ms this way).
 */
async function pageByName(dir: "asc" | "desc", page: number) {
  const people = await prisma.user.findMany({
    where: { resident: { isNot: null } },
    orderBy: [{ name: dir }, { id: "asc" }],
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    select: { id: true },
  });
  const rows = await prisma.resident.findMany({ where: { userId: { in: people.map((person) => person.id) } }, select: listSelect });
  const place = new Map(people.map((person, index) => [person.id, index]));
  return rows.sort((a, b) => place.get(a.userId)! - place.get(b.userId)!);
}

export async function listResidents(query: ResidentQuery, { all = false, today = hospitalToday() } = {}) {
  const where = whereOf(query, today, query.q ? await peopleMatching(query.q) : null);
  const orderBy: Prisma.ResidentOrderByWithRelationInput =
    query.sort === "name" ? { user: { name: query.dir } } : { [query.sort]: query.dir };
  const [total, rows, universities] = await Promise.all([
    listTotal("Resident", where, (where) => prisma.resident.count({ where })),
    // Unfiltered only: with a filter on the residents (present today, a search) walking the people in
    // name order and testing each was no faster (measured at national size).
    query.sort === "name" && !all && Object.keys(where).length === 0
      ? pageByName(query.dir, query.page)
      : prisma.resident.findMany({
          where,
          // Ties in name order broken by person, as pageByName does.
          orderBy: [orderBy, query.sort === "name" ? { userId: "asc" } : { id: "asc" }],
          ...(all ? {} : { skip: (query.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
          select: listSelect,
        }),
    prisma.university.findMany({ where: { archivedAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return {
    total,
    residents: rows.map(({ userId: _, ...r }) => ({ ...r, present: r.stayStart <= today && r.stayEnd >= today })),
    universities,
  };
}

export async function getResident(id: string) {
  return prisma.resident.findUnique({
    where: { id },
    include: {
      user: { select: { id: true, name: true, email: true, active: true } },
      programme: { select: { specialtyCode: true, university: { select: { name: true } } } },
      tutor: { select: { id: true, name: true } },
      _count: { select: { rotations: true } },
    },
  });
}

/** Choices of the resident form: programmes in use (and the current one), tutors (active, tutor role). */
export async function residentChoices(current?: { programmeId: string; tutorId: string | null }) {
  const [programmes, tutors] = await Promise.all([
    prisma.programme.findMany({
      where: { OR: [{ archivedAt: null }, { id: current?.programmeId ?? "" }] },
      select: { id: true, specialtyCode: true, university: { select: { name: true } } },
    }),
    prisma.user.findMany({
      where: { OR: [{ active: true, roles: { some: { role: "tutor" } } }, { id: current?.tutorId ?? "" }] },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  return { programmes, tutors };
}

function recordOf(input: ResidentRecordInput) {
  return {
    programmeId: input.programmeId,
    yearOfTraining: input.yearOfTraining,
    studentNumber: input.studentNumber,
    stayStart: input.stayStart,
    stayEnd: input.stayEnd,
    tutorId: input.tutorId ? input.tutorId : null,
    insurancePolicy: input.insurancePolicy ? input.insurancePolicy : null,
    insuranceExpiry: input.insuranceExpiry ?? null,
    contractStart: input.contractStart ?? null,
  };
}

async function checkRecord(tx: Prisma.TransactionClient, data: ReturnType<typeof recordOf>, exceptId?: string) {
  const programme = await tx.programme.findUnique({ where: { id: data.programmeId }, select: { id: true } });
  if (!programme) refuse("programmeId", "residents.programmeInvalid", { status: 400 });
  if (data.tutorId) {
    const tutor = await tx.user.findFirst({ where: { id: data.tutorId, roles: { some: { role: "tutor" } } }, select: { id: true } });
    if (!tutor) refuse("tutorId", "residents.tutorInvalid", { status: 400 });
  }
  const taken = await tx.resident.findFirst({
    where: { programmeId: data.programmeId, studentNumber: data.studentNumber, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) refuse("studentNumber", "residents.studentNumberTaken");
}

/** Creates the person (resident role) and their training record together. */
export async function createResident(
  person: { name: string; email: string; language?: Locale },
  input: ResidentRecordInput,
  actorId: string,
) {
  const data = recordOf(input);
  return prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: person.email }, select: { id: true } })) refuse("email", "errors.emailTaken");
    await checkRecord(tx, data);
    const user = await tx.user.create({
      data: {
        name: person.name,
        email: person.email,
        language: person.language ?? null,
        createdById: actorId,
        roles: { create: { role: "resident" } },
      },
      select: { id: true },
    });
    const resident = await tx.resident.create({ data: { ...data, userId: user.id }, select: { id: true, userId: true } });
    await recordAudit(tx, {
      actorId,
      action: "create",
      entityType: "resident",
      entityId: resident.id,
      before: null,
      after: { name: person.name, email: person.email, ...data },
    });
    return resident;
  });
}

/**
 * Saves a resident's record. Once the contract start is known, the training calendar and the school's
 * outcomes keep the year of training: correcting it by hand needs a reason, kept in the history.
 */
export async function updateResident(
  id: string,
  input: ResidentRecordInput & { yearReason?: string | undefined },
  version: string,
  actorId: string,
) {
  const data = recordOf(input);
  const reason = input.yearReason?.trim() || null;
  await prisma.$transaction(async (tx) => {
    const current = await tx.resident.findUniqueOrThrow({ where: { id } });
    assertVersion(current, version);
    const yearCorrected = current.contractStart !== null && data.yearOfTraining !== current.yearOfTraining;
    if (yearCorrected && !reason) refuse("yearReason", "residents.yearReasonRequired", { status: 400 });
    await checkRecord(tx, data, id);
    await tx.resident.update({ where: { id }, data });
    const { programmeId, yearOfTraining, studentNumber, stayStart, stayEnd, tutorId, insurancePolicy, insuranceExpiry, contractStart } =
      current;
    await recordAudit(tx, {
      actorId,
      action: "update",
      entityType: "resident",
      entityId: id,
      before: { programmeId, yearOfTraining, studentNumber, stayStart, stayEnd, tutorId, insurancePolicy, insuranceExpiry, contractStart },
      after: yearCorrected ? { ...data, reason } : data,
    });
  });
}
