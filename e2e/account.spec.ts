import type { Page } from "@playwright/test";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import { prisma } from "~/utils/db.server";
import { createUser, expect, ORIGIN, signInAs, test } from "./fixtures";

async function signInThroughForm(page: Page, email: string, password: string) {
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.describe("accounts and sessions", () => {
  test("repeated failures are slowed down and the page says how long to wait", async ({ page }) => {
    const user = await createUser(["tutor"]);
    await page.goto("/login");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signInThroughForm(page, user.email, `wrong password ${attempt}`);
      await expect(page.getByRole("alert")).toHaveText("The e-mail address or the password is not correct.");
    }
    await signInThroughForm(page, user.email, "wrong password 6");
    await expect(page.getByRole("alert")).toHaveText("Too many failed attempts. Wait 30 seconds before trying again.");
    // Even the right password waits.
    await signInThroughForm(page, user.email, user.password);
    await expect(page.getByRole("alert")).toContainText("Too many failed attempts");
    await expect(page).toHaveURL(/\/login/);
  });

  test("signing out ends the session for good", async ({ page, browser, loginAs }) => {
    const user = await loginAs(["resident"]);
    await page.goto("/me");
    const token = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)!.value;
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/me");
    await expect(page).toHaveURL("/login?redirectTo=%2Fme");
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);

    // A copy of the old cookie opens nothing.
    const thief = await browser.newContext();
    await thief.addCookies([{ name: SESSION_COOKIE, value: token, domain: "localhost", path: "/" }]);
    const stolen = await thief.newPage();
    await stolen.goto(`${ORIGIN}/me`);
    await expect(stolen).toHaveURL(/\/login\?redirectTo=%2Fme/);
    await thief.close();
  });

  test("sign-in returns to the page asked for, and never to another site", async ({ page }) => {
    const user = await createUser(["admin"]);
    await page.goto("/admin/users");
    await expect(page).toHaveURL("/login?redirectTo=%2Fadmin%2Fusers");
    await signInThroughForm(page, user.email, user.password);
    await expect(page).toHaveURL("/admin/users");

    await page.context().clearCookies();
    await page.goto("/login?redirectTo=//evil.example/steal");
    await signInThroughForm(page, user.email, user.password);
    await expect(page).toHaveURL("/admin");
  });

  test("a signed-in browser gets a new session at sign-in (no fixation)", async ({ page, context }) => {
    const user = await createUser(["tutor"]);
    await context.addCookies([{ name: SESSION_COOKIE, value: "planted.session", domain: "localhost", path: "/" }]);
    await page.goto("/login");
    await signInThroughForm(page, user.email, user.password);
    await expect(page).toHaveURL("/tutor");
    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie.value).not.toBe("planted.session");
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Lax");
    expect(cookie.secure).toBe(true);
  });

  test("the wrong role sees the 403 page, an unknown address the 404 page, in both languages", async ({ page, loginAs }) => {
    await loginAs(["resident"]);
    const forbidden = await page.goto("/admin");
    expect(forbidden?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have access to this page");
    await expect(page.getByRole("link", { name: "Go to your home page" })).toHaveAttribute("href", "/");

    const missing = await page.goto("/no-such-page");
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await page.getByRole("button", { name: "Italiano" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pagina non trovata");
    await expect(page.locator("html")).toHaveAttribute("lang", "it");
  });

  test("the language follows the browser first, then the choice, remembered on the account", async ({ page, browser }) => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    await page.getByRole("button", { name: "Italiano" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accedi");
    await expect(page.locator("html")).toHaveAttribute("lang", "it");

    const user = await createUser(["tutor"], { language: null });
    await signInAs(page, user);
    await page.goto("/profile");
    await page.getByRole("radio", { name: "English" }).check();
    await page.getByRole("button", { name: "Salva" }).click();
    await expect(page.getByRole("status")).toHaveText("Language saved.");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).language).toBe("en");

    // Another browser, set to Italian, shows this person's English.
    const other = await browser.newContext({ locale: "it-IT" });
    const session = await createSession(user.id);
    await other.addCookies([{ name: SESSION_COOKIE, value: session.token, domain: "localhost", path: "/" }]);
    const otherPage = await other.newPage();
    await otherPage.goto(`${ORIGIN}/tutor`);
    await expect(otherPage.locator("html")).toHaveAttribute("lang", "en");
    await other.close();
  });
});

test.describe("one-time links and account administration", () => {
  test("an administrator creates an account and the person sets a password with the link, once", async ({ page, browser, loginAs }) => {
    await loginAs(["admin"]);
    const email = `nuova.persona.${Date.now()}@example.test`;
    await page.goto("/admin/users/new");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Choose at least one role.")).toBeVisible();
    await page.getByLabel("Full name").fill("Nuova Persona");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByRole("checkbox", { name: "Resident" }).check();
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("status")).toHaveText(
      "Account for Nuova Persona created; the set-password link was sent to them by e-mail.",
    );
    const link = await page.getByLabel("Set-password link").inputValue();
    expect(link).toMatch(new RegExp(`^${ORIGIN}/set-password/[a-z2-7]+$`));

    // The link is shown once.
    await page.reload();
    await expect(page.getByLabel("Set-password link")).toHaveCount(0);

    const person = await browser.newContext({ locale: "en-GB" });
    const personPage = await person.newPage();
    await personPage.goto(link);
    await personPage.getByLabel("New password", { exact: true }).fill("short");
    await personPage.getByLabel("Repeat the new password").fill("short");
    await personPage.getByRole("button", { name: "Set password and sign in" }).click();
    await expect(personPage.getByText("The password must have at least 12 characters.")).toBeVisible();
    await personPage.getByLabel("New password", { exact: true }).fill("a long and memorable passphrase");
    await personPage.getByLabel("Repeat the new password").fill("a long and memorable passphrase");
    await personPage.getByRole("button", { name: "Set password and sign in" }).click();
    await expect(personPage).toHaveURL(`${ORIGIN}/me`);
    await expect(personPage.getByRole("status")).toHaveText("Your password is set. Welcome to the portal.");

    await personPage.goto(link);
    await expect(personPage.getByText("This link has already been used.")).toBeVisible();
    await person.close();
  });

  test("a deactivated account is signed out at once and cannot sign in", async ({ page, browser, loginAs }) => {
    await loginAs(["admin"]);
    const person = await createUser(["tutor"]);
    const session = await createSession(person.id);
    await page.goto(`/admin/users/${person.id}`);
    await page.getByRole("button", { name: "Deactivate account" }).click();
    await expect(page.getByRole("status")).toHaveText(`${person.name} has been deactivated and signed out.`);
    expect(await prisma.session.count({ where: { userId: person.id } })).toBe(0);

    const theirs = await browser.newContext({ locale: "en-GB" });
    await theirs.addCookies([{ name: SESSION_COOKIE, value: session.token, domain: "localhost", path: "/" }]);
    const theirPage = await theirs.newPage();
    await theirPage.goto(`${ORIGIN}/tutor`);
    await expect(theirPage).toHaveURL(/\/login/);
    await theirPage.getByLabel("E-mail address").fill(person.email);
    await theirPage.getByLabel("Password", { exact: true }).fill(person.password);
    await theirPage.getByRole("button", { name: "Sign in" }).click();
    await expect(theirPage.getByRole("alert")).toHaveText("The e-mail address or the password is not correct.");
    await theirs.close();
  });

  test("changing the password ends every other session; sessions can be ended one by one", async ({ page, loginAs }) => {
    const user = await loginAs(["tutor"]);
    await createSession(user.id, { userAgent: "Mozilla/5.0 (Windows NT 10.0) Firefox/130.0" });
    await page.goto("/profile");
    await expect(page.getByRole("button", { name: "End session (Firefox · Windows)" })).toBeVisible();
    await page.getByRole("button", { name: "Sign out everywhere else" }).click();
    await expect(page.getByRole("status")).toHaveText("1 other session ended.");
    await expect(page.getByRole("button", { name: "End session (Firefox · Windows)" })).toHaveCount(0);

    await createSession(user.id, { userAgent: "elsewhere" });
    await page.getByLabel("Current password").fill("not my password");
    await page.getByLabel("New password", { exact: true }).fill("another long passphrase");
    await page.getByLabel("Repeat the new password").fill("another long passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("The current password is not correct.")).toBeVisible();

    await page.getByLabel("Current password").fill(user.password);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status")).toHaveText("Password changed. Every other session has been ended.");
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });
});
