/**
 * Calendar dates (agreement validity, stays, rotations) are stored as UTC midnight of the day and
 * compared as whole days. "Today" is the hospital's day, in Europe/Rome.
 */
export const DAY_MS = 24 * 60 * 60 * 1000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-11-23" → Date at 2026-11-23T00:00Z; null for anything that is not a real calendar day. */
export function parseIsoDate(value: string): Date | null {
  const match = ISO_DATE.exec(value.trim());
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  if (y < 1900 || y > 2200) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The hospital's clock: "today", a session's start and every instant shown are read on it. */
export const HOSPITAL_TIME_ZONE = "Europe/Rome";

// Canadian English writes a day as YYYY-MM-DD.
const isoDayOnClock = new Intl.DateTimeFormat("en-CA", { timeZone: HOSPITAL_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's date in the hospital's time zone, as UTC midnight. */
export function hospitalToday(now = new Date()): Date {
  return parseIsoDate(isoDayOnClock.format(now))!;
}

const timeOnClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: HOSPITAL_TIME_ZONE,
  hourCycle: "h23",
  hour: "2-digit",
  minute: "2-digit",
});

/** The hospital's wall-clock time at an instant, "HH:MM" like a session's start time. */
export function hospitalClock(now = new Date()): string {
  return timeOnClock.format(now);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: Date, b: Date): number {
  return Math.round((b.getTime() - a.getTime()) / DAY_MS);
}

/** Two inclusive date ranges share at least one day. */
export function rangesOverlap(a: { start: Date; end: Date }, b: { start: Date; end: Date }): boolean {
  return a.start.getTime() <= b.end.getTime() && b.start.getTime() <= a.end.getTime();
}

/** A day of the year, as settings store it ("MM-DD"): the academic year's start, the patron-saint day. */
export type DayOfYear = { month: number; day: number };

/** "12-07" → { month: 12, day: 7 }; null unless some year has that day (29 February included). */
export function parseDayOfYear(value: string | null | undefined): DayOfYear | null {
  const match = /^(\d{2})-(\d{2})$/.exec(value?.trim() ?? "");
  if (!match) return null;
  const month = Number(match[1]);
  const day = Number(match[2]);
  const probe = new Date(Date.UTC(2024, month - 1, day)); // a leap year
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day ? { month, day } : null;
}

export function formatDayOfYear({ month, day }: DayOfYear): string {
  return `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The same day and month a number of years later (29 February falls back to 28). */
export function addYears(day: Date, years: number): Date {
  const target = new Date(Date.UTC(day.getUTCFullYear() + years, day.getUTCMonth(), 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(day.getUTCDate(), last)));
}
