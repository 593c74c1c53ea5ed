import { randomUUID } from "node:crypto";
import { addDays, hospitalToday, toIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createCoveredProgramme, createDepartment, createResident } from "../test/factories";
import { createUser, expect, signInAs, test } from "./fixtures";

/** A resident of a fresh programme covered by an agreement granting one post, and a department of capacity 1. */
async function setting() {
  const tag = randomUUID().slice(0, 6);
  const today = hospitalToday();
  const tutor = await createUser(["tutor"], { name: `Dott. Guida ${tag}` });
  const outsider = await createUser(["tutor"], { name: `Dott. Esterno ${tag}` });
  const residentUser = await createUser(["resident"], { name: `Specializzanda ${tag}` });
  const otherUser = await createUser(["resident"], { name: `Collega ${tag}` });
  const { programme } = await createCoveredProgramme({
    university: `Ateneo Rotazioni ${tag}`,
    specialtyCode: "ematologia",
    posts: 1,
    startDate: addDays(today, -100),
    endDate: addDays(today, 60),
    signedOn: addDays(today, -110),
  });
  const department = await createDepartment(`Ematologia Prova ${tag}`, 1, [tutor.id]);
  const stay = { programmeId: programme.id, stayStart: addDays(today, -90), stayEnd: addDays(today, 200) };
  const resident = await createResident({ userId: residentUser.id, yearOfTraining: 2, studentNumber: `S${tag}`, ...stay });
  const other = await createResident({ userId: otherUser.id, yearOfTraining: 3, studentNumber: `O${tag}`, ...stay });
  return { today, tutor, outsider, residentUser, otherUser, resident, other, department };
}

const day = (today: Date, offset: number) => toIsoDate(addDays(today, offset));

test("a coordinator's rotation is refused with the rules it breaks, then accepted; the resident and the tutor see it", async ({
  page,
  browser,
  loginAs,
}) => {
  const s = await setting();
  // The colleague already holds the programme's only post in the first days.
  await prisma.rotation.create({
    data: {
      residentId: s.other.id,
      departmentId: s.department.id,
      tutorId: s.tutor.id,
      startDate: addDays(s.today, -5),
      endDate: addDays(s.today, 5),
      state: "confirmed",
    },
  });

  await loginAs(["admin"]);
  await page.goto(`/admin/rotations/new?resident=${s.resident.id}`);
  await page.getByLabel("Department").selectOption({ label: s.department.name });
  await page.getByLabel("Supervising tutor").selectOption({ label: s.tutor.name });
  await page.getByLabel("First day").fill(day(s.today, 0));
  await page.getByLabel("Last day").fill(day(s.today, 90));
  // The live check names the broken rules before anything is saved.
  const check = page.getByRole("region", { name: "Rule check" });
  await expect(check).toContainText("would be above its capacity of 1 residents");
  await expect(check).toContainText("no agreement in force covers the resident's programme");
  await expect(check).toContainText("above the 1 posts its agreement grants");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert").first()).toContainText("This rotation cannot be saved");
  expect(await prisma.rotation.count({ where: { residentId: s.resident.id } })).toBe(0);

  // After the colleague's rotation and within the agreement: accepted.
  await page.getByLabel("First day").fill(day(s.today, 6));
  await page.getByLabel("Last day").fill(day(s.today, 50));
  await expect(check).toContainText("All seven rules are met for these dates.");
  await page.getByLabel("Decision").selectOption({ label: "Confirmed" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Rotation planned.");
  expect(await prisma.rotation.count({ where: { residentId: s.resident.id, state: "confirmed" } })).toBe(1);

  // A tutor who is not on the department's staff is refused on the server.
  const rotation = await prisma.rotation.findFirstOrThrow({ where: { residentId: s.resident.id } });
  await page.goto(`/admin/rotations/${rotation.id}`);
  const res = await page.request.post(`/admin/rotations/${rotation.id}`, {
    headers: { Origin: new URL(page.url()).origin },
    form: {
      intent: "update",
      version: rotation.updatedAt.toISOString(),
      residentId: s.resident.id,
      departmentId: s.department.id,
      tutorId: s.outsider.id,
      startDate: day(s.today, 6),
      endDate: day(s.today, 50),
      state: "confirmed",
    },
  });
  expect(res.status()).toBe(409);
  expect((await prisma.rotation.findUniqueOrThrow({ where: { id: rotation.id } })).tutorId).toBe(s.tutor.id);

  // The resident sees it with the tutor's contact; nothing of the colleague.
  const residentContext = await browser.newContext({ locale: "en-GB" });
  const residentPage = await residentContext.newPage();
  await signInAs(residentPage, s.residentUser);
  await residentPage.goto("/me/rotations");
  const upcoming = residentPage.getByRole("region", { name: "Upcoming" });
  await expect(upcoming).toContainText(s.department.name);
  await expect(upcoming.getByRole("link", { name: s.tutor.email })).toBeVisible();
  await expect(residentPage.getByText(s.otherUser.name)).toHaveCount(0);
  const forbidden = await residentPage.goto(`/admin/rotations/${rotation.id}`);
  expect(forbidden?.status()).toBe(403);
  await residentContext.close();

  // The tutor sees both residents rotating in their department.
  const tutorContext = await browser.newContext({ locale: "en-GB" });
  const tutorPage = await tutorContext.newPage();
  await signInAs(tutorPage, s.tutor);
  await tutorPage.goto("/tutor/residents");
  await expect(tutorPage.getByRole("cell", { name: new RegExp(s.residentUser.name) })).toBeVisible();
  await expect(tutorPage.getByRole("cell", { name: new RegExp(s.otherUser.name) })).toBeVisible();
  await tutorContext.close();
});
