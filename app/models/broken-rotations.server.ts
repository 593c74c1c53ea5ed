import { findBrokenRotations, isOpen } from "~/domain/broken-rotations";
import { hospitalToday } from "~/domain/dates";
import { rotationProblems, rotationStatus } from "~/domain/rotation-rules";
import type { Locale } from "~/i18n/locale";
import { prisma } from "~/utils/db.server";
import { describeRotationProblems } from "./rotation-messages.server";
import { rotationContext } from "./rotation.server";

/**
 * The rotations that a later change has broken, for the administrators' dashboard: every open rotation
 * (not cancelled, not ended) judged again by the six rules. Three reads, whatever the number of
 * rotations: the open rotations with their residents, the departments with their staff, and the
 * agreements covering those residents' programmes.
 */
export async function brokenRotations(locale: Locale, { today = hospitalToday(), limit = 50 }: { today?: Date; limit?: number } = {}) {
  const [rotations, departments] = await Promise.all([
    prisma.rotation.findMany({
      where: { state: { not: "cancelled" }, endDate: { gte: today } },
      select: {
        id: true,
        residentId: true,
        departmentId: true,
        tutorId: true,
        startDate: true,
        endDate: true,
        state: true,
        resident: { select: { programmeId: true, stayStart: true, stayEnd: true, user: { select: { name: true } } } },
      },
    }),
    prisma.department.findMany({ select: { id: true, name: true, capacity: true, tutors: { select: { userId: true } } } }),
  ]);
  const programmeIds = [...new Set(rotations.map((r) => r.resident.programmeId))];
  const coverage = await prisma.agreementProgramme.findMany({
    where: { programmeId: { in: programmeIds } },
    select: { programmeId: true, posts: true, agreement: { select: { id: true, startDate: true, endDate: true, signedOn: true, terminatedOn: true } } },
  });
  const residents = new Map(rotations.map((r) => [r.residentId, { id: r.residentId, ...r.resident }]));
  const names = new Map(departments.map((d) => [d.id, d.name]));

  const broken = findBrokenRotations({
    today,
    rotations,
    residents: [...residents.values()],
    departments: departments.map((d) => ({ id: d.id, name: d.name, capacity: d.capacity, tutorIds: d.tutors.map((t) => t.userId) })),
    coverage,
  });
  return {
    total: broken.length,
    rotations: broken.slice(0, limit).map(({ rotation: r, problems }) => {
      const departmentName = names.get(r.departmentId) ?? "";
      return {
        id: r.id,
        residentName: r.resident.user.name,
        departmentName,
        startDate: r.startDate,
        endDate: r.endDate,
        status: rotationStatus(r, today),
        problems: describeRotationProblems(problems, departmentName, locale),
      };
    }),
  };
}

/**
 * The rules one saved rotation now breaks, in words, for its own page: nothing for a cancelled or
 * completed one. Judged like the dashboard does, against the other rotations still open.
 */
export async function brokenRulesOf(
  rotation: { id: string; residentId: string; departmentId: string; tutorId: string | null; startDate: Date; endDate: Date; state: string; department: { name: string } },
  locale: Locale,
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
  return describeRotationProblems(problems, rotation.department.name, locale);
}
