import { randomUUID } from "node:crypto";
import { addDays, hospitalToday } from "~/domain/dates";
import { recordAudit } from "~/models/audit.server";
import { prisma } from "~/utils/db.server";
import { createUser, expect, expectAccessible, signInAs, test } from "./fixtures";

/**
 * Browsing the history: administrators filter the whole history and follow an entry to its record;
 * a resident sees the changes about them, with who made them, and nothing of anyone else.
 */
async function residentOf(name: string, tag: string, n: number) {
  const user = await createUser(["resident"], { name: `${name} ${tag}` });
  const programme = await prisma.programme.findFirstOrThrow({ where: { specialtyCode: "oncologia-medica" }, select: { id: true } });
  const today = hospitalToday();
  const record = await prisma.resident.create({
    data: {
      userId: user.id,
      programmeId: programme.id,
      yearOfTraining: 1,
      studentNumber: `HI${n}${tag}`,
      stayStart: addDays(today, -90),
      stayEnd: addDays(today, 270),
    },
  });
  return { user, record, programmeId: programme.id };
}

test("an administrator filters the history by record type, action and person, and follows an entry to its record", async ({
  page,
  loginAs,
}) => {
  const tag = randomUUID().slice(0, 6);
  const admin = await loginAs(["admin"]);
  const { record, user } = await residentOf("Ilaria Cronologia", tag, 1);
  await prisma.$transaction(async (tx) => {
    await recordAudit(tx, {
      actorId: admin.id,
      action: "update",
      entityType: "resident",
      entityId: record.id,
      before: { yearOfTraining: 1 },
      after: { yearOfTraining: 2 },
    });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "create",
      entityType: "resident",
      entityId: record.id,
      before: null,
      after: { name: user.name, yearOfTraining: 1 },
    });
  });

  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "History" }).click();
  await expect(page).toHaveURL("/admin/history");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("History");

  const filters = page.getByRole("search", { name: "Filter the history" });
  await filters.getByLabel("Record", { exact: true }).selectOption({ label: "Resident" });
  await filters.getByLabel("Action").selectOption({ label: "Changed" });
  await filters.getByLabel("Person").selectOption({ label: admin.name });
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/admin\/history\?/);
  expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ type: "resident", action: "update", actor: admin.id });

  const list = page.getByRole("list", { name: "Changes, newest first" });
  await expect(list.getByRole("listitem")).toHaveCount(1);
  const entry = list.getByRole("listitem").first();
  await expect(entry).toContainText("Resident");
  await expect(entry).toContainText(`Changed ·`);
  await expect(entry).toContainText(admin.name);
  await expect(entry.getByRole("term")).toHaveText("Year of training");
  await expect(entry.getByRole("deletion")).toHaveText("1");
  await expect(entry.getByRole("insertion")).toHaveText("2");
  await expectAccessible(page);

  // The same person's other change to the record shows once the action filter is lifted.
  await filters.getByLabel("Action").selectOption({ label: "All" });
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(list.getByRole("listitem")).toHaveCount(2);

  // The export has the same entries, one change per row.
  const csv = await page.request.get(`/admin/history.csv?type=resident&actor=${admin.id}`);
  expect(csv.status()).toBe(200);
  const rows = await csv.text();
  expect(rows).toContain(user.name);
  expect(rows).toContain("Year of training: 1 → 2");

  await entry.getByRole("link", { name: user.name, exact: true }).click();
  await expect(page).toHaveURL(`/admin/residents/${record.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(user.name);
});

test("a resident sees who changed what about them, and nothing of another resident", async ({ page }) => {
  const tag = randomUUID().slice(0, 6);
  const mine = await residentOf("Marta Propria", tag, 1);
  const theirs = await residentOf("Ottavio Altrui", tag, 2);
  const admin = await createUser(["admin"], { name: `Segreteria Didattica ${tag}` });
  const tutor = await createUser(["tutor"], { name: `Tutor Correttore ${tag}` });
  const department = await prisma.department.create({ data: { name: `Reparto Altrui ${tag}`, capacity: 2 } });
  const session = await prisma.teachingSession.create({
    data: {
      title: `Seminario di ematologia ${tag}`,
      type: "seminar",
      date: addDays(hospitalToday(), -2),
      startTime: "10:00",
      durationMinutes: 60,
      confirmedAt: new Date(),
      tutors: { create: { userId: tutor.id, lead: true } },
      programmes: { create: { programmeId: mine.programmeId } },
      attendance: {
        create: [
          { residentId: mine.record.id, status: "present" },
          { residentId: theirs.record.id, status: "excused" },
        ],
      },
    },
  });
  const rotation = await prisma.rotation.create({
    data: {
      residentId: theirs.record.id,
      departmentId: department.id,
      startDate: addDays(hospitalToday(), 10),
      endDate: addDays(hospitalToday(), 20),
      state: "planned",
    },
  });
  await prisma.$transaction(async (tx) => {
    await recordAudit(tx, {
      actorId: admin.id,
      action: "update",
      entityType: "resident",
      entityId: mine.record.id,
      before: { yearOfTraining: 1 },
      after: { yearOfTraining: 2 },
    });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "update",
      entityType: "resident",
      entityId: theirs.record.id,
      before: { yearOfTraining: 1 },
      after: { yearOfTraining: 3 },
    });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "create",
      entityType: "rotation",
      entityId: rotation.id,
      before: null,
      after: { residentId: theirs.record.id, departmentId: department.id },
    });
    await recordAudit(tx, {
      actorId: tutor.id,
      action: "correct",
      entityType: "attendance",
      entityId: session.id,
      before: { [mine.record.id]: "absent", [theirs.record.id]: "absent", reason: null },
      after: { [mine.record.id]: "present", [theirs.record.id]: "excused", reason: `Ottavio era malato ${tag}` },
    });
  });

  await signInAs(page, mine.user);
  await page.goto("/me");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "My history" }).click();
  await expect(page).toHaveURL("/me/history");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My history");

  const list = page.getByRole("list", { name: "Changes about you, newest first" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  const attendance = list.getByRole("listitem").filter({ hasText: `Your attendance at “${session.title}”` });
  await expect(attendance).toContainText(`Attendance corrected ·`);
  await expect(attendance).toContainText(tutor.name);
  await expect(attendance.getByRole("term")).toHaveText(["Your attendance"]);
  await expect(attendance.getByRole("deletion")).toHaveText("Absent");
  await expect(attendance.getByRole("insertion")).toHaveText("Present");
  const record = list.getByRole("listitem").filter({ hasText: "Your training record" });
  await expect(record).toContainText(admin.name);
  await expect(record.getByRole("deletion")).toHaveText("1");
  await expect(record.getByRole("insertion")).toHaveText("2");
  await expectAccessible(page);

  // Nothing of the other resident, not even in the page's data: name, ids, mark, the reason about them, their rotation.
  const html = await page.content();
  for (const secret of [
    theirs.user.name,
    theirs.record.id,
    theirs.user.id,
    rotation.id,
    department.name,
    `Ottavio era malato ${tag}`,
    "Excused",
    "excused",
  ]) {
    expect(html, `the page shows ${secret}`).not.toContain(secret);
  }
  // The page takes no ids: asking for the other resident's changes still shows one's own.
  await page.goto(
    `/me/history?resident=${theirs.record.id}&residentId=${theirs.record.id}&user=${theirs.user.id}&type=rotation&record=${rotation.id}`,
  );
  await expect(list.getByRole("listitem")).toHaveCount(2);
  expect(await page.content()).not.toContain(theirs.user.name);
});

test("only administrators see the whole history, and only residents their own", async ({ page }) => {
  const resident = await createUser(["resident"]);
  await signInAs(page, resident);
  const forResident = await page.goto("/admin/history");
  expect(forResident?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  expect((await page.request.get("/admin/history.csv")).status()).toBe(403);

  await page.context().clearCookies();
  const tutor = await createUser(["tutor"]);
  await signInAs(page, tutor);
  const forTutor = await page.goto("/me/history");
  expect(forTutor?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
});
