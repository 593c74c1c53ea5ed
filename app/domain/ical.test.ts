import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendar, foldLine } from "./ical";

describe("the iCalendar feed writer", () => {
  const event = {
    uid: "rotation-1@residency-portal",
    start: new Date("2026-12-01T00:00:00Z"),
    end: new Date("2026-12-31T00:00:00Z"),
    updated: new Date("2026-11-23T10:15:00Z"),
    summary: 'Rotazione: Oncologia Medica 1, piano terra; "reparto"',
    location: "Oncologia Medica 1",
    description: "Tutor: Dott.ssa Bianchi\nstanza 12",
  };

  it("writes all-day events a real iCalendar library reads back, last day included", () => {
    const text = calendar("Rotazioni", [event]);
    const parsed = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vevent")!);
    expect(parsed.uid).toBe(event.uid);
    expect(parsed.summary).toBe(event.summary);
    expect(parsed.description).toBe(event.description);
    expect(parsed.startDate.toString()).toBe("2026-12-01");
    // DTEND is exclusive: the day after the last day.
    expect(parsed.endDate.toString()).toBe("2027-01-01");
    expect(parsed.startDate.isDate).toBe(true);
  });

  it("writes timed events as UTC instants beside all-day ones", () => {
    // A teaching session at 14:30 in Milan on 15 January 2026 (UTC+1), 90 minutes long.
    const session = {
      uid: "teaching-1@residency-portal",
      start: new Date("2026-01-15T13:30:00Z"),
      end: new Date("2026-01-15T15:00:00Z"),
      updated: new Date("2026-01-10T09:00:00Z"),
      summary: "Teaching: Immunotherapy, an update",
      location: "Aula Magna, piano 2",
      timed: true,
    };
    const text = calendar("Rotazioni", [event, session]);
    expect(text).toContain("DTSTART:20260115T133000Z\r\nDTEND:20260115T150000Z\r\n");
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    expect(events).toHaveLength(2);
    const parsed = events.find((e) => e.uid === session.uid)!;
    expect(parsed.startDate.isDate).toBe(false);
    expect(parsed.startDate.toJSDate().toISOString()).toBe("2026-01-15T13:30:00.000Z");
    expect(parsed.endDate.toJSDate().toISOString()).toBe("2026-01-15T15:00:00.000Z");
    expect(parsed.duration.toSeconds()).toBe(90 * 60);
    expect(parsed.location).toBe(session.location);
    expect(parsed.summary).toBe(session.summary);
    // The rotation is still all-day.
    expect(events.find((e) => e.uid === event.uid)!.startDate.isDate).toBe(true);
  });

  it("uses CRLF line ends and folds long lines at 75 octets, counting accented letters as two", () => {
    const text = calendar("Rotazioni", [{ ...event, summary: "è".repeat(100) }]);
    expect(text.endsWith("\r\n")).toBe(true);
    for (const line of text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(foldLine("a".repeat(80)).split("\r\n ")).toHaveLength(2);
    const parsed = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vevent")!);
    expect(parsed.summary).toBe("è".repeat(100));
  });

  it("folds by octets whatever the characters' length in UTF-8, never inside one", () => {
    const line = `SUMMARY:${"a€😀è".repeat(30)}`;
    const folded = foldLine(line);
    for (const part of folded.split("\r\n")) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    expect(folded).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(foldLine("a".repeat(75))).toBe("a".repeat(75));
  });

  it("writes an empty but valid calendar when there is nothing to show", () => {
    const component = new ICAL.Component(ICAL.parse(calendar("Rotazioni", [])));
    expect(component.getAllSubcomponents("vevent")).toHaveLength(0);
    expect(component.getFirstPropertyValue("version")).toBe("2.0");
  });

  it("says when each event last changed, and the calendar's name and time zone", () => {
    const text = calendar("Rotazioni, didattica; tutto", [event]);
    const component = new ICAL.Component(ICAL.parse(text));
    expect(component.getFirstPropertyValue("x-wr-timezone")).toBe("Europe/Rome");
    expect(text).toContain("\r\nX-WR-CALNAME:Rotazioni\\, didattica\\; tutto\r\n");
    const vevent = component.getFirstSubcomponent("vevent")!;
    expect(String(vevent.getFirstPropertyValue("last-modified"))).toBe("2026-11-23T10:15:00Z");
    expect(vevent.getFirstPropertyValue("dtstamp")).not.toBeNull();
  });

  it("keeps every kind of line break inside the text it belongs to", () => {
    const text = calendar("Rotazioni", [{ ...event, description: "uno\rdue\r\ntre\nquattro" }]);
    for (const line of text.split("\r\n")) expect(line).not.toMatch(/[\r\n]/);
    const parsed = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vevent")!);
    expect(parsed.description).toBe("uno\ndue\ntre\nquattro");
  });
});
