import { HOSPITAL_TIME_ZONE } from "./dates";

/**
 * A minimal iCalendar (RFC 5545) writer for subscription feeds: all-day events (rotations) and timed
 * ones (teaching sessions, written as UTC instants), escaped text, lines folded at 75 octets, CRLF
 * line ends. Google Calendar, Outlook and Apple Calendar read it.
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

function escapeText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, "");
}

function stamp(date: Date): string {
  return `${date.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;
}

/** Folds a content line so that no line exceeds 75 octets (continuations start with a space). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
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
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Residency Portal//Rotations//IT",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(name)}`,
    `X-WR-TIMEZONE:${HOSPITAL_TIME_ZONE}`,
  ];
  for (const event of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${event.uid}`,
      `DTSTAMP:${stamp(event.updated)}`,
      ...(event.timed
        ? [`DTSTART:${stamp(event.start)}`, `DTEND:${stamp(event.end)}`]
        : [`DTSTART;VALUE=DATE:${day(event.start)}`, `DTEND;VALUE=DATE:${day(new Date(event.end.getTime() + 24 * 60 * 60 * 1000))}`]),
      `SUMMARY:${escapeText(event.summary)}`,
      ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
      ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
      // A rotation spans whole days without filling them; a session takes its hour.
      event.timed ? "TRANSP:OPAQUE" : "TRANSP:TRANSPARENT",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
