import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import { addDays, hospitalToday, toIsoDate } from "~/domain/dates";
import { storeDocument } from "~/models/document.server";
import { prisma } from "~/utils/db.server";
import { createDepartment, createResident, createUniversity } from "../test/factories";
import { createUser, expect, expectAccessible, signInAs, test } from "./fixtures";
import { fullPath, manifest } from "./manifest";
import { ROUTE_SAMPLES } from "./route-samples";

/**
 * Protected absences (issue 19): an administrator records a maternity leave by type and dates; the
 * rotation it meets is flagged for re-planning with the reason, the end of the stay moves by the
 * suspended time, and the type reaches no page or file but the administrators' and the resident's own.
 */

const PDF = "%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n";

/** A resident on a rotation of the tutor's in the coming months. */
async function residentOnRotation() {
  const tag = randomUUID().slice(0, 8);
  const today = hospitalToday();
  const tutor = await createUser(["tutor"], { name: `Carla Neri ${tag}` });
  const department = await createDepartment(`Ginecologia ${tag}`, 4, [tutor.id]);
  const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "ginecologia-ostetricia" }] });
  const residentUser = await createUser(["resident"], { name: `Sara Conti ${tag}` });
  const resident = await createResident({
    userId: residentUser.id,
    programmeId: university.programmes[0]!.id,
    studentNumber: `MT-${tag}`,
    stayStart: addDays(today, -300),
    stayEnd: addDays(today, 400),
  });
  const rotation = await prisma.rotation.create({
    data: {
      residentId: resident.id,
      departmentId: department.id,
      tutorId: tutor.id,
      startDate: addDays(today, 30),
      endDate: addDays(today, 90),
      state: "confirmed",
    },
  });
  return { tag, tutor, department, university, residentUser, resident, rotation };
}

test("an administrator records a maternity leave on a phone: the rotation it meets is flagged, the stay's end moves", async ({
  page,
  loginAs,
}) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await loginAs(["admin"]);
  const { residentUser, resident, department, rotation } = await residentOnRotation();
  const start = addDays(hospitalToday(), 14);
  const end = addDays(start, 119);

  await page.goto(`/admin/residents/${resident.id}`);
  await page.getByRole("main").getByRole("link", { name: "Absences", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Absences of ${residentUser.name}`);
  await expectAccessible(page);
  const form = page.getByRole("region", { name: "Record an absence" });
  // A protected absence needs its type: refused beside the field, nothing written.
  await form.getByLabel("First day").fill(toIsoDate(start));
  await form.getByLabel("Last day").fill(toIsoDate(end));
  await form.getByRole("button", { name: "Record the absence" }).click();
  await expect(form.getByText("Choose the type of the protected absence.")).toBeVisible();
  expect(await prisma.absence.count({ where: { residentId: resident.id } })).toBe(0);

  await form.getByLabel("Type").selectOption({ label: "Maternity leave" });
  // A supporting document that is not a PDF is refused beside its field; a PDF is kept with the absence.
  await form
    .getByLabel("Supporting document")
    .setInputFiles({ name: "certificato.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html></html>") });
  await form.getByRole("button", { name: "Record the absence" }).click();
  await expect(form.getByText("This file is not a PDF (its content was checked, not its name).")).toBeVisible();
  expect(await prisma.absence.count({ where: { residentId: resident.id } })).toBe(0);
  await form
    .getByLabel("Supporting document")
    .setInputFiles({ name: "certificato.pdf", mimeType: "application/pdf", buffer: Buffer.from(PDF) });
  await form.getByRole("button", { name: "Record the absence" }).click();
  await expect(page.getByRole("status")).toContainText("Absence recorded.");
  await expect(page.getByRole("region", { name: "My absences" })).toContainText("Maternity leave");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /^Download certificato\.pdf/ }).click();
  expect(await readFile(await (await download).path(), "utf8")).toBe(PDF);
  const suspension = page.getByRole("region", { name: "Suspension of training" });
  await expect(suspension).toContainText("120 days to make up");
  await expect(suspension).toContainText("Expected end of the stay");
  await expect(suspension).not.toContainText("of the most the programme allows");
  // Past 80% of the programme's maximum, the page warns (and still records).
  await prisma.programme.update({ where: { id: resident.programmeId }, data: { maxSuspensionDays: 140 } });
  await page.reload();
  await expect(suspension).toContainText("Suspended time totals 120 days, 85% of the most the programme allows (140 days).");

  // The certificate is extended by ten days: changing the dates needs a reason, then the suspension follows.
  const item = page.getByRole("region", { name: "My absences" }).getByRole("listitem").filter({ hasText: "Maternity leave" });
  await item.getByText("Change the dates").click();
  await expect(item.getByLabel("First day")).toHaveValue(toIsoDate(start));
  await item.getByLabel("Last day").fill(toIsoDate(addDays(end, 10)));
  await item.getByRole("button", { name: "Save the new dates" }).click();
  await expect(page.getByRole("region", { name: "My absences" }).getByText("Give the reason.")).toBeVisible();
  await expect(item.getByLabel("First day")).toHaveValue(toIsoDate(start));
  expect((await prisma.absence.findFirstOrThrow({ where: { residentId: resident.id } })).endDate).toEqual(end);
  await item.getByLabel("Reason for the change").fill("Certificato prolungato");
  await item.getByLabel("Last day").fill(toIsoDate(addDays(end, 10)));
  await item.getByRole("button", { name: "Save the new dates" }).click();
  await expect(page.getByRole("status")).toContainText("Dates changed.");
  await expect(suspension).toContainText("130 days to make up");
  await expectAccessible(page);
  const row = await prisma.absence.findFirstOrThrow({ where: { residentId: resident.id } });
  expect(row).toMatchObject({ kind: "protected", protectedType: "maternity", state: "recorded" });

  // The rotation it meets breaks the seventh rule: on the dashboard and on its own page, for re-planning.
  await page.goto("/admin");
  await expect(page.getByRole("main")).toContainText(department.name);
  await page.goto(`/admin/rotations/${rotation.id}`);
  await expect(page.getByRole("main")).toContainText("The resident is away from");
  await expect(page.getByRole("main")).toContainText("on a recorded absence");
});

test("the type of a protected absence reaches no page or file but the administrators' and the resident's own", async ({ request }) => {
  test.setTimeout(180_000);
  const { tutor, university, residentUser, resident } = await residentOnRotation();
  const bytes = new TextEncoder().encode(PDF);
  const document = await prisma.$transaction((tx) => storeDocument(tx, new File([bytes], "certificato.pdf"), bytes, residentUser.id));
  const maternity = await prisma.absence.create({
    data: {
      documentId: document.id,
      residentId: resident.id,
      kind: "protected",
      protectedType: "maternity",
      state: "recorded",
      startDate: addDays(hospitalToday(), -5),
      endDate: addDays(hospitalToday(), 60),
    },
  });
  const other = await createUser(["resident"]);
  const cookieOf = async (userId: string) => `${SESSION_COOKIE}=${(await createSession(userId)).token}`;
  const readers = [
    { who: "the resident's tutor", cookie: await cookieOf(tutor.id) },
    { who: "another resident", cookie: await cookieOf(other.id) },
  ];
  const routes = await manifest();
  const leaks: string[] = [];
  let read = 0;
  for (const route of Object.values(routes)) {
    if (route.id === "root" || !route.module.loader) continue;
    // The resident's own absence where a route names one; samples elsewhere.
    let url = fullPath(routes, route).replace(":absenceId", maternity.id);
    for (const [param, make] of Object.entries(ROUTE_SAMPLES)) {
      if (url.includes(param))
        url = url.replace(param, await make({ userId: residentUser.id, tutorId: tutor.id, residentUserId: other.id }));
    }
    for (const { who, cookie } of readers) {
      const res = await request.get(url, { maxRedirects: 0, headers: { Cookie: cookie } });
      if (res.status() !== 200) continue;
      read += 1;
      const body = (await res.text()).toLowerCase();
      for (const word of ["maternity", "maternità", "protectedtype"]) if (body.includes(word)) leaks.push(`${who} ${url}: ${word}`);
    }
  }
  expect(read).toBeGreaterThan(20);
  expect(leaks).toEqual([]);
  // Its supporting PDF: refused to the tutor, not found for another resident; the resident's own and administrators' download.
  const admin = await createUser(["admin"]);
  const paths = { admin: `/admin/absences/${maternity.id}/document`, own: `/me/absences/${maternity.id}/document` };
  for (const [path, cookie, status] of [
    [paths.admin, readers[0]!.cookie, 403],
    [paths.own, readers[0]!.cookie, 403],
    [paths.own, readers[1]!.cookie, 404],
    [paths.admin, readers[1]!.cookie, 403],
    [paths.own, await cookieOf(residentUser.id), 200],
    [paths.admin, await cookieOf(admin.id), 200],
  ] as const) {
    const res = await request.get(path, { maxRedirects: 0, headers: { Cookie: cookie } });
    expect(res.status(), path).toBe(status);
    if (status === 200) expect(await res.text()).toBe(PDF);
  }

  // The resident reads their own; administrators read it on the resident's absences.
  const own = await request.get("/me/absences", { headers: { Cookie: await cookieOf(residentUser.id) } });
  expect(await own.text()).toContain("Maternity leave");
  const record = await request.get(`/admin/residents/${resident.id}/absences`, { headers: { Cookie: await cookieOf(admin.id) } });
  expect(await record.text()).toContain("Maternity leave");
  // The administrators' monthly report, page and file, shows the resident's protected days by kind alone.
  const month = toIsoDate(hospitalToday()).slice(0, 7);
  for (const path of ["/admin/absences/report", "/admin/absences/report.csv"]) {
    const report = await request.get(`${path}?university=${university.id}&month=${month}`, {
      headers: { Cookie: await cookieOf(admin.id) },
    });
    expect(report.status(), path).toBe(200);
    const body = await report.text();
    expect(body, path).toContain(residentUser.name);
    for (const word of ["maternity", "maternità", "protectedtype"]) expect(body.toLowerCase(), `${path}: ${word}`).not.toContain(word);
  }
});

test("a tutor cannot open a resident's absences page", async ({ page }) => {
  const { tutor, resident } = await residentOnRotation();
  await signInAs(page, tutor);
  expect((await page.goto(`/admin/residents/${resident.id}/absences`))?.status()).toBe(403);
});

test("an administrator sets how long a protected absence's type is kept, refused beside the field out of range", async ({
  page,
  loginAs,
}) => {
  await loginAs(["admin"]);
  await page.goto("/admin/settings");
  const card = page.getByRole("region", { name: "Absences" });
  const field = card.getByLabel("Years a protected absence's type is kept");
  await expect(field).toHaveValue("10");
  await field.fill("0");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByText("Enter a whole number of years from 1 to 50.")).toBeVisible();
  await field.fill("12");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("Absence settings saved.");
  try {
    expect((await prisma.setting.findUniqueOrThrow({ where: { key: "absences.retentionYears" } })).value).toBe("12");
  } finally {
    await prisma.setting.deleteMany({ where: { key: "absences.retentionYears" } });
  }
});
