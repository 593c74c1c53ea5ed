import { addDays, DAY_MS, daysBetween, hospitalToday, toIsoDate } from "./dates";
import { sessionStart } from "./teaching";

/**
 * The scheduled checks' calendar: which reminders an occasion sends. Each check looks at the window of
 * days since the last occasion that ran (today's alone when every day ran), so that after downtime it
 * catches up on what is still useful, and drops reminders whose moment has passed for good: a rotation
 * that has begun, an agreement that has ended (its own notice says so), a session confirmed meanwhile.
 */

/** The days an occasion covers: after `previous` (the last day that ran) up to `today`, at most a week back. */
export type Window = { from: Date; to: Date };

export const CATCH_UP_DAYS = 7;

export function windowSince(previous: Date | null, today: Date): Window {
  const earliest = addDays(today, -(CATCH_UP_DAYS - 1));
  const from = previous ? addDays(previous, 1) : today;
  return { from: from < earliest ? earliest : from > today ? today : from, to: today };
}

export function within(day: Date, window: Window): boolean {
  return day >= window.from && day <= window.to;
}

/** Days before an agreement ends when administrators are told, and on the day after its last. */
export const AGREEMENT_WARNINGS = [90, 30, 7] as const;

export type AgreementNotice = { kind: "agreement-ending"; days: number } | { kind: "agreement-expired" };

/**
 * What to tell about an agreement ending on `end` (its last valid day): "ends in N days" when a warning's
 * day fell in the window (once, even when a catch-up crosses two warnings), "expired" when the day after
 * its end did.
 */
export function agreementNotice(end: Date, window: Window): AgreementNotice | null {
  if (within(addDays(end, 1), window)) return { kind: "agreement-expired" };
  if (end <= window.to) return null;
  if (AGREEMENT_WARNINGS.some((days) => within(addDays(end, -days), window))) {
    return { kind: "agreement-ending", days: daysBetween(window.to, end) };
  }
  return null;
}

/** Whether a day `lead` days ahead (a rotation's start, an insurance's expiry) came into view in the window, and is still ahead. */
export function comingUp(day: Date, lead: number, window: Window): boolean {
  return day > window.to && within(addDays(day, -lead), window);
}

export const LEADS = {
  /** a resident is told of a rotation a week before it begins; its tutors of the arrival too */
  rotationStart: 7,
  /** a resident is told a month before their insurance expires */
  insuranceExpiry: 30,
  /** a logbook entry waiting for this many days is in its tutor's reminder */
  logbookWaiting: 7,
} as const;

/** The hospital day on which an entry logged at `createdAt` has waited `LEADS.logbookWaiting` days. */
export function overdueOn(createdAt: Date): Date {
  return addDays(hospitalToday(createdAt), LEADS.logbookWaiting);
}

/**
 * The instants between which an entry was logged if it came to a week's wait on a day of `window`:
 * `from <= createdAt < to` exactly when `overdueOn(createdAt)` is in the window (hospital midnights, so
 * a query can ask for them by an index rather than read every entry and judge it).
 */
export function loggedComingDue(window: Window): { from: Date; to: Date } {
  const midnight = (day: Date) => sessionStart({ date: day, startTime: "00:00" });
  const lead = LEADS.logbookWaiting;
  return { from: midnight(addDays(window.from, -lead)), to: midnight(addDays(window.to, -lead + 1)) };
}

// ─── Attendance, checked every few minutes ──────────────────────────────────────────────────────

/** A session's attendance is still to confirm this long after it ends… */
export const ATTENDANCE_REMINDER_MS = 12 * 60 * 60 * 1000;
/** …and the reminder is still worth sending until this long after its moment; later it is dropped. */
export const ATTENDANCE_REMINDER_USEFUL_MS = DAY_MS;

/**
 * Whether a session that ended at `end` is due its reminder on a check covering the instants after
 * `since` up to `now`: its moment (12 hours after the end) fell in between, and not so long ago that
 * the reminder would come late in a burst after downtime.
 */
export function attendanceReminderDue(end: Date, since: Date, now: Date): boolean {
  const moment = end.getTime() + ATTENDANCE_REMINDER_MS;
  return moment > since.getTime() && moment <= now.getTime() && now.getTime() - moment <= ATTENDANCE_REMINDER_USEFUL_MS;
}

// ─── Occasions ──────────────────────────────────────────────────────────────────────────────────

/** The name of the daily occasion of a hospital day: at most one process ever runs it. */
export function dailyOccasion(day: Date): string {
  return `daily:${toIsoDate(day)}`;
}

/** The frequent checks run every five minutes; each slot is an occasion of its own. */
export const FREQUENT_MINUTES = 5;

export function frequentOccasion(now: Date): string {
  const slot = Math.floor(now.getTime() / (FREQUENT_MINUTES * 60_000)) * FREQUENT_MINUTES * 60_000;
  return `frequent:${new Date(slot).toISOString().slice(0, 16)}`;
}
