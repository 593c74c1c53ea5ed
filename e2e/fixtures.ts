import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { hashPassword } from "~/auth/password.server";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import type { Role } from "~/domain/roles";
import { prisma } from "~/utils/db.server";
import { E2E_PORT } from "./environment";

export type TestUser = { id: string; email: string; name: string; password: string; roles: Role[] };

/** Creates a person directly in the database: each test makes its own data. */
export async function createUser(
  roles: Role[],
  overrides: { name?: string; language?: "it" | "en" | null; password?: string } = {},
): Promise<TestUser> {
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
export async function signInAs(page: Page, user: Pick<TestUser, "id">): Promise<void> {
  const session = await createSession(user.id, { userAgent: "Playwright fixture" });
  await page
    .context()
    .addCookies([{ name: SESSION_COOKIE, value: session.token, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" }]);
}

/**
 * An axe scan against WCAG 2.1 A and AA; fails with the list of violations. Legacy mode runs axe in
 * the page itself: the default mode opens a blank page to merge the results of every frame, which
 * tripled the time of a scan, and the portal's pages have no frames.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ["violations"] })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .setLegacyMode()
    .analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Resources a page needs to look and work right: one the server cannot give is a broken page. */
const PAGE_RESOURCES = new Set(["stylesheet", "script", "image", "font", "manifest"]);

/**
 * Records what a person with the browser's console open would see go wrong on a page: errors logged
 * (a React hydration mismatch, a refused script), errors thrown and not caught, a stylesheet, script,
 * image or font the server could not give, and any server error. Chromium also logs each 4xx answer
 * to a page or a form post as "Failed to load resource"; those are the portal answering as it should
 * (the 404 page, a form sent back with its messages), so they are not problems.
 */
export function watchPage(page: Page, problems: string[]): void {
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
    problems.push(`${page.url()}: console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`${page.url()}: uncaught ${error.name}: ${error.message}`));
  page.on("response", (response) => {
    const kind = response.request().resourceType();
    if (response.status() >= 500 || (response.status() >= 400 && PAGE_RESOURCES.has(kind))) {
      problems.push(`${page.url()}: ${kind} ${response.url()} answered ${response.status()}`);
    }
  });
}

const watched = new WeakSet<BrowserContext>();

function watchContext(context: BrowserContext, problems: string[]): void {
  if (watched.has(context)) return;
  watched.add(context);
  for (const page of context.pages()) watchPage(page, problems);
  context.on("page", (page) => watchPage(page, problems));
}

type Fixtures = {
  /** Signs this test's page in as a new person with these roles. */
  loginAs: (roles: Role[], options?: { language?: "it" | "en" | null }) => Promise<TestUser>;
  /** The problems the browser reported on every page of the test; the test fails if there are any. */
  consoleProblems: string[];
};

export const test = base.extend<Fixtures>({
  // Every test speaks from its own network address (the server trusts X-Forwarded-For in the
  // suite), so sign-in throttling in one test cannot slow down another.
  context: async ({ context, consoleProblems }, use) => {
    watchContext(context, consoleProblems);
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
  // Every page of every test, in the test's own browser context and in any other it opens, is
  // watched; a test that leaves a problem in the console fails, naming the page.
  consoleProblems: [
    async ({ browser }, use) => {
      const problems: string[] = [];
      const newContext = browser.newContext;
      browser.newContext = async function (this: Browser, ...args) {
        const opened = await newContext.apply(this, args);
        watchContext(opened, problems);
        return opened;
      };
      await use(problems);
      browser.newContext = newContext;
      expect(problems, "problems in the browser's console").toEqual([]);
    },
    { auto: true },
  ],
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

/** A programme of its own (a university of its own), so that its logbook catalogue measures nobody else
 * and changes no demo programme (whose catalogue the demo journeys log from). */
export async function programmeOfItsOwn() {
  const university = await prisma.university.create({ data: { name: `Ateneo ${randomUUID()}`, city: "Milano" } });
  return prisma.programme.create({
    data: {
      universityId: university.id,
      specialtyCode: "oncologia-medica",
      directorName: "Prof. Campione",
      directorEmail: "campione@example.it",
      durationYears: 5,
    },
  });
}

/** An activity of a programme's logbook catalogue: its first, or that of a one-activity catalogue made here when it has none. */
export async function activityOf(programmeId: string): Promise<{ id: string }> {
  const found = await prisma.logbookActivity.findFirst({ where: { catalogue: { programmeId } }, select: { id: true } });
  if (found) return found;
  const catalogue = await prisma.logbookCatalogue.create({
    data: {
      programmeId,
      version: 1,
      validFrom: new Date("2000-01-01"),
      activities: { create: { code: "sample", category: "Procedure", labelIt: "Biopsia", labelEn: "Biopsy", position: 0 } },
    },
    select: { activities: { select: { id: true } } },
  });
  return catalogue.activities[0]!;
}
