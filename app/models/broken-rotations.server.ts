import { findBrokenRotations, isOpen } from "~/domain/broken-rotations";
import { hospitalToday, toIsoDate } from "~/domain/dates";
import { encodeMessage } from "~/domain/refusal";
import { rotationProblems, rotationRefusals, rotationStatus, type RotationProblem } from "~/domain/rotation-rules";
import { prisma } from "~/utils/db.server";
import { remembered } from "~/utils/read-cache.server";
import { PROTECTED_RECORDED } from "./absence.server";
import { rotationContext } from "./rotation.server";

/**
 * Every open rotation (not cancelled, not ended) judged again by the seven rules. Five reads, whatever
 * the number of rotations: the open rotations, their residents, the departments with their staff, the
 * agreements and the protected absences. Plain columns only: at national scale this is half a million rows.
 */
async function judgeOpenRotations(today: Date) {
  const open = { state: { not: "cancelled" }, endDate: { gte: today } };
  const [rotations, residents, departments, coverage, absences] = await Promise.all([
    prisma.rotation.findMany({
      where: open,
      select: { id: true, residentId: true, departmentId: true, tutorId: true, startDate: true, endDate: true, state: true },
    }),
    prisma.resident.findMany({
      where: { rotations: { some: open } },
      select: { id: true, programmeId: true, stayStart: true, stayEnd: true },
    }),
    prisma.department.findMany({ select: { id: true, name: true, capacity: true, tutors: { select: { userId: true } } } }),
    prisma.agreementProgramme.findMany({
      select: {
        programmeId: true,
        posts: true,
        agreement: { select: { id: true, startDate: true, endDate: true, signedOn: true, terminatedOn: true } },
      },
    }),
    prisma.absence.findMany({
      where: { ...PROTECTED_RECORDED, endDate: { gte: today } },
      select: { residentId: true, startDate: true, endDate: true },
    }),
  ]);
  return findBrokenRotations({
    today,
    rotations,
    residents,
    departments: departments.map((d) => ({ id: d.id, name: d.name, capacity: d.capacity, tutorIds: d.tutors.map((t) => t.userId) })),
    coverage,
    absences,
  });
}

/**
 * The rotations that a later change has broken, for the administrators' dashboard, the first `limit`
 * with their reasons as messages. The judgement is remembered until the database changes (app/utils/read-cache.server.ts):
 * it reads every open rotation, and the dashboard is the administrators' home page.
 */
export async function brokenRotations({ today = hospitalToday(), limit = 50 }: { today?: Date; limit?: number } = {}) {
  const broken = await remembered(`broken-rotations:${toIsoDate(today)}`, () => judgeOpenRotations(today));
  const shown = broken.slice(0, limit);
  const [residents, departments] = await Promise.all([
    prisma.resident.findMany({
      where: { id: { in: shown.map((b) => b.rotation.residentId) } },
      select: { id: true, user: { select: { name: true } } },
    }),
    prisma.department.findMany({ where: { id: { in: shown.map((b) => b.rotation.departmentId) } }, select: { id: true, name: true } }),
  ]);
  const residentName = new Map(residents.map((r) => [r.id, r.user.name]));
  const departmentName = new Map(departments.map((d) => [d.id, d.name]));
  return {
    total: broken.length,
    rotations: shown.map(({ rotation: r, problems }) => {
      const department = departmentName.get(r.departmentId) ?? "";
      return {
        id: r.id,
        residentName: residentName.get(r.residentId) ?? "",
        departmentName: department,
        startDate: r.startDate,
        endDate: r.endDate,
        status: rotationStatus(r, today),
        problems: messagesOf(problems, department),
      };
    }),
  };
}

/** The ids of every broken rotation, from the same remembered judgement (the notifications' frequent check). */
export async function brokenRotationIds(today = hospitalToday()): Promise<string[]> {
  const broken = await remembered(`broken-rotations:${toIsoDate(today)}`, () => judgeOpenRotations(today));
  return broken.map(({ rotation }) => rotation.id);
}

/**
 * The rules one saved rotation now breaks, as messages (app/domain/refusal.ts), for its own page: nothing for a cancelled or
 * completed one. Judged like the dashboard does, against the other rotations still open.
 */
export async function brokenRulesOf(
  rotation: {
    id: string;
    residentId: string;
    departmentId: string;
    tutorId: string | null;
    startDate: Date;
    endDate: Date;
    state: string;
    department: { name: string };
  },
  today = hospitalToday(),
) {
  if (!isOpen(rotation, today)) return [];
  const context = await rotationContext(prisma, rotation);
  if (!context) return [];
  const open = <T extends { endDate: Date }>(rows: T[]) => rows.filter((r) => r.endDate >= today);
  const problems = rotationProblems({
    ...context,
    residentRotations: open(context.residentRotations),
    departmentRotations: open(context.departmentRotations),
    programmeRotations: open(context.programmeRotations),
  });
  return messagesOf(problems, rotation.department.name);
}

/** The broken rules as the messages a page puts into words (app/i18n/message.ts). */
function messagesOf(problems: RotationProblem[], departmentName: string): string[] {
  return rotationRefusals(problems, departmentName).map(encodeMessage);
}
