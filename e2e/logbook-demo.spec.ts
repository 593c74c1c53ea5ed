import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Browser, Locator, Page } from "@playwright/test";
import { prisma } from "~/utils/db.server";
import { pdfText } from "../test/pdf-text";
import { expect, test } from "./fixtures";

/**
 * The logbook as the demo accounts live it, on a phone: the demo resident logs today's work, the demo
 * tutor certifies a month and one new entry and returns the other, the resident corrects and resubmits
 * it, and the demo administrator downloads the resident's certified extract with the signed evaluation of
 * a past rotation, whose code anyone can check at /verify. Each step signs in through the form, with the demo password the README gives.
 */

const DEMO_PASSWORD = "Demo-Portal-1";

async function signIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: "en-GB" });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

/**
 * Submits a logbook form; should the demo resident have logged the same already today (a retried run),
 * confirms that it is not a duplicate and submits again.
 */
async function submitConfirmingDuplicates(page: Page, submit: Locator, success: string): Promise<void> {
  await submit.click();
  const confirm = page.getByLabel("Yes, log it anyway");
  await expect(page.getByRole("status").or(confirm)).toBeVisible();
  if (await confirm.isVisible()) {
    await confirm.check();
    await submit.click();
  }
  await expect(page.getByRole("status")).toContainText(success);
}

/** The demo tutor's queue is paged oldest first: follow "Next" to the page that lists the text. */
async function queuePageWith(page: Page, text: string): Promise<void> {
  while (!(await page.getByText(text).first().isVisible())) {
    const next = page.getByRole("link", { name: "Next page" });
    const number = new URL((await next.getAttribute("href"))!, "http://localhost").searchParams.get("page");
    await next.click();
    await expect(page.getByText(`Page ${number} of`)).toBeVisible();
  }
}

test("the demo accounts log, certify, return, correct and extract the logbook, on a phone", async ({ browser }) => {
  test.setTimeout(120_000);
  const tag = `TB-${randomUUID().slice(0, 6)}`;
  await test.step("the demo resident logs today's work", () => residentLogs(browser, tag));
  await test.step("the demo tutor certifies a month and the new visit, and returns the board presentation", () =>
    tutorCertifiesAndReturns(browser, tag));
  await test.step("the demo resident corrects the returned entry and resubmits it", () => residentCorrects(browser, tag));
  await test.step("the demo administrator downloads the certified extract, and its code verifies", () => adminExtracts(browser));
});

async function residentLogs(browser: Browser, tag: string): Promise<void> {
  const page = await signIn(browser, "resident@example.org");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "My logbook" }).click();
  const form = page.getByRole("region", { name: "Log activities" });
  await expect(form.getByText("Department: Oncologia Medica 2")).toBeVisible();
  await expect(form.getByLabel("Supervising tutor")).not.toHaveValue("");

  await form.getByLabel("Activity", { exact: true }).selectOption({ label: "First visit" });
  await form.getByLabel("How many").fill("3");
  await form.getByLabel("Autonomous, under the tutor's directives").check();
  await form.getByText("Note or case reference (optional)").click();
  await form.getByLabel("Case reference").fill(`${tag}-visit`);
  await form.getByRole("button", { name: "Add another activity" }).click();
  const second = form.getByRole("group", { name: "Activity 2" });
  await second.getByLabel("Activity", { exact: true }).selectOption({ label: "Tumour board presentation" });
  await second.getByLabel("Autonomous, under the tutor's directives").check();
  await second.getByText("Note or case reference (optional)").click();
  await second.getByLabel("Case reference").fill(`${tag}-board`);
  await submitConfirmingDuplicates(page, form.getByRole("button", { name: "Log", exact: true }), "2 entries logged");
  await expect(page.getByRole("region", { name: "My months" }).getByText(`${tag}-board`)).toBeVisible();
  await page.context().close();
}

async function tutorCertifiesAndReturns(browser: Browser, tag: string): Promise<void> {
  const page = await signIn(browser, "tutor@example.org");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Logbook" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Logbook to certify");

  // The oldest month waiting, certified whole.
  const certifyMonth = page.getByRole("button", { name: /^Certify all of / }).first();
  await certifyMonth.click();
  await expect(page.getByRole("status")).toContainText("certified");

  await queuePageWith(page, `${tag}-visit`);
  const visit = page.getByRole("listitem").filter({ hasText: `${tag}-visit` });
  await visit.getByRole("checkbox").check();
  // The month's card: the innermost block holding both the entry and its certify button.
  const certify = page.getByRole("button", { name: "Certify the selected entries" });
  await page
    .locator("div", { has: visit })
    .filter({ has: certify })
    .last()
    .getByRole("button", { name: "Certify the selected entries" })
    .click();
  await expect(page.getByRole("status")).toContainText("1 entry certified.");

  await queuePageWith(page, `${tag}-board`);
  const board = page.getByRole("listitem").filter({ hasText: `${tag}-board` });
  await board.getByText("Return with a reason").click();
  await board.getByLabel("Reason").fill("You presented with the consultant: collaboration, not autonomy");
  await board.getByRole("button", { name: "Return to the resident" }).click();
  await expect(page.getByRole("status")).toContainText("The entry was returned");
  await expect(page.getByText(`${tag}-board`)).toHaveCount(0);
  await page.context().close();
}

async function residentCorrects(browser: Browser, tag: string): Promise<void> {
  const page = await signIn(browser, "resident@example.org");
  await page.goto("/me/logbook");
  const returned = page.getByRole("region", { name: "Returned to you" });
  await expect(returned.getByText("Returned: You presented with the consultant: collaboration, not autonomy")).toBeVisible();
  await returned
    .getByRole("listitem")
    .filter({ hasText: "You presented with the consultant" })
    .getByRole("link", { name: /Correct and resubmit/ })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Tumour board presentation");
  await page.getByLabel("Collaboration under direct supervision").check();
  await submitConfirmingDuplicates(
    page,
    page.getByRole("button", { name: "Correct and resubmit" }),
    "The entry was corrected and sent back to your tutor.",
  );

  const entry = await prisma.logbookEntry.findFirstOrThrow({ where: { caseRef: `${tag}-board` } });
  expect(entry).toMatchObject({ status: "pending", degree: "collaboration", returnReason: null });
  const visit = await prisma.logbookEntry.findFirstOrThrow({ where: { caseRef: `${tag}-visit` } });
  expect(visit.status).toBe("certified");
  await page.context().close();
}

async function adminExtracts(browser: Browser): Promise<void> {
  const page = await signIn(browser, "admin@example.org");
  const resident = await prisma.resident.findFirstOrThrow({
    where: { user: { email: "resident@example.org" } },
    select: { id: true, user: { select: { id: true } } },
  });
  await page.goto(`/admin/residents/${resident.id}`);
  const card = page.getByRole("region", { name: "Certified logbook extract" });
  const rotation = card.getByLabel("Rotation");
  await rotation.selectOption({ index: 1 }); // the first rotation, in the past
  const rotationId = await rotation.inputValue();
  await card.getByLabel("Include the tutors' signed evaluations").check();
  await card.getByRole("radio", { name: "English" }).check();
  const downloading = page.waitForEvent("download");
  await card.getByRole("button", { name: "Download extract (PDF)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^logbook-extract-.+\.pdf$/);
  const text = (await pdfText(new Uint8Array(await readFile(await download.path())))).text;
  expect(text).toContain("Signed evaluations");
  const signed = await prisma.tutorEvaluation.findUnique({
    where: { rotationId },
    select: { signedAt: true, signedBy: { select: { name: true } } },
  });
  if (signed?.signedAt) expect(text).toContain(signed.signedBy!.name);
  else expect(text).toContain("No signed evaluation for the rotations of this period.");
  const certificate = await prisma.certificate.findFirstOrThrow({
    where: { holderId: resident.user.id, kind: "resident-logbook" },
    orderBy: { issuedAt: "desc" },
    select: { code: true, evaluations: true },
  });
  expect(certificate.evaluations).toBe(signed?.signedAt ? 1 : 0);
  await page.context().close();

  const stranger = await browser.newContext({ viewport: { width: 375, height: 812 } });
  const reader = await stranger.newPage();
  await reader.goto("/verify");
  await reader.getByLabel("Verification code").fill(certificate.code);
  await reader.getByRole("button", { name: "Verify" }).click();
  await expect(reader).toHaveURL(`/verify/${certificate.code}`);
  await expect(reader.getByRole("heading", { name: "This certificate is genuine" })).toBeVisible();
  await expect(reader.locator("dl")).toContainText("Certified logbook extract");
  await expect(reader.locator("dl")).toContainText(`Signed evaluations included${certificate.evaluations}`);
  await stranger.close();
}
