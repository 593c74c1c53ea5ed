import { randomUUID } from "node:crypto";
import { addDays, hospitalToday, parseIsoDate, toIsoDate } from "~/domain/dates";
import { isWorkingDay, workingDaysIn } from "~/domain/working-days";
import { prisma } from "~/utils/db.server";
import { createDepartment, createResident, createTeachingSession, createUniversity } from "../test/factories";
import { createUser, expect, expectAccessible, signInAs, test } from "./fixtures";

/**
 * Personal leave, on a phone: the resident requests it, the tutor of the rotation covering its first day
 * declines nothing without a reason and approves it, and the resident finds it approved, counted in the
 * year's balance and told in the portal; the days show as "away" on the planning board and on the
 * attendance sheet. Leave recorded after the fact turns a confirmed "absent" mark into "excused", through
 * the sheet's correction, and the tutor sees the resident away today.
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
  return { tag, department, residentUser, resident };
}

/** A lecture of the resident's programme on `day`, taught by the tutor. */
function lecture(
  tutorId: string,
  programmeId: string,
  day: Date,
  tag: string,
  done: { residentId: string; status: "absent" } | null = null,
) {
  return createTeachingSession({
    ...(done ? { confirmedAt: new Date(), marks: [[done.residentId, done.status]] } : {}),
    title: `Lezione di ematologia ${tag}`,
    type: "lecture",
    date: day,
    startTime: "10:00",
    minutes: 60,
    createdById: tutorId,
    tutorIds: [tutorId],
    programmeIds: [programmeId],
  });
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
  const { tag, department, residentUser, resident } = await residentOnRotation(tutor.id);
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
  // The lecture on its first day expects the resident, shown away and excused unless marked otherwise.
  const session = await lecture(tutor.id, resident.programmeId, start, tag);
  await tutorPage.goto(`/tutor/teaching/${session.id}/attendance`);
  await expect(tutorPage.getByRole("listitem").filter({ hasText: residentUser.name })).toContainText("Away: approved absence");
  await context.close();

  // On the planning board, the resident's days away are marked in the rotation's row.
  const admin = await createUser(["admin"]);
  const adminContext = await browser.newContext({ locale: "en-GB" });
  const adminPage = await adminContext.newPage();
  await signInAs(adminPage, admin);
  await adminPage.goto(`/admin/rotations/board?department=${department.id}&month=${toIsoDate(start).slice(0, 7)}`);
  const row = adminPage.locator("tr", { has: adminPage.getByRole("rowheader", { name: residentUser.name }) });
  const cell = row.getByRole("cell").nth(start.getUTCDate() - 1);
  await expect(cell).toHaveText("AAway");
  await expect(row.getByRole("cell").filter({ hasText: "Away" })).toHaveCount(
    Array.from({ length: 3 }, (_, i) => addDays(start, i)).filter((d) => d.getUTCMonth() === start.getUTCMonth()).length,
  );
  await expectAccessible(adminPage);
  await adminContext.close();

  // The resident finds it approved, counted ahead in the balance, and told.
  await page.goto("/me/absences");
  await expect(list).toContainText("Approved");
  await expect(list).toContainText(`By ${tutor.name}`);
  await expect(balance.getByText("Approved, to come").locator("..")).toContainText(String(days));
  await page.goto("/notifications");
  await expect(page.getByRole("main")).toContainText("was approved");
});

test("leave recorded after the fact excuses a confirmed absent mark through the sheet's correction", async ({ page, browser, loginAs }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await loginAs(["admin"]);
  const tutor = await createUser(["tutor"], { name: `Luca Serra ${randomUUID().slice(0, 6)}` });
  const { tag, residentUser, resident } = await residentOnRotation(tutor.id);
  const today = hospitalToday();
  const yesterday = addDays(today, -1);
  // Confirmed yesterday with the resident marked absent.
  const session = await lecture(tutor.id, resident.programmeId, yesterday, tag, { residentId: resident.id, status: "absent" });

  await page.goto(`/admin/residents/${resident.id}/absences`);
  const form = page.getByRole("region", { name: "Record an absence" });
  await form.getByLabel("Kind").selectOption({ label: "Personal leave" });
  await form.getByLabel("First day").fill(toIsoDate(yesterday));
  await form.getByLabel("Last day").fill(toIsoDate(addDays(today, 2)));
  await form.getByLabel("Reason or note").fill("Lutto familiare, comunicato al rientro");
  await form.getByRole("button", { name: "Record the absence" }).click();
  await expect(page.getByRole("status")).toContainText("Absence recorded.");
  const mark = await prisma.attendance.findUniqueOrThrow({
    where: { sessionId_residentId: { sessionId: session.id, residentId: resident.id } },
  });
  expect(mark.status).toBe("excused");

  // The tutor finds the mark corrected, with the reason, and the resident away today.
  const context = await browser.newContext({ locale: "en-GB", viewport: { width: 375, height: 812 } });
  const tutorPage = await context.newPage();
  await signInAs(tutorPage, tutor);
  await tutorPage.goto(`/tutor/teaching/${session.id}/attendance`);
  await expect(tutorPage.getByRole("listitem").filter({ hasText: residentUser.name }).first()).toContainText("Excused");
  const corrected = tutorPage.getByRole("region", { name: "History" }).getByRole("listitem").filter({ hasText: "Attendance corrected" });
  await expect(corrected).toContainText("Approved absence");
  await tutorPage.goto("/tutor/residents");
  await expect(tutorPage.getByRole("row").filter({ hasText: residentUser.name })).toContainText("Away today, until");
  await expectAccessible(tutorPage);
  await context.close();
});

test("an administrator pages through the requests waiting outside rotations and stays on the page after deciding", async ({
  page,
  loginAs,
}) => {
  const tag = randomUUID().slice(0, 6);
  const university = await createUniversity({ name: `Ateneo Attese ${tag}`, programmes: [{ specialtyCode: "ematologia" }] });
  const user = await createUser(["resident"], { name: `Ada Attese ${tag}` });
  const resident = await createResident({
    userId: user.id,
    programmeId: university.programmes[0]!.id,
    studentNumber: `W-${tag}`,
    stayStart: parseIsoDate("2094-11-01")!,
    stayEnd: parseIsoDate("2099-10-31")!,
  });
  // 26 single days after anything else waiting (a retry's too): the end of the soonest-first list is theirs.
  const latest = await prisma.absence.findFirst({ where: { kind: "personal", state: "requested" }, orderBy: { endDate: "desc" } });
  const from = addDays(latest && latest.endDate > parseIsoDate("2095-01-01")! ? latest.endDate : parseIsoDate("2095-01-01")!, 1);
  await prisma.absence.createMany({
    data: Array.from({ length: 26 }, (_, i) => {
      const day = addDays(from, i);
      return {
        residentId: resident.id,
        kind: "personal",
        state: "requested",
        startDate: day,
        endDate: day,
        note: `Attesa ${i + 1} ${tag}`,
      };
    }),
  });
  await loginAs(["admin"]);
  await page.goto("/admin/absences?administratorsPage=9999");
  const outside = page.getByRole("region", { name: "Outside any rotation" });
  const pages = page.getByRole("navigation", { name: "Pages of Outside any rotation" });
  await expect(pages).toContainText(/Page (\d+) of \1 · \d+ requests, soonest first/);
  const last = Number(/Page (\d+)/.exec((await pages.textContent()) ?? "")![1]);
  await expect(outside.getByRole("listitem").last()).toContainText(`Attesa 26 ${tag}`);
  await expect(pages.getByRole("link", { name: "Next page" })).toHaveCount(0);
  await expectAccessible(page);

  // The one before lists earlier requests; deciding one there comes back to the same page.
  await pages.getByRole("link", { name: "Previous page" }).click();
  await expect(page).toHaveURL(new RegExp(`administratorsPage=${last - 1}$`));
  const first = outside.getByRole("listitem").filter({ hasText: `Attesa 1 ${tag}` });
  await expect(first).toHaveCount(1);
  await first.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status")).toContainText("Leave approved");
  await expect(page).toHaveURL(new RegExp(`/admin/absences\\?administratorsPage=${last - 1}$`));
  await expect(page).not.toHaveURL(/index/);
  expect((await prisma.absence.findFirstOrThrow({ where: { residentId: resident.id, note: `Attesa 1 ${tag}` } })).state).toBe("approved");
});

test("a tutor with many requests waiting reads them 25 at a time", async ({ page, loginAs }) => {
  const tutor = await loginAs(["tutor"]);
  const { tag, resident } = await residentOnRotation(tutor.id);
  const rotation = await prisma.rotation.findFirstOrThrow({ where: { residentId: resident.id } });
  const today = hospitalToday();
  await prisma.absence.createMany({
    data: Array.from({ length: 26 }, (_, i) => {
      const day = addDays(today, 1 + i);
      return {
        residentId: resident.id,
        rotationId: rotation.id,
        kind: "personal",
        state: "requested",
        startDate: day,
        endDate: day,
        note: `Giorno ${i + 1} ${tag}`,
      };
    }),
  });
  await page.goto("/tutor/absences");
  const waiting = page.getByRole("region", { name: "Awaiting a decision" });
  await expect(waiting.getByRole("listitem")).toHaveCount(25);
  await expect(waiting.getByRole("listitem").first()).toContainText(`Giorno 1 ${tag}`);
  await expect(waiting).toContainText("Page 1 of 2 · 26 requests, soonest first");
  await waiting.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/\/tutor\/absences\?page=2$/);
  await expect(waiting.getByRole("listitem")).toHaveCount(1);
  await expect(waiting.getByRole("listitem")).toContainText(`Giorno 26 ${tag}`);
});
