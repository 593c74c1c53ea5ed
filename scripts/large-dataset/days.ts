import { DAY_MS } from "~/domain/dates";

/**
 * The generator counts in whole days (days since 1970-01-01, UTC) so that a day is a small integer and
 * can index the occupancy arrays. Dates are turned into Date objects or into Prisma's stored text only
 * at the edges.
 */
export type Day = number;

export const dayOf = (date: Date): Day => Math.round(date.getTime() / DAY_MS);
export const dateOf = (day: Day): Date => new Date(day * DAY_MS);

/**
 * How Prisma stores a DateTime in SQLite: ISO 8601 with milliseconds and an explicit "+00:00" offset
 * (e.g. 2026-10-15T00:00:00.000+00:00). Calendar dates are UTC midnights.
 */
export function storedInstant(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}+00:00`;
}

const storedDays = new Map<Day, string>();

/** The stored text of a calendar day, cached: a few thousand distinct days make millions of values. */
export function storedDay(day: Day): string {
  let text = storedDays.get(day);
  if (text === undefined) {
    text = storedInstant(day * DAY_MS);
    storedDays.set(day, text);
  }
  return text;
}

/** Sunday 0 … Saturday 6, as Date.getUTCDay. 1970-01-01 was a Thursday. */
export const weekday = (day: Day): number => (((day + 4) % 7) + 7) % 7;

/** Summer and Christmas breaks and national holidays: no teaching (as in prisma/demo-teaching.ts). */
export function teachingHoliday(day: Day): boolean {
  const date = dateOf(day);
  const month = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  if ((month === 12 && d >= 22) || (month === 1 && d <= 6) || (month === 8 && d >= 5 && d <= 25)) return true;
  return ["4-25", "5-1", "6-2", "11-1", "12-8"].includes(`${month}-${d}`);
}
