import { randomUUID } from "node:crypto";
import { addDays, hospitalToday, toIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createDepartment, createResident, createUniversity } from "../test/factories";
import { createUser, expect, ORIGIN, signInAs, test } from "./fixtures";

// Tutors log teaching on their phones.
test.use({ viewport: { width: 375, height: 740 } });

const day = (offset: number) => toIsoDate(addDays(hospitalToday(), offset));

/** A department the tutor works in, and a programme of a resident in their care (so it is ticked already). */
async function givePlaceOfWork(tutorId: string) {
  const tag = randomUUID().slice(0, 6);
  const today = hospitalToday();
  const university = await createUniversity({
    name: `Ateneo Didattica ${tag}`,
    shortName: `AD${tag}`,
    programmes: [{ specialtyCode: "radioterapia" }],
  });
  const programme = university.programmes[0]!;
  const department = await createDepartment(`Radioterapia Didattica ${tag}`, 4, [tutorId]);
  const residentUser = await createUser(["resident"], { name: `Specializzando Didattica ${tag}` });
  await createResident({
    userId: residentUser.id,
    programmeId: programme.id,
    studentNumber: `D${tag}`,
    stayStart: addDays(today, -30),
    stayEnd: addDays(today, 300),
    tutorId,
  });
  return { tag, programme, department };
}

test("a tutor logs a weekly series on a phone, moves one session and cancels another; no one else reaches them", async ({
  page,
  browser,
  loginAs,
}) => {
  test.setTimeout(60_000);
  const tutor = await loginAs(["tutor"]);
  const { tag, programme, department } = await givePlaceOfWork(tutor.id);
  const title = `Journal club di radioterapia ${tag}`;

  await page.goto("/tutor/teaching");
  await page.getByRole("link", { name: "Log a session" }).click();
  await expect(page).toHaveURL("/tutor/teaching/new");
  // Defaults: 60 minutes, the tutor's department, their resident's programme ticked.
  await expect(page.getByLabel("Length in minutes")).toHaveValue("60");
  await expect(page.getByLabel("Department")).toHaveValue(department.id);
  await expect(page.getByRole("checkbox", { name: `Radiation oncology · AD${tag}` })).toBeChecked();

  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Type").selectOption({ label: "Journal club" });
  await page.getByLabel("Day", { exact: true }).fill(day(7));
  await page.getByLabel("Start time").fill("08:30");
  await page.getByLabel("Repeat").selectOption({ label: "Every week" });
  await page.getByLabel("Last day of the series").fill(day(28));
  await expect(page.getByText("4 sessions will be logged")).toBeVisible();
  await page.getByRole("button", { name: "Log 4 sessions" }).click();

  await expect(page).toHaveURL("/tutor/teaching");
  await expect(page.getByRole("status")).toHaveText("4 sessions logged.");
  const sessions = await prisma.teachingSession.findMany({
    where: { title },
    include: { tutors: true, programmes: true },
    orderBy: { date: "asc" },
  });
  expect(sessions.map((s) => s.date.toISOString().slice(0, 10))).toEqual([day(7), day(14), day(21), day(28)]);
  expect(new Set(sessions.map((s) => s.seriesId)).size).toBe(1);
  expect(
    sessions.every(
      (s) => s.type === "journal-club" && s.startTime === "08:30" && s.durationMinutes === 60 && s.departmentId === department.id,
    ),
  ).toBe(true);
  expect(
    sessions.every(
      (s) =>
        s.tutors.length === 1 && s.tutors[0]?.userId === tutor.id && s.tutors[0]?.lead && s.programmes[0]?.programmeId === programme.id,
    ),
  ).toBe(true);
  const list = page.getByRole("region", { name: "Your sessions" });
  await expect(list.getByRole("link", { name: title })).toHaveCount(4);

  // Move the second session by a day, to 10:00.
  const [, second, third] = sessions as [(typeof sessions)[number], (typeof sessions)[number], (typeof sessions)[number]];
  await list.getByRole("link", { name: title }).nth(1).click();
  await expect(page).toHaveURL(`/tutor/teaching/${second.id}`);
  await page.getByLabel("Day", { exact: true }).fill(day(15));
  await page.getByLabel("Start time").fill("10:00");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Session saved.");
  const moved = await prisma.teachingSession.findUniqueOrThrow({ where: { id: second.id } });
  expect([toIsoDate(moved.date), moved.startTime]).toEqual([day(15), "10:00"]);
  expect(
    (await prisma.teachingSession.findMany({ where: { title, id: { not: second.id } }, orderBy: { date: "asc" } })).map((s) => [
      toIsoDate(s.date),
      s.startTime,
    ]),
  ).toEqual([
    [day(7), "08:30"],
    [day(21), "08:30"],
    [day(28), "08:30"],
  ]);
  await expect(page.getByRole("region", { name: "History" })).toContainText("Changed");

  // Cancel the third: a reason is required.
  await page.goto(`/tutor/teaching/${third.id}`);
  await page.getByRole("button", { name: "Cancel the session" }).click();
  await expect(page.getByText("Say why the session is cancelled.")).toBeVisible();
  await page.getByLabel("Why is it cancelled?").fill("Congresso nazionale di radioterapia");
  await page.getByRole("button", { name: "Cancel the session" }).click();
  await expect(page.getByRole("status")).toHaveText("Session cancelled.");
  await expect(page.getByText("Reason: Congresso nazionale di radioterapia")).toBeVisible();
  const cancelled = await prisma.teachingSession.findUniqueOrThrow({ where: { id: third.id } });
  expect(cancelled.cancelledAt).not.toBeNull();
  expect(cancelled.cancelReason).toBe("Congresso nazionale di radioterapia");
  expect(await prisma.teachingSession.count({ where: { title } })).toBe(4);

  // Another tutor is told the session does not exist, and cannot change it.
  const otherContext = await browser.newContext({ locale: "en-GB" });
  const other = await otherContext.newPage();
  await signInAs(other, await createUser(["tutor"]));
  expect((await other.goto(`/tutor/teaching/${second.id}`))?.status()).toBe(404);
  const before = await prisma.teachingSession.findUniqueOrThrow({ where: { id: second.id } });
  const form = {
    intent: "update",
    version: before.updatedAt.toISOString(),
    title: "Presa da un altro",
    type: "lecture",
    date: day(16),
    startTime: "11:00",
    durationMinutes: "30",
    programmeIds: programme.id,
  };
  expect((await other.request.post(`/tutor/teaching/${second.id}`, { headers: { Origin: ORIGIN }, form, maxRedirects: 0 })).status()).toBe(
    404,
  );
  expect(
    (
      await other.request.post(`/tutor/teaching/${second.id}`, {
        headers: { Origin: ORIGIN },
        form: { intent: "cancel", version: before.updatedAt.toISOString(), reason: "No" },
        maxRedirects: 0,
      })
    ).status(),
  ).toBe(404);
  expect(await prisma.teachingSession.findUniqueOrThrow({ where: { id: second.id } })).toEqual(before);
  await otherContext.close();

  // A resident has no access to the tutors' teaching pages, and cannot log a session.
  const residentContext = await browser.newContext({ locale: "en-GB" });
  const resident = await residentContext.newPage();
  await signInAs(resident, await createUser(["resident"]));
  expect((await resident.goto("/tutor/teaching"))?.status()).toBe(403);
  expect((await resident.goto("/tutor/teaching/new"))?.status()).toBe(403);
  const post = await resident.request.post("/tutor/teaching/new", {
    headers: { Origin: ORIGIN },
    form: {
      title: `Da uno specializzando ${tag}`,
      type: "lecture",
      date: day(3),
      startTime: "09:00",
      durationMinutes: "60",
      programmeIds: programme.id,
      repeat: "once",
    },
    maxRedirects: 0,
  });
  expect(post.status()).toBe(403);
  expect(await prisma.teachingSession.count({ where: { title: `Da uno specializzando ${tag}` } })).toBe(0);
  await residentContext.close();
});
