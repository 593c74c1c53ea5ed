import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { prisma } from "~/utils/db.server";
import { createUser, expect, test } from "./fixtures";

/** A university of its own with two programmes, and a tutor, so the test's rows meet nobody else's. */
async function setting() {
  const tag = randomUUID().slice(0, 6);
  const tutor = await createUser(["tutor"], { name: `Dott. Import ${tag}` });
  const university = await prisma.university.create({
    data: {
      name: `Ateneo Import ${tag}`,
      city: "Varese",
      programmes: {
        create: [
          { specialtyCode: "oncologia-medica", directorName: "Prof. I", directorEmail: "i@example.it", durationYears: 5 },
          { specialtyCode: "radioterapia", directorName: "Prof. J", directorEmail: "j@example.it", durationYears: 4 },
        ],
      },
    },
  });
  return { tag, tutor, university };
}

const HEADER = "Matricola;Cognome;Nome;E-mail;Scuola;Anno;Inizio permanenza;Fine permanenza;Email tutor";

function goodList(tag: string, tutorEmail: string, count = 3) {
  const rows = Array.from(
    { length: count },
    (_, i) =>
      `${tag}-${i};Bianchi${i};Sara;sara${i}.${tag}@studenti.example.it;Oncologia medica;${(i % 5) + 1};01/12/2026;30/11/2027;${tutorEmail}`,
  );
  return `\uFEFF${[HEADER, ...rows].join("\r\n")}\r\n`;
}

test("an administrator imports the university's list: errors first, then a good file, then the same file again", async ({
  page,
  loginAs,
}) => {
  const s = await setting();
  await loginAs(["admin"]);
  await page.goto("/admin/residents");
  await page.getByRole("link", { name: "Import a list" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import the university's list" })).toBeVisible();

  // The template names the columns.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the template (CSV)" }).click();
  const template = await readFile(await (await download).path(), "utf8");
  expect(template).toContain("student_number,last_name,first_name,email,specialty,year,stay_start,stay_end");

  // Nothing chosen: the fields say so.
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByText("Choose the university that sent the list.")).toBeVisible();
  await expect(page.getByText("Choose the CSV file to upload.")).toBeVisible();

  // A file with problems: every row is shown with its problems, and nothing can be imported.
  const bad = [
    HEADER,
    `${s.tag}-1;Verdi;Luca;luca.${s.tag}@studenti.example.it;Oncologia medica;2;01/12/2026;30/11/2027;`,
    `${s.tag}-2;Neri;Marta;not-an-email;Oncologia medica;2;01/12/2026;30/11/2027;`,
    `${s.tag}-3;Galli;Paolo;paolo.${s.tag}@studenti.example.it;Urologia;1;01/12/2026;30/11/2027;`,
    `${s.tag}-1;Verdi;Luca;luca2.${s.tag}@studenti.example.it;Oncologia medica;2;01/12/2026;30/11/2027;`,
    `${s.tag}-5;Conti;Elena;elena.${s.tag}@studenti.example.it;Radioterapia;2;30/11/2027;01/12/2026;`,
  ].join("\r\n");
  await page.getByLabel("University").selectOption({ label: s.university.name });
  await page.getByLabel("CSV file").setInputFiles({ name: "elenco-errori.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check of elenco-errori.csv" })).toBeVisible();
  const figures = page.getByRole("definition");
  await expect(figures.nth(5)).toHaveText("4");
  const table = page.getByRole("table", { name: "Rows of the file and what each would do" });
  await expect(table).toContainText("E-mail: “not-an-email” is not an e-mail address.");
  await expect(table).toContainText("Programme: the university has no programme “Urologia” at this hospital.");
  await expect(table).toContainText("Student number: the same as on line 2 of the file.");
  await expect(table).toContainText("Stay until: the stay ends before it starts.");
  await expect(page.getByText("Nothing can be imported while a row has problems.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);
  await page.getByRole("link", { name: "All rows" }).click();
  await expect(table.getByRole("row")).toHaveCount(6);
  expect(await prisma.resident.count({ where: { studentNumber: { startsWith: s.tag } } })).toBe(0);

  // A corrected file: previewed, confirmed, written in full.
  await page.getByRole("link", { name: "Import the university's list" }).click();
  await page.getByLabel("University").selectOption({ label: s.university.name });
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "elenco.csv", mimeType: "text/csv", buffer: Buffer.from(goodList(s.tag, s.tutor.email)) });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check of elenco.csv" })).toBeVisible();
  await expect(page.getByRole("table")).toContainText("New resident");
  await page.getByRole("button", { name: "Import 3 rows" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported on" })).toContainText("New residents: 3");
  const created = await prisma.resident.findMany({
    where: { studentNumber: { startsWith: s.tag } },
    include: { user: { include: { roles: true } } },
  });
  expect(created).toHaveLength(3);
  expect(created.every((r) => r.tutorId === s.tutor.id && r.user.roles.some((role) => role.role === "resident"))).toBe(true);

  // The same file again: it knows everyone, nothing to write; a changed year is an update.
  await page.goto("/admin/residents/import");
  await page.getByLabel("University").selectOption({ label: s.university.name });
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "elenco.csv", mimeType: "text/csv", buffer: Buffer.from(goodList(s.tag, s.tutor.email)) });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByText("Every row matches what the portal already holds")).toBeVisible();
  await page.goto("/admin/residents/import");
  await page.getByLabel("University").selectOption({ label: s.university.name });
  const nextYear = goodList(s.tag, s.tutor.email).replace(`Oncologia medica;1;`, "Oncologia medica;2;");
  await page.getByLabel("CSV file").setInputFiles({ name: "elenco-2.csv", mimeType: "text/csv", buffer: Buffer.from(nextYear) });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByRole("table")).toContainText("Changes: year");
  await page.getByRole("button", { name: "Import 1 row" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported on" })).toContainText("updated: 1");
  expect(await prisma.resident.count({ where: { studentNumber: { startsWith: s.tag } } })).toBe(3);
  expect((await prisma.resident.findFirstOrThrow({ where: { studentNumber: `${s.tag}-0` } })).yearOfTraining).toBe(2);
});

test("a file that is not the list is refused next to the field, with a 4xx", async ({ page, loginAs }) => {
  const s = await setting();
  await loginAs(["admin"]);
  await page.goto("/admin/residents/import");
  await page.getByLabel("University").selectOption({ label: s.university.name });
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "lettera.csv", mimeType: "text/csv", buffer: Buffer.from("Cognome;Nome\r\nRossi;Anna\r\n") });
  const answer = page.waitForResponse((r) => r.url().endsWith("/admin/residents/import/upload"));
  await page.getByRole("button", { name: "Upload and check" }).click();
  expect((await answer).status()).toBe(400);
  await expect(page.getByLabel("CSV file")).toHaveAccessibleDescription(/Columns missing from the header row: studentNumber/);
});

test("without JavaScript the import works the same, and 5,000 rows are checked and written in one go", async ({ browser }) => {
  test.setTimeout(90_000);
  const s = await setting();
  const admin = await createUser(["admin"]);
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" });
  const page = await context.newPage();
  const { signInAs } = await import("./fixtures");
  await signInAs(page, admin);
  await page.goto("/admin/residents/import");
  await page.getByLabel("University").selectOption({ label: s.university.name });
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "grande.csv", mimeType: "text/csv", buffer: Buffer.from(goodList(s.tag, s.tutor.email, 5000)) });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check of grande.csv" })).toBeVisible();
  await expect(page.getByRole("definition").first()).toHaveText("5,000");
  await page.getByRole("button", { name: "Import 5000 rows" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported on" })).toContainText("New residents: 5,000");
  expect(await prisma.resident.count({ where: { studentNumber: { startsWith: s.tag } } })).toBe(5000);
  await context.close();
});
