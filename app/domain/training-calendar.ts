import type { Span } from "./absences";
import { addDays, addYears, daysBetween } from "./dates";

/**
 * A resident's training calendar (issue 19; docs/domain.md "Year progression"): the training years from
 * the contract's start, each a year long and moved later by the suspended days inside it, then decided by
 * the school at its end. The decisions (progression outcomes) say what comes next:
 * - admitted: the next training year (in the last year, the diploma);
 * - repeats: the same year again, so the expected end comes a year later;
 * - not admitted: training ends on the decision's day;
 * - suspended: a suspension from the decision's day (recorded as an absence, so it is among the
 *   suspensions given here); the year goes on after it, and is decided again.
 * Plain values in and out: dates are UTC midnights (dates.ts).
 */

export const OUTCOMES = ["admitted", "repeats", "not-admitted", "suspended"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const isOutcome = (value: unknown): value is Outcome => typeof value === "string" && (OUTCOMES as readonly string[]).includes(value);

/** The diploma exam is graded out of 50, with honours possible at 50. */
export const MAX_GRADE = 50;

export type DecidedOutcome = { trainingYear: number; outcome: Outcome; decidedOn: Date };

export type TrainingYear = {
  /** 1 for the first year of the programme. */
  year: number;
  start: Date;
  /** A year after the start, before suspensions. */
  plannedEnd: Date;
  /** Moved later by the suspended days inside the year. */
  end: Date;
  suspendedDays: number;
  /** The school's decision on it, when taken ("suspended" never closes a year). */
  outcome: Exclude<Outcome, "suspended"> | null;
  /** A year taken again after "repeats". */
  repeated: boolean;
};

export type TrainingCalendar = {
  years: TrainingYear[];
  /** The last day of training: the end of the last year, or the day training ended (not admitted). */
  expectedEnd: Date;
  /** Set when the school did not admit the resident: training ended that day. */
  endedOn: Date | null;
};

/** Calendar days of the suspensions inside [start, end]. */
function suspendedWithin(suspensions: Span[], start: Date, end: Date): number {
  let days = 0;
  for (const s of suspensions) {
    const from = s.start > start ? s.start : start;
    const to = s.end < end ? s.end : end;
    if (from <= to) days += daysBetween(from, to) + 1;
  }
  return days;
}

/** A year from `start`, moved later by the suspended days inside it (which may themselves reach further). */
export function yearFrom(start: Date, suspensions: Span[]): { plannedEnd: Date; end: Date; suspendedDays: number } {
  const plannedEnd = addDays(addYears(start, 1), -1);
  let end = plannedEnd;
  let suspendedDays = 0;
  // Each extension can take in more of a suspension; a suspension is finite, so this settles.
  for (;;) {
    const days = suspendedWithin(suspensions, start, end);
    const next = addDays(plannedEnd, days);
    suspendedDays = days;
    if (next.getTime() === end.getTime()) break;
    end = next;
  }
  return { plannedEnd, end, suspendedDays };
}

/**
 * The training years from the contract start: as decided, then as planned up to the programme's length.
 * Outcomes are read in the order they were decided; one for a year that is not the one running is ignored.
 */
export function trainingCalendar(input: {
  contractStart: Date;
  durationYears: number;
  suspensions: Span[];
  outcomes: DecidedOutcome[];
}): TrainingCalendar {
  const outcomes = [...input.outcomes]
    .filter((o) => o.outcome !== "suspended")
    .sort((a, b) => a.decidedOn.getTime() - b.decidedOn.getTime());
  const years: TrainingYear[] = [];
  let start = input.contractStart;
  let year = 1;
  let repeated = false;
  let next = 0;
  // A bound on the years laid out, against a list of outcomes that repeats without end.
  const limit = input.durationYears + outcomes.length + 1;
  while (year <= input.durationYears && years.length < limit) {
    const span = yearFrom(start, input.suspensions);
    // The first decision on this year still to read (earlier ones for other years are skipped).
    while (next < outcomes.length && outcomes[next]!.trainingYear !== year) next++;
    const decided = outcomes[next];
    const outcome = decided ? (decided.outcome as TrainingYear["outcome"]) : null;
    if (decided) next++;
    years.push({ year, start, ...span, outcome, repeated });
    if (outcome === "not-admitted") return { years, expectedEnd: decided!.decidedOn, endedOn: decided!.decidedOn };
    start = addDays(span.end, 1);
    repeated = outcome === "repeats";
    if (!repeated) year++;
  }
  return { years, expectedEnd: years.at(-1)?.end ?? input.contractStart, endedOn: null };
}

/** The training year running on `day` (the first before the contract starts, the last after it ends). */
export function yearOn(calendar: TrainingCalendar, day: Date): TrainingYear | null {
  const { years } = calendar;
  return years.find((y) => y.start <= day && day <= y.end) ?? (years[0] && day < years[0].start ? years[0] : (years.at(-1) ?? null));
}

/**
 * The suspended days of a training year still to be made up on `day`: the suspended time is made up in
 * the days added after the year's planned end, so on the planned end all of it is owed and on the moved
 * end none.
 */
export function owedDays(year: TrainingYear, day: Date): number {
  const madeUp = Math.min(Math.max(daysBetween(year.plannedEnd, day), 0), year.suspendedDays);
  return year.suspendedDays - madeUp;
}

/**
 * The contract start a training year implies when none is known: the start of the academic year that
 * holds `day`, as many years back as the resident's year of training less one.
 */
export function impliedContractStart(academicYearStart: Date, yearOfTraining: number): Date {
  return addYears(academicYearStart, -(yearOfTraining - 1));
}
