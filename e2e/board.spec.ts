import type { Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { parseIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createDepartment, createResident, createUniversity } from "../test/factories";
import { createUser, expect, signInAs, test } from "./fixtures";

const d = (iso: string) => parseIsoDate(iso)!;

/**
 * A department of capacity 1 in March 2030: one resident confirmed from 10 March to 5 April, a colleague
 * planned from 20 to 25 March (written directly, as a later change could leave it: above capacity).
 */
async function setting() {
  const tag = randomUUID().slice(0, 6);
  const tutor = await createUser(["tutor"], { name: `Dott. Tabellone ${tag}` });
  const firstUser = await createUser(["resident"], { name: `Aurora Tabellone ${tag}` });
  const secondUser = await createUser(["resident"], { name: `Bruno Tabellone ${tag}` });
  const university = await createUniversity({ name: `Ateneo Tabellone ${tag}`, programmes: [{ specialtyCode: "radioterapia" }] });
  const department = await createDepartment(`Radioterapia Tabellone ${tag}`, 1, [tutor.id]);
  const stay = { programmeId: university.programmes[0]!.id, stayStart: d("2029-09-01"), stayEnd: d("2030-10-31") };
  const first = await createResident({ userId: firstUser.id, yearOfTraining: 2, studentNumber: `A${tag}`, ...stay });
  const second = await createResident({ userId: secondUser.id, yearOfTraining: 3, studentNumber: `B${tag}`, ...stay });
  await prisma.rotation.create({
    data: {
      residentId: first.id,
      departmentId: department.id,
      tutorId: tutor.id,
      startDate: d("2030-03-10"),
      endDate: d("2030-04-05"),
      state: "confirmed",
    },
  });
  await prisma.rotation.create({
    data: {
      residentId: second.id,
      departmentId: department.id,
      tutorId: tutor.id,
      startDate: d("2030-03-20"),
      endDate: d("2030-03-25"),
      state: "planned",
    },
  });
  // A cancelled rotation frees its days: it never shows.
  await prisma.rotation.create({
    data: { residentId: second.id, departmentId: department.id, startDate: d("2030-03-01"), endDate: d("2030-03-05"), state: "cancelled" },
  });
  return { tag, tutor, firstUser, secondUser, first, second, department };
}

/** The day cells (1 = the first of the month) of the row whose header names `name`. */
function dayCells(page: Page, name: string) {
  const row = page.locator("tr", { has: page.getByRole("rowheader", { name }) });
  return (day: number) => row.getByRole("cell").nth(day - 1);
}

test("an administrator reads a department's month and a resident's year on the planning board", async ({ page, loginAs }) => {
  const s = await setting();
  await loginAs(["admin"]);

  // From the department's page to its board, then to March 2030 through the form.
  await page.goto(`/admin/departments/${s.department.id}`);
  await page.getByRole("link", { name: "Planning board" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/rotations/board\\?department=${s.department.id}`));
  await page.getByLabel("Month", { exact: true }).fill("2030-03");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/month=2030-03/);
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(`${s.department.name}, March 2030`);
  await expect(page.getByText("Capacity: 1 resident at a time.")).toBeVisible();

  // Aurora's block runs from the 10th to the end of the month, confirmed; Bruno's from the 20th to the 25th, planned.
  const aurora = dayCells(page, s.firstUser.name);
  await expect(aurora(9)).toHaveText("");
  await expect(aurora(10)).toHaveText("present");
  await expect(aurora(31)).toHaveText("present");
  const bruno = dayCells(page, s.secondUser.name);
  await expect(bruno(19)).toHaveText("");
  await expect(bruno(20)).toHaveText("planned, not yet confirmed");
  await expect(bruno(25)).toHaveText("planned, not yet confirmed");
  await expect(bruno(26)).toHaveText("");
  await expect(bruno(1), "the cancelled rotation is not shown").toHaveText("");
  await expect(page.getByRole("rowheader", { name: new RegExp(s.firstUser.name) })).toContainText("Radiation oncology");

  // Places used and free per day, with the days above capacity highlighted and announced.
  const used = dayCells(page, "Places used");
  const free = dayCells(page, "Places free");
  await expect(used(1)).toHaveText("0");
  await expect(free(1)).toHaveText("1");
  await expect(used(10)).toHaveText("1");
  await expect(free(10)).toHaveText("0");
  await expect(used(20)).toHaveText("2! (above capacity)");
  await expect(free(20)).toHaveText("0");
  await expect(page.getByText(/Above capacity on 6 days \(20 Mar, 21 Mar, 22 Mar, 23 Mar, 24 Mar, 25 Mar\)/)).toBeVisible();

  // The next month: Aurora's last five days, nobody above capacity.
  await page.getByRole("link", { name: "Next month" }).click();
  await expect(page).toHaveURL(/month=2030-04/);
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(`${s.department.name}, April 2030`);
  await expect(page.getByLabel("Month", { exact: true })).toHaveValue("2030-04");
  const april = dayCells(page, s.firstUser.name);
  await expect(april(5)).toHaveText("present");
  await expect(april(6)).toHaveText("");
  await expect(page.getByRole("rowheader", { name: new RegExp(s.secondUser.name) })).toHaveCount(0);
  await expect(dayCells(page, "Places free")(30)).toHaveText("1");
  await expect(page.getByText(/Above capacity on/)).toHaveCount(0);

  // From the row to the rotation, then to Aurora's year from her record.
  await page.getByRole("link", { name: s.firstUser.name }).click();
  await expect(page).toHaveURL(/\/admin\/rotations\/[^/]+$/);
  await page.goto(`/admin/residents/${s.first.id}`);
  await page.getByRole("link", { name: "Year planner" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/rotations/year\\?resident=${s.first.id}`));
  await page.getByLabel("Year", { exact: true }).fill("2030");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("heading", { level: 2, name: `${s.firstUser.name}, 2030` })).toBeVisible();

  // Day by day: rotation 1 from 10 March to 5 April; outside the stay from November.
  const march = dayCells(page, "March");
  await expect(march(9)).toHaveText("");
  await expect(march(10)).toHaveText(`1${s.department.name}`);
  await expect(dayCells(page, "April")(6)).toHaveText("");
  await expect(dayCells(page, "November")(1)).toHaveText("outside the stay");
  await expect(dayCells(page, "February")(29)).toHaveText("");

  // The legend names the rotation with its department, dates, status and tutor, with links.
  const legend = page.getByRole("region", { name: "Rotations in 2030" });
  await expect(legend.getByRole("listitem")).toHaveCount(1);
  await expect(legend).toContainText("Rotation 1");
  await expect(legend).toContainText("10 Mar 2030 – 5 Apr 2030");
  await expect(legend).toContainText("Confirmed");
  await expect(legend).toContainText(`Tutor: ${s.tutor.name}`);
  await legend.getByRole("link", { name: "Board of March 2030" }).click();
  await expect(page).toHaveURL(new RegExp(`department=${s.department.id}&month=2030-03`));

  // The year before has no rotation.
  await page.goto(`/admin/rotations/year?resident=${s.first.id}&year=2030`);
  await page.getByRole("link", { name: "Previous year" }).click();
  await expect(page).toHaveURL(/year=2029/);
  await expect(page.getByText("No rotation in this year.")).toBeVisible();
});

test("a busy department's month comes a page of rotations at a time, on a phone, in Italian", async ({ browser }) => {
  const tag = randomUUID().slice(0, 6);
  const university = await createUniversity({ name: `Ateneo Pagine ${tag}`, programmes: [{ specialtyCode: "radioterapia" }] });
  const department = await createDepartment(`Reparto Pagine ${tag}`, 30);
  const stay = { programmeId: university.programmes[0]!.id, stayStart: d("2031-01-01"), stayEnd: d("2031-12-31") };
  // 27 residents in June 2031, each from a later day than the one before: the board's order is by start date.
  for (let i = 0; i < 27; i++) {
    const user = await createUser(["resident"], { name: `Pagina ${String(i + 1).padStart(2, "0")} ${tag}` });
    const resident = await createResident({ userId: user.id, yearOfTraining: 2, studentNumber: `P${i}${tag}`, ...stay });
    await prisma.rotation.create({
      data: {
        residentId: resident.id,
        departmentId: department.id,
        startDate: d(`2031-06-${String(i + 1).padStart(2, "0")}`),
        endDate: d("2031-07-15"),
        state: "confirmed",
      },
    });
  }
  const context = await browser.newContext({ locale: "it-IT", viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  await signInAs(page, await createUser(["admin"], { language: "it" }));
  await page.goto(`/admin/rotations/board?department=${department.id}&month=2031-06`);
  const rowHeaders = page.getByRole("rowheader", { name: new RegExp(`Pagina \\d+ ${tag}`) });
  await expect(rowHeaders).toHaveCount(25);
  await expect(rowHeaders.first()).toContainText(`Pagina 01 ${tag}`);
  await expect(page.getByText("Pagina 1 di 2 · 27 rotazioni nel mese")).toBeVisible();
  // The places used count every rotation of the month, not only the page's.
  await expect(dayCells(page, "Posti occupati")(30)).toHaveText("27");

  await page.getByRole("link", { name: "Pagina successiva" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(new RegExp(`department=${department.id}`));
  await expect(rowHeaders).toHaveCount(2);
  await expect(rowHeaders.first()).toContainText(`Pagina 26 ${tag}`);
  await expect(dayCells(page, `Pagina 27 ${tag}`)(26)).toHaveText("");
  await expect(dayCells(page, `Pagina 27 ${tag}`)(27)).toHaveText("presente");
  await expect(dayCells(page, "Posti occupati")(30)).toHaveText("27");

  // A page past the last shows the last; the next month starts again from the first page.
  await page.goto(`/admin/rotations/board?department=${department.id}&month=2031-06&page=9`);
  await expect(rowHeaders).toHaveCount(2);
  await page.getByRole("link", { name: "Mese successivo" }).click();
  await expect(page).toHaveURL(/month=2031-07/);
  await expect(page).not.toHaveURL(/page=/);
  await expect(rowHeaders).toHaveCount(25);
  await context.close();
});

test("unreadable choices in the address fall back to the defaults", async ({ page, loginAs }) => {
  await loginAs(["admin"]);
  for (const path of [
    "/admin/rotations/board?department=no-such-department&month=2030-13",
    "/admin/rotations/board?month=not-a-month",
    "/admin/rotations/year?resident=no-such-resident&year=99999",
    "/admin/rotations/year?year=abc",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
  }
});

test("residents and tutors cannot open the planning board", async ({ browser }) => {
  const s = await setting();
  for (const user of [s.firstUser, s.tutor]) {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    await signInAs(page, user);
    for (const path of [
      `/admin/rotations/board?department=${s.department.id}&month=2030-03`,
      `/admin/rotations/year?resident=${s.first.id}&year=2030`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), `${user.roles[0]} on ${path}`).toBe(403);
      await expect(page.getByText(s.secondUser.name)).toHaveCount(0);
    }
    await context.close();
  }
});
