import { randomUUID } from "node:crypto";
import { addDays, hospitalClock, hospitalToday } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createDepartment, createResident, createTeachingSession, createUniversity } from "../test/factories";
import { createUser, expect, expectAccessible, ORIGIN, signInAs, test } from "./fixtures";

/** Attendance on a phone: the tutor's sheet at 375 px, tapped, confirmed, locked and corrected. */
test.use({ viewport: { width: 375, height: 740 } });

/** The hospital's day and wall-clock time of an instant: ["2026-03-10", "14:00"]. */
function wallClock(instant: Date): [Date, string] {
  return [hospitalToday(instant), hospitalClock(instant)];
}

/**
 * A department the tutor works in, a programme with two residents at the hospital and one whose stay
 * starts the day after the session, a resident of another programme rotating in the department, and
 * one of another programme present that day but not expected; a session that started an hour ago.
 */
async function setting(tutorId: string, options: { startsIn?: number } = {}) {
  const tag = randomUUID().slice(0, 6);
  const [day, startTime] = options.startsIn
    ? [addDays(wallClock(new Date())[0], options.startsIn), "14:00"]
    : wallClock(new Date(Date.now() - 60 * 60_000));
  const department = await createDepartment(`Oncologia Presenze ${tag}`, 6, [tutorId]);
  const university = await createUniversity({
    name: `Ateneo Presenze ${tag}`,
    programmes: [{ specialtyCode: "oncologia-medica" }, { specialtyCode: "radioterapia" }],
  });
  const oncology = university.programmes[0]!;
  const radiotherapy = university.programmes[1]!;
  let n = 0;
  const resident = async (name: string, programmeId: string, stayStart = addDays(day, -60)) => {
    const user = await createUser(["resident"], { name: `${name} ${tag}` });
    const record = await createResident({
      userId: user.id,
      programmeId,
      studentNumber: `P${tag}${++n}`,
      stayStart,
      stayEnd: addDays(day, 200),
    });
    return { ...record, name: user.name, user };
  };
  const anna = await resident("Anna Presente", oncology.id);
  const bruno = await resident("Bruno Assente", oncology.id);
  const carla = await resident("Carla Futura", oncology.id, addDays(day, 1));
  const dario = await resident("Dario Rotante", radiotherapy.id);
  const elena = await resident("Elena Ospite", radiotherapy.id);
  await prisma.rotation.create({
    data: {
      residentId: dario.id,
      departmentId: department.id,
      tutorId,
      startDate: addDays(day, -10),
      endDate: addDays(day, 20),
      state: "confirmed",
    },
  });
  const session = await createTeachingSession({
    title: `Journal club: immunoterapia nel NSCLC ${tag}`,
    type: "journal-club",
    date: day,
    startTime,
    minutes: 90,
    place: "Aula 2 – Edificio didattico",
    createdById: tutorId,
    tutorIds: [tutorId],
    programmeIds: [oncology.id],
  });
  return { tag, day, department, anna, bruno, carla, dario, elena, session, url: `/tutor/teaching/${session.id}/attendance` };
}

test("a tutor marks attendance with taps, adds someone found by search, confirms, and corrects a mark with a reason", async ({
  page,
  loginAs,
}) => {
  test.setTimeout(60_000);
  const tutor = await loginAs(["tutor"]);
  const s = await setting(tutor.id);
  await page.goto(s.url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(s.session.title);
  await expect(page.getByText(/· 1 h 30 min$/)).toBeVisible();

  // The expected: the programme's residents at the hospital and the one rotating here; not Carla.
  const list = page.getByRole("region", { name: "Residents expected" });
  await expect(list.getByRole("group")).toHaveCount(3);
  for (const r of [s.anna, s.bruno, s.dario]) await expect(list.getByRole("group", { name: r.name })).toBeVisible();
  await expect(list.getByRole("group", { name: s.dario.name })).toContainText("Rotating here");
  await expect(page.getByText(s.carla.name)).toHaveCount(0);
  await expectAccessible(page);

  await list.getByRole("group", { name: s.anna.name }).getByRole("radio", { name: "Present" }).check();
  await list.getByRole("group", { name: s.bruno.name }).getByRole("radio", { name: "Absent" }).check();
  await list.getByRole("group", { name: s.dario.name }).getByRole("radio", { name: "Excused" }).check();
  await expect(page.getByText("3 on the list · 1 present · 1 absent · 1 excused · 0 not marked")).toBeVisible();

  // Someone else present that day is found and added; Carla (outside her stay) is not found.
  await page.getByLabel("Resident's name").fill(`Carla Futura ${s.tag}`);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText(`Nobody at the hospital that day matches “Carla Futura ${s.tag}”.`)).toBeVisible();
  await page.getByLabel("Resident's name").fill(`Elena Ospite ${s.tag}`);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("button", { name: `Add ${s.elena.name}` }).click();
  await expect(page.getByRole("status")).toHaveText("Resident added to the list.");
  // Adding saved the marks tapped so far, as a draft.
  await expect(list.getByRole("group", { name: s.elena.name }).getByRole("radio", { name: "Present" })).toBeChecked();
  await expect(list.getByRole("group", { name: s.bruno.name }).getByRole("radio", { name: "Absent" })).toBeChecked();
  expect(await prisma.attendance.count({ where: { sessionId: s.session.id } })).toBe(4);

  await page.getByRole("button", { name: "Confirm attendance" }).click();
  await expect(page.getByRole("status")).toHaveText("Attendance confirmed and locked.");
  const rows = await prisma.attendance.findMany({ where: { sessionId: s.session.id }, select: { residentId: true, status: true } });
  expect(Object.fromEntries(rows.map((r) => [r.residentId, r.status]))).toEqual({
    [s.anna.id]: "present",
    [s.bruno.id]: "absent",
    [s.dario.id]: "excused",
    [s.elena.id]: "present",
  });
  const confirmed = await prisma.teachingSession.findUniqueOrThrow({ where: { id: s.session.id } });
  expect(confirmed.confirmedAt).not.toBeNull();
  expect(confirmed.confirmedById).toBe(tutor.id);

  // Locked: no more buttons to tap, and a save sent anyway is refused.
  await expect(page.getByRole("button", { name: "Confirm attendance" })).toHaveCount(0);
  await expect(list.getByRole("radio")).toHaveCount(0);
  await expect(list.getByRole("listitem").filter({ hasText: s.bruno.name })).toContainText("Absent");
  await expectAccessible(page);
  const late = await page.request.post(s.url, { headers: { Origin: ORIGIN }, form: { intent: "save", [`mark.${s.bruno.id}`]: "present" } });
  expect(late.status()).toBe(409);

  // A correction needs a reason; with one, it is written and kept in the history.
  const correction = page.getByRole("region", { name: "Correct attendance" });
  await correction.getByLabel("Resident", { exact: true }).selectOption({ label: `${s.bruno.name} · Absent` });
  await correction.getByRole("radio", { name: "Present" }).check();
  await correction.getByRole("button", { name: "Save correction" }).click();
  await expect(correction.getByText("Give the reason for the correction.")).toBeVisible();
  await correction.getByLabel("Reason for the correction").fill("Firma presente sul foglio cartaceo");
  await correction.getByRole("button", { name: "Save correction" }).click();
  await expect(page.getByRole("status")).toHaveText("Correction saved.");
  expect(
    (await prisma.attendance.findUniqueOrThrow({ where: { sessionId_residentId: { sessionId: s.session.id, residentId: s.bruno.id } } }))
      .status,
  ).toBe("present");
  const history = page.getByRole("region", { name: "History" });
  const corrected = history.getByRole("listitem").filter({ hasText: "Attendance corrected" });
  await expect(corrected).toContainText("Firma presente sul foglio cartaceo");
  await expect(corrected).toContainText(s.bruno.name);
  await expect(corrected.getByRole("deletion").filter({ hasText: /^Absent$/ })).toHaveCount(1);
  await expect(corrected.getByRole("insertion").filter({ hasText: /^Present$/ })).toHaveCount(1);
  await expect(history.getByRole("listitem").filter({ hasText: "Attendance confirmed" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
});

test("attendance for a session that has not started is refused with the time it starts", async ({ page, loginAs }) => {
  const tutor = await loginAs(["tutor"]);
  const s = await setting(tutor.id, { startsIn: 1 });
  const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", timeZone: "UTC" }).format(s.day);
  const message = `Attendance can be recorded once the session has started, at 14:00 on ${day}.`;
  await page.goto(s.url);
  await expect(page.getByText(message)).toBeVisible();
  await expect(page.getByRole("radio")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Confirm attendance" })).toHaveCount(0);
  const res = await page.request.post(s.url, {
    headers: { Origin: ORIGIN },
    form: { intent: "confirm", [`mark.${s.anna.id}`]: "present" },
  });
  expect(res.status()).toBe(409);
  expect(await res.text()).toContain(message);
  expect(await prisma.attendance.count({ where: { sessionId: s.session.id } })).toBe(0);
});

test("another tutor is told the session does not exist and changes nothing; a resident is refused", async ({ page, browser, loginAs }) => {
  const owner = await createUser(["tutor"]);
  const s = await setting(owner.id);
  await loginAs(["tutor"]);
  const response = await page.goto(s.url);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const post = await page.request.post(s.url, {
    headers: { Origin: ORIGIN },
    form: { intent: "confirm", [`mark.${s.anna.id}`]: "present" },
  });
  expect(post.status()).toBe(404);
  expect(await prisma.attendance.count({ where: { sessionId: s.session.id } })).toBe(0);
  expect((await prisma.teachingSession.findUniqueOrThrow({ where: { id: s.session.id } })).confirmedAt).toBeNull();

  const residentContext = await browser.newContext({ locale: "en-GB" });
  const residentPage = await residentContext.newPage();
  await signInAs(residentPage, s.anna.user);
  expect((await residentPage.goto(s.url))?.status()).toBe(403);
  await residentContext.close();
});

test("two tutors of a session mark at once: the later save is refused with the reason, keeps its marks, and goes through when saved again", async ({
  page,
  browser,
  loginAs,
}) => {
  test.setTimeout(60_000);
  const tutor = await loginAs(["tutor"]);
  const s = await setting(tutor.id);
  const coTutor = await createUser(["tutor"]);
  await prisma.teachingTutor.create({ data: { sessionId: s.session.id, userId: coTutor.id } });
  const coContext = await browser.newContext({ locale: "en-GB", viewport: { width: 375, height: 740 } });
  const coPage = await coContext.newPage();
  await signInAs(coPage, coTutor);

  // Both open the sheet; the co-tutor marks Bruno and saves first.
  await page.goto(s.url);
  await coPage.goto(s.url);
  const group = (p: typeof page, name: string) => p.getByRole("region", { name: "Residents expected" }).getByRole("group", { name });
  await group(coPage, s.bruno.name).getByRole("radio", { name: "Absent" }).check();
  await coPage.getByRole("button", { name: "Save", exact: true }).click();
  await expect(coPage.getByRole("status")).toHaveText("Attendance saved. Confirm it when everyone is marked.");

  // The tutor, on the sheet opened before, marks Anna: refused, with the reason; nothing of theirs is lost.
  await group(page, s.anna.name).getByRole("radio", { name: "Present" }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Someone else saved this sheet after you opened it");
  await expect(group(page, s.anna.name).getByRole("radio", { name: "Present" })).toBeChecked();
  const saved = async () =>
    Object.fromEntries((await prisma.attendance.findMany({ where: { sessionId: s.session.id } })).map((a) => [a.residentId, a.status]));
  expect(await saved()).toEqual({ [s.bruno.id]: "absent" });
  await expectAccessible(page);

  // The sheet now shows the co-tutor's save with the tutor's own marks over it: checked, saved again.
  await expect(group(page, s.bruno.name).getByRole("radio", { name: "Absent" })).toBeChecked();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Attendance saved. Confirm it when everyone is marked.");
  expect(await saved()).toEqual({ [s.anna.id]: "present", [s.bruno.id]: "absent" });
  await coContext.close();
});
