import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import type { AttendanceStatus } from "~/domain/teaching";
import { NO_DEPARTMENT } from "~/domain/teaching-report";
import { prisma } from "~/utils/db.server";
import { createDepartment, createResident, createTeachingSession, createUniversity } from "../../test/factories";
import { calendarFor, issueCalendarToken } from "~/services/calendar.server";
import { setAcademicYearStart } from "./settings.server";
import { readReportQuery, residentTeaching, sessionsBehind, teachingReportFor, teachingThisYear } from "./teaching-report.server";

const d = (iso: string) => parseIsoDate(iso)!;
/** A period of its own, far from anything else in the database: March 2041. */
const PERIOD = { from: d("2041-03-01"), to: d("2041-03-31") };
const CONFIRMED = new Date("2041-04-01T10:00:00Z");

/**
 * University A with oncology and haematology, university B with radiotherapy; a department; two
 * tutors; Anna (oncology), Bruno (oncology), Dario (radiotherapy). In March 2041:
 * - s1, 90 min, for oncology and haematology, in the department, both tutors: Anna present, Bruno absent, Dario present;
 * - s2, 60 min, for oncology and radiotherapy, no department, tutor 1: Anna excused, Dario present;
 * - a cancelled one, an unconfirmed one and one in April, all with Anna present, which count nowhere.
 */
async function world() {
  const tag = randomUUID().slice(0, 8);
  const user = (name: string, role?: string) =>
    prisma.user.create({
      data: { email: `${name.toLowerCase()}-${tag}@example.test`, name: `${name} ${tag}`, roles: role ? { create: { role } } : undefined },
    });
  const [t1, t2] = await Promise.all([user("Primo", "tutor"), user("Secondo", "tutor")]);
  const universityA = await createUniversity({
    name: `Ateneo A ${tag}`,
    programmes: [{ specialtyCode: "ematologia" }, { specialtyCode: "oncologia-medica" }],
  });
  const [emato, onco] = universityA.programmes as [(typeof universityA.programmes)[number], (typeof universityA.programmes)[number]];
  const universityB = await createUniversity({ name: `Ateneo B ${tag}`, city: "Pavia", programmes: [{ specialtyCode: "radioterapia" }] });
  const radio = universityB.programmes[0]!;
  const department = await createDepartment(`Oncologia ${tag}`, 5, [t1.id, t2.id]);
  let n = 0;
  const resident = async (name: string, programmeId: string) => {
    const u = await user(name, "resident");
    const r = await createResident({
      userId: u.id,
      programmeId,
      studentNumber: `${++n}-${tag}`,
      stayStart: d("2040-01-01"),
      stayEnd: d("2042-12-31"),
    });
    return { ...r, user: u };
  };
  const anna = await resident("Anna", onco.id);
  const bruno = await resident("Bruno", onco.id);
  const dario = await resident("Dario", radio.id);
  const session = (data: {
    title: string;
    date: string;
    minutes: number;
    programmes: string[];
    tutors: string[];
    departmentId?: string | null;
    marks?: Array<[string, AttendanceStatus]>;
    cancelled?: boolean;
    confirmed?: boolean;
    startTime?: string;
    place?: string;
    link?: string;
  }) =>
    createTeachingSession({
      title: `${data.title} ${tag}`,
      date: d(data.date),
      startTime: data.startTime,
      minutes: data.minutes,
      departmentId: data.departmentId,
      place: data.place,
      link: data.link,
      cancelledAt: data.cancelled ? CONFIRMED : null,
      confirmedAt: data.confirmed === false ? null : CONFIRMED,
      tutorIds: data.tutors,
      programmeIds: data.programmes,
      marks: data.marks,
    });
  const s1 = await session({
    title: "Immunoterapia",
    date: "2041-03-05",
    minutes: 90,
    programmes: [onco.id, emato.id],
    tutors: [t1.id, t2.id],
    departmentId: department.id,
    marks: [
      [anna.id, "present"],
      [bruno.id, "absent"],
      [dario.id, "present"],
    ],
  });
  const s2 = await session({
    title: "Radioprotezione",
    date: "2041-03-20",
    minutes: 60,
    programmes: [onco.id, radio.id],
    tutors: [t1.id],
    marks: [
      [anna.id, "excused"],
      [dario.id, "present"],
    ],
  });
  await session({
    title: "Annullato",
    date: "2041-03-10",
    minutes: 600,
    programmes: [onco.id],
    tutors: [t1.id],
    marks: [[anna.id, "present"]],
    cancelled: true,
  });
  await session({
    title: "Non confermato",
    date: "2041-03-11",
    minutes: 600,
    programmes: [onco.id],
    tutors: [t1.id],
    marks: [[anna.id, "present"]],
    confirmed: false,
  });
  await session({
    title: "Aprile",
    date: "2041-04-02",
    minutes: 600,
    programmes: [onco.id],
    tutors: [t1.id],
    marks: [[anna.id, "present"]],
  });
  return { tag, t1, t2, universityA, universityB, onco, emato, radio, department, anna, bruno, dario, s1, s2, session };
}

describe("the teaching report", () => {
  it("adds up hours delivered and attended per programme, university, department and tutor, delivered sessions only", async () => {
    const w = await world();
    const byProgramme = await teachingReportFor(PERIOD, "programme", "en");
    const row = (rows: typeof byProgramme.rows, key: string) => rows.find((r) => r.key === key);
    expect(row(byProgramme.rows, w.onco.id)).toMatchObject({
      name: "Medical oncology",
      detail: w.universityA.name,
      sessions: 2,
      minutesDelivered: 150,
      minutesAttended: 90,
      present: 1,
      absent: 1,
      excused: 1,
      rate: 0.5,
    });
    expect(row(byProgramme.rows, w.emato.id)).toMatchObject({ sessions: 1, minutesDelivered: 90, minutesAttended: 0, rate: null });
    // Dario was present at s1, a session not for radiotherapy: it counts for his programme.
    expect(row(byProgramme.rows, w.radio.id)).toMatchObject({ sessions: 1, minutesDelivered: 60, minutesAttended: 150, rate: 1 });

    const byUniversity = await teachingReportFor(PERIOD, "university", "it");
    // s1 is for two programmes of university A: one session, 90 minutes, for it.
    expect(row(byUniversity.rows, w.universityA.id)).toMatchObject({
      name: w.universityA.name,
      sessions: 2,
      minutesDelivered: 150,
      minutesAttended: 90,
    });
    expect(row(byUniversity.rows, w.universityB.id)).toMatchObject({ sessions: 1, minutesDelivered: 60, minutesAttended: 150 });

    const byDepartment = await teachingReportFor(PERIOD, "department", "en");
    expect(row(byDepartment.rows, w.department.id)).toMatchObject({
      name: w.department.name,
      sessions: 1,
      minutesDelivered: 90,
      minutesAttended: 180,
      rate: 2 / 3,
    });
    // Sessions without a department are a group of their own, named by the page, listed last.
    expect(byDepartment.rows.at(-1)).toMatchObject({ key: NO_DEPARTMENT, name: null });

    const byTutor = await teachingReportFor(PERIOD, "tutor", "en");
    expect(row(byTutor.rows, w.t1.id)).toMatchObject({ name: w.t1.name, sessions: 2, minutesDelivered: 150, minutesAttended: 240 });
    expect(row(byTutor.rows, w.t2.id)).toMatchObject({ sessions: 1, minutesDelivered: 90, minutesAttended: 180 });
  });

  it("reads the period from the address, defaulting to the current academic year of the setting", async () => {
    const admin = await prisma.user.create({ data: { email: `admin-${randomUUID()}@example.test`, name: "Admin" } });
    const url = (query: string) => new URL(`http://localhost/admin/reports/teaching?${query}`);
    const now = new Date("2026-11-25T10:00:00Z");
    await setAcademicYearStart({ month: 10, day: 1 }, admin.id);
    const fallback = await readReportQuery(url("by=tutor"), now);
    expect(fallback).toMatchObject({ ok: true, by: "tutor", period: { from: d("2026-10-01"), to: d("2027-09-30") } });
    expect(fallback.years.previous).toMatchObject({ from: d("2025-10-01"), to: d("2026-09-30"), label: "2025/26" });
    await setAcademicYearStart({ month: 11, day: 1 }, admin.id);
    expect(await readReportQuery(url(""), now)).toMatchObject({
      ok: true,
      by: "programme",
      period: { from: d("2026-11-01"), to: d("2027-10-31") },
    });
    expect(await readReportQuery(url("from=2041-03-01&to=2041-03-31&by=department"), now)).toMatchObject({
      ok: true,
      by: "department",
      period: PERIOD,
    });
    expect(await readReportQuery(url("from=2041-03-31&to=2041-03-01"), now)).toMatchObject({
      ok: false,
      errors: { to: ["teachingReport.errors.periodOrder"] },
      values: { from: "2041-03-31" },
    });
    expect(await readReportQuery(url("from=2020-01-01&to=2031-01-01"), now)).toMatchObject({
      ok: false,
      errors: { to: ["teachingReport.errors.periodTooLong"] },
    });
  });
});

describe("the sessions behind a figure", () => {
  it("lists the sessions a figure stands on, with the marks it counts, and the figure again", async () => {
    const w = await world();
    const delivered = await sessionsBehind({ period: PERIOD, by: "programme", id: w.radio.id, figure: "delivered", page: 1 }, "en");
    expect(delivered.sessions.map((s) => s.id)).toEqual([w.s2.id]);
    expect(delivered.summary).toMatchObject({ sessions: 1, minutesDelivered: 60 });
    expect(delivered.group).toMatchObject({ name: "Radiation oncology", detail: w.universityB.name });
    expect(delivered.sessions[0]).toMatchObject({ tutors: [w.t1.name], marks: { present: 1, absent: 0, excused: 1 } });

    // Radiotherapy's hours attended stand on both sessions Dario attended, counting only his marks.
    const attended = await sessionsBehind({ period: PERIOD, by: "programme", id: w.radio.id, figure: "attended", page: 1 }, "en");
    expect(attended.sessions.map((s) => s.id)).toEqual([w.s2.id, w.s1.id]);
    expect(attended.sessions.map((s) => s.marks)).toEqual([
      { present: 1, absent: 0, excused: 0 },
      { present: 1, absent: 0, excused: 0 },
    ]);
    expect(attended.summary).toMatchObject({ minutesAttended: 150, rate: 1 });

    const tutor = await sessionsBehind({ period: PERIOD, by: "tutor", id: w.t2.id, figure: "delivered", page: 1 }, "it");
    expect(tutor.sessions).toHaveLength(1);
    expect(tutor.sessions[0]).toMatchObject({
      title: `Immunoterapia ${w.tag}`,
      tutors: [w.t1.name, w.t2.name],
      department: w.department.name,
      marks: { present: 2, absent: 1, excused: 0 },
    });
    expect(tutor.sessions[0]!.programmes).toEqual([`Ematologia · ${w.universityA.name}`, `Oncologia medica · ${w.universityA.name}`]);

    const none = await sessionsBehind({ period: PERIOD, by: "department", id: NO_DEPARTMENT, figure: "delivered", page: 1 }, "en");
    expect(none.sessions.map((s) => s.id)).toContain(w.s2.id);
    expect(none.sessions.map((s) => s.id)).not.toContain(w.s1.id);
  });

  it("pages through many sessions, 25 at a time", async () => {
    const w = await world();
    for (let day = 1; day <= 27; day++) {
      await w.session({
        title: `Serie ${day}`,
        date: `2043-01-${String(day).padStart(2, "0")}`,
        minutes: 30,
        programmes: [w.emato.id],
        tutors: [w.t2.id],
      });
    }
    const period = { from: d("2043-01-01"), to: d("2043-01-31") };
    const first = await sessionsBehind({ period, by: "tutor", id: w.t2.id, figure: "delivered", page: 1 }, "en");
    const second = await sessionsBehind({ period, by: "tutor", id: w.t2.id, figure: "delivered", page: 2 }, "en");
    expect([first.total, first.sessions.length, second.sessions.length]).toEqual([27, 25, 2]);
    expect(second.sessions.at(-1)!.title).toBe(`Serie 1 ${w.tag}`);
    expect(first.summary).toMatchObject({ sessions: 27, minutesDelivered: 27 * 30 });
  });
});

describe("a resident's teaching", () => {
  it("shows their own marks per academic year and the sessions ahead for their programme", async () => {
    const w = await world();
    // "Now" is 4 March 2041 at noon in Milan; the academic year (1 November) is 2040/41.
    const now = new Date("2041-03-04T11:00:00Z");
    await w.session({
      title: "Domani",
      date: "2041-03-05",
      startTime: "10:00",
      minutes: 45,
      programmes: [w.onco.id],
      tutors: [w.t1.id],
      confirmed: false,
      place: "Aula 3",
    });
    await w.session({
      title: "Oggi passato",
      date: "2041-03-04",
      startTime: "09:00",
      minutes: 45,
      programmes: [w.onco.id],
      tutors: [w.t1.id],
      confirmed: false,
    });
    await w.session({
      title: "Oggi dopo",
      date: "2041-03-04",
      startTime: "15:00",
      minutes: 45,
      programmes: [w.onco.id],
      tutors: [w.t1.id],
      confirmed: false,
      link: "https://meet.example.org/x",
    });
    await w.session({
      title: "Annullato presto",
      date: "2041-03-06",
      minutes: 45,
      programmes: [w.onco.id],
      tutors: [w.t1.id],
      confirmed: false,
      cancelled: true,
    });
    await w.session({
      title: "Troppo lontano",
      date: "2041-05-10",
      minutes: 45,
      programmes: [w.onco.id],
      tutors: [w.t1.id],
      confirmed: false,
    });
    await w.session({
      title: "Altra scuola",
      date: "2041-03-07",
      minutes: 45,
      programmes: [w.radio.id],
      tutors: [w.t1.id],
      confirmed: false,
    });

    const anna = await residentTeaching(w.anna.userId, { now });
    expect(anna).not.toBeNull();
    // s1 and the April session (delivered, same academic year); the cancelled and unconfirmed ones count nowhere.
    expect(anna!.summary.current).toMatchObject({ attended: 2, missed: 0, excused: 1, minutesAttended: 90 + 600 });
    expect(anna!.summary.current.year.label).toBe("2040/41");
    expect(anna!.attended.map((s) => s.title)).toEqual([`Aprile ${w.tag}`, `Immunoterapia ${w.tag}`]);
    expect(anna!.attended[1]).toMatchObject({ tutors: [w.t1.name, w.t2.name], startTime: "14:00", durationMinutes: 90 });
    expect(anna!.excused.map((s) => s.title)).toEqual([`Radioprotezione ${w.tag}`]);
    expect(anna!.missed).toEqual([]);
    expect(anna!.summary.minutesAttended).toBe(90 + 600);
    // Not started yet, in the next 60 days, for her programme, not cancelled: confirmed or not.
    const titles = anna!.upcoming.map((s) => s.title.replace(` ${w.tag}`, ""));
    expect(titles).toEqual(["Oggi dopo", "Domani", "Immunoterapia", "Non confermato", "Radioprotezione", "Aprile"]);
    expect(anna!.upcoming.find((s) => s.title.startsWith("Domani"))).toMatchObject({ place: "Aula 3" });

    const bruno = await residentTeaching(w.bruno.userId, { now });
    expect(bruno!.missed.map((s) => s.title)).toEqual([`Immunoterapia ${w.tag}`]);
    expect(bruno!.attended).toEqual([]);
    // Another year, asked for by the page, lists its own sessions (none) and still counts them all.
    const earlier = await residentTeaching(w.anna.userId, { now, year: 2039 });
    expect(earlier!.shown.label).toBe("2040/41");

    expect(await residentTeaching(w.t1.id, { now })).toBeNull();
    expect(await teachingThisYear(w.anna.userId, now)).toEqual({ label: "2040/41", minutes: 690 });
    expect(await teachingThisYear(w.t1.id, now)).toBeNull();
  });
});

describe("the calendar feed", () => {
  it("has the teaching sessions for the resident's programme and those the tutor teaches, timed, not cancelled", async () => {
    const w = await world();
    const soon = new Date();
    const iso = (offset: number) =>
      new Date(Date.UTC(soon.getUTCFullYear(), soon.getUTCMonth(), soon.getUTCDate() + offset)).toISOString().slice(0, 10);
    const next = await w.session({
      title: "Prossimo",
      date: iso(7),
      startTime: "09:30",
      minutes: 120,
      programmes: [w.onco.id],
      tutors: [w.t2.id],
      confirmed: false,
      place: "Aula Magna",
    });
    const cancelled = await w.session({
      title: "Cancellato",
      date: iso(8),
      minutes: 60,
      programmes: [w.onco.id],
      tutors: [w.t2.id],
      confirmed: false,
      cancelled: true,
    });
    const old = await w.session({ title: "Antico", date: iso(-400), minutes: 60, programmes: [w.onco.id], tutors: [w.t2.id] });
    const uid = (session: { id: string }) => `teaching-${session.id}@residency-portal`;

    // Anna (oncology): every session for oncology from a year ago on, including the 2041 ones of the world.
    const feed = await calendarFor(await issueCalendarToken(w.anna.userId));
    const uids = feed!.events.map((e) => e.uid);
    expect(uids).toEqual(expect.arrayContaining([uid(next), uid(w.s1), uid(w.s2)]));
    expect(uids).not.toContain(uid(cancelled));
    expect(uids).not.toContain(uid(old));
    const event = feed!.events.find((e) => e.uid === uid(next))!;
    expect(event).toMatchObject({ timed: true, location: "Aula Magna", summary: `Didattica: Prossimo ${w.tag}` });
    expect(event.end.getTime() - event.start.getTime()).toBe(120 * 60_000);

    // Dario (radiotherapy): s2 only, which is for his programme too.
    const dario = await calendarFor(await issueCalendarToken(w.dario.userId));
    expect(dario!.events.map((e) => e.uid)).toEqual([uid(w.s2)]);

    // The second tutor: what they teach, said as such.
    const tutor = await calendarFor(await issueCalendarToken(w.t2.id));
    expect(tutor!.events.map((e) => e.uid)).toEqual([uid(next), uid(w.s1)]);
    expect(tutor!.events[0]!.summary).toBe(`Docenza: Prossimo ${w.tag}`);
  });
});
