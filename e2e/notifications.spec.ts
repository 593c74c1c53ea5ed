import { request as playwrightRequest, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { unsubscribeToken } from "~/domain/notifications";
import { digestHour, setDigestHour } from "~/models/settings.server";
import { prisma } from "~/utils/db.server";
import { E2E_SESSION_SECRET } from "./environment";
import { createUser, expect, expectAccessible, ORIGIN, signInAs, test } from "./fixtures";
import { mailTo } from "./mailbox";

/**
 * Notifications in the portal (issue 17): the bell, /notifications, the preferences, and the one-click
 * unsubscribe link of the e-mails, as the people who use them notice them, on a phone.
 */

const PHONE = { width: 375, height: 812 };
const DAY = 24 * 60 * 60 * 1000;

const demoId = async (email: string) => (await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
const bell = (page: Page) => page.getByRole("banner").getByRole("link", { name: /^(Notifications|Notifiche)\b/ });
const modeOf = async (userId: string, category: string) =>
  (await prisma.notificationPreference.findUnique({ where: { userId_category: { userId, category } } }))?.mode ?? null;

/** A notification of a person's, as the portal writes them. */
function tell(userId: string, data: { kind: string; category: string; params: object; link: string; createdAt?: Date }) {
  return prisma.notification.create({
    data: { userId, delivery: "portal", ...data, params: JSON.stringify(data.params) },
  });
}

test("the demo tutor sees the bell's count, opens a notification on its page, and marks the rest read, on a phone", async ({ page }) => {
  const tutorId = await demoId("tutor@example.org");
  // A second run on the same database finds the demo's recent notifications unread again, as the demo left them.
  await prisma.notification.updateMany({
    where: { userId: tutorId, createdAt: { gte: new Date(Date.now() - 6 * DAY) } },
    data: { readAt: null },
  });
  const unread = await prisma.notification.count({ where: { userId: tutorId, readAt: null } });
  expect(unread, "the demo data gives the demo tutor unread notifications").toBeGreaterThanOrEqual(3);
  const attendance = await prisma.notification.findFirstOrThrow({ where: { userId: tutorId, kind: "attendance-to-confirm" } });

  await page.setViewportSize(PHONE);
  await signInAs(page, { id: tutorId });
  await page.goto("/tutor");
  await expect(bell(page)).toHaveAccessibleName(`Notifications, ${unread} unread`);
  await expect(bell(page)).toContainText(String(unread));

  await bell(page).click();
  await expect(page).toHaveURL("/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const list = page.getByRole("list", { name: "Your notifications" });
  // Unread ones say so in words, not by colour alone; every text is whole (no value missing from it).
  await expect(list.getByText("New", { exact: true })).toHaveCount(unread);
  await expect(page.getByRole("main")).not.toContainText("{{");
  await expect(list.getByRole("button", { name: /^Confirm the attendance of “.+” \(\d{1,2} \w{3} \d{4}\)$/ })).toBeVisible();

  await list.getByRole("button", { name: /^Confirm the attendance of/ }).click();
  await expect(page).toHaveURL(attendance.link);
  await expect(bell(page)).toHaveAccessibleName(`Notifications, ${unread - 1} unread`);
  expect((await prisma.notification.findUniqueOrThrow({ where: { id: attendance.id } })).readAt).not.toBeNull();

  await bell(page).click();
  await expect(page.getByText(`${unread - 1} unread`, { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByRole("status")).toHaveText("All your notifications are marked as read.");
  await expect(bell(page)).toHaveAccessibleName("Notifications");
  await expect(page.getByText("Everything is read.")).toBeVisible();
  await expect(list.getByText("New", { exact: true })).toHaveCount(0);
  expect(await prisma.notification.count({ where: { userId: tutorId, readAt: null } })).toBe(0);
});

test("in Italian: the bell, the texts with their days, one marked read where it is, and none at all", async ({ page, loginAs }) => {
  const user = await loginAs(["resident"], { language: "it" });
  await page.setViewportSize(PHONE);
  await page.goto("/notifications");
  await expect(bell(page)).toHaveAccessibleName("Notifiche");
  await expect(page.getByText("Non hai ancora notifiche.", { exact: false })).toBeVisible();

  await tell(user.id, {
    kind: "rotation-starting",
    category: "rotations",
    params: { department: "Radioterapia Oncologica", startDate: "2027-03-01" },
    link: "/me/rotations",
  });
  await tell(user.id, {
    kind: "logbook-returned",
    category: "logbook",
    params: { activity: { it: "Prima visita", en: "First visit" }, date: "2026-11-02" },
    link: "/me/logbook",
    createdAt: new Date(Date.now() - DAY),
  });
  await page.goto("/notifications");
  await expect(bell(page)).toHaveAccessibleName("Notifiche, 2 da leggere");
  const list = page.getByRole("list", { name: "Le tue notifiche" });
  // Newest first.
  await expect(list.getByRole("listitem").first()).toContainText("La tua rotazione in Radioterapia Oncologica inizia il 1 mar 2027");
  await expect(list.getByRole("listitem").nth(1)).toContainText(
    "Il tutor ti ha restituito un'attività del libretto: Prima visita, 2 nov 2026",
  );
  await list.getByRole("button", { name: /^Segna come letta: Il tutor/ }).click();
  await expect(page.getByRole("status")).toHaveText("Segnata come letta.");
  await expect(page).toHaveURL("/notifications");
  await expect(bell(page)).toHaveAccessibleName("Notifiche, 1 da leggere");
  await expect(list.getByText("Nuova", { exact: true })).toHaveCount(1);
});

test("a person chooses how each category's e-mails reach them, among the categories of their role", async ({ page, loginAs }) => {
  const user = await loginAs(["tutor"]);
  await page.setViewportSize(PHONE);
  await page.goto("/profile");
  await page.getByRole("link", { name: "Notification e-mails" }).click();
  await expect(page).toHaveURL("/notifications/preferences");
  // A tutor's categories only; security is always on and offers no choice.
  for (const name of ["Rotations", "Attendance to confirm", "Logbook"]) await expect(page.getByRole("group", { name })).toBeVisible();
  await expect(page.getByRole("group", { name: "Agreements ending" })).toHaveCount(0);
  await expect(page.getByRole("group", { name: "Security (your account)" })).toHaveCount(0);
  await expect(page.getByText("Always by e-mail at once")).toBeVisible();
  await expect(page.getByRole("group", { name: "Logbook" }).getByLabel("In a daily digest")).toBeChecked();

  await page.getByRole("group", { name: "Rotations" }).getByLabel("In a weekly digest").check();
  await page.getByRole("group", { name: "Logbook" }).getByLabel("In the portal only").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Your notification preferences are saved.");
  expect(await modeOf(user.id, "rotations")).toBe("weekly");
  expect(await modeOf(user.id, "logbook")).toBe("portal");
  await page.reload();
  await expect(page.getByRole("group", { name: "Rotations" }).getByLabel("In a weekly digest")).toBeChecked();
  await expect(page.getByRole("group", { name: "Logbook" }).getByLabel("In the portal only")).toBeChecked();
});

test("a preferences form naming a category or mode the page did not offer is refused, 400, with words, and saves nothing", async ({
  page,
  loginAs,
}) => {
  const user = await loginAs(["resident"]);
  const forms: Array<Record<string, string>> = [
    { rotations: "weekly", agreements: "portal" },
    { rotations: "weekly", security: "portal" },
    { rotations: "hourly" },
  ];
  for (const form of forms) {
    const res = await page.request.post("/notifications/preferences", { headers: { Origin: ORIGIN }, form, maxRedirects: 0 });
    expect(res.status(), JSON.stringify(form)).toBe(400);
  }
  expect(await prisma.notificationPreference.count({ where: { userId: user.id } })).toBe(0);
  // In the browser, the message is next to the form.
  await page.goto("/notifications/preferences");
  await page.evaluate(() => {
    document
      .querySelector("form#notification-preferences")!
      .insertAdjacentHTML("beforeend", '<input type="hidden" name="agreements" value="portal">');
  });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert")).toContainText("This form names a kind of notification you cannot choose.");
  expect(await prisma.notificationPreference.count({ where: { userId: user.id } })).toBe(0);
});

test.describe("the unsubscribe link of an e-mail", () => {
  test("asks first, then stops that category's e-mails, without signing in, on a phone", async ({ page }) => {
    const user = await createUser(["resident"]);
    await prisma.notificationPreference.create({ data: { userId: user.id, category: "logbook", mode: "weekly" } });
    const link = `/unsubscribe/${unsubscribeToken(E2E_SESSION_SECRET, user.id, "rotations")}`;
    await page.setViewportSize(PHONE);
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Stop e-mails about “Rotations”?");
    // Opening the link (as a mail scanner does) changes nothing.
    expect(await modeOf(user.id, "rotations")).toBeNull();
    await page.getByRole("button", { name: "Stop these e-mails" }).click();
    await expect(page.getByRole("status")).toHaveText(
      "You will no longer receive e-mails about “Rotations”. These notifications stay in the portal.",
    );
    expect(await modeOf(user.id, "rotations")).toBe("portal");
    expect(await modeOf(user.id, "logbook")).toBe("weekly");
    await expect(page.getByRole("link", { name: "Choose your e-mails in your notification preferences" })).toHaveAttribute(
      "href",
      "/notifications/preferences",
    );
    // Opened again: it says so.
    await page.goto(link);
    await expect(page.getByText("You already receive no e-mails about “Rotations”")).toBeVisible();
  });

  test("works without JavaScript, in Italian", async ({ browser }) => {
    const user = await createUser(["tutor"]);
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "it-IT", viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`/unsubscribe/${unsubscribeToken(E2E_SESSION_SECRET, user.id, "attendance")}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Non ricevere più e-mail su «Presenze da confermare»?");
    await page.getByRole("button", { name: "Interrompi queste e-mail" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("E-mail interrotte");
    expect(await modeOf(user.id, "attendance")).toBe("portal");
    await context.close();
  });

  test("RFC 8058's one-click POST from a mail provider works: no cookie, another origin or none", async () => {
    const user = await createUser(["admin"]);
    const provider = await playwrightRequest.newContext({ baseURL: ORIGIN });
    for (const [category, headers] of [
      ["agreements", { Origin: "https://mail.example.com" }],
      ["delivery", {}],
    ] as const) {
      const res = await provider.post(`/unsubscribe/${unsubscribeToken(E2E_SESSION_SECRET, user.id, category)}`, {
        headers,
        form: { "List-Unsubscribe": "One-Click" },
        maxRedirects: 0,
      });
      expect(res.status(), category).toBe(200);
      expect(res.headers()["set-cookie"] ?? "", category).not.toContain("portal_session");
      expect(await modeOf(user.id, category)).toBe("portal");
    }
    // As multipart/form-data, which RFC 8058 prefers.
    const res = await provider.post(`/unsubscribe/${unsubscribeToken(E2E_SESSION_SECRET, user.id, "rotations")}`, {
      multipart: { "List-Unsubscribe": "One-Click" },
    });
    expect(res.status()).toBe(200);
    expect(await modeOf(user.id, "rotations")).toBe("portal");
    await provider.dispose();
  });

  test("a tampered, truncated or foreign link is not valid (4xx) and changes nothing, by GET or POST", async ({ page }) => {
    const user = await createUser(["resident"]);
    const gone = await createUser(["resident"]);
    await prisma.user.update({ where: { id: gone.id }, data: { active: false } });
    const good = unsubscribeToken(E2E_SESSION_SECRET, user.id, "rotations");
    const [payload, signature] = good.split(".") as [string, string];
    const other = Buffer.from(`${user.id}:logbook`).toString("base64url");
    const links = [
      `${other}.${signature}`, // another category under this signature
      `${payload}.${signature.slice(0, -2)}AA`, // signature altered
      payload, // signature cut off
      unsubscribeToken("a-secret-that-is-not-this-server-s-0123456789", user.id, "rotations"), // signed elsewhere
      unsubscribeToken(E2E_SESSION_SECRET, `no-such-person-${randomUUID()}`, "rotations"), // nobody
      unsubscribeToken(E2E_SESSION_SECRET, gone.id, "rotations"), // deactivated
      unsubscribeToken(E2E_SESSION_SECRET, user.id, "security"), // security cannot be turned off
    ];
    for (const token of links) {
      const url = `/unsubscribe/${encodeURIComponent(token)}`;
      expect((await page.request.get(url)).status(), token).toBe(404);
      const post = await page.request.post(url, {
        form: { "List-Unsubscribe": "One-Click" },
        headers: { Origin: "https://mail.example.com" },
      });
      expect(post.status(), token).toBe(404);
    }
    expect(await prisma.notificationPreference.count({ where: { userId: { in: [user.id, gone.id] } } })).toBe(0);
    await page.goto(`/unsubscribe/${payload}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link is not valid");
  });
});

test.describe("e-mail, as the administrators and the recipients see it", () => {
  test("an administrator creates a person, who receives the set-password e-mail over SMTP and chooses a password through it", async ({
    page,
    browser,
    loginAs,
  }) => {
    await loginAs(["admin"]);
    const email = `posta.${randomUUID().slice(0, 8)}@example.test`;
    await page.setViewportSize(PHONE);
    await page.goto("/admin/users/new");
    await page.getByLabel("Full name").fill("Chiara Postini");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Language").selectOption("it");
    await page.getByRole("checkbox", { name: "Tutor" }).check();
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("status")).toContainText("the set-password link was sent to them by e-mail");

    // What the mail server received: one e-mail, in the person's language, with the link and no unsubscribe.
    const [arrived, ...more] = await mailTo(email);
    expect(more).toHaveLength(0);
    const { mail } = arrived!;
    expect(mail.subject).toBe("Scegli la tua password per il Portale degli specializzandi");
    expect(mail.headers.get("content-language")).toBe("it");
    expect(mail.headers.has("list-unsubscribe")).toBe(false);
    const link = mail.text?.match(new RegExp(`${ORIGIN}/set-password/[a-z2-7]+`))?.[0];
    expect(link, "the e-mail's text carries the set-password link").toBeTruthy();
    expect(mail.html).toContain(`href="${link}"`);
    // The outbox kept the same Message-ID, and erased the credential once the server accepted it.
    const person = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    const sent = await prisma.outboxMessage.findFirstOrThrow({ where: { userId: person.id } });
    expect(sent).toMatchObject({ status: "sent", messageId: mail.messageId!.replace(/^<|>$/g, ""), payload: "{}" });

    // The administrators' delivery page shows it sent, from the person's page, and opens the e-mail.
    await page.goto(`/admin/users/${person.id}`);
    const mailCard = page.getByRole("region", { name: "E-mail", exact: true });
    await expect(mailCard).toContainText("No e-mail to this address has been refused.");
    await mailCard.getByRole("link", { name: "E-mails to this person" }).click();
    await expect(page.getByText("Showing the e-mails to Chiara Postini.")).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: email });
    await expect(row).toContainText("Set-password link (its link is erased once sent)");
    await expect(row).toContainText("Sent");
    await row.getByRole("link", { name: "Read the e-mail" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("E-mail: Scegli la tua password per il Portale degli specializzandi");
    await expect(page.getByRole("link", { name: link! })).toBeVisible();
    await expectAccessible(page);

    // The person follows the link from the e-mail, on their phone.
    const theirs = await browser.newContext({ locale: "it-IT", viewport: PHONE });
    const theirPage = await theirs.newPage();
    await theirPage.goto(link!);
    await theirPage.getByLabel("Nuova password", { exact: true }).fill("una frase lunga e facile da ricordare");
    await theirPage.getByLabel("Ripeti la nuova password").fill("una frase lunga e facile da ricordare");
    await theirPage.getByRole("button", { name: "Imposta la password e accedi" }).click();
    await expect(theirPage).toHaveURL(`${ORIGIN}/tutor`);
    await theirs.close();
  });

  test("the delivery page shows what failed and why; a refused address is flagged on the person's page", async ({ page, loginAs }) => {
    await loginAs(["admin"]);
    const person = await createUser(["resident"]);
    const when = new Date();
    await prisma.user.update({ where: { id: person.id }, data: { mailRefusedAt: when } });
    await prisma.outboxMessage.create({
      data: {
        messageId: `${randomUUID()}@example.test`,
        userId: person.id,
        to: person.email,
        locale: "en",
        category: "rotations",
        payload: JSON.stringify({
          kind: "rotation-cancelled",
          params: { department: "Radioterapia", startDate: "2027-01-04" },
          link: "/me",
        }),
        status: "failed",
        attempts: 1,
        refused: true,
        failedAt: when,
        lastError: "550 Mailbox unavailable",
      },
    });
    await page.setViewportSize(PHONE);
    await page.goto(`/admin/users/${person.id}`);
    await expect(page.getByRole("region", { name: "E-mail", exact: true })).toContainText("The mail server refused this address on");
    await page.goto("/admin/notifications?state=failed");
    await page.getByLabel("Name or address").fill(person.email);
    await page.getByRole("button", { name: "Apply" }).click();
    const row = page.getByRole("row").filter({ hasText: person.email });
    await expect(row).toContainText("Your rotation in Radioterapia from 4 Jan 2027 was cancelled");
    await expect(row).toContainText("Failed");
    await expect(row).toContainText("The mail server refused the address");
    await expect(row).toContainText("Reason: 550 Mailbox unavailable");
    await expect(page.getByRole("row")).toHaveCount(2);
    await expectAccessible(page);
  });

  test("an administrator sets the hour of the digests; an hour that does not exist is refused, 400, next to the field", async ({
    page,
    loginAs,
  }) => {
    const admin = await loginAs(["admin"]);
    const before = await digestHour();
    try {
      await page.goto("/admin/settings");
      const card = page.getByRole("region", { name: "Notification digests" });
      await card.getByLabel("Hour of the digests").selectOption("6");
      await card.getByRole("button", { name: "Save" }).click();
      await expect(page.getByRole("status")).toHaveText("Digests now go out at 06:00.");
      await expect(card).toContainText("Now: every day at 06:00.");
      expect(await digestHour()).toBe(6);

      const refused = await page.request.post("/admin/settings", {
        form: { intent: "digest-hour", hour: "24" },
        headers: { Origin: ORIGIN },
        maxRedirects: 0,
      });
      expect(refused.status()).toBe(400);
      expect(await refused.text()).toContain("Choose an hour from 00:00 to 23:00.");
      expect(await digestHour()).toBe(6);
    } finally {
      await setDigestHour(before, admin.id);
    }
  });
});
