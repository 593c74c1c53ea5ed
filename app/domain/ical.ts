import { createEvents, type DateArray, type EventAttributes } from "ics";
import { HOSPITAL_TIME_ZONE } from "./dates";

/**
 * The iCalendar (RFC 5545) subscription feed, written by the `ics` library: all-day events (rotations)
 * and timed ones (teaching sessions, written as UTC instants), escaped text, CRLF line ends. Google
 * Calendar, Outlook and Apple Calendar read it. Around the library, two things of our own: lines
 * folded at 75 octets (see `foldLine`) and the calendar's time zone (X-WR-TIMEZONE).
 */
export type CalendarEvent = {
  uid: string;
  /** All-day: the first day (inclusive), UTC midnight. Timed: the instant it starts. */
  start: Date;
  /**
   * All-day: the last day (inclusive), UTC midnight, written as the exclusive DTEND the standard
   * wants. Timed: the instant it ends.
   */
  end: Date;
  /** A timed event (with a time of day) rather than an all-day one. */
  timed?: boolean;
  summary: string;
  description?: string;
  location?: string;
  updated: Date;
};

const DAY = 24 * 60 * 60 * 1000;

/** A day as `ics` takes an all-day date: [year, month, day], from the UTC midnight the portal stores. */
function day(date: Date): DateArray {
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

/**
 * `ics` escapes every line break as "\n" but leaves a lone carriage return as it is, which would end
 * the content line early; every line break is made a "\n" first.
 */
function text(value: string): string {
  return value.replace(/\r\n?/g, "\n");
}

function attributes(event: CalendarEvent): EventAttributes {
  // A session is written as UTC instants ("…Z"): the hospital's time zone was applied when its start
  // was computed. `ics` knows no TZID, and its "local" output is a floating time, which each reader's
  // device would place in its own zone. A rotation is written as days, DTEND the day after the last.
  const when = event.timed
    ? ({ start: event.start.getTime(), startInputType: "utc", startOutputType: "utc", end: event.end.getTime() } as const)
    : { start: day(event.start), end: day(new Date(event.end.getTime() + DAY)) };
  return {
    uid: event.uid,
    title: text(event.summary),
    ...(event.location ? { location: text(event.location) } : {}),
    ...(event.description ? { description: text(event.description) } : {}),
    // When the record last changed. DTSTAMP is left to `ics`: in a published calendar (METHOD:PUBLISH)
    // it is when the calendar was written (RFC 5545, 3.8.7.2), which is now.
    lastModified: event.updated.getTime(),
    ...when,
    // A rotation spans whole days without filling them; a session takes its hour.
    transp: event.timed ? "OPAQUE" : "TRANSPARENT",
  };
}

/**
 * Folds a content line so that no line exceeds 75 octets (continuations start with a space).
 * `ics` 3.12 folds at 75 characters, not octets, so a summary of accented letters came out of it in
 * lines of 142 octets and a description of emoji in lines of 264, where RFC 5545 (3.1) allows 75; its
 * lines are unfolded and folded again here.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const code = char.codePointAt(0)!;
    // The character's length in UTF-8, counted rather than encoded: a feed has thousands of lines.
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (size + bytes > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

export function calendar(name: string, events: CalendarEvent[]): string {
  const { error, value } = createEvents(events.map(attributes), {
    productId: "-//Residency Portal//Rotations//IT",
    method: "PUBLISH",
    // `ics` writes the calendar's name with its line breaks escaped but not its commas, semicolons and
    // backslashes, which a TEXT value must escape too.
    calName: text(name).replace(/[\\;,]/g, (c) => `\\${c}`),
  });
  if (error || value === null) throw error ?? new Error("ics wrote no calendar");
  // Unfolded (a fold is a line break and a space or tab; text values have no bare line breaks), so
  // that every line can be folded again by octets.
  const lines = value.replace(/\r\n[ \t]/g, "").split("\r\n");
  if (lines.at(-1) === "") lines.pop();
  // `ics` cannot add a property of our own to the calendar. X-WR-TIMEZONE tells Google Calendar and
  // Apple Calendar which zone to show the calendar in; it goes at the end of the calendar's properties.
  const header = lines.findIndex((line) => line === "BEGIN:VEVENT" || line === "END:VCALENDAR");
  lines.splice(header, 0, `X-WR-TIMEZONE:${HOSPITAL_TIME_ZONE}`);
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
