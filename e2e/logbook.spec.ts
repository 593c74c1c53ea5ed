import { randomUUID } from "node:crypto";
import { addDays, hospitalToday, toIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createCatalogue, createDepartment, createResident, createUniversity } from "../test/factories";
import { createUser, expect, expectAccessible, signInAs, test } from "./fixtures";

/**
 * The resident's logbook on a phone: log a day's activities, be refused a note naming a patient and
 * asked about a duplicate; the tutor certifies one and returns the other; the resident corrects and
 * resubmits it, and the tutor certifies it.
 */
test("a resident logs a day's work on a phone, the tutor returns an entry, the resident corrects and resubmits it", async ({
  page,
  loginAs,
}) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const tag = randomUUID().slice(0, 8);
  const tutor = await createUser(["tutor"], { name: `Giulia Conti ${tag}` });
  const colleague = await createUser(["tutor"], { name: `Paolo Riva ${tag}` });
  const department = await createDepartment(`Oncologia medica ${tag}`, 4, [tutor.id, colleague.id]);
  const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "oncologia-medica" }] });
  const programmeId = university.programmes[0]!.id;
  await createCatalogue({
    programmeId,
    activities: [
      { code: "visit", category: "Ambulatorio", labelIt: "Prima visita oncologica", labelEn: "First oncology visit", minimums: [] },
      { code: "bom", category: "Procedure", labelIt: "Biopsia osteomidollare", labelEn: "Bone-marrow biopsy", minimums: [] },
      {
        code: "board",
        category: "Discussione",
        labelIt: "Presentazione al tumour board",
        labelEn: "Tumour board presentation",
        minimums: [],
      },
    ],
  });
  const today = hospitalToday();
  const resident = await loginAs(["resident"]);
  const record = await createResident({
    userId: resident.id,
    programmeId,
    studentNumber: `LG-${tag}`,
    stayStart: addDays(today, -400),
    stayEnd: addDays(today, 400),
  });
  await prisma.rotation.create({
    data: {
      residentId: record.id,
      departmentId: department.id,
      tutorId: tutor.id,
      startDate: addDays(today, -30),
      endDate: addDays(today, 30),
      state: "confirmed",
    },
  });

  await page.goto("/me");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "My logbook" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My logbook");
  const form = page.getByRole("region", { name: "Log activities" });
  await expect(form.getByLabel("Day")).toHaveValue(toIsoDate(today));
  await expect(form.getByText(`Department: ${department.name}`)).toBeVisible();
  await expect(form.getByLabel("Supervising tutor")).toHaveValue(tutor.id);
  await expectAccessible(page);

  // Two activities of the day: the second found by typing part of its name.
  await form.getByLabel("Find an activity").fill("biops");
  await expect(form.getByLabel("Activity", { exact: true })).toHaveValue(/.+/);
  await form.getByLabel("How many").fill("2");
  await form.getByLabel("Collaboration under direct supervision").check();
  await form.getByRole("button", { name: "Add another activity" }).click();
  const second = form.getByRole("group", { name: "Activity 2" });
  await second.getByLabel("Activity", { exact: true }).selectOption({ label: "Tumour board presentation" });
  await second.getByLabel("Support or observation").check();
  await second.getByText("Note or case reference (optional)").click();
  await second.getByLabel("Note").fill("Paziente RSSMRA56C12F205X, recidiva");
  await form.getByRole("button", { name: "Log", exact: true }).click();
  await expect(second.getByText("The note must not identify a patient")).toBeVisible();
  await second.getByLabel("Note").fill("Recidiva, caso TB-7");
  await form.getByRole("button", { name: "Log", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("2 entries logged");
  const month = page.getByRole("region", { name: "My months" });
  await expect(month.getByText("Bone-marrow biopsy")).toBeVisible();
  await expect(month.getByText("Tumour board presentation")).toBeVisible();

  // The same board presentation again the same day asks for confirmation first.
  await form.getByLabel("Activity", { exact: true }).selectOption({ label: "Tumour board presentation" });
  await form.getByLabel("Support or observation").check();
  await form.getByRole("button", { name: "Log", exact: true }).click();
  await expect(form.getByText("You already logged this activity on this day")).toBeVisible();
  await form.getByLabel("Yes, log it anyway").check();
  await form.getByRole("button", { name: "Log", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("1 entry logged");
  const entries = await prisma.logbookEntry.findMany({
    where: { residentId: record.id },
    orderBy: { createdAt: "asc" },
    include: { activity: true },
  });
  expect(entries.map((e) => [e.activity.code, e.count, e.degree, e.status, e.tutorId, e.note])).toEqual([
    ["bom", 2, "collaboration", "pending", tutor.id, null],
    ["board", 1, "support", "pending", tutor.id, "Recidiva, caso TB-7"],
    ["board", 1, "support", "pending", tutor.id, null],
  ]);

  // The tutor certifies the biopsy and returns the presentation; the duplicate is withdrawn by the resident.
  await signInAs(page, tutor);
  await page.goto("/tutor/logbook");
  const queue = page.getByRole("region", { name: `Entries of ${resident.name}` });
  await queue.getByRole("checkbox", { name: /Bone-marrow biopsy/ }).check();
  await queue.getByRole("button", { name: "Certify the selected entries" }).click();
  await expect(page.getByRole("status")).toContainText("1 entry certified.");
  await queue.getByText("Return with a reason").first().click();
  await queue.getByLabel("Reason").first().fill("It was under supervision: collaboration");
  await queue.getByRole("button", { name: "Return to the resident" }).first().click();
  await expect(page.getByRole("status")).toContainText("The entry was returned");

  await signInAs(page, resident);
  await page.goto("/me/logbook");
  const returned = page.getByRole("region", { name: "Returned to you" });
  await expect(returned.getByText("Returned: It was under supervision: collaboration")).toBeVisible();
  await returned.getByRole("link", { name: /Correct and resubmit/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Tumour board presentation");
  await expectAccessible(page);
  await page.getByLabel("Collaboration under direct supervision").check();
  await page.getByRole("button", { name: "Correct and resubmit" }).click();
  await expect(page.getByRole("status")).toContainText("The entry was corrected and sent back to your tutor.");
  await expect(page.getByRole("region", { name: "Returned to you" })).toHaveCount(0);

  // The certified biopsy is locked; the extra presentation is withdrawn.
  const pending = await prisma.logbookEntry.findMany({ where: { residentId: record.id }, orderBy: { createdAt: "asc" } });
  expect(pending.map((e) => [e.status, e.degree])).toEqual([
    ["certified", "collaboration"],
    ["pending", "collaboration"],
    ["pending", "support"],
  ]);
  await page.goto(`/me/logbook/${pending[0]!.id}`);
  await expect(page.getByText("A certified entry is locked")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await page.goto(`/me/logbook/${pending[2]!.id}`);
  await page.getByRole("button", { name: "Withdraw this entry" }).click();
  await expect(page.getByRole("status")).toContainText("The entry was withdrawn.");
  expect(await prisma.logbookEntry.count({ where: { residentId: record.id } })).toBe(2);
});

test("a resident never opens another resident's entry", async ({ page, loginAs }) => {
  const tag = randomUUID().slice(0, 8);
  const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "ematologia" }] });
  const programmeId = university.programmes[0]!.id;
  const catalogue = await createCatalogue({
    programmeId,
    activities: [{ code: "bom", labelIt: "Biopsia", labelEn: `Biopsy ${tag}`, minimums: [] }],
  });
  const department = await createDepartment(`Ematologia ${tag}`, 4, []);
  const other = await createUser(["resident"]);
  const theirs = await createResident({
    userId: other.id,
    programmeId,
    studentNumber: `LX-${tag}`,
    stayStart: addDays(hospitalToday(), -10),
    stayEnd: addDays(hospitalToday(), 10),
  });
  const entry = await prisma.logbookEntry.create({
    data: {
      residentId: theirs.id,
      activityId: catalogue.activities[0]!.id,
      departmentId: department.id,
      date: hospitalToday(),
      count: 1,
      degree: "support",
    },
  });
  await loginAs(["resident"]);
  const answer = await page.goto(`/me/logbook/${entry.id}`);
  expect(answer?.status()).toBe(404);
  await expect(page.getByText(`Biopsy ${tag}`)).toHaveCount(0);
});
