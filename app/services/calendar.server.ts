import { hashSecretHex, randomToken } from "~/auth/crypto.server";
import { addDays, hospitalToday } from "~/domain/dates";
import type { CalendarEvent } from "~/domain/ical";
import { sessionEnd, sessionStart, teaches } from "~/domain/teaching";
import { translator } from "~/i18n/i18n";
import { isLocale, DEFAULT_LOCALE } from "~/i18n/locale";
import { calendarAbsences, calendarOwner, calendarRotations, calendarSessions, setCalendarTokenHash } from "~/models/calendar.server";

/**
 * Each person's private calendar feed lives at /calendar/<token>.ics. The token is 160 random bits;
 * only its hash is stored, so the URL is shown once, and a new one replaces (and kills) the old.
 */
export async function issueCalendarToken(userId: string): Promise<string> {
  const token = randomToken(20);
  await setCalendarTokenHash(userId, hashSecretHex(token));
  return token;
}

export async function revokeCalendarToken(userId: string): Promise<void> {
  await setCalendarTokenHash(userId, null);
}

export function calendarPath(token: string): string {
  return `/calendar/${token}.ics`;
}

/**
 * The feed's events: the person's own rotations (as a resident) and those they supervise (as a tutor),
 * as all-day events; and, as timed events, the teaching sessions meant for their programme (as a
 * resident) and those they teach (as a tutor), not cancelled, from a year ago on; and the resident's own
 * approved leave and recorded absences, all-day, never with a type.
 */
export async function calendarFor(token: string): Promise<{ name: string; events: CalendarEvent[] } | null> {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
  const user = await calendarOwner(hashSecretHex(token));
  if (!user || !user.active) return null;
  const t = translator(isLocale(user.language) ? user.language : DEFAULT_LOCALE);
  const rotations = await calendarRotations(user.id);
  const teaching = await calendarSessions(user.id, addDays(hospitalToday(), -365));
  const sessions: CalendarEvent[] = teaching.map((s) => {
    const gives = teaches(s, user.id);
    const names = s.tutors.map((tutor) => tutor.user.name);
    return {
      uid: `teaching-${s.id}@residency-portal`,
      start: sessionStart(s),
      end: sessionEnd(s),
      timed: true,
      updated: s.updatedAt,
      summary: gives ? t("teachingReport.calendar.teaching", { title: s.title }) : t("teachingReport.calendar.session", { title: s.title }),
      location: s.place ?? s.link ?? undefined,
      description: [
        t(names.length === 1 ? "teachingReport.tutor" : "teachingReport.tutors", { names: names.join(", ") }),
        ...(s.link ? [t("teachingReport.calendar.online", { link: s.link })] : []),
      ].join("\n"),
    };
  });
  const days = rotations.map((r): CalendarEvent => {
    const own = r.resident.userId === user.id;
    return {
      uid: `rotation-${r.id}${own ? "" : "-tutor"}@residency-portal`,
      start: r.startDate,
      end: r.endDate,
      updated: r.updatedAt,
      summary: own
        ? t("calendar.ownRotation", { department: r.department.name })
        : t("calendar.supervised", { name: r.resident.user.name, department: r.department.name }),
      location: r.department.name,
      description: own && r.tutor ? t("rotations.tutorContact", { name: r.tutor.name }) : undefined,
    };
  });
  // The resident's own days away; the feed's address can be shared, so the type of an absence never enters it.
  const away = (await calendarAbsences(user.id)).map((a): CalendarEvent => ({
    uid: `absence-${a.id}@residency-portal`,
    start: a.startDate,
    end: a.endDate,
    updated: a.updatedAt,
    summary: t(a.kind === "personal" ? "calendar.leave" : "calendar.away"),
  }));
  return { name: t("calendar.name"), events: [...days, ...away, ...sessions] };
}
