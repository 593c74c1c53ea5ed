import { prisma } from "~/utils/db.server";
import { expect, expectAccessible, test } from "./fixtures";

/** The administrators' institutional pages pass axe (WCAG 2.1 AA) and fit a phone without sideways scrolling. */
const pages = async () => {
  const agreement = await prisma.agreement.findFirstOrThrow({ where: { signedOn: { not: null } }, select: { id: true } });
  const university = await prisma.university.findFirstOrThrow({ select: { id: true } });
  return ["/admin", "/admin/agreements", `/admin/agreements/${agreement.id}`, "/admin/agreements/new", "/admin/universities", `/admin/universities/${university.id}`, "/admin/universities/new"];
};

for (const [label, viewport] of [
  ["desktop", { width: 1280, height: 900 }],
  ["phone", { width: 375, height: 740 }],
] as const) {
  test(`institutional pages are accessible on a ${label}`, async ({ page, loginAs }) => {
    test.setTimeout(60_000);
    await page.setViewportSize(viewport);
    await loginAs(["admin"]);
    for (const path of await pages()) {
      await page.goto(path);
      await expectAccessible(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways on a ${label}`).toBeLessThanOrEqual(1);
    }
  });
}
