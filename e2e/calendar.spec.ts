import ICAL from "ical.js";
import { randomUUID } from "node:crypto";
import { addDays, hospitalToday } from "~/domain/dates";
import { sessionEnd, sessionStart } from "~/domain/teaching";
import { issueCalendarToken } from "~/services/calendar.server";
import { prisma } from "~/utils/db.server";
import { createResident, createTeachingSession, createUniversity } from "../test/factories";
import { createUser, expect, ORIGIN, signInAs, test } from "./fixtures";

test("the resident subscribes to a private calendar of their rotations, and can kill the address", async ({ page, request }) => {
  const user = await prisma.user.findUniqueOrThrow({ where: { email: "resident@example.org" } });
  await signInAs(page, user);
  await page.goto("/profile");
  await page
    .getByRole("button", { name: /calendar address/ })
    .first()
    .click();
  const url = await page.getByLabel(/private calendar address/).inputValue();
  expect(url).toMatch(new RegExp(`^${ORIGIN}/calendar/[a-z2-7]{32}\\.ics$`));

  // No sign-in needed: calendar apps fetch it as they are.
  const response = await request.get(url);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/calendar");
  const component = new ICAL.Component(ICAL.parse(await response.text()));
  const events = component.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
  const rotations = await prisma.rotation.findMany({
    where: { resident: { userId: user.id }, state: { not: "cancelled" } },
    include: { department: true },
  });
  expect(events.filter((e) => e.uid.startsWith("rotation-"))).toHaveLength(rotations.length);
  const first = rotations.sort((a, b) => a.startDate.getTime() - b.startDate.getTime())[0]!;
  const event = events.find((e) => e.summary.includes(first.department.name))!;
  expect(event.startDate.toString()).toBe(first.startDate.toISOString().slice(0, 10));
  // Nothing of anyone else: every event is one of this resident's rotations, a teaching session meant
  // for their programme, or one of their own absences (approved or recorded).
  const sessions = await prisma.teachingSession.findMany({
    where: { programmes: { some: { programme: { residents: { some: { userId: user.id } } } } } },
    select: { id: true },
  });
  const absences = await prisma.absence.findMany({
    where: { resident: { userId: user.id }, state: { in: ["approved", "recorded"] } },
    select: { id: true },
  });
  expect(
    events
      .filter(
        (e) =>
          !rotations.some((r) => e.uid === `rotation-${r.id}@residency-portal`) &&
          !sessions.some((s) => e.uid === `teaching-${s.id}@residency-portal`) &&
          !absences.some((a) => e.uid === `absence-${a.id}@residency-portal`),
      )
      .map((e) => e.uid),
  ).toEqual([]);
  expect(events.filter((e) => e.uid.startsWith("absence-"))).toHaveLength(absences.length);

  // A new address kills the old one.
  await page.getByRole("button", { name: /Create a new address/ }).click();
  await expect(page.getByLabel(/private calendar address/)).not.toHaveValue(url);
  const fresh = await page.getByLabel(/private calendar address/).inputValue();
  expect(fresh).not.toBe(url);
  expect((await request.get(url)).status()).toBe(404);
  expect((await request.get(fresh)).status()).toBe(200);
  expect((await request.get(`${ORIGIN}/calendar/${"a".repeat(32)}.ics`)).status()).toBe(404);
});

test("the feed has the teaching sessions for the resident's programme as timed events, and the tutor's own", async ({ request }) => {
  const tag = randomUUID().slice(0, 8);
  const tutor = await createUser(["tutor"], { name: `Tutor ${tag}` });
  const resident = await createUser(["resident"]);
  const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "radioterapia" }] });
  const programme = university.programmes[0]!;
  const today = hospitalToday();
  await createResident({
    userId: resident.id,
    programmeId: programme.id,
    yearOfTraining: 1,
    studentNumber: tag,
    stayStart: addDays(today, -30),
    stayEnd: addDays(today, 300),
  });
  const session = (title: string, days: number, extra: { cancelledAt?: Date; place?: string; link?: string } = {}) =>
    createTeachingSession({
      title: `${title} ${tag}`,
      type: "seminar",
      date: addDays(today, days),
      startTime: "14:30",
      minutes: 90,
      ...extra,
      tutorIds: [tutor.id],
      programmeIds: [programme.id],
    });
  const seminar = await session("Seminario", 10, { place: "Aula Magna, piano 2" });
  const online = await session("Online", 12, { link: "https://meet.example.org/abc" });
  await session("Annullato", 11, { cancelledAt: new Date() });
  await session("Vecchio", -400);

  const read = async (userId: string) => {
    const response = await request.get(`${ORIGIN}/calendar/${await issueCalendarToken(userId)}.ics`);
    expect(response.status()).toBe(200);
    return new ICAL.Component(ICAL.parse(await response.text())).getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
  };

  // The resident: the two sessions ahead (not the cancelled one, nor one older than a year), timed, in UTC.
  const events = await read(resident.id);
  expect(events.map((e) => e.uid).sort()).toEqual(
    [`teaching-${online.id}@residency-portal`, `teaching-${seminar.id}@residency-portal`].sort(),
  );
  const event = events.find((e) => e.uid === `teaching-${seminar.id}@residency-portal`)!;
  expect(event.startDate.isDate).toBe(false);
  expect(event.startDate.toJSDate().toISOString()).toBe(sessionStart(seminar).toISOString());
  expect(event.endDate.toJSDate().toISOString()).toBe(sessionEnd(seminar).toISOString());
  expect(event.summary).toBe(`Teaching: Seminario ${tag}`);
  expect(event.location).toBe("Aula Magna, piano 2");
  expect(event.description).toContain(`Tutor ${tag}`);
  expect(events.find((e) => e.uid === `teaching-${online.id}@residency-portal`)!.location).toBe("https://meet.example.org/abc");

  // The tutor: the sessions they teach, said as such.
  const taught = await read(tutor.id);
  expect(taught.map((e) => e.summary).sort()).toEqual([`You teach: Online ${tag}`, `You teach: Seminario ${tag}`]);
});
