import { setTimeout as sleep } from "node:timers/promises";
import { clientOf } from "../test/temp-db";
import { E2E_PAIR_DATABASE_URL, E2E_PAIR_MAIL_DIR, E2E_PAIR_PORTS } from "./environment";
import { expect, test } from "./fixtures";
import { mailTo } from "./mailbox";

/**
 * Two independent servers on two ports sharing one database, as two machines behind a proxy would
 * (scripts/e2e-server.js --pair): each with its own processes, its own remembered reads, its own
 * scheduler and e-mail sender. The browser keeps one cookie for both, as behind one address.
 */
const [one, other] = E2E_PAIR_PORTS.map((port) => `http://localhost:${port}`) as [string, string];
const DEMO_PASSWORD = "Demo-Portal-1";

test("a person moves between two servers: signed in on both, a change seen at once on the other, e-mail and scheduled checks once", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const db = clientOf(E2E_PAIR_DATABASE_URL);
  try {
    // Signed in on one server.
    await page.goto(`${one}/login`);
    await page.getByLabel("E-mail address").fill("admin@example.org");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${one}/admin`);
    // Still signed in on the other, whose home (remembered until the data change) now has its figures.
    await page.goto(`${other}/admin`);
    await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();
    const awaiting = async (base: string) => {
      await page.goto(`${base}/admin`);
      return page
        .getByRole("region", { name: "Accounts waiting for their first sign-in" })
        .getByRole("link", { name: "Persona Due Server" });
    };

    // An account made on one server is listed at once on the other: in a plain list, and among those
    // awaiting a password on the other's remembered home.
    const email = `due.server.${Date.now()}@example.test`;
    await page.goto(`${one}/admin/users/new`);
    await page.getByLabel("Full name").fill("Persona Due Server");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByRole("checkbox", { name: "Resident" }).check();
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("status")).toContainText("Account for Persona Due Server created");
    const link = await page.getByLabel("Set-password link").inputValue();
    expect(link.startsWith(`${one}/set-password/`)).toBe(true);
    await page.goto(`${other}/admin/users?q=${encodeURIComponent(email)}`);
    await expect(page.getByRole("link", { name: "Persona Due Server" })).toBeVisible();
    await expect(await awaiting(other)).toBeVisible();
    await expect(await awaiting(one)).toBeVisible();

    // The link one server issued works on the other, once: spent there, it is spent here too.
    const person = await browser.newContext({ locale: "en-GB" });
    const personPage = await person.newPage();
    await personPage.goto(link.replace(one, other));
    await personPage.getByLabel("New password", { exact: true }).fill("a long and memorable passphrase");
    await personPage.getByLabel("Repeat the new password").fill("a long and memorable passphrase");
    await personPage.getByRole("button", { name: "Set password and sign in" }).click();
    await expect(personPage).toHaveURL(`${other}/me`);
    await personPage.goto(link);
    await expect(personPage.getByText("This link has already been used.")).toBeVisible();
    // Its password set through the other server, the person no longer awaits one on this server's home.
    await expect(await awaiting(one)).toHaveCount(0);
    // Signed in by the other server, the person is signed in on this one; signed out here, out there too.
    await personPage.goto(`${one}/me`);
    await expect(personPage.getByRole("heading", { level: 1, name: "My training" })).toBeVisible();
    await personPage.getByRole("button", { name: "Sign out" }).click();
    await personPage.goto(`${other}/me`);
    await expect(personPage).toHaveURL(/\/login/);
    await person.close();

    // Both servers' senders look for mail twice a second; the set-password e-mail arrives once.
    expect(await mailTo(email, 20_000, E2E_PAIR_MAIL_DIR)).toHaveLength(1);
    await sleep(3_000);
    expect(await mailTo(email, 0, E2E_PAIR_MAIL_DIR)).toHaveLength(1);
    expect(await db.outboxMessage.findMany({ where: { to: email }, select: { status: true, attempts: true } })).toEqual([
      { status: "sent", attempts: 1 },
    ]);

    // Both servers ran their scheduled checks as they started: each occasion ran once, to its end, and
    // no notification it wrote was written twice.
    await expect.poll(async () => db.scheduledRun.count({ where: { finishedAt: { not: null } } }), { timeout: 20_000 }).toBeGreaterThan(0);
    const runs = await db.scheduledRun.findMany({ orderBy: { startedAt: "asc" } });
    expect(runs.every((run) => run.finishedAt !== null)).toBe(true);
    const written = await db.notification.groupBy({
      by: ["userId", "kind", "params"],
      where: { createdAt: { gte: runs[0]!.startedAt } },
      _count: { _all: true },
    });
    expect(written.filter((group) => group._count._all > 1)).toEqual([]);
  } finally {
    await db.$disconnect();
  }
});
