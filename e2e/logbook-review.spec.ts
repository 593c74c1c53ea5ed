import { randomUUID } from "node:crypto";
import { addDays, hospitalToday } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createCatalogue, createDepartment, createLogbookEntry, createResident, createUniversity } from "../test/factories";
import { createUser, expect, expectAccessible, test } from "./fixtures";

/**
 * Certifying the logbook, as a tutor on a phone: the entries waiting for them, grouped by resident and
 * month; certify a selection, return one with a reason, and see nobody else's entries.
 */
test("a tutor certifies some entries and returns one with a reason, on a phone", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const tag = randomUUID().slice(0, 8);
  const tutor = await loginAs(["tutor"]);
  const stranger = await createUser(["tutor"]);
  const department = await createDepartment(`Oncologia medica ${tag}`, 4, [tutor.id, stranger.id]);
  const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "oncologia-medica" }] });
  const programmeId = university.programmes[0]!.id;
  const residentUser = await createUser(["resident"], { name: `Marta Galli ${tag}` });
  const today = hospitalToday();
  const resident = await createResident({
    userId: residentUser.id,
    programmeId,
    studentNumber: `LB-${tag}`,
    stayStart: addDays(today, -400),
    stayEnd: addDays(today, 400),
  });
  await prisma.rotation.create({
    data: {
      residentId: resident.id,
      departmentId: department.id,
      tutorId: tutor.id,
      startDate: addDays(today, -60),
      endDate: addDays(today, 60),
      state: "confirmed",
    },
  });
  const catalogue = await createCatalogue({
    programmeId,
    activities: [
      { code: "visit", labelIt: "Prima visita", labelEn: `First visit ${tag}`, minimums: [] },
      { code: "board", labelIt: "Discussione multidisciplinare", labelEn: `Tumour board ${tag}`, minimums: [] },
    ],
  });
  const [visit, board] = [catalogue.activities[0]!, catalogue.activities[1]!];
  const entry = (activityId: string, daysAgo: number, tutorId = tutor.id) =>
    createLogbookEntry({
      residentId: resident.id,
      activityId,
      departmentId: department.id,
      date: addDays(today, -daysAgo),
      tutorId,
      degree: "collaboration",
      count: 2,
    });
  const first = await entry(visit.id, 3);
  const second = await entry(board.id, 2);
  const third = await entry(visit.id, 1);
  const theirs = await entry(board.id, 1, stranger.id);

  await page.goto("/tutor");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Logbook" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Logbook to certify");
  const group = page.getByRole("region", { name: `Entries of ${residentUser.name}` });
  await expect(group.getByRole("checkbox")).toHaveCount(3);
  await expect(page.getByText(`Tumour board ${tag}`)).toHaveCount(1); // the colleague's entry is not here
  await expectAccessible(page);

  await group.getByRole("checkbox").nth(0).check();
  await group.getByRole("checkbox").nth(1).check();
  await group.getByRole("button", { name: "Certify the selected entries" }).click();
  await expect(page.getByRole("status")).toContainText("2 entries certified.");
  await expect(group.getByRole("checkbox")).toHaveCount(1);

  // Returning needs a reason, and a reason that names a patient is refused beside the field.
  await group.getByText("Return with a reason").click();
  await group.getByLabel("Reason").fill("Paziente RSSMRA56C12F205X");
  await group.getByRole("button", { name: "Return to the resident" }).click();
  await expect(group.getByText("The reason must not identify a patient")).toBeVisible();
  await group.getByLabel("Reason").fill("The degree was support, not collaboration");
  await group.getByRole("button", { name: "Return to the resident" }).click();
  await expect(page.getByRole("status")).toContainText("The entry was returned to the resident.");
  await expect(page.getByText("Nothing waits for your signature.")).toBeVisible();

  const statuses = await prisma.logbookEntry.findMany({
    where: { id: { in: [first.id, second.id, third.id, theirs.id] } },
    select: { id: true, status: true },
  });
  expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
    [first.id]: "certified",
    [second.id]: "certified",
    [third.id]: "returned",
    [theirs.id]: "pending",
  });
});

test("residents and administrators are not shown the tutor's queue", async ({ page, loginAs }) => {
  await loginAs(["resident"]);
  const answer = await page.goto("/tutor/logbook");
  expect(answer?.status()).toBe(403);
});

test("an administrator corrects a certified entry with a reason and reopens a closed month, on a phone", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const tag = randomUUID().slice(0, 8);
  const tutor = await createUser(["tutor"]);
  const department = await createDepartment(`Ematologia ${tag}`, 4, [tutor.id]);
  const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "ematologia" }] });
  const programmeId = university.programmes[0]!.id;
  const residentUser = await createUser(["resident"], { name: `Luca Neri ${tag}` });
  const today = hospitalToday();
  const resident = await createResident({
    userId: residentUser.id,
    programmeId,
    studentNumber: `LA-${tag}`,
    stayStart: addDays(today, -400),
    stayEnd: addDays(today, 400),
  });
  // A rotation over the last three months: last month is over, and its one entry is certified.
  await prisma.rotation.create({
    data: {
      residentId: resident.id,
      departmentId: department.id,
      tutorId: tutor.id,
      startDate: addDays(today, -95),
      endDate: addDays(today, 5),
      state: "confirmed",
    },
  });
  const catalogue = await createCatalogue({
    programmeId,
    activities: [{ code: "bom", labelIt: "Biopsia osteomidollare", labelEn: `Bone-marrow biopsy ${tag}`, minimums: [] }],
  });
  const lastMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 10));
  const entry = await createLogbookEntry({
    residentId: resident.id,
    activityId: catalogue.activities[0]!.id,
    departmentId: department.id,
    date: lastMonth,
    tutorId: tutor.id,
    status: "certified",
    count: 1,
  });

  await loginAs(["admin"]);
  await page.goto(`/admin/residents/${resident.id}`);
  await expect(page.getByRole("link", { name: "Logbook", exact: true })).toHaveAttribute("href", `/admin/residents/${resident.id}/logbook`);
  await page.goto(`/admin/residents/${resident.id}/logbook`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Logbook of ${residentUser.name}`);
  await expectAccessible(page);
  await page.getByText("Correct this entry").click();
  await page.getByLabel("Count").fill("2");
  await page.getByRole("button", { name: "Save the correction" }).click();
  // The browser asks for the reason first: nothing is sent.
  expect((await prisma.logbookEntry.findUniqueOrThrow({ where: { id: entry.id } })).count).toBe(1);
  await page.getByLabel("Reason for the correction").fill("Two biopsies that day, not one");
  await page.getByRole("button", { name: "Save the correction" }).click();
  await expect(page.getByRole("status")).toContainText("The entry was corrected");
  expect((await prisma.logbookEntry.findUniqueOrThrow({ where: { id: entry.id } })).count).toBe(2);

  await page.getByLabel("Reason for reopening").fill("A procedure was forgotten");
  await page.getByRole("button", { name: "Reopen the month" }).click();
  await expect(page.getByRole("status")).toContainText("The month was reopened.");
  await expect(page.getByText("Reopened: A procedure was forgotten")).toBeVisible();

  await page.goto(`/admin/history?${new URLSearchParams({ type: "logbookEntry", record: entry.id })}`);
  await expect(page.getByRole("list", { name: "Changes, newest first" })).toContainText("Two biopsies that day, not one");
});
