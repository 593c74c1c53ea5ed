import { expect, test } from "./fixtures";

const DEMO_PASSWORD = "Demo-Portal-1";

test.describe("sign-in", () => {
  for (const [email, home, heading] of [
    ["admin@example.org", "/admin", "Administration"],
    ["tutor@example.org", "/tutor", "Tutor"],
    ["resident@example.org", "/me", "My training"],
  ] as const) {
    test(`${email} signs in and lands on ${home}`, async ({ page }) => {
      await page.goto("/login");
      await page.getByLabel("E-mail address").fill(email);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(home);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    });
  }

  test("a wrong password and an unknown e-mail get the same message", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("E-mail address").fill("tutor@example.org");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toHaveText("The e-mail address or the password is not correct.");
    await expect(page.getByLabel("E-mail address")).toHaveValue("tutor@example.org");

    await page.getByLabel("E-mail address").fill("nobody@example.org");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alert).toHaveText("The e-mail address or the password is not correct.");
    await expect(page).toHaveURL(/\/login/);
  });
});
