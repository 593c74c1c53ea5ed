import { randomUUID } from "node:crypto";
import { addDays, hospitalToday } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createCatalogue, createDepartment, createLogbookEntry, createResident, createUniversity } from "../test/factories";
import { createUser, expect, expectAccessible, test } from "./fixtures";

/**
 * Progress in the logbook, on a phone: a tutor reads the matrix of a resident in their care (and nobody
 * else's); an administrator finds a programme's residents behind schedule, shows everyone, sorts, downloads
 * the list and opens one resident's logbook with their progress.
 *
 * The programme is the test's own, with two catalogue versions: the first visit was certified under
 * version 1 and still counts under version 2, which renamed it. The minimums are large enough that a
 * resident with nothing certified is behind from the first day of the training year.
 */
async function programmeWithProgress(tutorId: string) {
  const tag = randomUUID().slice(0, 8);
  const today = hospitalToday();
  const department = await createDepartment(`Ematologia ${tag}`, 4, [tutorId]);
  const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "ematologia" }] });
  const programmeId = university.programmes[0]!.id;
  const v1 = await createCatalogue({
    programmeId,
    version: 1,
    validFrom: new Date("2000-01-01"),
    activities: [{ code: "visit", category: "Ambulatorio", labelIt: "Visita", labelEn: `Visit ${tag}`, minimums: [] }],
  });
  const v2 = await createCatalogue({
    programmeId,
    version: 2,
    validFrom: new Date("2001-01-01"),
    activities: [
      {
        code: "visit",
        category: "Ambulatorio",
        labelIt: `Prima visita ${tag}`,
        labelEn: `First visit ${tag}`,
        minimums: [{ year: 2, degree: "collaboration", count: 400 }],
      },
      {
        code: "biopsy",
        category: "Procedure",
        labelIt: `Biopsia osteomidollare ${tag}`,
        labelEn: `Bone-marrow biopsy ${tag}`,
        minimums: [{ year: 2, degree: "autonomy", count: 400 }],
      },
    ],
  });
  const resident = async (name: string) => {
    const user = await createUser(["resident"], { name: `${name} ${tag}` });
    const record = await createResident({
      userId: user.id,
      programmeId,
      studentNumber: `${name}-${tag}`,
      stayStart: addDays(today, -400),
      stayEnd: addDays(today, 400),
      yearOfTraining: 2,
    });
    await prisma.rotation.create({
      data: {
        residentId: record.id,
        departmentId: department.id,
        tutorId,
        startDate: addDays(today, -20),
        endDate: addDays(today, 40),
        state: "confirmed",
      },
    });
    return { ...record, name: user.name };
  };
  const behind = await resident("Bruno Neri");
  const ahead = await resident("Anna Conti");
  const entry = (
    residentId: string,
    activityId: string,
    count: number,
    status: "certified" | "pending",
    degree: "collaboration" | "autonomy",
  ) => createLogbookEntry({ residentId, activityId, departmentId: department.id, date: today, count, degree, tutorId, status });
  await entry(behind.id, v1.activities[0]!.id, 2, "certified", "collaboration");
  await entry(behind.id, v2.activities[1]!.id, 3, "pending", "autonomy");
  await entry(ahead.id, v2.activities[0]!.id, 50, "certified", "collaboration");
  await entry(ahead.id, v2.activities[0]!.id, 50, "certified", "collaboration");
  await entry(ahead.id, v2.activities[0]!.id, 50, "certified", "collaboration");
  await entry(ahead.id, v2.activities[0]!.id, 50, "certified", "collaboration");
  await entry(ahead.id, v2.activities[0]!.id, 50, "certified", "collaboration");
  await entry(ahead.id, v2.activities[0]!.id, 50, "certified", "collaboration");
  await entry(ahead.id, v2.activities[0]!.id, 50, "certified", "collaboration");
  await entry(ahead.id, v2.activities[0]!.id, 50, "certified", "collaboration");
  for (let i = 0; i < 8; i++) await entry(ahead.id, v2.activities[1]!.id, 50, "certified", "autonomy");
  return { tag, programmeId, behind, ahead };
}

test("a tutor reads the logbook progress of a resident in their care, on a phone", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const tutor = await loginAs(["tutor"]);
  const w = await programmeWithProgress(tutor.id);
  const stranger = await programmeWithProgress((await createUser(["tutor"])).id);

  await page.goto("/tutor/residents");
  await page.getByRole("link", { name: `Logbook progress of ${w.behind.name}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Logbook progress: ${w.behind.name}`);
  await expect(page.getByText(/^Minimums of version 2 of the catalogue/)).toBeVisible();
  await expect(page.getByText(/^Behind schedule: 2 minimums are below/)).toBeVisible();
  // What is missing, in words: the renamed first visit counts the two certified under version 1; pending entries do not count.
  await expect(
    page.getByText(`Still missing this year: 398 × First visit ${w.tag} (Collaboration); 400 × Bone-marrow biopsy ${w.tag} (Autonomy).`),
  ).toBeVisible();

  const year = page.getByRole("table", { name: /^This training year \(year 2\)/ });
  const visit = year.getByRole("row", { name: new RegExp(`First visit ${w.tag}`) });
  await expect(visit.getByRole("cell").nth(1)).toContainText("2 / 400");
  const biopsy = year.getByRole("row", { name: new RegExp(`Bone-marrow biopsy ${w.tag}`) });
  await expect(biopsy.getByRole("cell").nth(2)).toContainText("0 / 400");
  await expect(biopsy.getByRole("cell").nth(2)).toContainText("+3 pending");
  await expect(year.getByRole("rowheader", { name: "Procedure" })).toBeVisible();
  // The wide table scrolls in its own region, which a keyboard can reach.
  const region = page.getByRole("region", { name: /^This training year \(year 2\).*scrolls sideways$/ });
  await region.focus();
  await expect(region).toBeFocused();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Back to residents" }).click();
  await page.getByRole("link", { name: `Logbook progress of ${w.ahead.name}` }).click();
  await expect(page.getByText("On schedule.")).toBeVisible();
  await expect(page.getByText("Nothing is missing this year.")).toBeVisible();

  // A resident in someone else's care is not there for them.
  const refused = await page.request.get(`/tutor/residents/${stranger.behind.id}/progress`, { maxRedirects: 0 });
  expect(refused.status()).toBe(404);
  expect(await refused.text()).not.toContain(stranger.behind.name);
});

test("an administrator lists a programme's residents behind schedule, sorts them and downloads the list, on a phone", async ({
  page,
  loginAs,
}) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await loginAs(["admin"]);
  const w = await programmeWithProgress((await createUser(["tutor"])).id);

  await page.goto(`/admin/programmes/${w.programmeId}`);
  await page.getByRole("link", { name: "Residents' logbook progress" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Residents' logbook progress");
  const list = page.getByRole("table");
  await expect(list.getByRole("row")).toHaveCount(2); // the header and the one resident behind
  await expect(
    list
      .getByRole("row", { name: new RegExp(w.behind.name) })
      .getByRole("cell")
      .last(),
  ).toHaveText("2");
  await expect(list).not.toContainText(w.ahead.name);
  await expectAccessible(page);

  await page.getByLabel("Show").selectOption("all");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(list.getByRole("row")).toHaveCount(3);
  await list.getByRole("link", { name: "Share reached" }).click();
  await expect(page).toHaveURL(/sort=reached&dir=asc/);
  await expect(list.getByRole("row").nth(1)).toContainText(w.behind.name);
  await list.getByRole("link", { name: "Share reached" }).click();
  await expect(list.getByRole("row").nth(1)).toContainText(w.ahead.name);
  await expect(list.getByRole("row").nth(1)).toContainText("100%");

  const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  expect(href).toContain("show=all");
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain("Resident");
  expect(text.indexOf(w.ahead.name)).toBeLessThan(text.indexOf(w.behind.name));

  await list.getByRole("link", { name: w.behind.name }).click();
  await expect(page.getByRole("heading", { name: /^Training year 2/ })).toBeVisible();
  await expect(page.getByText(/^Still missing this year: 398 × First visit/)).toBeVisible();
  await expectAccessible(page);
});
