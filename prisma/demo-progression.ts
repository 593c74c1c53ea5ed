import { addDays } from "~/domain/dates";
import { academicYearOf, DEFAULT_YEAR_START } from "~/domain/teaching";
import { addYears } from "~/domain/training-calendar";
import type { Prisma } from "~/generated/prisma/client";

/**
 * The demo hospital's training calendars (issue 19): every resident's contract began on the first day of
 * an academic year, as many years ago as their year of training says; last year's round admitted those
 * past their first year; one resident is on maternity leave long enough to suspend training (so their
 * year ends later and the round shows the days owed), another was ill for three weeks (no suspension).
 * Each protected absence is placed where the resident has no rotation (rule 7) and no leave. The current round is left
 * to decide.
 */
export async function seedProgression(
  tx: Prisma.TransactionClient,
  { today, adminId, demoResidentId }: { today: Date; adminId: string; demoResidentId: string },
) {
  const thisYear = academicYearOf(today, DEFAULT_YEAR_START);
  const residents = await tx.resident.findMany({
    orderBy: { id: "asc" },
    select: {
      id: true,
      yearOfTraining: true,
      stayStart: true,
      stayEnd: true,
      rotations: { where: { state: { not: "cancelled" } }, select: { startDate: true, endDate: true } },
      absences: { where: { state: { not: "cancelled" } }, select: { startDate: true, endDate: true } },
    },
  });
  const years = [...new Set(residents.map((r) => r.yearOfTraining))];
  for (const year of years)
    await tx.resident.updateMany({ where: { yearOfTraining: year }, data: { contractStart: addYears(thisYear.start, 1 - year) } });

  // Last year's round: admitted to the year they are in, decided on its last day.
  const lastYearEnd = addDays(thisYear.start, -1);
  const admitted = residents.filter((r) => r.yearOfTraining >= 2 && r.stayStart <= lastYearEnd);
  await tx.progressionOutcome.createMany({
    data: admitted.map((r) => ({
      residentId: r.id,
      academicYear: thisYear.startYear - 1,
      trainingYear: r.yearOfTraining - 1,
      outcome: "admitted",
      decidedOn: lastYearEnd,
      recordedById: adminId,
    })),
  });

  // Protected absences, each on the first resident whose stay holds it and whose rotations and leave miss it.
  const free = (r: (typeof residents)[number], start: Date, end: Date) =>
    r.stayStart <= start && end <= r.stayEnd && ![...r.rotations, ...r.absences].some((x) => x.startDate <= end && x.endDate >= start);
  const taken = new Set<string>();
  const place = (protectedType: string, start: Date, days: number): Prisma.AbsenceCreateManyInput | null => {
    const end = addDays(start, days - 1);
    // Never the demo resident, whose pages the journeys read as they are.
    const resident = residents.find((r) => r.id !== demoResidentId && !taken.has(r.id) && free(r, start, end));
    if (!resident) return null;
    taken.add(resident.id);
    return {
      residentId: resident.id,
      kind: "protected",
      protectedType,
      state: "recorded",
      startDate: start,
      endDate: end,
      decidedById: adminId,
    };
  };
  const rows = [place("maternity", addDays(today, -60), 150), place("illness", addDays(today, -45), 21)].filter((r) => r !== null);
  await tx.absence.createMany({ data: rows });
  return { outcomes: admitted.length, protectedAbsences: rows.length };
}
