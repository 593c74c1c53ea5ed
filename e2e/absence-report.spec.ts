import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parseIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createResident, createUniversity } from "../test/factories";
import { createUser, expect, expectAccessible, test } from "./fixtures";

/**
 * The monthly absences report (issue 19, "Reports"): an administrator opens a university's month on a
 * phone, reads each resident's days of personal leave and of protected absence and the suspension that
 * began the month before, and downloads the same figures as CSV for the university's office.
 */

const d = (iso: string) => parseIsoDate(iso)!;

/**
 * A university of its own in April 2025 (Easter Monday the 21st and Friday the 25th are holidays): Alba
 * with leave across the month's end, a request declined and three days of illness; Bruno on a maternity
 * leave from 3 February to 11 April, a suspension; and a resident of another university, not reported.
 */
async function april2025() {
  const tag = randomUUID().slice(0, 8);
  const university = await createUniversity({
    name: `Ateneo ${tag}`,
    shortName: `A${tag}`,
    programmes: [{ specialtyCode: "ematologia" }, { specialtyCode: "oncologia-medica" }],
  });
  // Listed by specialty code: ematologia, then oncologia-medica.
  const haematology = university.programmes[0]!;
  const oncology = university.programmes[1]!;
  const resident = async (name: string, programmeId: string) =>
    createResident({
      userId: (await createUser(["resident"], { name: `${name} ${tag}` })).id,
      programmeId,
      studentNumber: `${name.slice(0, 1)}-${tag}`,
      stayStart: d("2024-11-01"),
      stayEnd: d("2029-10-31"),
    });
  const alba = await resident("Alba Rossi", oncology.id);
  const bruno = await resident("Bruno Verdi", haematology.id);
  const other = await createUniversity({ name: `Altro ateneo ${tag}`, programmes: [{ specialtyCode: "ematologia" }] });
  const elsewhere = await resident("Carlo Neri", other.programmes[0]!.id);
  const absence = (residentId: string, kind: string, state: string, from: string, to: string, protectedType: string | null = null) => ({
    residentId,
    kind,
    state,
    protectedType,
    startDate: d(from),
    endDate: d(to),
  });
  await prisma.absence.createMany({
    data: [
      absence(alba.id, "personal", "approved", "2025-04-28", "2025-05-09"),
      absence(alba.id, "personal", "declined", "2025-04-14", "2025-04-15"),
      absence(alba.id, "protected", "recorded", "2025-04-22", "2025-04-24", "illness"),
      absence(bruno.id, "protected", "recorded", "2025-02-03", "2025-04-11", "maternity"),
      absence(elsewhere.id, "personal", "approved", "2025-04-07", "2025-04-08"),
    ],
  });
  return { tag, university, alba, bruno };
}

test("an administrator reads a university's month of absences on a phone and downloads it as CSV", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await loginAs(["admin"]);
  const { tag, university, alba } = await april2025();

  await page.goto("/admin/absences");
  await page.getByRole("link", { name: "Monthly report by university" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Monthly absences report");
  const filters = page.getByRole("search", { name: "University and month" });
  await filters.getByLabel("University").selectOption({ label: university.name });
  await filters.getByLabel("Month").fill("2025-04");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`university=${university.id}&month=2025-04`));
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(`${university.name}, April 2025`);
  await expect(page.getByRole("main")).toContainText("Days are counted in working days");

  const table = page.getByRole("table", { name: `Absences of the residents of ${university.name}, April 2025` });
  await expect(table.getByRole("row")).toHaveCount(4); // the header, two residents, the totals
  const albaRow = table.getByRole("row", { name: new RegExp(`Alba Rossi ${tag}`) });
  await expect(albaRow.getByRole("cell")).toHaveText([`A-${tag}`, "Medical oncology", "3", "3", "None"]);
  const brunoRow = table.getByRole("row", { name: new RegExp(`Bruno Verdi ${tag}`) });
  await expect(brunoRow.getByRole("cell")).toHaveText([
    `B-${tag}`,
    "Haematology",
    "0",
    "9",
    "3 Feb 2025 – 11 Apr 2025: 50 working days, 68 days to make up (11 in this month)",
  ]);
  await expect(table.getByRole("row", { name: /Total/ }).getByRole("cell")).toHaveText([
    "3",
    "12",
    "1 resident suspended, 11 days in the month",
  ]);
  await expect(page.getByRole("main")).not.toContainText(`Carlo Neri ${tag}`);
  await expect(page.getByRole("main")).not.toContainText(/maternity|illness/i);
  await expectAccessible(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);

  // Each resident opens their absences.
  await expect(albaRow.getByRole("link", { name: `Alba Rossi ${tag}` })).toHaveAttribute("href", `/admin/residents/${alba.id}/absences`);

  // The CSV holds the same figures, a row per resident and the totals.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`absences-report-A${tag}-2025-04.csv`);
  const lines = (await readFile(await file.path(), "utf8"))
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  const where = `${university.name},2025-04,working days`;
  expect(lines).toEqual([
    "Resident,Student number,Programme,Days of personal leave,Days of protected absence,Suspended from,Suspended until,Working days of the suspension,Days to make up,Days suspended in the month,University,Month,Counted in",
    `Alba Rossi ${tag},A-${tag},Medical oncology,3,3,,,,,,${where}`,
    `Bruno Verdi ${tag},B-${tag},Haematology,0,9,2025-02-03,2025-04-11,50,68,11,${where}`,
    `Total,2 residents,,3,12,,,,,11,${where}`,
  ]);
});

test("the report and its file are the administrators' alone", async ({ page, loginAs }) => {
  await loginAs(["tutor"]);
  expect((await page.request.get("/admin/absences/report")).status()).toBe(403);
  expect((await page.request.get("/admin/absences/report.csv")).status()).toBe(403);
});

test("a university's month of many residents comes 25 at a time, the totals over them all", async ({ page, loginAs }) => {
  const tag = randomUUID().slice(0, 8);
  const university = await createUniversity({ name: `Ateneo Molti ${tag}`, programmes: [{ specialtyCode: "ematologia" }] });
  for (let i = 1; i <= 27; i++) {
    const resident = await createResident({
      userId: (await createUser(["resident"], { name: `Specializzando ${String(i).padStart(2, "0")} ${tag}` })).id,
      programmeId: university.programmes[0]!.id,
      studentNumber: `M${i}-${tag}`,
      stayStart: d("2024-11-01"),
      stayEnd: d("2029-10-31"),
    });
    // A day of illness each (Thursday 10 April 2025).
    await prisma.absence.create({
      data: {
        residentId: resident.id,
        kind: "protected",
        state: "recorded",
        protectedType: "illness",
        startDate: d("2025-04-10"),
        endDate: d("2025-04-10"),
      },
    });
  }
  await loginAs(["admin"]);
  await page.goto(`/admin/absences/report?university=${university.id}&month=2025-04`);
  const table = page.getByRole("table", { name: `Absences of the residents of ${university.name}, April 2025` });
  await expect(table.getByRole("row")).toHaveCount(27); // the header, 25 residents, the totals
  await expect(table.getByRole("row", { name: /Total/ }).getByRole("cell")).toHaveText(["0", "27", "None"]);
  await expect(page.getByText("Page 1 of 2 · 27 results")).toBeVisible();

  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(new RegExp(`university=${university.id}&month=2025-04&page=2`));
  await expect(table.getByRole("row")).toHaveCount(4);
  await expect(table.getByRole("row").nth(1)).toContainText(`Specializzando 26 ${tag}`);
  await expect(table.getByRole("row", { name: /Total/ })).toContainText("27 residents");
});
