import { addDays, addYears } from "~/domain/dates";
import { academicYearOf, DEFAULT_YEAR_START } from "~/domain/teaching";
import type { Prisma } from "~/generated/prisma/client";

/**
 * The demo hospital's training calendars (issue 19): every resident's contract began on the first day of
 * an academic year, as many years ago as their year of training says. Last year's round holds every kind
 * of outcome: most residents admitted, one repeating the year (their contract a year older), one not
 * admitted (training ended with their stay), one suspended by the school for three months. One resident
 * is on maternity leave long enough to suspend training, over a rotation that it breaks (rule 7), so
 * their year ends later and the round shows the days owed; another was ill for three weeks, which
 * suspends nothing. The demo resident keeps their pages as the journeys read them. The current round is
 * left to decide.
 */
export async function seedProgression(
  tx: Prisma.TransactionClient,
  { today, adminId, demoResidentId }: { today: Date; adminId: string; demoResidentId: string },
) {
  const thisYear = academicYearOf(today, DEFAULT_YEAR_START);
  const lastYearEnd = addDays(thisYear.start, -1);
  const lastYearStart = addYears(thisYear.start, -1);
  const residents = await tx.resident.findMany({
    where: { id: { not: demoResidentId } },
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
  type Row = (typeof residents)[number];
  await tx.resident.update({ where: { id: demoResidentId }, data: { contractStart: addYears(thisYear.start, -2) } });
  for (const year of new Set(residents.map((r) => r.yearOfTraining)))
    await tx.resident.updateMany({
      where: { yearOfTraining: year, id: { not: demoResidentId } },
      data: { contractStart: addYears(thisYear.start, 1 - year) },
    });

  const meets = (list: Array<{ startDate: Date; endDate: Date }>, start: Date, end: Date) =>
    list.some((x) => x.startDate <= end && x.endDate >= start);
  const holds = (r: Row, start: Date, end: Date) => r.stayStart <= start && end <= r.stayEnd && !meets(r.absences, start, end);
  const taken = new Set<string>();
  /** The first resident not yet used who passes `test`, marked as used. */
  const pick = (test: (r: Row) => boolean) => {
    const found = residents.find((r) => !taken.has(r.id) && test(r));
    if (found) taken.add(found.id);
    return found;
  };

  const outcomes: Prisma.ProgressionOutcomeCreateManyInput[] = [];
  const absences: Prisma.AbsenceCreateManyInput[] = [];
  const decided = (r: Row, outcome: string, trainingYear: number, more: Partial<Prisma.ProgressionOutcomeCreateManyInput> = {}) =>
    outcomes.push({
      residentId: r.id,
      academicYear: thisYear.startYear - 1,
      trainingYear,
      outcome,
      decidedOn: lastYearEnd,
      recordedById: adminId,
      ...more,
    });
  const away = (r: Row, protectedType: string, start: Date, end: Date) =>
    absences.push({
      residentId: r.id,
      kind: "protected",
      protectedType,
      state: "recorded",
      startDate: start,
      endDate: end,
      decidedById: adminId,
    });

  // Maternity over a rotation, begun two months ago for five months; an illness of three weeks on no rotation.
  const maternity = { start: addDays(today, -60), end: addDays(today, 89) };
  const mother = pick((r) => holds(r, maternity.start, maternity.end) && meets(r.rotations, maternity.start, maternity.end));
  if (mother) away(mother, "maternity", maternity.start, maternity.end);
  const illness = { start: addDays(today, -45), end: addDays(today, -25) };
  const ill = pick((r) => holds(r, illness.start, illness.end) && !meets(r.rotations, illness.start, illness.end));
  if (ill) away(ill, "illness", illness.start, illness.end);

  // Last year's round: one repeats (so their contract began a year earlier), one not admitted, one suspended.
  const repeats = pick((r) => r.stayStart <= lastYearEnd && lastYearEnd <= r.stayEnd);
  if (repeats) {
    decided(repeats, "repeats", repeats.yearOfTraining);
    await tx.resident.update({ where: { id: repeats.id }, data: { contractStart: addYears(thisYear.start, -repeats.yearOfTraining) } });
  }
  // Those not admitted and suspended stay in the year that ended then (their contract is as the others').
  const stayBack = async (r: Row) => {
    await tx.resident.update({ where: { id: r.id }, data: { yearOfTraining: r.yearOfTraining - 1 } });
    return r.yearOfTraining - 1;
  };
  const stopped = pick(
    (r) => r.yearOfTraining >= 2 && lastYearStart <= r.stayEnd && r.stayEnd <= lastYearEnd && r.stayStart <= lastYearStart,
  );
  if (stopped) decided(stopped, "not-admitted", await stayBack(stopped), { decidedOn: stopped.stayEnd });
  const suspension = { start: lastYearEnd, end: addDays(lastYearEnd, 89) };
  const suspended = pick(
    (r) => r.yearOfTraining >= 2 && holds(r, suspension.start, suspension.end) && !meets(r.rotations, suspension.start, suspension.end),
  );
  if (suspended) {
    decided(suspended, "suspended", await stayBack(suspended), { suspendedTo: suspension.end });
    away(suspended, "suspension", suspension.start, suspension.end);
  }
  outcomes.push({
    residentId: demoResidentId,
    academicYear: thisYear.startYear - 1,
    trainingYear: 2,
    outcome: "admitted",
    decidedOn: lastYearEnd,
    recordedById: adminId,
  });
  for (const r of residents)
    if (!taken.has(r.id) && r.yearOfTraining >= 2 && r.stayStart <= lastYearEnd && lastYearStart <= r.stayEnd)
      decided(r, "admitted", r.yearOfTraining - 1);

  await tx.progressionOutcome.createMany({ data: outcomes });
  await tx.absence.createMany({ data: absences });
  return { outcomes: outcomes.length, protectedAbsences: absences.length };
}
