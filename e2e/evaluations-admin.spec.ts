import { randomUUID } from "node:crypto";
import { prisma } from "~/utils/db.server";
import { createUniversity } from "../test/factories";
import { expect, expectAccessible, test } from "./fixtures";

/**
 * The administrators' side of evaluations, on a phone: the overview's figures lead to their rotations; a
 * programme gets a form of its own, whose edit makes a new version once someone has answered it, and a
 * form that cannot be one is refused with its reason, nothing typed lost; the settings refuse a number
 * of days out of range next to the field.
 */
test("an administrator follows the overview, gives a programme its own form and edits it, on a phone", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const tag = randomUUID().slice(0, 8);
  await loginAs(["admin"]);

  // The overview of the demo hospital's current academic year: every figure leads to its rotations.
  await page.goto("/admin/evaluations");
  await expect(page.getByRole("heading", { level: 1, name: "Evaluations" })).toBeVisible();
  const signed = page.locator("dl > div").filter({ hasText: "Tutors' evaluations signed" });
  await expect(signed.getByRole("link")).toHaveText(/^\d+$/);
  await expectAccessible(page);
  await signed.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: "Tutors' evaluations signed" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Back to the overview" }).click();
  await page.getByRole("link", { name: "By tutor" }).click();
  await expect(page.getByRole("table")).toContainText("Supervising tutor");

  // A programme of its own gets its own form for the tutors' evaluations, from its page.
  const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "ematologia" }] });
  const programme = university.programmes[0]!;
  await page.goto(`/admin/programmes/${programme.id}`);
  const card = page.getByRole("region", { name: "Tutors' evaluation form" });
  await expect(card).toContainText("This programme's tutors fill the hospital's form.");
  await card.getByRole("button", { name: "Give it a form of its own" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit the form" })).toBeVisible();
  await expect(page.getByText("Nobody has answered version 1 yet: saving changes it.")).toBeVisible();
  await expectAccessible(page);
  const form = await prisma.evaluationForm.findFirstOrThrow({ where: { programmeId: programme.id }, include: { versions: true } });
  expect(form.versions).toHaveLength(1);

  // Someone answers version 1: editing now makes version 2, and the answer keeps version 1.
  const rotation = await prisma.rotation.findFirstOrThrow({ where: { state: "confirmed", tutorEvaluation: null }, select: { id: true } });
  await prisma.tutorEvaluation.create({ data: { rotationId: rotation.id, formVersionId: form.versions[0]!.id } });
  await page.reload();
  await expect(page.getByText(/Version 1 has answers/)).toBeVisible();
  const first = page.getByRole("group", { name: "Question 1" });
  await first.getByLabel("Question in English").fill(`Medical knowledge (${tag})`);
  const spare = page.getByRole("group", { name: /New question/ }).first();
  await spare.getByLabel("Key").fill("research");
  await spare.getByLabel("Kind of answer").selectOption("yesno");
  await spare.getByLabel("Question in Italian").fill("Partecipa alla ricerca");
  await spare.getByLabel("Question in English").fill("Takes part in research");
  await page.getByRole("button", { name: "Save the form" }).click();
  await expect(page.getByText("The form is saved as version 2: earlier answers keep their version.")).toBeVisible();
  const versions = await prisma.evaluationFormVersion.findMany({ where: { formId: form.id }, orderBy: { version: "asc" } });
  expect(versions.map((v) => v.version)).toEqual([1, 2]);
  expect(versions[1]!.items).toContain(`Medical knowledge (${tag})`);
  expect(versions[1]!.items).toContain("Takes part in research");
  expect(versions[0]!.items).not.toContain(tag);

  // A question without its Italian wording cannot be saved: the reason is given, what was typed stays.
  await page.getByRole("group", { name: "Question 2" }).getByLabel("Question in Italian").fill("");
  await page.getByRole("group", { name: "Question 2" }).getByLabel("Question in English").fill(`Skills ${tag}`);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(`/admin/evaluations/forms/${form.id}`)),
    page.getByRole("button", { name: "Save the form" }).click(),
  ]);
  expect(response.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("Each question needs its wording in Italian and in English");
  await expect(page.getByRole("group", { name: "Question 2" }).getByLabel("Question in English")).toHaveValue(`Skills ${tag}`);
  expect(await prisma.evaluationFormVersion.count({ where: { formId: form.id } })).toBe(2);

  // The settings: a number of days out of range is refused next to its field.
  await page.goto("/admin/settings");
  const settings = page.getByRole("region", { name: "Evaluations" });
  await settings.getByLabel("Days before the end when they open").fill("400");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.getByText("Choose a whole number of days from 0 to 90.")).toBeVisible();
});
