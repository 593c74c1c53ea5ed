import { AGREEMENT_STATUSES } from "~/domain/agreement-status";
import { addDays, hospitalToday, toIsoDate } from "~/domain/dates";
import { prisma, type Prisma } from "~/utils/db.server";
import { remembered } from "~/utils/read-cache.server";
import { inForceWhere, statusWhere } from "./agreement.server";

/** How many rows a dashboard list shows before pointing to the full list. */
export const DASHBOARD_LIST = 10;

const agreementSummary = {
  id: true,
  startDate: true,
  endDate: true,
  terminatedOn: true,
  university: { select: { name: true } },
  _count: { select: { programmes: true } },
} as const;

/** What needs an administrator's attention about agreements, as of the hospital's today. */
export function agreementAttention(now = new Date()) {
  const today = hospitalToday(now);
  return remembered(`agreement-attention:${toIsoDate(today)}`, () => attentionOn(today));
}

async function attentionOn(today: Date) {
  const uncoveredWhere = {
    archivedAt: null,
    agreements: { none: { agreement: inForceWhere(today) } },
  } satisfies Prisma.ProgrammeWhereInput;
  const [expiring, expired, uncovered, uncoveredTotal, counts] = await Promise.all([
    prisma.agreement.findMany({ where: statusWhere("expiring", today), select: agreementSummary, orderBy: { endDate: "asc" }, take: 20 }),
    prisma.agreement.findMany({
      where: { AND: [statusWhere("expired", today), { endDate: { gte: addDays(today, -365) } }] },
      select: agreementSummary,
      orderBy: { endDate: "desc" },
      take: 20,
    }),
    prisma.programme.findMany({
      where: uncoveredWhere,
      select: { id: true, specialtyCode: true, university: { select: { name: true } } },
      orderBy: [{ university: { name: "asc" } }, { specialtyCode: "asc" }],
      take: DASHBOARD_LIST,
    }),
    prisma.programme.count({ where: uncoveredWhere }),
    Promise.all(
      AGREEMENT_STATUSES.map(async (status) => [status, await prisma.agreement.count({ where: statusWhere(status, today) })] as const),
    ),
  ]);
  return {
    expiring,
    expired,
    uncovered,
    uncoveredTotal,
    byStatus: Object.fromEntries(counts) as Record<(typeof AGREEMENT_STATUSES)[number], number>,
  };
}

/**
 * What the administrators' home shows: the size of the house and what needs a hand. Counting every
 * person and stay takes a while at national scale; the figures are remembered until the data changes.
 */
export function adminDashboard(now = new Date()) {
  const today = hospitalToday(now);
  return remembered(`admin-dashboard:${toIsoDate(today)}`, () => houseOn(today));
}

async function houseOn(today: Date) {
  const [universities, programmes, departments, admins, tutors, residents, presentToday, awaitingPassword, byUniversity, departmentRows] =
    await Promise.all([
      prisma.university.count({ where: { archivedAt: null } }),
      prisma.programme.count({ where: { archivedAt: null } }),
      prisma.department.count({ where: { archivedAt: null } }),
      prisma.userRole.count({ where: { role: "admin", user: { active: true } } }),
      prisma.userRole.count({ where: { role: "tutor", user: { active: true } } }),
      prisma.userRole.count({ where: { role: "resident", user: { active: true } } }),
      prisma.resident.count({ where: { stayStart: { lte: today }, stayEnd: { gte: today }, user: { active: true } } }),
      prisma.user.findMany({
        where: { active: true, passwordHash: null },
        select: { id: true, name: true, email: true, createdAt: true },
        orderBy: { createdAt: "desc" },
        take: 8,
      }),
      // The largest few; the lists pages have them all (a national network has hundreds).
      prisma.university.findMany({
        where: { archivedAt: null },
        select: { id: true, name: true, city: true, _count: { select: { programmes: { where: { archivedAt: null } } } } },
        orderBy: [{ programmes: { _count: "desc" } }, { name: "asc" }],
        take: DASHBOARD_LIST,
      }),
      prisma.department.findMany({
        where: { archivedAt: null },
        select: { id: true, name: true, capacity: true, head: { select: { name: true } }, _count: { select: { tutors: true } } },
        orderBy: [{ capacity: "desc" }, { name: "asc" }],
        take: DASHBOARD_LIST,
      }),
    ]);
  return {
    counts: { universities, programmes, departments, admins, tutors, residents, presentToday },
    awaitingPassword,
    universities: byUniversity.map((u) => ({ id: u.id, name: u.name, city: u.city, programmes: u._count.programmes })),
    departments: departmentRows.map((d) => ({
      id: d.id,
      name: d.name,
      capacity: d.capacity,
      head: d.head?.name ?? null,
      tutors: d._count.tutors,
    })),
  };
}

/** The tutor's home: their departments and the residents assigned to them. */
export async function tutorDashboard(userId: string, now = new Date()) {
  const [departments, tutees] = await Promise.all([
    prisma.department.findMany({
      where: { archivedAt: null, tutors: { some: { userId } } },
      select: { id: true, name: true, capacity: true, head: { select: { name: true, email: true } }, _count: { select: { tutors: true } } },
      orderBy: { name: "asc" },
    }),
    prisma.resident.findMany({
      where: { tutorId: userId, user: { active: true } },
      select: {
        id: true,
        yearOfTraining: true,
        stayStart: true,
        stayEnd: true,
        user: { select: { name: true, email: true } },
        programme: { select: { specialtyCode: true, durationYears: true, university: { select: { name: true } } } },
      },
      orderBy: [{ stayEnd: "desc" }, { user: { name: "asc" } }],
      take: 200,
    }),
  ]);
  const today = hospitalToday(now);
  const present = (r: { stayStart: Date; stayEnd: Date }) => r.stayStart <= today && r.stayEnd >= today;
  return {
    departments: departments.map((d) => ({ ...d, head: d.head, tutors: d._count.tutors })),
    tutees: tutees.map((r) => ({ ...r, present: present(r), upcoming: r.stayStart > today })),
  };
}

/** The resident's home: their programme, stay and tutor. Only ever the signed-in person's own record. */
export async function residentDashboard(userId: string) {
  return prisma.resident.findUnique({
    where: { userId },
    select: {
      yearOfTraining: true,
      studentNumber: true,
      stayStart: true,
      stayEnd: true,
      insurancePolicy: true,
      insuranceExpiry: true,
      tutor: { select: { name: true, email: true } },
      programme: {
        select: {
          specialtyCode: true,
          durationYears: true,
          directorName: true,
          directorEmail: true,
          university: { select: { name: true, city: true } },
        },
      },
    },
  });
}
