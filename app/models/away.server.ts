import type { Span } from "~/domain/absences";
import { prisma, type Prisma } from "~/utils/db.server";

/**
 * Who is away, for the pages that are not the absences' own (the planning board, the tutor's residents,
 * attendance sheets, the calendar feed): dates only, never the kind of absence or its type.
 */

/**
 * Absences that keep a resident away: approved leave and recorded protected absences. Shown to tutors,
 * on the board, in the calendar and on attendance sheets as "away", with the dates only.
 */
export const AWAY = { state: { in: ["approved", "recorded"] } } satisfies Prisma.AbsenceWhereInput;

/** The days each of these residents is away (AWAY) that meet the window, in one query: dates only, never the kind or type. */
export async function awaySpans(
  residentIds: string[],
  window: Span,
  db: Prisma.TransactionClient | typeof prisma = prisma,
): Promise<Map<string, Span[]>> {
  const away = new Map<string, Span[]>();
  if (residentIds.length === 0) return away;
  const rows = await db.absence.findMany({
    where: { ...AWAY, residentId: { in: [...new Set(residentIds)] }, startDate: { lte: window.end }, endDate: { gte: window.start } },
    select: { residentId: true, startDate: true, endDate: true },
    orderBy: { startDate: "asc" },
  });
  for (const row of rows) away.set(row.residentId, [...(away.get(row.residentId) ?? []), { start: row.startDate, end: row.endDate }]);
  return away;
}
