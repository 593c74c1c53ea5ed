import { prisma } from "~/utils/db.server";
import { isAway } from "./away.server";
import { leadFirst } from "./teaching-queries.server";

/**
 * The records behind each person's private calendar feed (app/services/calendar.server.ts makes the
 * feed): the hash of its token, its owner, and the rotations, teaching sessions and absences it shows.
 */

/** Stores the hash of a person's new feed token (replacing the old one), or none to revoke the feed. */
export async function setCalendarTokenHash(userId: string, calendarTokenHash: string | null): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { calendarTokenHash } });
}

/** The person whose feed token has this hash, if any. */
export async function calendarOwner(calendarTokenHash: string) {
  return prisma.user.findUnique({ where: { calendarTokenHash }, select: { id: true, name: true, active: true, language: true } });
}

/** The person's own rotations (as a resident) and those they supervise (as a tutor), not cancelled. */
export async function calendarRotations(userId: string) {
  return prisma.rotation.findMany({
    where: { state: { not: "cancelled" }, OR: [{ resident: { userId } }, { tutorId: userId }] },
    select: {
      id: true,
      startDate: true,
      endDate: true,
      updatedAt: true,
      tutorId: true,
      department: { select: { name: true } },
      tutor: { select: { name: true } },
      resident: { select: { userId: true, user: { select: { name: true } } } },
    },
    orderBy: { startDate: "asc" },
    take: 2000,
  });
}

/** The teaching sessions meant for the person's programme (as a resident) and those they teach (as a tutor), not cancelled, from `since` on. */
export async function calendarSessions(userId: string, since: Date) {
  return prisma.teachingSession.findMany({
    where: {
      cancelledAt: null,
      date: { gte: since },
      OR: [{ programmes: { some: { programme: { residents: { some: { userId } } } } } }, { tutors: { some: { userId } } }],
    },
    select: {
      id: true,
      title: true,
      date: true,
      startTime: true,
      durationMinutes: true,
      place: true,
      link: true,
      updatedAt: true,
      tutors: { select: { userId: true, user: { select: { name: true } } }, orderBy: leadFirst },
    },
    orderBy: [{ date: "asc" }, { startTime: "asc" }],
    take: 2000,
  });
}

/** The person's own days away (as a resident): approved leave and recorded absences, with their kind only (never a type). */
export async function calendarAbsences(userId: string) {
  const resident = await prisma.resident.findUnique({ where: { userId }, select: { id: true } });
  if (!resident) return [];
  // By resident alone, then the standing ones (isAway says why).
  const rows = await prisma.absence.findMany({
    where: { residentId: resident.id },
    select: { id: true, kind: true, state: true, startDate: true, endDate: true, updatedAt: true },
    orderBy: { startDate: "asc" },
    take: 2000,
  });
  return rows.filter(isAway).map(({ state: _, ...row }) => row);
}
