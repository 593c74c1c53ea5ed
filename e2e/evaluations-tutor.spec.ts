import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { addDays, hospitalToday } from "~/domain/dates";
import { DEFAULT_FORMS } from "~/domain/evaluations";
import { prisma } from "~/utils/db.server";
import { createDepartment, createResident, createUniversity } from "../test/factories";
import { createUser, expect, expectAccessible, signInAs, test } from "./fixtures";

/**
 * The tutor's evaluation of a resident at the end of a rotation, on a phone: the tutor fills it, saves a
 * draft and signs it; the resident reads it and acknowledges it with a comment; an administrator reopens it
 * with a reason kept in its history.
 */

const RATINGS: Array<[string, string]> = [
  ["Medical knowledge", "4 · Very good"],
  ["Clinical and procedural skills", "3 · Good"],
  ["Communication with patients and families", "5 · Excellent"],
  ["Working with the team", "4 · Very good"],
  ["Professionalism and ethics", "5 · Excellent"],
  ["Autonomy reached", "3 · Good"],
];

/** A resident of a programme of their own (with its own form, the hospital's default questions) and a rotation under the tutor that ended three days ago. */
async function rotationToEvaluate(tutorId: string) {
  const tag = randomUUID().slice(0, 8);
  const today = hospitalToday();
  const department = await createDepartment(`Oncologia medica ${tag}`, 4, [tutorId]);
  const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "oncologia-medica" }] });
  const programmeId = university.programmes[0]!.id;
  // The programme's own form, so that an administrator editing the hospital's in another journey changes nothing here.
  await prisma.evaluationForm.create({
    data: {
      kind: "tutor-resident",
      programmeId,
      versions: { create: { version: 1, items: JSON.stringify(DEFAULT_FORMS["tutor-resident"]) } },
    },
  });
  const residentUser = await createUser(["resident"], { name: `Giulia Ferri ${tag}` });
  const resident = await createResident({
    userId: residentUser.id,
    programmeId,
    studentNumber: `EV-${tag}`,
    stayStart: addDays(today, -400),
    stayEnd: addDays(today, 400),
  });
  const rotation = await prisma.rotation.create({
    data: {
      residentId: resident.id,
      departmentId: department.id,
      tutorId,
      startDate: addDays(today, -60),
      endDate: addDays(today, -3),
      state: "confirmed",
    },
  });
  return { tag, department, residentUser, resident, rotation };
}

/** Clicks a button of the page's form and returns the status of the answer to its post. */
async function submit(page: Page, name: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name, exact: true }).click(),
  ]);
  return response.status();
}

test("a tutor saves a draft and signs an evaluation; the resident acknowledges it with a comment, on a phone", async ({
  page,
  loginAs,
}) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const tutor = await loginAs(["tutor"]);
  const { department, residentUser, rotation } = await rotationToEvaluate(tutor.id);

  // The home page says what waits and leads there.
  await page.goto("/tutor");
  await expect(page.getByText("1 evaluation of a resident is waiting for you.")).toBeVisible();
  await page.getByRole("link", { name: "Open the evaluations to fill" }).click();
  await expect(page).toHaveURL(/\/tutor\/evaluations$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Evaluations of residents");
  const toFill = page.getByRole("region", { name: "To fill" });
  await expect(toFill).toContainText(department.name);
  await expect(toFill).toContainText("Due");
  await expectAccessible(page);
  await toFill.getByRole("link", { name: new RegExp(residentUser.name) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Evaluation of ${residentUser.name}`);

  // A draft may leave questions unanswered.
  await page
    .getByRole("group", { name: /Medical knowledge/ })
    .getByLabel("4 · Very good")
    .check();
  await page.getByLabel(/Strengths/).fill("Attenta al paziente e precisa nelle procedure");
  expect(await submit(page, "Save draft")).toBeLessThan(400);
  await expect(page.getByRole("status")).toContainText("Draft saved.");
  await page.reload();
  await expect(page.getByRole("group", { name: /Medical knowledge/ }).getByLabel("4 · Very good")).toBeChecked();
  await expect(page.getByLabel(/Strengths/)).toHaveValue("Attenta al paziente e precisa nelle procedure");

  // Signing needs every required question: refused beside each one left out, and nothing typed is lost.
  await page.getByLabel(/To improve/).fill("Più autonomia nelle consegne");
  expect(await submit(page, "Sign")).toBe(400);
  const skills = page.getByRole("group", { name: /Clinical and procedural skills/ });
  await expect(skills).toContainText("Answer this question.");
  await expect(skills).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("group", { name: /Medical knowledge/ })).not.toContainText("Answer this question.");
  await expect(page.getByLabel(/To improve/)).toHaveValue("Più autonomia nelle consegne");
  await expectAccessible(page);
  expect((await prisma.tutorEvaluation.findUniqueOrThrow({ where: { rotationId: rotation.id } })).signedAt).toBeNull();

  for (const [question, answer] of RATINGS)
    await page
      .getByRole("group", { name: new RegExp(question) })
      .getByLabel(answer)
      .check();
  await page
    .getByRole("group", { name: /Objectives of the rotation met/ })
    .getByLabel("Yes")
    .check();
  expect(await submit(page, "Sign")).toBeLessThan(400);
  await expect(page.getByRole("status")).toContainText("Evaluation signed: the resident can now read it.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Evaluations of residents");
  const signed = page.getByRole("region", { name: "Signed" });
  await expect(signed).toContainText(residentUser.name);
  await expect(signed).toContainText("Not yet read by the resident");
  await expect(page.getByRole("region", { name: "To fill" })).not.toContainText(residentUser.name);

  // Locked: read-only from now on.
  await signed.getByRole("link", { name: new RegExp(residentUser.name) }).click();
  await expect(page.getByText(`Signed by ${tutor.name}`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign", exact: true })).toHaveCount(0);
  await expect(page.getByRole("radio")).toHaveCount(0);

  // The resident reads it, and acknowledges it with a comment.
  await signInAs(page, residentUser);
  await page.goto("/me/evaluations");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Evaluations");
  const received = page.getByRole("region", { name: "Evaluations of you" });
  await expect(received).toContainText("means that you have read it, not that you agree with it");
  const card = received.getByRole("region", { name: new RegExp(department.name) });
  await expect(card).toContainText(`Signed by ${tutor.name}`);
  await expect(card).toContainText("Attenta al paziente e precisa nelle procedure");
  await expect(card).toContainText("Very good (4/5)");
  await expectAccessible(page);
  await card.getByLabel("Comment (optional)").fill("Letta: lavorerò sull'autonomia");
  expect(await submit(page, "I have read it")).toBeLessThan(400);
  await expect(page.getByRole("status")).toContainText("You acknowledged the evaluation.");
  await expect(card).toContainText("You acknowledged it on");
  await expect(card).toContainText("Letta: lavorerò sull'autonomia");
  await expect(card.getByRole("button", { name: "I have read it" })).toHaveCount(0);

  const stored = await prisma.tutorEvaluation.findUniqueOrThrow({ where: { rotationId: rotation.id } });
  expect(stored).toMatchObject({ signedById: tutor.id, residentComment: "Letta: lavorerò sull'autonomia" });
  expect(stored.acknowledgedAt).not.toBeNull();
  expect(JSON.parse(stored.answers)).toMatchObject({ knowledge: 4, "clinical-skills": 3, "objectives-met": true });
});

test("an administrator finds a signed evaluation on the resident's record and reopens it with a reason, on a phone", async ({
  page,
  loginAs,
}) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const tutor = await createUser(["tutor"]);
  const { department, resident, residentUser, rotation } = await rotationToEvaluate(tutor.id);
  const form = await prisma.evaluationFormVersion.findFirstOrThrow({ where: { form: { programmeId: resident.programmeId } } });
  await prisma.tutorEvaluation.create({
    data: {
      rotationId: rotation.id,
      formVersionId: form.id,
      answers: JSON.stringify({ knowledge: 2, strengths: "Puntuale" }),
      signedAt: new Date(),
      signedById: tutor.id,
    },
  });

  await loginAs(["admin"]);
  await page.goto(`/admin/residents/${resident.id}`);
  const record = page.getByRole("region", { name: "Tutors' evaluations" });
  await expect(record).toContainText(`by ${tutor.name}`);
  await record.getByRole("link", { name: new RegExp(department.name) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Tutor's evaluation of ${residentUser.name}`);
  await expect(page.getByText(`${tutor.name} (supervising tutor)`)).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Reason").fill("Voto di conoscenze inserito per errore");
  expect(await submit(page, "Reopen")).toBeLessThan(400);
  await expect(page.getByRole("status")).toContainText("The evaluation was reopened.");
  await expect(page.getByText("A draft, not signed yet.")).toBeVisible();
  const history = page.getByRole("region", { name: "History" });
  await expect(history).toContainText("Voto di conoscenze inserito per errore");
  const stored = await prisma.tutorEvaluation.findUniqueOrThrow({ where: { rotationId: rotation.id } });
  expect(stored).toMatchObject({ signedAt: null, signedById: null });
  expect(JSON.parse(stored.answers)).toEqual({ knowledge: 2, strengths: "Puntuale" });
});

test("a resident is not shown the tutors' page, and a tutor reaches only the evaluations they fill", async ({ page, loginAs }) => {
  const owner = await createUser(["tutor"]);
  const { rotation } = await rotationToEvaluate(owner.id);
  await loginAs(["tutor"]);
  expect((await page.goto(`/tutor/evaluations/${rotation.id}`))?.status()).toBe(404);
  await loginAs(["resident"]);
  expect((await page.goto("/tutor/evaluations"))?.status()).toBe(403);
});
