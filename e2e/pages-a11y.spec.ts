import type { Page } from "@playwright/test";
import { issuePasswordToken } from "~/auth/password-token.server";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import { generateCertificateCode } from "~/domain/certificate";
import { prisma } from "~/utils/db.server";
import { createUser, expect, expectAccessible, test } from "./fixtures";

/**
 * Every page passes an axe scan (WCAG 2.1 AA) and fits a 375 px phone without sideways scrolling,
 * as the role that uses it, in English and in Italian.
 */
async function signInDemo(page: Page, email: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const session = await createSession(user.id);
  await page.context().addCookies([{ name: SESSION_COOKIE, value: session.token, domain: "localhost", path: "/" }]);
}

async function check(page: Page, path: string, label: string) {
  await page.goto(path);
  await expectAccessible(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${path} scrolls sideways on a ${label}`).toBeLessThanOrEqual(1);
}

const VIEWPORTS = [
  ["desktop", { width: 1280, height: 900 }],
  ["phone", { width: 375, height: 740 }],
] as const;

for (const [label, viewport] of VIEWPORTS) {
  for (const locale of ["en-GB", "it-IT"] as const) {
    test.describe(`${label}, ${locale}`, () => {
      test.use({ viewport, locale });

      test("public pages", async ({ page }) => {
        test.setTimeout(60_000);
        const person = await createUser(["resident"]);
        const { token } = await issuePasswordToken(person.id);
        const certificate = await prisma.certificate.create({
          data: { code: generateCertificateCode(), kind: "resident-teaching", holderId: person.id, periodStart: new Date("2025-11-01"), periodEnd: new Date("2026-10-31"), locale: "it", minutes: 90, sessions: 1 },
        });
        for (const path of ["/login", `/set-password/${token}`, "/set-password/not-a-valid-link", "/no-such-page", "/verify", `/verify/${certificate.code}`, "/verify/0000-0000-0000", "/verify?code=abc", "/open"]) await check(page, path, label);
      });

      test("administrator's pages", async ({ page }) => {
        test.setTimeout(180_000);
        await signInDemo(page, "admin@example.org");
        const agreement = await prisma.agreement.findFirstOrThrow({ where: { signedOn: { not: null } }, select: { id: true } });
        const university = await prisma.university.findFirstOrThrow({ select: { id: true } });
        const user = await prisma.user.findUniqueOrThrow({ where: { email: "tutor@example.org" }, select: { id: true } });
        const programme = await prisma.programme.findFirstOrThrow({ select: { id: true } });
        const department = await prisma.department.findFirstOrThrow({ select: { id: true } });
        const resident = await prisma.resident.findFirstOrThrow({ select: { id: true } });
        const rotation = await prisma.rotation.findFirstOrThrow({ where: { state: { not: "cancelled" } }, select: { id: true } });
        const unimi = await prisma.university.findFirstOrThrow({ where: { shortName: "UNIMI" }, select: { id: true } });
        const list = "matricola;cognome;nome;email;scuola;anno;inizio_permanenza;fine_permanenza\r\nA11Y1;Rossi;Anna;a11y-anna@example.test;Oncologia medica;1;01/01/2027;31/12/2027\r\nA11Y2;Neri;;not-an-email;Astrologia;9;31/12/2027;01/01/2027\r\n";
        const residentImport = await prisma.residentImport.create({ data: { universityId: unimi.id, fileName: "a11y.csv", content: list, rowCount: 2 }, select: { id: true } });
        for (const path of [
          "/admin",
          "/admin/users",
          "/admin/users/new",
          `/admin/users/${user.id}`,
          "/admin/agreements",
          "/admin/agreements/new",
          `/admin/agreements/${agreement.id}`,
          "/admin/universities",
          "/admin/universities/new",
          `/admin/universities/${university.id}`,
          "/admin/programmes",
          "/admin/programmes/new",
          `/admin/programmes/${programme.id}`,
          "/admin/departments",
          "/admin/departments/new",
          `/admin/departments/${department.id}`,
          "/admin/residents",
          "/admin/residents/new",
          `/admin/residents/${resident.id}`,
          "/admin/residents/import",
          `/admin/residents/import/${residentImport.id}`,
          `/admin/residents/import/${residentImport.id}?show=all`,
          "/admin/rotations",
          "/admin/rotations/new",
          `/admin/rotations/${rotation.id}`,
          `/admin/rotations/board?department=${department.id}`,
          `/admin/rotations/year?resident=${resident.id}`,
          "/admin/reports/teaching",
          "/admin/reports/teaching?by=tutor",
          "/admin/reports/teaching/sessions",
          "/admin/settings",
          "/admin/history",
          `/admin/history?type=attendance&actor=${user.id}`,
          "/profile",
        ]) {
          await check(page, path, label);
        }
      });

      test("tutor's and resident's pages, and the 403 page", async ({ page }) => {
        test.setTimeout(120_000);
        await signInDemo(page, "tutor@example.org");
        await check(page, "/tutor", label);
        await check(page, "/tutor/residents", label);
        // A session the demo tutor gives (made here should the demo data have none).
        const tutor = await prisma.user.findUniqueOrThrow({ where: { email: "tutor@example.org" }, select: { id: true } });
        const session =
          (await prisma.teachingSession.findFirst({ where: { tutors: { some: { userId: tutor.id } }, cancelledAt: null }, orderBy: { date: "desc" }, select: { id: true } })) ??
          (await prisma.teachingSession.create({
            data: {
              title: "Journal club: immunoterapia",
              type: "journal-club",
              date: new Date("2026-01-15"),
              startTime: "08:30",
              durationMinutes: 60,
              tutors: { create: { userId: tutor.id, lead: true } },
              programmes: { create: { programmeId: (await prisma.programme.findFirstOrThrow({ select: { id: true } })).id } },
            },
            select: { id: true },
          }));
        await check(page, "/tutor/teaching", label);
        await check(page, "/tutor/teaching?show=past", label);
        await check(page, "/tutor/teaching/new", label);
        await check(page, `/tutor/teaching/${session.id}`, label);
        // Attendance: a sheet of the demo tutor's still open, and one confirmed.
        for (const confirmedAt of [null, { not: null }]) {
          const sheet = await prisma.teachingSession.findFirst({ where: { tutors: { some: { userId: tutor.id } }, cancelledAt: null, confirmedAt, date: { lte: new Date() } }, orderBy: { date: "desc" }, select: { id: true } });
          await check(page, `/tutor/teaching/${sheet?.id ?? session.id}/attendance`, label);
        }
        await check(page, "/profile", label);
        await page.context().clearCookies();
        await signInDemo(page, "resident@example.org");
        await check(page, "/me", label);
        await check(page, "/me/rotations", label);
        await check(page, "/me/teaching", label);
        await check(page, "/me/history", label);
        await check(page, "/admin", label);
      });
    });
  }
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
