import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { prisma } from "~/utils/db.server";
import { createCatalogue, createUniversity } from "../test/factories";
import { expect, expectAccessible, test } from "./fixtures";

/**
 * The administrators' activity catalogue of a programme, on a phone: a file with problems shows every
 * line's problem and saves nothing; a good file is previewed, then applied as a new version; a version
 * downloads as the file the import reads; another programme's catalogue is copied as the next version.
 */
test("an administrator imports, downloads and copies a programme's logbook catalogue, on a phone", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const tag = randomUUID().slice(0, 8);
  await loginAs(["admin"]);
  const university = await createUniversity({
    name: `Ateneo ${tag}`,
    programmes: [{ specialtyCode: "oncologia-medica" }, { specialtyCode: "radioterapia" }],
  });
  const [programme, other] = [university.programmes[0]!, university.programmes[1]!];
  await createCatalogue({
    programmeId: other.id,
    activities: [
      {
        code: "biopsy",
        labelIt: `Biopsia ${tag}`,
        labelEn: `Bone-marrow biopsy ${tag}`,
        minimums: [{ year: 0, degree: "autonomy", count: 3 }],
      },
    ],
  });
  const versions = () => prisma.logbookCatalogue.count({ where: { programmeId: programme.id } });

  await page.goto(`/admin/programmes/${programme.id}`);
  await page.getByRole("link", { name: "Logbook catalogue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Logbook catalogue:");
  await expect(page.getByText("This programme has no logbook catalogue yet")).toBeVisible();
  await expectAccessible(page);

  // A file with problems: every line says what is wrong, and nothing can be applied.
  const bad = [
    "codice;categoria;attivita_it;attivita_en;1_supporto;tot_autonomia",
    "visit;Clinica;Prima visita;First visit;10;",
    "visit;Clinica;Seconda visita;Second visit;abc;",
    ";Clinica;Senza codice;;;",
  ].join("\r\n");
  const importCard = page.getByRole("region", { name: "Import a file" });
  await importCard.getByLabel("CSV file").setInputFiles({ name: "errori.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await importCard.getByRole("button", { name: "Preview" }).click();
  const problems = page.getByRole("alert");
  await expect(problems).toContainText("nothing has been saved");
  await expect(problems).toContainText("Line 3: The code “visit” is already used on line 2.");
  await expect(problems).toContainText("Line 3: In the column 1_supporto, “abc” is not a whole number from 1 to 999.");
  await expect(problems).toContainText("Line 4: The code is missing.");
  await expect(problems).toContainText("Line 4: The column attivita_en is empty.");
  await expect(page.getByRole("button", { name: /Apply as version/ })).toHaveCount(0);
  expect(await versions()).toBe(0);

  // A good file: previewed, then applied as version 1.
  const good = [
    "codice;categoria;attivita_it;attivita_en;1_supporto;2_autonomia;tot_autonomia",
    `visit;Clinica;Prima visita;First visit ${tag};10;;40`,
    `board;Discussione;Tumour board;Tumour board ${tag};;4;`,
  ].join("\r\n");
  await importCard.getByLabel("CSV file").setInputFiles({ name: "catalogo.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await importCard.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Preview of catalogo.csv" });
  await expect(preview).toContainText("2 activities read.");
  await expect(preview).toContainText("Added (2)");
  await expectAccessible(page);
  expect(await versions()).toBe(0);
  await preview.getByLabel("In force from").fill("2026-11-01");
  await preview.getByRole("button", { name: "Apply as version 1" }).click();
  await expect(page.getByRole("status")).toContainText("The catalogue's version 1 is saved.");
  await expect(page.getByRole("link", { name: /^Version 1, in force from/ })).toBeVisible();
  const table = page.getByRole("region", { name: `Minimum counts of First visit ${tag}` });
  await expect(table.getByRole("row", { name: /Year 1/ })).toContainText("10");
  await expect(table.getByRole("row", { name: /Whole programme/ })).toContainText("40");
  await expectAccessible(page);
  expect(await versions()).toBe(1);

  // The version downloads as the file the import reads.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download version 1 (CSV)" }).click();
  const file = await readFile(await (await download).path(), "utf8");
  expect(file).toContain("codice;categoria;attivita_it;attivita_en;1_supporto;1_collaborazione;1_autonomia");
  expect(file).toContain(`visit;Clinica;Prima visita;First visit ${tag};10;`);

  // Another programme's catalogue becomes version 2.
  const copyCard = page.getByRole("region", { name: "Copy from another programme" });
  await copyCard.getByLabel("Programme to copy from").selectOption(other.id);
  await copyCard.getByLabel("In force from").fill("2026-10-01");
  await copyCard.getByRole("button", { name: "Copy the catalogue" }).click();
  await expect(copyCard.getByText(/Choose a day after/)).toBeVisible();
  expect(await versions()).toBe(1);
  await copyCard.getByLabel("In force from").fill("2027-11-01");
  await copyCard.getByRole("button", { name: "Copy the catalogue" }).click();
  await expect(page.getByRole("status")).toContainText("The catalogue's version 2 is saved.");
  await expect(page.getByText(`Bone-marrow biopsy ${tag}`, { exact: true })).toBeVisible();
  expect(await versions()).toBe(2);
});
