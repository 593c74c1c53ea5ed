import { addDays, DAY_MS } from "./dates";

/**
 * The day-by-day arithmetic of the planning board: the days of a month, which of them a rotation
 * covers, how many places of a department are used and free on each day, and the month-by-day grid
 * of a resident's year. Plain objects in, plain objects out; dates are UTC midnights (see dates.ts).
 */

/** A calendar month; `month` runs from 1 (January) to 12. */
export type YearMonth = { year: number; month: number };
export type Span = { startDate: Date; endDate: Date };
/** A rotation as the board needs it: its days and what the coordinator decided. */
export type BoardRotation = Span & { id: string; state: string };

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;
const MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^\d{4}$/;

/** "2026-03" → { year: 2026, month: 3 }; null for anything else (the page then falls back to a default). */
export function parseMonth(value: string | null | undefined): YearMonth | null {
  const match = MONTH.exec(value?.trim() ?? "");
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return null;
  return { year, month };
}

/** "2026" → 2026; null for anything else. */
export function parseYear(value: string | null | undefined): number | null {
  const text = value?.trim() ?? "";
  if (!YEAR.test(text)) return null;
  const year = Number(text);
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : null;
}

/** { year: 2026, month: 3 } → "2026-03", the value of a month input and of the URL. */
export function formatMonth({ year, month }: YearMonth): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}

export function monthOf(date: Date): YearMonth {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

/** The month `count` months later (earlier when negative). */
export function addMonths({ year, month }: YearMonth, count: number): YearMonth {
  const index = year * 12 + (month - 1) + count;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** 28, 29, 30 or 31. */
export function daysInMonth({ year, month }: YearMonth): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first and last day of a month, inclusive. */
export function monthWindow(ym: YearMonth): { start: Date; end: Date } {
  const start = new Date(Date.UTC(ym.year, ym.month - 1, 1));
  return { start, end: addDays(start, daysInMonth(ym) - 1) };
}

/** Every day of a month, in order. */
export function monthDays(ym: YearMonth): Date[] {
  const { start } = monthWindow(ym);
  return Array.from({ length: daysInMonth(ym) }, (_, i) => addDays(start, i));
}

/** The first and last day of a year, inclusive. */
export function yearWindow(year: number): { start: Date; end: Date } {
  return { start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year, 11, 31)) };
}

export function isWeekend(day: Date): boolean {
  const weekday = day.getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** A cancelled rotation frees its days: it never counts on the board. */
export function countsOnBoard(rotation: { state: string }): boolean {
  return rotation.state !== "cancelled";
}

export function coversDay(span: Span, day: Date): boolean {
  return span.startDate.getTime() <= day.getTime() && day.getTime() <= span.endDate.getTime();
}

/** For each of `days`, whether the span covers it. */
export function coverage(span: Span, days: Date[]): boolean[] {
  return days.map((day) => coversDay(span, day));
}

/**
 * The days of a window a span covers, as indices into the window (0 = the window's first day), or
 * null when they do not meet. A span starting before the window or ending after it is clipped.
 */
export function coveredRange(span: Span, window: { start: Date; end: Date }): { first: number; last: number } | null {
  const start = Math.max(span.startDate.getTime(), window.start.getTime());
  const end = Math.min(span.endDate.getTime(), window.end.getTime());
  if (start > end) return null;
  return { first: Math.round((start - window.start.getTime()) / DAY_MS), last: Math.round((end - window.start.getTime()) / DAY_MS) };
}

/** For each of `days`, whether any of the spans (a resident's absences, { start, end }) covers it. */
export function awayCoverage(spans: Array<{ start: Date; end: Date }>, days: Date[]): boolean[] {
  return days.map((day) => spans.some((span) => coversDay({ startDate: span.start, endDate: span.end }, day)));
}

export type DayLoad = {
  day: Date;
  /** Residents present (rotations not cancelled covering the day). */
  used: number;
  /** Places left, never below zero. */
  free: number;
  /** Residents above the capacity (0 when within it): a later change broke rotations already planned. */
  over: number;
};

/** Places used and free in a department on each of `days`. */
export function dailyLoad(rotations: Array<Span & { state: string }>, days: Date[], capacity: number): DayLoad[] {
  const counted = rotations.filter(countsOnBoard);
  return days.map((day) => {
    const used = counted.filter((r) => coversDay(r, day)).length;
    return { day, used, free: Math.max(capacity - used, 0), over: Math.max(used - capacity, 0) };
  });
}

export type BoardRow<R extends BoardRotation> = { rotation: R; days: boolean[] };

/** One row per rotation (not cancelled) that meets the month, in order of its first day. */
export function boardRows<R extends BoardRotation>(rotations: R[], ym: YearMonth): BoardRow<R>[] {
  const window = monthWindow(ym);
  const days = monthDays(ym);
  return rotations
    .filter((r) => countsOnBoard(r) && coveredRange(r, window) !== null)
    .sort((a, b) => a.startDate.getTime() - b.startDate.getTime() || a.endDate.getTime() - b.endDate.getTime())
    .map((rotation) => ({ rotation, days: coverage(rotation, days) }));
}

export type YearCell = {
  day: Date;
  /** Within the resident's stay at the hospital. */
  inStay: boolean;
  /** Indices (into the rotations given) of the rotations covering the day: one, unless a later change broke rule 2. */
  rotations: number[];
  /** Away on approved leave or a recorded absence. */
  away: boolean;
};

export type YearMonthRow = {
  month: YearMonth;
  /** Always 31 entries; null for the days a month does not have (30 February). */
  cells: Array<YearCell | null>;
};

/** The twelve months of a year, day by day: where the resident is, whether they are at the hospital and whether away. */
export function yearGrid(
  year: number,
  rotations: Array<Span & { state: string }>,
  stay: { start: Date; end: Date },
  away: Array<{ start: Date; end: Date }> = [],
): YearMonthRow[] {
  const stayRange = { startDate: stay.start, endDate: stay.end };
  return Array.from({ length: 12 }, (_, m) => {
    const month = { year, month: m + 1 };
    const days = monthDays(month);
    const cells = Array.from({ length: 31 }, (_, i): YearCell | null => {
      const day = days[i];
      if (!day) return null;
      const covering = rotations.flatMap((r, index) => (countsOnBoard(r) && coversDay(r, day) ? [index] : []));
      return { day, inStay: coversDay(stayRange, day), rotations: covering, away: awayCoverage(away, [day])[0]! };
    });
    return { month, cells };
  });
}
