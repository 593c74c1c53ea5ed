import { randomUUID } from "node:crypto";
import { addDays, hospitalToday } from "~/domain/dates";
import { DEFAULT_FORMS, periodOf } from "~/domain/evaluations";
import { academicYear } from "~/domain/teaching";
import { releaseClosedPeriods, submitResidentEvaluation } from "~/models/resident-evaluation.server";
import { academicYearStart, evaluationSettings } from "~/models/settings.server";
import { prisma } from "~/utils/db.server";
import { createDepartment, createResident, createUniversity } from "../test/factories";
import { createUser, expect, expectAccessible, ORIGIN, test } from "./fixtures";

// One test after the other: releasing the closed periods (releaseClosedPeriods) releases every period
// with answers, so one test releasing while another is still answering in its own period closes that
// period under it (a CI run saw "periodClosed" there).
test.describe.configure({ mode: "default" });

/**
 * The residents' confidential evaluations (issue 18, section 4): a resident evaluates a rotation on a
 * phone, once; an administrator sees a tutor's results only from 5 answers, in a released period.
 */

/** A complete answer of the hospital's form, as the page's fields are named. */
function answerFields(rating: number, comment: string): Record<string, string> {
  const fields: Record<string, string> = { intent: "submit" };
  for (const item of DEFAULT_FORMS["resident-rotation"]) {
    if (item.type === "rating") fields[`item.${item.key}`] = String(rating);
    if (item.type === "yesno") fields[`item.${item.key}`] = "yes";
    if (item.type === "text") fields[`item.${item.key}`] = comment;
  }
  return fields;
}

async function residentWithRotation(tag: string, userId: string, departmentId: string, tutorId: string, start: Date, end: Date) {
  const university = await createUniversity({
    name: `Ateneo ${tag} ${randomUUID().slice(0, 4)}`,
    programmes: [{ specialtyCode: "ematologia" }],
  });
  const resident = await createResident({
    userId,
    programmeId: university.programmes[0]!.id,
    studentNumber: `EV-${randomUUID().slice(0, 8)}`,
    stayStart: addDays(start, -200),
    stayEnd: addDays(end, 200),
  });
  return prisma.rotation.create({
    data: { residentId: resident.id, departmentId, tutorId, startDate: start, endDate: end, state: "confirmed" },
  });
}

test("a resident submits a confidential evaluation on a phone and cannot submit it again", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const tag = randomUUID().slice(0, 8);
  const me = await loginAs(["resident"]);
  const tutor = await createUser(["tutor"], { name: `Tutor Bianchi ${tag}` });
  const department = await createDepartment(`Ematologia ${tag}`, 4, [tutor.id]);
  const today = hospitalToday();
  const rotation = await residentWithRotation(tag, me.id, department.id, tutor.id, addDays(today, -40), addDays(today, -3));

  await page.goto(`/me/evaluations/${rotation.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Your evaluation of Ematologia ${tag}`);
  const privacy = page.getByRole("region", { name: "What is kept, and who sees what" });
  await expect(privacy).toContainText("without your name, your account or this rotation");
  await expect(privacy).toContainText("a tutor who had very few residents in a period could guess");
  await expect(privacy).toContainText("nothing is shown under 5 answers");
  await expectAccessible(page);

  // Sent half answered: each question left out is named beside itself, and what was typed stays.
  const comment = `La didattica al letto del paziente è stata ottima ${tag}`;
  await page.getByLabel("Comment (optional)").fill(comment);
  await page
    .getByRole("group", { name: /^I received adequate teaching/ })
    .getByText("4 · Agree")
    .click();
  const refused = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(`/me/evaluations/${rotation.id}`));
  await page.getByRole("button", { name: "Submit my evaluation" }).click();
  expect((await refused).status()).toBe(400);
  await expect(page.getByRole("group", { name: /^The workload was sustainable/ })).toContainText("Answer this question.");
  await expect(page.getByRole("group", { name: /^I received adequate teaching/ })).not.toContainText("Answer this question.");
  await expect(page.getByLabel("Comment (optional)")).toHaveValue(comment);
  await expect(page.getByRole("group", { name: /^I received adequate teaching/ }).getByRole("radio", { name: "4 · Agree" })).toBeChecked();
  await expectAccessible(page);

  for (const item of DEFAULT_FORMS["resident-rotation"]) {
    if (item.type === "text") continue;
    const group = page.getByRole("group", { name: new RegExp(`^${item.label.en}`) });
    await group.getByText(item.type === "rating" ? "5 · Strongly agree" : "Yes", { exact: true }).click();
  }
  await page.getByRole("button", { name: "Submit my evaluation" }).click();
  await expect(page.getByRole("status")).toContainText("Thank you: your evaluation was submitted. It cannot be submitted again.");
  await expect(page.getByText("Submitted. An evaluation is submitted once: it cannot be changed or submitted again.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Submit my evaluation" })).toHaveCount(0);
  await expectAccessible(page);

  // A second submission, sent by hand, is refused with a translated message; one answer is kept.
  const again = await page.request.post(`/me/evaluations/${rotation.id}`, {
    maxRedirects: 0,
    headers: { Origin: ORIGIN },
    form: answerFields(1, `Second try ${tag}`),
  });
  expect(again.status()).toBe(409);
  expect(await again.text()).toContain("You have already submitted this evaluation: it cannot be submitted again.");
  expect(await prisma.evaluationSubmission.count({ where: { rotationId: rotation.id } })).toBe(1);
  const sealed = await prisma.sealedEvaluationAnswer.findMany({ where: { payload: { contains: tag } }, select: { payload: true } });
  expect(sealed).toHaveLength(1);
  expect(sealed[0]!.payload).toContain(comment);
  expect(sealed[0]!.payload).not.toContain(me.id);
  expect(sealed[0]!.payload).not.toContain(rotation.id);
});

/** Periods in past academic years (from `fromYear` back) that nobody has answered in yet, newest first. */
async function freePeriods(count: number, fromYear: number) {
  const [settings, yearStart] = await Promise.all([evaluationSettings(), academicYearStart()]);
  const free: Array<{ key: string; start: Date; end: Date; due: Date }> = [];
  for (let year = fromYear; free.length < count && year > 1970; year--) {
    const start = addDays(academicYear(year, yearStart).start, 10);
    const end = addDays(start, 30);
    const key = periodOf(end, yearStart, settings.period).key;
    const used =
      (await prisma.evaluationRelease.count({ where: { period: key } })) +
      (await prisma.sealedEvaluationAnswer.count({ where: { period: key } }));
    if (!used) free.push({ key, start, end, due: addDays(end, 1) });
  }
  if (free.length < count) throw new Error(`fewer than ${count} free periods from ${fromYear}`);
  return free;
}

test("an administrator sees a tutor's results only from 5 answers in a released period, on a phone", async ({ page, loginAs }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 375, height: 812 });
  const tag = randomUUID().slice(0, 8);
  const tutor = await createUser(["tutor"], { name: `Tutor Conti ${tag}` });
  const department = await createDepartment(`Radioterapia ${tag}`, 10, [tutor.id]);
  // Two past academic years nobody has answered in yet: four answers in the first, five in the second.
  const free = await freePeriods(2, 2015);
  const few = free[0]!;
  const enough = free[1]!;
  for (const [period, count] of [
    [few, 4],
    [enough, 5],
  ] as const) {
    for (let i = 0; i < count; i++) {
      const resident = await createUser(["resident"]);
      const rotation = await residentWithRotation(tag, resident.id, department.id, tutor.id, period.start, period.end);
      const fields = answerFields(1 + (i % 5), `Commento ${i} ${period.key} ${tag}`);
      await submitResidentEvaluation(resident.id, rotation.id, (name) => fields[name], period.due);
    }
  }
  await releaseClosedPeriods();

  await loginAs(["admin"]);
  await page.goto(`/admin/evaluations/results?period=${few.key}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Residents' evaluations: results");
  const tutors = page.getByRole("table", { name: "Tutors" });
  const fewRow = tutors.getByRole("row", { name: new RegExp(`Tutor Conti ${tag}`) });
  await expect(fewRow).toContainText("fewer than 5");
  await expect(fewRow).toContainText("Not shown: fewer than 5 answers");
  await expect(page.getByRole("link", { name: `Results of Tutor Conti ${tag}` })).toHaveCount(0);
  await expectAccessible(page);
  // Nor by address.
  await page.goto(`/admin/evaluations/results?period=${few.key}&tutor=${tutor.id}`);
  await expect(page.getByText("These results cannot be shown")).toBeVisible();
  await expect(page.getByText(`Commento 0 ${few.key} ${tag}`)).toHaveCount(0);

  // The period with five answers, chosen from the list of released periods.
  await page.goto(`/admin/evaluations/results?period=${few.key}`);
  await page.getByLabel("Period").selectOption(enough.key);
  await page.getByRole("button", { name: "Show" }).click();
  // Found by name, without accents or case; a name nobody has finds nothing in either list.
  await page.getByLabel("Tutor or department").fill(`tutor cònti ${tag}`);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`period=${enough.key}`));
  await expect(page.getByRole("table", { name: "Tutors" }).getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("table", { name: "Departments" })).toHaveCount(0);
  await expect(page.getByText("No name in this list holds what you searched for.")).toHaveCount(1);
  const enoughRow = page.getByRole("table", { name: "Tutors" }).getByRole("row", { name: new RegExp(`Tutor Conti ${tag}`) });
  await expect(enoughRow).toContainText("5");
  await enoughRow.getByRole("link", { name: `Results of Tutor Conti ${tag}` }).click();
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(`^Tutor Conti ${tag}, `) })).toBeVisible();
  await expect(page.getByText("5 answers.", { exact: true })).toBeVisible();
  const teaching = page.getByRole("region", { name: "I received adequate teaching" });
  await expect(teaching).toContainText("Mean 3 out of 5");
  await expect(teaching.getByRole("table")).toBeVisible();
  const comments = page.getByRole("region", { name: "Comment" }).getByRole("listitem");
  await expect(comments).toHaveCount(5);
  await expectAccessible(page);

  // An abusive comment is redacted: "[redacted]" instead, its text gone.
  const abusive = comments.filter({ hasText: `Commento 2 ${enough.key} ${tag}` });
  await abusive.getByRole("button", { name: "Redact this comment" }).click();
  await expect(page.getByRole("status")).toContainText("The comment was redacted");
  await expect(page.getByText(`Commento 2 ${enough.key} ${tag}`)).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Comment" }).getByText("[redacted]")).toHaveCount(1);
});

test("a period's tutors and departments come 25 at a time, each list with its own pages", async ({ page, loginAs }) => {
  test.setTimeout(90_000);
  const tag = randomUUID().slice(0, 8);
  // Far from the years the test above takes.
  const period = (await freePeriods(1, 2005))[0]!;
  const department = await createDepartment(`Cardiologia ${tag}`, 100);
  // 27 tutors with one answer each: "fewer than 5", listed all the same.
  for (let i = 1; i <= 27; i++) {
    const tutor = await createUser(["tutor"], { name: `Tutor ${String(i).padStart(2, "0")} ${tag}` });
    const resident = await createUser(["resident"]);
    const rotation = await residentWithRotation(tag, resident.id, department.id, tutor.id, period.start, period.end);
    const fields = answerFields(3, "");
    await submitResidentEvaluation(resident.id, rotation.id, (name) => fields[name], period.due);
  }
  await releaseClosedPeriods();

  await loginAs(["admin"]);
  await page.goto(`/admin/evaluations/results?period=${period.key}`);
  const tutors = page.getByRole("table", { name: "Tutors" });
  await expect(tutors.getByRole("row")).toHaveCount(26);
  await expect(tutors.getByRole("row").nth(1)).toContainText(`Tutor 01 ${tag}`);
  await expect(page.getByRole("navigation", { name: "Pages of Tutors" })).toContainText("Page 1 of 2 · 27 results");
  await expect(page.getByRole("navigation", { name: "Pages of Departments" })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole("navigation", { name: "Pages of Tutors" }).getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/tutorPage=2/);
  await expect(tutors.getByRole("row")).toHaveCount(3);
  await expect(tutors.getByRole("row").nth(1)).toContainText(`Tutor 26 ${tag}`);
  // The department's list stays on its own first page.
  await expect(page.getByRole("table", { name: "Departments" }).getByRole("row", { name: new RegExp(`Cardiologia ${tag}`) })).toContainText(
    "27",
  );
});
