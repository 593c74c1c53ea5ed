import Holidays from "date-holidays";
import { addDays, toIsoDate, type DayOfYear } from "./dates";

/**
 * Working days as the residents' contracts count them: Monday to Friday, except Italian public holidays
 * and the hospital's patron-saint day (a setting: Milan's is 7 December, Sant'Ambrogio). The holidays
 * come from date-holidays (docs/decisions/016-working-days.md), which follows the law as it changes: the
 * 4th of October is a national holiday again from 2026.
 *
 * Server side only: the library carries every country's rules, too heavy for a page's bundle. Pages get
 * the counts from their loaders.
 */

/** Sant'Ambrogio, Milan's patron saint. */
export const DEFAULT_PATRON_DAY: DayOfYear = { month: 12, day: 7 };

const italy = new Holidays("IT");
const holidaysByYear = new Map<number, ReadonlySet<string>>();

/** The Italian public holidays of a year, as YYYY-MM-DD (Sundays among them, such as Easter). */
export function publicHolidays(year: number): ReadonlySet<string> {
  let days = holidaysByYear.get(year);
  if (!days) {
    days = new Set(
      italy
        .getHolidays(year)
        .filter((holiday) => holiday.type === "public")
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    holidaysByYear.set(year, days);
  }
  return days;
}

/** Whether `date` (a UTC midnight, as every date of the portal) is a working day. */
export function isWorkingDay(date: Date, patronDay: DayOfYear | null = DEFAULT_PATRON_DAY): boolean {
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  if (patronDay && date.getUTCMonth() === patronDay.month - 1 && date.getUTCDate() === patronDay.day) return false;
  return !publicHolidays(date.getUTCFullYear()).has(toIsoDate(date));
}

/** The working days from `start` to `end`, both included (0 when `end` is before `start`). */
export function workingDaysIn(start: Date, end: Date, patronDay: DayOfYear | null = DEFAULT_PATRON_DAY): number {
  let count = 0;
  for (let day = start; day <= end; day = addDays(day, 1)) if (isWorkingDay(day, patronDay)) count += 1;
  return count;
}
