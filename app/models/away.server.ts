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
const AWAY_STATES: readonly string[] = ["approved", "recorded"];

/**
 * A resident's absences are few: read them by resident (the index on residentId and startDate) and keep
 * the standing ones here. Given the state as well, SQLite, which keeps no statistics, prefers the index on
 * state and startDate and walks every approved absence of the country (50 ms a request at national size).
 */
export const isAway = (absence: { state: string }) => AWAY_STATES.includes(absence.state);

/** The days each of these residents is away (isAway) that meet the window, in one query: dates only, never the kind or type. */
export async function awaySpans(
  residentIds: string[],
  window: Span,
  db: Prisma.TransactionClient | typeof prisma = prisma,
): Promise<Map<string, Span[]>> {
  const away = new Map<string, Span[]>();
  if (residentIds.length === 0) return away;
  const rows = await db.absence.findMany({
    where: { residentId: { in: [...new Set(residentIds)] }, startDate: { lte: window.end }, endDate: { gte: window.start } },
    select: { residentId: true, startDate: true, endDate: true, state: true },
    orderBy: { startDate: "asc" },
  });
  for (const row of rows.filter(isAway))
    away.set(row.residentId, [...(away.get(row.residentId) ?? []), { start: row.startDate, end: row.endDate }]);
  return away;
}
