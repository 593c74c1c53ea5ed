import { HOSPITAL_TIME_ZONE } from "~/domain/dates";
import type { Locale } from "./locale";

/**
 * Every date and number the portal shows, in the reader's language: the one place that knows the
 * regional formats (British English, Italian) and which values are read on the hospital's clock.
 *
 * Two kinds of dates: instants (a sign-in, a change in the history, a session's start) are shown on the
 * hospital's clock, Europe/Rome, whatever the server's or the browser's; calendar days (a rotation's
 * start, a stay's end) are stored as UTC midnights and shown as that day, wherever the reader is.
 *
 * `Intl` formatters are costly to build and were built on every render: each locale's set is built once.
 */
export const LOCALE_TAGS: Record<Locale, string> = { it: "it-IT", en: "en-GB" };

type DateInput = Date | string | number;
const toDate = (value: DateInput) => (value instanceof Date ? value : new Date(value));

function build(locale: Locale) {
  const tag = LOCALE_TAGS[locale];
  const onClock = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(tag, { ...options, timeZone: HOSPITAL_TIME_ZONE });
  const asDay = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(tag, { ...options, timeZone: "UTC" });
  const use = (format: Intl.DateTimeFormat) => (value: DateInput) => format.format(toDate(value));
  const number = new Intl.NumberFormat(tag);
  const percent = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(tag, { maximumFractionDigits: 2, useGrouping: false });
  return {
    /** "4 Dec 2026", "4 dic 2026": an instant's day on the hospital's clock. */
    date: use(onClock({ dateStyle: "medium" })),
    /** "4 Dec 2026, 16:21": an instant on the hospital's clock. */
    dateTime: use(onClock({ dateStyle: "medium", timeStyle: "short" })),
    /** "08:30": an instant's time on the hospital's clock. */
    time: use(onClock({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" })),
    /** "4 December", "4 dicembre": an instant's day on the hospital's clock, without the year. */
    dayMonthOnClock: use(onClock({ day: "numeric", month: "long" })),
    /** "4 December", "4 dicembre": a calendar day without the year. */
    dayMonth: use(asDay({ day: "numeric", month: "long" })),
    /** "4 Dec": a calendar day, short. */
    dayMonthShort: use(asDay({ day: "numeric", month: "short" })),
    /** "Friday, 4 December 2026", "venerdì 4 dicembre 2026": a calendar day in full. */
    fullDay: use(asDay({ weekday: "long", day: "numeric", month: "long", year: "numeric" })),
    /** "Friday 4": a calendar day's weekday and number. */
    weekdayDay: use(asDay({ weekday: "long", day: "numeric" })),
    /** "F", "V": a calendar day's weekday initial. */
    weekdayInitial: use(asDay({ weekday: "narrow" })),
    /** "December", "dicembre": a calendar month's name. */
    month: use(asDay({ month: "long" })),
    /** "December 2026", "dicembre 2026". */
    monthYear: use(asDay({ month: "long", year: "numeric" })),
    /** "Dec 2026", "dic 2026". */
    monthYearShort: use(asDay({ month: "short", year: "numeric" })),
    /** "1,234", "1.234". */
    number: (value: number) => number.format(value),
    /** "85%", "85%": a share from 0 to 1, whole percent. */
    percent: (value: number) => percent.format(value),
    /** "12.5", "12,5": up to two decimals, no grouping (spreadsheet cells). */
    decimal: (value: number) => decimal.format(value),
    /** ISO date (YYYY-MM-DD) for <time dateTime>. */
    iso: (value: DateInput) => toDate(value).toISOString().slice(0, 10),
  };
}

export type Formats = ReturnType<typeof build>;

const built = new Map<Locale, Formats>();

/** Dates and numbers in the reader's language; the same object for every call with one locale. */
export function formatters(locale: Locale): Formats {
  let formats = built.get(locale);
  if (!formats) built.set(locale, (formats = build(locale)));
  return formats;
}
