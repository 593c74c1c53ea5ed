import { addDays, daysBetween } from "./dates";

/**
 * Residents' absences (D.Lgs 368/1999 art. 40 and the schools' regulations; docs/domain.md):
 * - personal leave: up to 30 days a training year, authorised in advance, need not be made up;
 * - protected absences (illness, injury, pregnancy, maternity or parental leave): more than 40
 *   consecutive working days suspend training, and the whole period must be made up.
 *
 * Plain values and rules with no Node.js import: pages use the kinds and states. Counting working days
 * needs the holidays (working-days.ts, server side), so the rules take a `workingDay` predicate.
 */

/**
 * "suspension" is a suspension the school decided (a progression outcome, or recorded here): it suspends
 * training whatever its length, and, like the others, only administrators and the resident see it.
 */
export const PROTECTED_TYPES = ["illness", "injury", "pregnancy", "maternity", "parental", "suspension"] as const;
export type ProtectedType = (typeof PROTECTED_TYPES)[number];

/**
 * Personal leave is requested, then approved or declined by the tutor; the resident may cancel it before
 * it starts. A protected absence is recorded by an administrator: it has no other state.
 */
export const LEAVE_STATES = ["requested", "approved", "declined", "cancelled"] as const;
export type LeaveState = (typeof LEAVE_STATES)[number];

export const COUNT_MODES = ["working", "calendar"] as const;
export type CountMode = (typeof COUNT_MODES)[number];

export type AbsenceSettings = {
  /** Days of personal leave a training year that need not be made up. */
  personalDays: number;
  /** How leave is counted: working days (the default) or calendar days. */
  countMode: CountMode;
  /** A protected absence longer than this many consecutive working days suspends training. */
  suspensionAfter: number;
  /** Years after a protected absence ends that its type and supporting PDF are kept, then erased. */
  retentionYears: number;
};
export const DEFAULT_ABSENCE_SETTINGS: AbsenceSettings = {
  personalDays: 30,
  countMode: "working",
  suspensionAfter: 40,
  retentionYears: 10,
};
export const ABSENCE_SETTING_LIMITS = {
  personalDays: { min: 0, max: 366 },
  suspensionAfter: { min: 1, max: 366 },
  retentionYears: { min: 1, max: 50 },
} as const;

/** The longest absence one request or record may span: a year and a half, a long maternity leave. */
export const MAX_ABSENCE_DAYS = 550;

export type Span = { start: Date; end: Date };
export type WorkingDay = (date: Date) => boolean;

/** The days an absence counts for, by the setting's mode: working days, or every day. */
export function daysCounted(span: Span, mode: CountMode, workingDay: WorkingDay): number {
  if (span.end < span.start) return 0;
  if (mode === "calendar") return daysBetween(span.start, span.end) + 1;
  let count = 0;
  for (let day = span.start; day <= span.end; day = addDays(day, 1)) if (workingDay(day)) count += 1;
  return count;
}

/** The part of `span` inside `within`, or null when they do not meet. */
export function clip(span: Span, within: Span): Span | null {
  const start = span.start > within.start ? span.start : within.start;
  const end = span.end < within.end ? span.end : within.end;
  return start <= end ? { start, end } : null;
}

// ─── Rules of one absence ────────────────────────────────────────────────────────────────────────

/** Why an absence's dates cannot be, as translation keys of the field they belong to; empty when they can. */
export type DateProblem = { field: "start" | "end"; key: string };

/**
 * An absence ends on or after its start, spans at most MAX_ABSENCE_DAYS, lies within the resident's
 * stay, and meets none of the resident's other absences that still stand (requested, approved or
 * recorded: a declined or cancelled request leaves its days free).
 */
export function datesProblems(span: Span, stay: Span, others: Span[]): DateProblem[] {
  if (span.end < span.start) return [{ field: "end", key: "absences.errors.endBeforeStart" }];
  if (daysBetween(span.start, span.end) + 1 > MAX_ABSENCE_DAYS) return [{ field: "end", key: "absences.errors.tooLong" }];
  if (span.start < stay.start || span.end > stay.end) return [{ field: "start", key: "absences.errors.outsideStay" }];
  if (others.some((other) => other.start <= span.end && span.start <= other.end))
    return [{ field: "start", key: "absences.errors.overlaps" }];
  return [];
}

// ─── Personal leave ──────────────────────────────────────────────────────────────────────────────

export type Leave = Span & { state: LeaveState };

export type LeaveBalance = {
  /** approved leave on days up to today */
  used: number;
  /** approved leave on days after today */
  approved: number;
  /** leave waiting for a decision */
  requested: number;
  /** what remains of the allowance once all of the above is counted (never below 0) */
  left: number;
  allowance: number;
};

/**
 * A resident's personal leave within one training year: leave across the year's boundary counts in each
 * year for its own days. Declined and cancelled requests count for nothing.
 */
export function leaveBalance(leave: Leave[], year: Span, today: Date, settings: AbsenceSettings, workingDay: WorkingDay): LeaveBalance {
  const count = (span: Span | null) => (span ? daysCounted(span, settings.countMode, workingDay) : 0);
  let used = 0;
  let approved = 0;
  let requested = 0;
  for (const item of leave) {
    const inYear = clip(item, year);
    if (!inYear) continue;
    if (item.state === "requested") requested += count(inYear);
    if (item.state === "approved") {
      used += count(clip(inYear, { start: inYear.start, end: today }));
      approved += count(clip(inYear, { start: addDays(today, 1), end: inYear.end }));
    }
  }
  return {
    used,
    approved,
    requested,
    left: Math.max(0, settings.personalDays - used - approved - requested),
    allowance: settings.personalDays,
  };
}

/**
 * Whether approving `request` would take the year's leave beyond the allowance: the days of the request
 * in each training year it touches, added to the leave already approved in that year.
 */
export function exceedsAllowance(
  request: Span,
  approvedLeave: Span[],
  years: Span[],
  settings: AbsenceSettings,
  workingDay: WorkingDay,
): boolean {
  const count = (span: Span | null) => (span ? daysCounted(span, settings.countMode, workingDay) : 0);
  return years.some((year) => {
    const asked = count(clip(request, year));
    if (asked === 0) return false;
    const taken = approvedLeave.reduce((sum, item) => sum + count(clip(item, year)), 0);
    return taken + asked > settings.personalDays;
  });
}

// ─── Protected absences and suspensions ──────────────────────────────────────────────────────────

export type Suspension = Span & {
  /** working days of the whole absence (the threshold's count) */
  workingDays: number;
  /** the calendar days to make up: the end of training moves later by as many */
  days: number;
};

/**
 * The protected absences that suspend training. Absences that follow each other without a working day
 * between them count as one (a sick note extended, maternity then parental leave); when one such run
 * lasts more than `suspensionAfter` working days, the whole run is a suspension, and all its calendar days
 * must be made up. A run holding a suspension the school decided (`suspends`) is one whatever its length.
 */
export function suspensions(
  absences: Array<Span & { suspends?: boolean }>,
  settings: Pick<AbsenceSettings, "suspensionAfter">,
  workingDay: WorkingDay,
): Suspension[] {
  const sorted = [...absences].sort((a, b) => a.start.getTime() - b.start.getTime());
  const runs: Array<Span & { suspends: boolean }> = [];
  for (const absence of sorted) {
    const last = runs.at(-1);
    if (last && continues(last, absence, workingDay)) {
      if (absence.end > last.end) last.end = absence.end;
      last.suspends ||= Boolean(absence.suspends);
    } else {
      runs.push({ start: absence.start, end: absence.end, suspends: Boolean(absence.suspends) });
    }
  }
  return runs.flatMap(({ suspends, ...run }) => {
    const workingDays = daysCounted(run, "working", workingDay);
    return suspends || workingDays > settings.suspensionAfter ? [{ ...run, workingDays, days: daysBetween(run.start, run.end) + 1 }] : [];
  });
}

/** Whether `next` (starting on or after `run`'s start) meets `run` or follows it with no working day between. */
function continues(run: Span, next: Span, workingDay: WorkingDay): boolean {
  for (let day = addDays(run.end, 1); day < next.start; day = addDays(day, 1)) if (workingDay(day)) return false;
  return true;
}

/** The calendar days of training suspended in total: what moves the expected end of training later. */
export function suspendedDays(list: Suspension[]): number {
  return list.reduce((sum, suspension) => sum + suspension.days, 0);
}

/** A programme's maximum of total suspension when none is set: a year. */
export const DEFAULT_MAX_SUSPENSION_DAYS = 365;
/** The share of that maximum from which the portal warns (it never blocks). */
export const SUSPENSION_WARNING_SHARE = 0.8;

/**
 * How much of the programme's maximum of suspended time a resident has used, and whether to warn: from 80%
 * (`SUSPENSION_WARNING_SHARE`) up, the share in whole percent.
 */
export function suspensionUse(
  totalDays: number,
  maximumDays: number,
): { totalDays: number; maximumDays: number; percent: number; warn: boolean } {
  const share = maximumDays > 0 ? totalDays / maximumDays : 0;
  return { totalDays, maximumDays, percent: Math.floor(share * 100), warn: totalDays > 0 && share >= SUSPENSION_WARNING_SHARE };
}
