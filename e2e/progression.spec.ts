import { randomUUID } from "node:crypto";
import { addDays, addYears, hospitalToday, toIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createResident, createUniversity } from "../test/factories";
import { createUser, expect, expectAccessible, signInAs, test } from "./fixtures";

/**
 * Year progression (issue 19), on a phone: an administrator opens a programme's round, sees a resident who
 * still owes suspended time, is refused admitting them on a day the time is not made up (the page names
 * the days), and admits them once it is; the resident then reads the outcome in their training calendar.
 */
test("a progression round refuses a resident who still owes days, then admits them when the time is made up", async ({
  page,
  browser,
  loginAs,
}) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await loginAs(["admin"]);
  const tag = randomUUID().slice(0, 8);
  const today = hospitalToday();
  const university = await createUniversity({ name: `Ateneo Progressione ${tag}`, programmes: [{ specialtyCode: "radioterapia" }] });
  const programme = university.programmes[0]!;
  const residentUser = await createUser(["resident"], { name: `Giulia Ferri ${tag}` });
  // The first training year was planned to end in 19 days; a suspension of 30 days moved it to 49.
  const contractStart = addDays(addYears(today, -1), 20);
  const resident = await createResident({
    userId: residentUser.id,
    programmeId: programme.id,
    studentNumber: `PR-${tag}`,
    stayStart: addDays(contractStart, 0),
    stayEnd: addDays(today, 900),
  });
  await prisma.resident.update({ where: { id: resident.id }, data: { contractStart, yearOfTraining: 1 } });
  await prisma.absence.create({
    data: {
      residentId: resident.id,
      kind: "protected",
      protectedType: "suspension",
      state: "recorded",
      startDate: addDays(today, -120),
      endDate: addDays(today, -91),
    },
  });
  const plannedEnd = addDays(today, 19);
  const movedEnd = addDays(today, 49);

  // The round is chosen a university at a time: its programmes alone are offered.
  await page.goto("/admin/progression");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Year progression");
  const choose = page.getByRole("search", { name: "Choose the round" });
  await choose.getByLabel("University").selectOption({ label: university.name });
  await choose.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`university=${university.id}`));
  await expect(choose.getByLabel("Programme")).toHaveValue(programme.id);
  await expect(choose.getByLabel("Programme").getByRole("option")).toHaveText(["Radiation oncology"]);
  await expect(page.getByRole("heading", { level: 2 })).toContainText(`Radiation oncology · ${university.name}`);
  const card = page.getByRole("listitem").filter({ hasText: residentUser.name });
  await expect(card).toContainText("Year 1");
  await expect(card.getByLabel("Readiness")).toContainText(/Suspended time owed\s*30 days/);
  await expectAccessible(page);

  await card.getByRole("link", { name: `Record the outcome of ${residentUser.name}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Record the outcome of ${residentUser.name}`);
  await expect(page.getByRole("region", { name: "What each outcome causes" })).toContainText("Repeats the year");
  await expectAccessible(page);
  await page.getByLabel("Outcome", { exact: true }).selectOption({ label: "Admitted to the next year" });
  await page.getByLabel("Takes effect on").fill(toIsoDate(plannedEnd));
  await page.getByRole("button", { name: "Record the outcome" }).click();
  await expect(page.getByText("30 days are still to be made up on that day")).toBeVisible();
  expect(await prisma.progressionOutcome.count({ where: { residentId: resident.id } })).toBe(0);

  await page.getByLabel("Takes effect on").fill(toIsoDate(movedEnd));
  await page.getByRole("button", { name: "Record the outcome" }).click();
  await expect(page.getByRole("status")).toContainText("Outcome recorded.");
  await expect(page.getByRole("listitem").filter({ hasText: residentUser.name })).toContainText("Admitted to the next year");
  expect((await prisma.resident.findUniqueOrThrow({ where: { id: resident.id } })).yearOfTraining).toBe(2);
  // Its page now shows the decision instead of the form.
  await page.goto(`/admin/progression/${resident.id}`);
  const decision = page.getByRole("region", { name: "The school's decision" });
  await expect(decision).toContainText("already recorded");
  await expect(decision).toContainText("Admitted to the next year");
  await expect(page.getByRole("button", { name: "Record the outcome" })).toHaveCount(0);

  // The resident reads it in their training calendar.
  const context = await browser.newContext({ locale: "en-GB", viewport: { width: 375, height: 812 } });
  const own = await context.newPage();
  await signInAs(own, residentUser);
  await own.goto("/me");
  const calendar = own.getByRole("region", { name: "Training calendar" });
  await expect(calendar).toContainText("Admitted to the next year");
  await expect(calendar).toContainText("moved 30 days by suspensions");
  await expectAccessible(own);
  await context.close();
});

/**
 * The last year, in Italian on a phone: the diploma needs the exam's day and a grade out of 50, each refused
 * beside its field until right (a grade over 50, honours below 50), then recorded with honours.
 */
test("the last year's diploma is recorded with the exam's grade, refused beside the field until it is right", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await loginAs(["admin"], { language: "it" });
  const tag = randomUUID().slice(0, 8);
  const today = hospitalToday();
  const university = await createUniversity({ name: `Ateneo Diploma ${tag}`, programmes: [{ specialtyCode: "ematologia" }] });
  const programme = university.programmes[0]!;
  const { durationYears } = await prisma.programme.findUniqueOrThrow({ where: { id: programme.id } });
  const residentUser = await createUser(["resident"], { name: `Marco Galli ${tag}` });
  // The last year ends in 19 days.
  const contractStart = addDays(addYears(today, -durationYears), 20);
  const resident = await createResident({
    userId: residentUser.id,
    programmeId: programme.id,
    studentNumber: `DP-${tag}`,
    stayStart: addDays(today, -200),
    stayEnd: addDays(today, 19),
  });
  await prisma.resident.update({ where: { id: resident.id }, data: { contractStart, yearOfTraining: durationYears } });
  const lastDay = addDays(today, 19);

  await page.goto(`/admin/progression/${resident.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Registra l'esito di ${residentUser.name}`);
  await expect(page.getByRole("region", { name: "Cosa comporta ogni esito" })).toContainText("L'ultimo anno: il diploma");
  await page.getByLabel("Esito", { exact: true }).selectOption({ label: "Ammesso all'anno successivo" });
  await page.getByLabel("Decorre dal").fill(toIsoDate(lastDay));
  await page.getByLabel("Data dell'esame di diploma").fill(toIsoDate(lastDay));
  await page.getByLabel("Voto (su 50)").fill("51");
  await page.getByRole("button", { name: "Registra l'esito" }).click();
  await expect(page.getByText("Il voto è un numero intero da 0 a 50.")).toBeVisible();
  await page.getByLabel("Voto (su 50)").fill("48");
  await page.getByLabel("Con lode").check();
  await page.getByRole("button", { name: "Registra l'esito" }).click();
  await expect(page.getByText("La lode va solo con 50 su 50.")).toBeVisible();
  expect(await prisma.progressionOutcome.count({ where: { residentId: resident.id } })).toBe(0);
  await expectAccessible(page);

  await page.getByLabel("Voto (su 50)").fill("50");
  await page.getByLabel("Con lode").check();
  await page.getByRole("button", { name: "Registra l'esito" }).click();
  await expect(page.getByRole("status")).toContainText("Esito registrato.");
  await expect(page.getByRole("listitem").filter({ hasText: residentUser.name })).toContainText("50/50 con lode");
  const outcome = await prisma.progressionOutcome.findFirstOrThrow({ where: { residentId: resident.id } });
  expect({ outcome: outcome.outcome, grade: outcome.grade, honours: outcome.honours, trainingYear: outcome.trainingYear }).toEqual({
    outcome: "admitted",
    grade: 50,
    honours: true,
    trainingYear: durationYears,
  });
});

/**
 * The university's file of outcomes, on a phone: a file with a wrong row is checked and nothing is written,
 * the rows' problems are named; the corrected file is recorded whole.
 */
test("an administrator imports a round's outcomes from the university's CSV, all rows or none", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await loginAs(["admin"]);
  const tag = randomUUID().slice(0, 8);
  const today = hospitalToday();
  const university = await createUniversity({ name: `Ateneo Esiti ${tag}`, programmes: [{ specialtyCode: "anatomia-patologica" }] });
  const programme = university.programmes[0]!;
  // Two residents in their first year, which ends in ten days.
  const contractStart = addDays(addYears(today, -1), 11);
  const residents = await Promise.all(
    ["Anna Villa", "Bruno Gatti"].map(async (name, i) => {
      const user = await createUser(["resident"], { name: `${name} ${tag}` });
      const resident = await createResident({
        userId: user.id,
        programmeId: programme.id,
        studentNumber: `E${i}-${tag}`,
        stayStart: addDays(today, -300),
        stayEnd: addDays(today, 700),
      });
      await prisma.resident.update({ where: { id: resident.id }, data: { contractStart, yearOfTraining: 1 } });
      return { ...resident, name: user.name };
    }),
  );
  const end = toIsoDate(addDays(today, 10)).split("-").reverse().join("/");
  const csv = (second: string) => `matricola;esito;decorrenza;nota\r\nE0-${tag};ammesso;${end};\r\n${second}\r\n`;

  await page.goto(`/admin/progression?programme=${programme.id}`);
  await page.getByRole("link", { name: "Import outcomes from a CSV" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import the school's outcomes");
  await expectAccessible(page);
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "esiti.csv", mimeType: "text/csv", buffer: Buffer.from(csv(`E1-${tag};promosso;${end};`)) });
  await page.getByRole("button", { name: "Check the file" }).click();
  const preview = page.getByRole("region", { name: "2 rows checked" });
  await expect(preview).toContainText("1 row cannot be recorded");
  await expect(preview).toContainText("The column outcome (esito) is not an outcome");
  await expect(preview.getByRole("button", { name: /^Record/ })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByLabel("CSV file").setInputFiles({
    name: "esiti.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv(`E1-${tag};ripete;${end};Frequenza insufficiente`)),
  });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("region", { name: "2 rows checked" })).toContainText("All 2 rows can be recorded.");
  // The header's data are read again after the check: recording before they arrive would abort that read.
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Record 2 outcomes" }).click();
  await expect(page.getByRole("status")).toContainText("2 outcomes recorded.");
  await expect(page.getByRole("listitem").filter({ hasText: residents[0]!.name })).toContainText("Admitted to the next year");
  await expect(page.getByRole("listitem").filter({ hasText: residents[1]!.name })).toContainText("Frequenza insufficiente");
  expect(await prisma.progressionOutcome.count({ where: { residentId: { in: residents.map((r) => r.id) } } })).toBe(2);
});
