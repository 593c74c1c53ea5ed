import type { Browser, Page } from "@playwright/test";
import { issuePasswordToken } from "~/auth/password-token.server";
import { generateCertificateCode } from "~/domain/certificate";
import { addDays, hospitalToday } from "~/domain/dates";
import { unsubscribeToken } from "~/domain/notifications";
import { prisma } from "~/utils/db.server";
import { E2E_SESSION_SECRET } from "./environment";
import { activityOf, createUser, expect, expectAccessible, signInAs, test, watchPage } from "./fixtures";
import { ROUTE_SAMPLES } from "./route-samples";

/**
 * Every page passes an axe scan (WCAG 2.1 AA), fits a 375 px phone without sideways scrolling and
 * keeps a clean console, as the role that uses it, in English and in Italian. One test per page and
 * language, so that the walk runs in parallel and a failure names its page.
 */
type Visitor = "anonymous" | "admin@example.org" | "tutor@example.org" | "resident@example.org";
type Walked = { page: string; as: Visitor; address?: () => Promise<string> };

const demoId = async (email: string) => (await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
/** The demo resident's training record. */
const demoResidentRecord = async () =>
  (await prisma.resident.findFirstOrThrow({ where: { user: { email: "resident@example.org" } }, select: { id: true } })).id;
const first = {
  agreement: async () => (await prisma.agreement.findFirstOrThrow({ where: { signedOn: { not: null } }, select: { id: true } })).id,
  university: async () => (await prisma.university.findFirstOrThrow({ select: { id: true } })).id,
  programme: async () => (await prisma.programme.findFirstOrThrow({ select: { id: true } })).id,
  department: async () => (await prisma.department.findFirstOrThrow({ select: { id: true } })).id,
  resident: async () => (await prisma.resident.findFirstOrThrow({ select: { id: true } })).id,
  rotation: async () => (await prisma.rotation.findFirstOrThrow({ where: { state: { not: "cancelled" } }, select: { id: true } })).id,
};

/**
 * A rotation whose evaluation is open for the demo tutor (supervising it, unsigned) or the demo resident
 * (theirs, not answered): made here, ended a week ago, should the demo data have none.
 */
async function demoEvaluation(who: "tutor" | "resident"): Promise<string> {
  const tutorId = await demoId("tutor@example.org");
  const resident = await prisma.resident.findFirstOrThrow({ where: { user: { email: "resident@example.org" } }, select: { id: true } });
  const today = hospitalToday();
  const open = { state: "confirmed", startDate: { lte: today }, endDate: { gte: addDays(today, -14), lte: addDays(today, 14) } };
  const found = await prisma.rotation.findFirst({
    where:
      who === "tutor"
        ? { ...open, tutorId, tutorEvaluation: { is: null } }
        : { ...open, residentId: resident.id, evaluationSubmission: { is: null } },
    select: { id: true },
  });
  if (found) return found.id;
  const department = await prisma.department.findFirstOrThrow({ select: { id: true } });
  const rotation = await prisma.rotation.create({
    data: {
      residentId: resident.id,
      departmentId: department.id,
      tutorId,
      startDate: addDays(today, -40),
      endDate: addDays(today, -7),
      state: "confirmed",
    },
  });
  return rotation.id;
}

/** A university list with one good row and one full of problems, as the import's preview shows it. */
async function residentImport(): Promise<string> {
  const unimi = await prisma.university.findFirstOrThrow({ where: { shortName: "UNIMI" }, select: { id: true } });
  const content =
    "matricola;cognome;nome;email;scuola;anno;inizio_permanenza;fine_permanenza\r\nA11Y1;Rossi;Anna;a11y-anna@example.test;Oncologia medica;1;01/01/2027;31/12/2027\r\nA11Y2;Neri;;not-an-email;Astrologia;9;31/12/2027;01/01/2027\r\n";
  return (
    await prisma.residentImport.create({
      data: { universityId: unimi.id, fileName: "a11y.csv", content, rowCount: 2 },
      select: { id: true },
    })
  ).id;
}

/** An entry of the demo resident's logbook in a state (made here, with a catalogue, should the demo data have none). */
async function demoEntry(status: "pending" | "certified"): Promise<string> {
  const resident = await prisma.resident.findFirstOrThrow({
    where: { user: { email: "resident@example.org" } },
    select: { id: true, programmeId: true, rotations: { where: { state: { not: "cancelled" } }, take: 1, orderBy: { startDate: "asc" } } },
  });
  const found = await prisma.logbookEntry.findFirst({ where: { residentId: resident.id, status }, select: { id: true } });
  if (found) return found.id;
  const activity = await activityOf(resident.programmeId);
  const rotation = resident.rotations[0]!;
  const entry = await prisma.logbookEntry.create({
    data: {
      residentId: resident.id,
      activityId: activity.id,
      departmentId: rotation.departmentId,
      tutorId: rotation.tutorId,
      date: rotation.startDate,
      count: 1,
      degree: "support",
      status,
    },
  });
  return entry.id;
}

/** A session the demo tutor gives (made here should the demo data have none), or one of its attendance sheets. */
async function tutorSession(sheet?: "open" | "confirmed"): Promise<string> {
  const tutorId = await demoId("tutor@example.org");
  const given = { tutors: { some: { userId: tutorId } }, cancelledAt: null };
  if (sheet) {
    const found = await prisma.teachingSession.findFirst({
      where: { ...given, confirmedAt: sheet === "open" ? null : { not: null }, date: { lte: new Date() } },
      orderBy: { date: "desc" },
      select: { id: true },
    });
    if (found) return found.id;
  }
  const session =
    (await prisma.teachingSession.findFirst({ where: given, orderBy: { date: "desc" }, select: { id: true } })) ??
    (await prisma.teachingSession.create({
      data: {
        title: "Journal club: immunoterapia",
        type: "journal-club",
        date: new Date("2026-01-15"),
        startTime: "08:30",
        durationMinutes: 60,
        tutors: { create: { userId: tutorId, lead: true } },
        programmes: { create: { programmeId: await first.programme() } },
      },
      select: { id: true },
    }));
  return session.id;
}

/** A resident in the demo tutor's care, as /tutor/residents lists them: rotating now or within 60 days under them or in their departments. */
async function residentInCare(): Promise<string> {
  const tutorId = await demoId("tutor@example.org");
  const today = new Date();
  const rotation = await prisma.rotation.findFirstOrThrow({
    where: {
      state: { not: "cancelled" },
      endDate: { gte: today },
      startDate: { lte: new Date(today.getTime() + 60 * 24 * 60 * 60 * 1000) },
      OR: [{ tutorId }, { department: { tutors: { some: { userId: tutorId } } } }],
    },
    select: { residentId: true },
  });
  return rotation.residentId;
}

const PAGES: Walked[] = [
  { page: "/login", as: "anonymous" },
  {
    page: "/set-password/<token>",
    as: "anonymous",
    address: async () => `/set-password/${(await issuePasswordToken((await createUser(["resident"])).id)).token}`,
  },
  { page: "/set-password/not-a-valid-link", as: "anonymous" },
  { page: "/no-such-page", as: "anonymous" },
  { page: "/verify", as: "anonymous" },
  {
    page: "/verify/<code>",
    as: "anonymous",
    address: async () => {
      const holder = await createUser(["resident"]);
      const certificate = await prisma.certificate.create({
        data: {
          code: generateCertificateCode(),
          kind: "resident-teaching",
          holderId: holder.id,
          periodStart: new Date("2025-11-01"),
          periodEnd: new Date("2026-10-31"),
          locale: "it",
          minutes: 90,
          sessions: 1,
        },
      });
      return `/verify/${certificate.code}`;
    },
  },
  { page: "/verify/0000-0000-0000", as: "anonymous" },
  { page: "/verify?code=abc", as: "anonymous" },
  { page: "/open", as: "anonymous" },
  {
    page: "/unsubscribe/<token>",
    as: "anonymous",
    address: async () => `/unsubscribe/${unsubscribeToken(E2E_SESSION_SECRET, (await createUser(["tutor"])).id, "attendance")}`,
  },
  { page: "/unsubscribe/not-a-valid-link", as: "anonymous" },

  { page: "/admin", as: "admin@example.org" },
  { page: "/admin/users", as: "admin@example.org" },
  { page: "/admin/users/new", as: "admin@example.org" },
  { page: "/admin/users/<tutor>", as: "admin@example.org", address: async () => `/admin/users/${await demoId("tutor@example.org")}` },
  { page: "/admin/agreements", as: "admin@example.org" },
  { page: "/admin/agreements/new", as: "admin@example.org" },
  { page: "/admin/agreements/<signed>", as: "admin@example.org", address: async () => `/admin/agreements/${await first.agreement()}` },
  { page: "/admin/universities", as: "admin@example.org" },
  { page: "/admin/universities/new", as: "admin@example.org" },
  { page: "/admin/universities/<id>", as: "admin@example.org", address: async () => `/admin/universities/${await first.university()}` },
  { page: "/admin/programmes", as: "admin@example.org" },
  { page: "/admin/programmes/new", as: "admin@example.org" },
  { page: "/admin/programmes/<id>", as: "admin@example.org", address: async () => `/admin/programmes/${await first.programme()}` },
  {
    page: "/admin/programmes/<id>/logbook",
    as: "admin@example.org",
    address: async () => `/admin/programmes/${await first.programme()}/logbook`,
  },
  { page: "/admin/departments", as: "admin@example.org" },
  { page: "/admin/departments/new", as: "admin@example.org" },
  { page: "/admin/departments/<id>", as: "admin@example.org", address: async () => `/admin/departments/${await first.department()}` },
  { page: "/admin/residents", as: "admin@example.org" },
  { page: "/admin/residents/new", as: "admin@example.org" },
  { page: "/admin/residents/<id>", as: "admin@example.org", address: async () => `/admin/residents/${await first.resident()}` },
  {
    page: "/admin/residents/<id>/logbook",
    as: "admin@example.org",
    address: async () => `/admin/residents/${await first.resident()}/logbook`,
  },
  { page: "/admin/residents/import", as: "admin@example.org" },
  {
    page: "/admin/residents/import/<id>",
    as: "admin@example.org",
    address: async () => `/admin/residents/import/${await residentImport()}`,
  },
  {
    page: "/admin/residents/import/<id>?show=all",
    as: "admin@example.org",
    address: async () => `/admin/residents/import/${await residentImport()}?show=all`,
  },
  { page: "/admin/rotations", as: "admin@example.org" },
  { page: "/admin/rotations/new", as: "admin@example.org" },
  { page: "/admin/rotations/<id>", as: "admin@example.org", address: async () => `/admin/rotations/${await first.rotation()}` },
  {
    page: "/admin/rotations/board",
    as: "admin@example.org",
    address: async () => `/admin/rotations/board?department=${await first.department()}`,
  },
  {
    page: "/admin/rotations/year",
    as: "admin@example.org",
    address: async () => `/admin/rotations/year?resident=${await first.resident()}`,
  },
  { page: "/admin/reports/teaching", as: "admin@example.org" },
  { page: "/admin/reports/teaching?by=tutor", as: "admin@example.org" },
  { page: "/admin/reports/teaching/sessions", as: "admin@example.org" },
  { page: "/admin/settings", as: "admin@example.org" },
  { page: "/admin/evaluations", as: "admin@example.org" },
  { page: "/admin/evaluations?by=tutor", as: "admin@example.org" },
  { page: "/admin/evaluations/rotations?figure=tutor-overdue", as: "admin@example.org" },
  { page: "/admin/evaluations/forms", as: "admin@example.org" },
  { page: "/admin/evaluations/results", as: "admin@example.org" },
  {
    page: "/admin/evaluations/tutor/<signed>",
    as: "admin@example.org",
    address: async () =>
      `/admin/evaluations/tutor/${(await prisma.tutorEvaluation.findFirstOrThrow({ where: { signedAt: { not: null } }, select: { rotationId: true } })).rotationId}`,
  },
  {
    page: "/admin/evaluations/forms/<id>",
    as: "admin@example.org",
    address: async () => `/admin/evaluations/forms/${(await prisma.evaluationForm.findFirstOrThrow({ select: { id: true } })).id}`,
  },
  { page: "/admin/absences", as: "admin@example.org" },
  { page: "/admin/absences/report", as: "admin@example.org" },
  {
    page: "/admin/absences/report?university=<demo resident's>&month=<their leave>",
    as: "admin@example.org",
    address: async () => {
      const leave = await prisma.absence.findFirstOrThrow({
        where: { kind: "personal", state: "approved", resident: { user: { email: "resident@example.org" } } },
        orderBy: { startDate: "asc" },
        select: { startDate: true, resident: { select: { programme: { select: { universityId: true } } } } },
      });
      const month = leave.startDate.toISOString().slice(0, 7);
      return `/admin/absences/report?university=${leave.resident.programme.universityId}&month=${month}`;
    },
  },
  {
    page: "/admin/residents/<id>/absences",
    as: "admin@example.org",
    address: async () => `/admin/residents/${await demoResidentRecord()}/absences`,
  },
  { page: "/admin/progression", as: "admin@example.org" },
  { page: "/admin/progression/import", as: "admin@example.org" },
  {
    page: "/admin/progression/<demo resident>",
    as: "admin@example.org",
    address: async () => `/admin/progression/${await demoResidentRecord()}`,
  },
  { page: "/admin/notifications", as: "admin@example.org" },
  { page: "/admin/notifications?state=failed", as: "admin@example.org" },
  {
    page: "/admin/notifications/mail/<file>",
    as: "admin@example.org",
    address: async () => `/admin/notifications/mail/${await ROUTE_SAMPLES[":mailFile"]!({ userId: "" })}`,
  },
  {
    page: "/admin/programmes/<id>/progress?show=all",
    as: "admin@example.org",
    address: async () => `/admin/programmes/${await first.programme()}/progress?show=all`,
  },
  { page: "/admin/history", as: "admin@example.org" },
  {
    page: "/admin/history?type=attendance&actor=<tutor>",
    as: "admin@example.org",
    address: async () => `/admin/history?type=attendance&actor=${await demoId("tutor@example.org")}`,
  },
  { page: "/profile", as: "admin@example.org" },
  { page: "/notifications", as: "admin@example.org" },
  { page: "/notifications/preferences", as: "admin@example.org" },

  { page: "/tutor", as: "tutor@example.org" },
  { page: "/tutor/residents", as: "tutor@example.org" },
  { page: "/tutor/teaching", as: "tutor@example.org" },
  { page: "/tutor/logbook", as: "tutor@example.org" },
  { page: "/tutor/evaluations", as: "tutor@example.org" },
  { page: "/tutor/evaluations/results", as: "tutor@example.org" },
  { page: "/tutor/absences", as: "tutor@example.org" },
  {
    page: "/tutor/evaluations/<due>",
    as: "tutor@example.org",
    address: async () => `/tutor/evaluations/${await demoEvaluation("tutor")}`,
  },
  {
    page: "/tutor/residents/<id>/progress",
    as: "tutor@example.org",
    address: async () => `/tutor/residents/${await residentInCare()}/progress`,
  },
  { page: "/tutor/teaching?show=past", as: "tutor@example.org" },
  { page: "/tutor/teaching/new", as: "tutor@example.org" },
  { page: "/tutor/teaching/<id>", as: "tutor@example.org", address: async () => `/tutor/teaching/${await tutorSession()}` },
  {
    page: "/tutor/teaching/<id>/attendance (open)",
    as: "tutor@example.org",
    address: async () => `/tutor/teaching/${await tutorSession("open")}/attendance`,
  },
  {
    page: "/tutor/teaching/<id>/attendance (confirmed)",
    as: "tutor@example.org",
    address: async () => `/tutor/teaching/${await tutorSession("confirmed")}/attendance`,
  },
  { page: "/profile", as: "tutor@example.org" },
  { page: "/notifications", as: "tutor@example.org" },
  { page: "/notifications/preferences", as: "tutor@example.org" },

  { page: "/me", as: "resident@example.org" },
  { page: "/me/rotations", as: "resident@example.org" },
  { page: "/me/logbook", as: "resident@example.org" },
  { page: "/me/logbook/<pending>", as: "resident@example.org", address: async () => `/me/logbook/${await demoEntry("pending")}` },
  { page: "/me/logbook/<certified>", as: "resident@example.org", address: async () => `/me/logbook/${await demoEntry("certified")}` },
  { page: "/me/teaching", as: "resident@example.org" },
  { page: "/me/evaluations", as: "resident@example.org" },
  {
    page: "/me/evaluations/<due>",
    as: "resident@example.org",
    address: async () => `/me/evaluations/${await demoEvaluation("resident")}`,
  },
  { page: "/me/absences", as: "resident@example.org" },
  { page: "/me/history", as: "resident@example.org" },
  { page: "/notifications", as: "resident@example.org" },
  { page: "/admin (the 403 page)", as: "resident@example.org", address: async () => "/admin" },
];

const PHONE = { width: 375, height: 740 };

async function expectFits(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${page.url()} scrolls sideways on a 375 px phone`).toBeLessThanOrEqual(1);
}

type Locale = "en-GB" | "it-IT";
type Walker = { page: Page; problems: string[] };

/**
 * One signed-in browser page per visitor and language in each worker, kept for all the pages that
 * worker walks: a browser context and a cold cache for each of over a hundred visits cost more than the
 * checks themselves. The page's console is watched as the fixture watches every test's pages.
 */
async function openWalker(browser: Browser, as: Visitor, locale: Locale): Promise<Walker> {
  const walker = { page: await (await browser.newContext({ locale })).newPage(), problems: [] };
  if (as !== "anonymous") await signInAs(walker.page, { id: await demoId(as) });
  watchPage(walker.page, walker.problems);
  return walker;
}

const walk = test.extend<object, { walkerFor: (as: Visitor, locale: Locale) => Promise<Walker> }>({
  walkerFor: [
    async ({ browser }, use) => {
      const walkers = new Map<string, Promise<Walker>>();
      await use((as, locale) => {
        const key = `${as} ${locale}`;
        if (!walkers.has(key)) walkers.set(key, openWalker(browser, as, locale));
        return walkers.get(key)!;
      });
      for (const walker of walkers.values()) await (await walker).page.context().close();
    },
    { scope: "worker" },
  ],
});

/** Visits a page as a person would: once React has taken it over. */
async function visit(page: Page, address: string) {
  await page.goto(address);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

// axe runs once per page and language, each language at one of the two sizes: in English on a
// desktop, in Italian on a phone. Both languages are checked on the phone for sideways scrolling, the
// longer Italian words most of all.
const WALKS = [
  { locale: "en-GB", scanned: "desktop", viewport: { width: 1280, height: 900 } },
  { locale: "it-IT", scanned: "phone", viewport: PHONE },
] as const;

for (const { locale, scanned, viewport } of WALKS) {
  walk.describe(locale, () => {
    for (const walked of PAGES) {
      walk(`${walked.page} as ${walked.as === "anonymous" ? "anyone" : walked.as}, scanned on a ${scanned}`, async ({ walkerFor }) => {
        const { page, problems } = await walkerFor(walked.as, locale);
        problems.length = 0;
        const address = walked.address ? await walked.address() : walked.page;
        await page.setViewportSize(viewport);
        await visit(page, address);
        await expectAccessible(page);
        if (scanned === "desktop") {
          await page.setViewportSize(PHONE);
          await visit(page, address);
        }
        await expectFits(page);
        expect(problems, "problems in the browser's console").toEqual([]);
      });
    }
  });
}

test("sign-in and navigation work by keyboard alone", async ({ page }) => {
  await page.goto("/login");
  // The sign-in page opens with the cursor in the e-mail field.
  await expect(page.getByLabel("E-mail address")).toBeFocused();
  await page.keyboard.type("admin@example.org");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type("Demo-Portal-1");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/admin");

  // Elsewhere the first stop is the skip link, which jumps past the navigation.
  await page.goto("/admin/users");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Export CSV" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "New account" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/admin/users/new");
});
