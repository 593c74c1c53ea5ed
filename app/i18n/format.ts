import type { Locale } from "./locale";

const TAGS: Record<Locale, string> = { it: "it-IT", en: "en-GB" };
/** Dates are shown in the hospital's time zone, whatever the server's. */
export const TIME_ZONE = "Europe/Rome";

/** Dates and numbers in the reader's language. */
export function formatters(locale: Locale) {
  const tag = TAGS[locale];
  const date = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: TIME_ZONE });
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE });
  const number = new Intl.NumberFormat(tag);
  const toDate = (value: Date | string | number) => (value instanceof Date ? value : new Date(value));
  return {
    date: (value: Date | string | number) => date.format(toDate(value)),
    dateTime: (value: Date | string | number) => dateTime.format(toDate(value)),
    number: (value: number) => number.format(value),
    /** ISO date (YYYY-MM-DD) for <time dateTime>. */
    iso: (value: Date | string | number) => toDate(value).toISOString().slice(0, 10),
  };
}
