import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { hashPassword } from "~/auth/password.server";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import type { Role } from "~/domain/roles";
import { prisma } from "~/utils/db.server";
import { E2E_PORT } from "./environment";

export type TestUser = { id: string; email: string; name: string; password: string; roles: Role[] };

/** Creates a person directly in the database: each test makes its own data. */
export async function createUser(roles: Role[], overrides: { name?: string; language?: "it" | "en" | null; password?: string } = {}): Promise<TestUser> {
  const id = randomUUID().slice(0, 8);
  const password = overrides.password ?? `Test-password-${id}`;
  const user = await prisma.user.create({
    data: {
      email: `e2e-${id}@example.test`,
      name: overrides.name ?? `Test ${roles.join(" ")} ${id}`,
      language: overrides.language === undefined ? "en" : overrides.language,
      passwordHash: await hashPassword(password),
      roles: { create: roles.map((role) => ({ role })) },
    },
  });
  return { id: user.id, email: user.email, name: user.name, password, roles };
}

/** Signs a page in as a person, the way a fixture should: a session row and its cookie, no form. */
export async function signInAs(page: Page, user: TestUser): Promise<void> {
  const session = await createSession(user.id, { userAgent: "Playwright fixture" });
  await page.context().addCookies([
    { name: SESSION_COOKIE, value: session.token, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" },
  ]);
}

/** An axe scan against WCAG 2.1 A and AA; fails with the list of violations. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

type Fixtures = {
  /** Signs this test's page in as a new person with these roles. */
  loginAs: (roles: Role[], options?: { language?: "it" | "en" | null }) => Promise<TestUser>;
};

export const test = base.extend<Fixtures>({
  // Every test speaks from its own network address (the server trusts X-Forwarded-For in the
  // suite), so sign-in throttling in one test cannot slow down another.
  context: async ({ context }, use) => {
    await context.setExtraHTTPHeaders({ "X-Forwarded-For": `10.${rand()}.${rand()}.${rand()}` });
    await use(context);
  },
  // Pages are used once React has hydrated them, as a person would: before that a click submits the
  // form natively and races the page's own JavaScript.
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
      return response;
    };
    await use(page);
  },
  loginAs: async ({ page }, use) => {
    await use(async (roles, options = {}) => {
      const user = await createUser(roles, options);
      await signInAs(page, user);
      return user;
    });
  },
});

function rand() {
  return Math.floor(Math.random() * 250) + 1;
}

export { expect };
export const ORIGIN = `http://localhost:${E2E_PORT}`;
