import { randomUUID } from "node:crypto";
import { addDays, hospitalToday } from "~/domain/dates";
import { formatters } from "~/i18n/format";
import { prisma } from "~/utils/db.server";
import { createCoveredProgramme, createDepartment, createResident } from "../test/factories";
import { createUser, expect, expectAccessible, test } from "./fixtures";

/** Two residents rotating at once in a department of capacity 2, under an agreement in force: a valid plan. */
async function setting() {
  const tag = randomUUID().slice(0, 6);
  const today = hospitalToday();
  const tutor = await createUser(["tutor"], { name: `Dott.ssa Guida ${tag}` });
  const { programme } = await createCoveredProgramme({
    university: `Ateneo Modifiche ${tag}`,
    specialtyCode: "radioterapia",
    posts: 5,
    startDate: addDays(today, -30),
    endDate: addDays(today, 400),
    signedOn: addDays(today, -40),
  });
  const department = await createDepartment(`Radioterapia Prova ${tag}`, 2, [tutor.id]);
  const resident = async (name: string, n: number) => {
    const user = await createUser(["resident"], { name: `${name} ${tag}` });
    return createResident({
      userId: user.id,
      programmeId: programme.id,
      studentNumber: `${n}${tag}`,
      stayStart: addDays(today, -20),
      stayEnd: addDays(today, 300),
    });
  };
  const [first, second] = [await resident("Specializzanda Prima", 1), await resident("Specializzando Secondo", 2)];
  const rotate = (residentId: string, from: number, to: number) =>
    prisma.rotation.create({
      data: {
        residentId,
        departmentId: department.id,
        tutorId: tutor.id,
        startDate: addDays(today, from),
        endDate: addDays(today, to),
        state: "confirmed",
      },
    });
  return { today, tag, department, first: await rotate(first.id, 3, 40), second: await rotate(second.id, 10, 50) };
}

test("a capacity lowered after planning: the dashboard lists the rotations it breaks, and each rotation's page says why", async ({
  page,
  loginAs,
}) => {
  // A long journey (two axe scans, four dashboard loads): on a loaded 2-core machine it needs more than 30 s.
  test.setTimeout(60_000);
  const s = await setting();
  await loginAs(["admin"]);

  await page.goto("/admin");
  const card = page.getByRole("region", { name: "Rotations broken by later changes" });
  await expect(card).toBeVisible();
  await expect(card.getByRole("link", { name: `Specializzanda Prima ${s.tag}` })).toHaveCount(0);

  // The administrator lowers the department's capacity to 1.
  await page.goto(`/admin/departments/${s.department.id}`);
  await page.getByLabel("Capacity").fill("1");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText(`${s.department.name} saved.`);

  // Both residents present on the first crowded day are listed, with the reason in words.
  const crowded = formatters("en").date(addDays(s.today, 10));
  const reason = `On ${crowded} ${s.department.name} would be above its capacity of 1 residents.`;
  await page.goto("/admin");
  for (const name of [`Specializzanda Prima ${s.tag}`, `Specializzando Secondo ${s.tag}`]) {
    const item = card.getByRole("listitem").filter({ has: page.getByRole("link", { name }) });
    await expect(item).toContainText(s.department.name);
    await expect(item).toContainText(reason);
  }
  await expectAccessible(page);

  // The rotation's page opens from the dashboard with an alert at the top naming the same reason.
  await card.getByRole("link", { name: `Specializzanda Prima ${s.tag}` }).click();
  await expect(page).toHaveURL(`/admin/rotations/${s.first.id}`);
  const alert = page.getByRole("alert").filter({ hasText: "A later change means this rotation now breaks the rules" });
  await expect(alert).toContainText(reason);
  await expectAccessible(page);
  // On a phone too, without sideways scrolling.
  await page.setViewportSize({ width: 375, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Cancelling it frees the place: neither rotation breaks the rules any more.
  await page.getByRole("button", { name: "Cancel this rotation" }).click();
  await expect(page.getByRole("status")).toHaveText("Rotation cancelled: its days are free again.");
  await expect(alert).toHaveCount(0);
  await page.goto("/admin");
  await expect(card.getByRole("link", { name: new RegExp(s.tag) })).toHaveCount(0);
  await page.goto(`/admin/rotations/${s.second.id}`);
  await expect(page.getByRole("alert")).toHaveCount(0);
});
