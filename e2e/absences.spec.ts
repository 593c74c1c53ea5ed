import { randomUUID } from "node:crypto";
import { addDays, hospitalToday, toIsoDate } from "~/domain/dates";
import { isWorkingDay, workingDaysIn } from "~/domain/working-days";
import { prisma } from "~/utils/db.server";
import { createDepartment, createResident, createUniversity } from "../test/factories";
import { createUser, expect, expectAccessible, signInAs, test } from "./fixtures";

/**
 * Personal leave, on a phone: the resident requests it, the tutor of the rotation covering its first day
 * declines nothing without a reason and approves it, and the resident finds it approved, counted in the
 * year's balance and told in the portal.
 */

/** A resident on a rotation of the tutor's that covers the coming two months. */
async function residentOnRotation(tutorId: string) {
  const tag = randomUUID().slice(0, 8);
  const today = hospitalToday();
  const department = await createDepartment(`Ematologia ${tag}`, 4, [tutorId]);
  const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "ematologia" }] });
  const residentUser = await createUser(["resident"], { name: `Marco Galli ${tag}` });
  const resident = await createResident({
    userId: residentUser.id,
    programmeId: university.programmes[0]!.id,
    studentNumber: `AB-${tag}`,
    stayStart: addDays(today, -300),
    stayEnd: addDays(today, 400),
  });
  await prisma.rotation.create({
    data: {
      residentId: resident.id,
      departmentId: department.id,
      tutorId,
      startDate: today,
      endDate: addDays(today, 60),
      state: "confirmed",
    },
  });
  return { residentUser, resident };
}

/** The first working day on or after `day`. */
function workingDayFrom(day: Date): Date {
  let found = day;
  while (!isWorkingDay(found)) found = addDays(found, 1);
  return found;
}

test("a resident requests leave and the rotation's tutor approves it, on a phone", async ({ page, browser }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const tutor = await createUser(["tutor"], { name: `Paola Riva ${randomUUID().slice(0, 6)}` });
  const { residentUser, resident } = await residentOnRotation(tutor.id);
  const start = workingDayFrom(addDays(hospitalToday(), 21));
  const end = addDays(start, 2);
  const days = workingDaysIn(start, end);

  await signInAs(page, residentUser);
  await page.goto("/me/absences");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My absences");
  await expectAccessible(page);
  const form = page.getByRole("region", { name: "Request leave" });
  // Dates that cannot be: refused beside the field, and nothing is kept.
  await form.getByLabel("First day").fill(toIsoDate(end));
  await form.getByLabel("Last day").fill(toIsoDate(start));
  await form.getByLabel(/Note for your tutor/).fill("Matrimonio di mia sorella");
  await form.getByRole("button", { name: "Send the request" }).click();
  await expect(form.getByText("The last day cannot come before the first.")).toBeVisible();
  await expect(form.getByLabel(/Note for your tutor/)).toHaveValue("Matrimonio di mia sorella");
  expect(await prisma.absence.count({ where: { residentId: resident.id } })).toBe(0);

  await form.getByLabel("First day").fill(toIsoDate(start));
  await form.getByLabel("Last day").fill(toIsoDate(end));
  await form.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByRole("status")).toContainText("Request sent: your tutor will decide.");
  const list = page.getByRole("region", { name: "My absences" });
  await expect(list).toContainText("Awaiting a decision");
  await expect(list).toContainText("Matrimonio di mia sorella");
  const balance = page.getByRole("region", { name: /Personal leave, training year/ });
  await expect(balance.getByText("Awaiting a decision").locator("..")).toContainText(String(days));

  // The tutor, told in the portal, declines nothing without a reason, then approves.
  const context = await browser.newContext({ locale: "en-GB", viewport: { width: 375, height: 812 } });
  const tutorPage = await context.newPage();
  await signInAs(tutorPage, tutor);
  await tutorPage.goto("/notifications");
  await expect(tutorPage.getByRole("main")).toContainText(`${residentUser.name} asks for leave`);
  await tutorPage.goto("/tutor/absences");
  await expectAccessible(tutorPage);
  const request = tutorPage.getByRole("listitem").filter({ hasText: residentUser.name });
  await expect(request).toContainText("Matrimonio di mia sorella");
  await expect(request).toContainText(`${days} days`);
  await request.getByRole("button", { name: "Decline" }).click();
  await expect(request.getByText("Give the reason.")).toBeVisible();
  expect((await prisma.absence.findFirstOrThrow({ where: { residentId: resident.id } })).state).toBe("requested");
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(tutorPage.getByRole("status")).toContainText("Leave approved: the resident is told.");
  await expect(tutorPage.getByRole("region", { name: "Decided by you" })).toContainText(residentUser.name);
  await context.close();

  // The resident finds it approved, counted ahead in the balance, and told.
  await page.goto("/me/absences");
  await expect(list).toContainText("Approved");
  await expect(list).toContainText(`By ${tutor.name}`);
  await expect(balance.getByText("Approved, to come").locator("..")).toContainText(String(days));
  await page.goto("/notifications");
  await expect(page.getByRole("main")).toContainText("was approved");
});
