import { randomUUID } from "node:crypto";
import { addDays, hospitalToday, toIsoDate } from "~/domain/dates";
import { DEFAULT_FORMS } from "~/domain/evaluations";
import { formVersionFor } from "~/models/evaluation-form.server";
import { issueCalendarToken } from "~/services/calendar.server";
import { prisma } from "~/utils/db.server";
import { createUser, expect, ORIGIN, signInAs, test } from "./fixtures";
import { fullPath, manifest } from "./manifest";
import { ROUTE_SAMPLES } from "./route-samples";

/**
 * A resident can never read or change another resident's rotations: every route of the app (read from
 * Remix's manifest), with the other resident's ids in the path and in the query, by GET and by POST
 * with every intent the app uses, answers without a trace of the other resident, and their records are
 * exactly as they were afterwards. Tutors see only the residents in their care.
 */
async function twoResidents() {
  const tag = randomUUID().slice(0, 6);
  const today = hospitalToday();
  const mine = await createUser(["resident"], { name: `Residente Uno ${tag}` });
  const theirs = await createUser(["resident"], { name: `Residente Riservata ${tag}` });
  const tutor = await createUser(["tutor"], { name: `Tutor Estraneo ${tag}` });
  const university = await prisma.university.create({
    data: {
      name: `Ateneo Riservato ${tag}`,
      city: "Milano",
      programmes: { create: { specialtyCode: "ematologia", directorName: "P", directorEmail: "p@example.it", durationYears: 4 } },
    },
    include: { programmes: true },
  });
  const programmeId = university.programmes[0]!.id;
  const department = await prisma.department.create({ data: { name: `Reparto Segreto ${tag}`, capacity: 3 } });
  const stay = { programmeId, yearOfTraining: 2, stayStart: addDays(today, -30), stayEnd: addDays(today, 300) };
  const myRecord = await prisma.resident.create({ data: { userId: mine.id, studentNumber: `U${tag}`, ...stay } });
  const theirRecord = await prisma.resident.create({ data: { userId: theirs.id, studentNumber: `R${tag}`, ...stay } });
  const rotation = await prisma.rotation.create({
    data: {
      residentId: theirRecord.id,
      departmentId: department.id,
      startDate: addDays(today, -10),
      endDate: addDays(today, 40),
      state: "confirmed",
      notes: `Nota privata ${tag}`,
    },
  });
  const catalogue = await prisma.logbookCatalogue.create({
    data: {
      programmeId,
      version: 1,
      validFrom: addDays(today, -400),
      activities: { create: { code: "bom", category: "Procedure", labelIt: "Biopsia", labelEn: "Biopsy", position: 0 } },
    },
    include: { activities: true },
  });
  const entry = await prisma.logbookEntry.create({
    data: {
      residentId: theirRecord.id,
      activityId: catalogue.activities[0]!.id,
      departmentId: department.id,
      date: addDays(today, -2),
      count: 1,
      degree: "support",
      note: `Nota libretto ${tag}`,
    },
  });
  // Their tutor's signed evaluation of them, not yet acknowledged.
  const version = await prisma.$transaction((tx) => formVersionFor(tx, "tutor-resident", programmeId));
  const evaluation = await prisma.tutorEvaluation.create({
    data: {
      rotationId: rotation.id,
      formVersionId: version.id,
      answers: JSON.stringify({ strengths: `Giudizio riservato ${tag}` }),
      signedAt: new Date(),
    },
  });
  await issueCalendarToken(theirs.id);
  return { tag, mine, myRecord, theirs, theirRecord, rotation, department, tutor, entry, evaluation };
}

const INTENTS = [
  "create",
  "update",
  "cancel",
  "apply",
  "archive",
  "restore",
  "delete",
  "sign",
  "terminate",
  "renew",
  "upload",
  "issue",
  "revoke",
  "deactivate",
  "reactivate",
  "policy-check",
  "log",
  "countersign",
  "certify",
  "certify-month",
  "return",
  "correct",
  "reopen",
  "submit",
  "draft",
  "acknowledge",
  "assign",
];

test("a resident cannot reach another resident's rotations by any URL or action", async ({ page }) => {
  test.setTimeout(120_000);
  const s = await twoResidents();
  await signInAs(page, s.mine);
  const before = {
    rotation: await prisma.rotation.findUniqueOrThrow({ where: { id: s.rotation.id } }),
    resident: await prisma.resident.findUniqueOrThrow({ where: { id: s.theirRecord.id } }),
    user: await prisma.user.findUniqueOrThrow({ where: { id: s.theirs.id } }),
    entry: await prisma.logbookEntry.findUniqueOrThrow({ where: { id: s.entry.id } }),
    evaluation: await prisma.tutorEvaluation.findUniqueOrThrow({ where: { id: s.evaluation.id } }),
  };
  // The department is named in public institutional data (/open); only signed-in pages must not tie it to them.
  const personal = [s.theirs.name, s.theirs.email, `Nota privata ${s.tag}`, `Nota libretto ${s.tag}`, `Giudizio riservato ${s.tag}`];
  const secretsOf = (policy: string | undefined) => (policy === "public" ? personal : [...personal, s.department.name]);
  const ids: Record<string, string> = {
    ":rotationId": s.rotation.id,
    ":residentId": s.theirRecord.id,
    ":userId": s.theirs.id,
    ":entryId": s.entry.id,
  };
  const query = new URLSearchParams({
    resident: s.theirRecord.id,
    residentId: s.theirRecord.id,
    user: s.theirs.id,
    rotation: s.rotation.id,
    rotationId: s.rotation.id,
    entry: s.entry.id,
    entryId: s.entry.id,
  });

  const routes = await manifest();
  const leaks: string[] = [];
  for (const route of Object.values(routes)) {
    if (route.id === "root") continue;
    let url = fullPath(routes, route);
    for (const [param, value] of Object.entries(ids)) url = url.replace(param, value);
    for (const [param, make] of Object.entries(ROUTE_SAMPLES))
      if (url.includes(param)) url = url.replace(param, await make({ userId: s.mine.id }));
    const target = `${url}?${query}`;
    const secrets = secretsOf(route.module.handle?.policy);

    const got = await page.request.get(target, { maxRedirects: 0 });
    const text = await got.text();
    for (const secret of secrets) if (text.includes(secret)) leaks.push(`GET ${target} (${got.status()}) shows “${secret}”`);
    if (got.status() >= 500) leaks.push(`GET ${target} answered ${got.status()}`);

    if (!route.module.action) continue;
    for (const intent of INTENTS) {
      const res = await page.request.post(target, {
        maxRedirects: 0,
        headers: { Origin: ORIGIN },
        form: {
          intent,
          id: s.rotation.id,
          rotationId: s.rotation.id,
          residentId: s.theirRecord.id,
          userId: s.theirs.id,
          departmentId: s.department.id,
          version: before.rotation.updatedAt.toISOString(),
          state: "cancelled",
          startDate: "2020-01-01",
          endDate: "2020-01-31",
          name: "Cambiato",
          email: `cambiato-${s.tag}@example.test`,
          entryId: s.entry.id,
          entryIds: s.entry.id,
          activityId: s.entry.activityId,
          date: toIsoDate(s.entry.date),
          count: "9",
          degree: "autonomy",
          reason: "Cambiato",
          month: toIsoDate(s.entry.date).slice(0, 7),
          comment: "Cambiato",
          "item.strengths": "Cambiato",
        },
      });
      const body = await res.text();
      for (const secret of secrets) if (body.includes(secret)) leaks.push(`POST ${intent} ${target} (${res.status()}) shows “${secret}”`);
      if (res.status() >= 500) leaks.push(`POST ${intent} ${target} answered ${res.status()}`);
    }
  }
  expect(leaks).toEqual([]);

  // Nothing of theirs changed.
  expect(await prisma.rotation.findUniqueOrThrow({ where: { id: s.rotation.id } })).toEqual(before.rotation);
  expect(await prisma.resident.findUniqueOrThrow({ where: { id: s.theirRecord.id } })).toEqual(before.resident);
  expect(await prisma.user.findUniqueOrThrow({ where: { id: s.theirs.id } })).toEqual(before.user);
  expect(await prisma.rotation.count({ where: { residentId: s.myRecord.id } })).toBe(0);
  expect(await prisma.logbookEntry.findUniqueOrThrow({ where: { id: s.entry.id } })).toEqual(before.entry);
  expect(await prisma.logbookEntry.count({ where: { residentId: s.myRecord.id } })).toBe(0);
  expect(await prisma.evaluationSubmission.count({ where: { rotationId: s.rotation.id } })).toBe(0);
  // Nor their tutor's evaluation of them: not read, not acknowledged.
  expect(await prisma.tutorEvaluation.findUniqueOrThrow({ where: { id: s.evaluation.id } })).toEqual(before.evaluation);

  // Their own pages and their calendar show only their own (empty) plan.
  await page.goto("/me/rotations");
  await expect(page.getByRole("main")).not.toContainText(s.department.name);
  await expect(page.getByRole("main")).not.toContainText(s.theirs.name);
});

test("a tutor sees only the residents in their care", async ({ browser }) => {
  const s = await twoResidents();
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await signInAs(page, s.tutor);
  await page.goto("/tutor/residents");
  await expect(page.getByRole("main")).not.toContainText(s.theirs.name);
  // Nor their logbook progress, by address: as if they did not exist.
  const progress = `/tutor/residents/${s.theirRecord.id}/progress`;
  expect((await page.request.get(progress, { maxRedirects: 0 })).status()).toBe(404);
  // Nor their evaluation: the rotation is not theirs to evaluate.
  const evaluation = await page.request.get(`/tutor/evaluations/${s.rotation.id}`, { maxRedirects: 0 });
  expect(evaluation.status()).toBe(404);
  expect(await evaluation.text()).not.toContain(`Giudizio riservato ${s.tag}`);
  // Once on the department's staff, the rotating resident is in their care.
  await prisma.departmentTutor.create({ data: { departmentId: s.department.id, userId: s.tutor.id } });
  await page.goto("/tutor/residents");
  await expect(page.getByRole("main")).toContainText(s.theirs.name);
  await expect(page.getByRole("main")).not.toContainText(s.mine.name);
  expect((await page.request.get(progress, { maxRedirects: 0 })).status()).toBe(200);
  expect((await page.request.get(`/tutor/residents/${s.myRecord.id}/progress`, { maxRedirects: 0 })).status()).toBe(404);
  await context.close();
});

test("a resident is refused every progress page, their own programme's and another resident's", async ({ page }) => {
  const s = await twoResidents();
  await signInAs(page, s.mine);
  for (const url of [
    `/tutor/residents/${s.theirRecord.id}/progress`,
    `/tutor/residents/${s.myRecord.id}/progress`,
    `/admin/residents/${s.theirRecord.id}/logbook`,
    `/admin/programmes/${s.theirRecord.programmeId}/progress?show=all`,
    `/admin/programmes/${s.theirRecord.programmeId}/progress.csv?show=all`,
  ]) {
    const res = await page.request.get(url, { maxRedirects: 0 });
    expect(res.status(), url).toBe(403);
    expect(await res.text(), url).not.toContain(s.theirs.name);
  }
});

test("a resident cannot open, mark read or see another person's notification, even knowing its id", async ({ page }) => {
  const s = await twoResidents();
  const theirs = await prisma.notification.create({
    data: {
      userId: s.theirs.id,
      kind: "rotation-starting",
      category: "rotations",
      params: JSON.stringify({ department: s.department.name, startDate: "2027-01-11" }),
      link: "/me/rotations",
      delivery: "portal",
    },
  });
  await signInAs(page, s.mine);
  const forms: Array<Record<string, string>> = [
    { intent: "open", id: theirs.id },
    { intent: "read", id: theirs.id, page: "1" },
    { intent: "read-all" },
  ];
  for (const form of forms) {
    const res = await page.request.post("/notifications", { maxRedirects: 0, headers: { Origin: ORIGIN }, form });
    // Opening or marking it is "not found", as for an id that never existed; marking all read marks only one's own.
    expect(res.status(), form.intent).toBe(form.intent === "read-all" ? 302 : 404);
    const body = await res.text();
    for (const secret of [s.department.name, theirs.link, s.theirs.name]) expect(body, form.intent).not.toContain(secret);
  }
  const missing = await page.request.post("/notifications", {
    maxRedirects: 0,
    headers: { Origin: ORIGIN },
    form: { intent: "open", id: `no-such-${s.tag}` },
  });
  expect(missing.status()).toBe(404);
  expect((await prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();
  await page.goto("/notifications");
  await expect(page.getByRole("main")).not.toContainText(s.department.name);
  await expect(page.getByRole("banner").getByRole("link", { name: "Notifications" })).toHaveAccessibleName("Notifications");
  for (const url of [`/notifications?id=${theirs.id}`, `/notifications?page=1&user=${s.theirs.id}`]) {
    expect(await (await page.request.get(url)).text(), url).not.toContain(s.department.name);
  }
});

test("a resident cannot open or submit another resident's confidential evaluation of a rotation", async ({ page }) => {
  const s = await twoResidents();
  // Their rotation ended a week ago: its evaluation is open, for them.
  await prisma.rotation.update({
    where: { id: s.rotation.id },
    data: { startDate: addDays(hospitalToday(), -40), endDate: addDays(hospitalToday(), -7) },
  });
  await signInAs(page, s.mine);
  const url = `/me/evaluations/${s.rotation.id}`;
  const opened = await page.request.get(url, { maxRedirects: 0 });
  expect(opened.status()).toBe(404);
  const answers = Object.fromEntries(
    DEFAULT_FORMS["resident-rotation"].map((item) => [
      `item.${item.key}`,
      item.type === "rating" ? "1" : item.type === "yesno" ? "no" : "Pessimo",
    ]),
  );
  const sent = await page.request.post(url, { maxRedirects: 0, headers: { Origin: ORIGIN }, form: { intent: "submit", ...answers } });
  expect(sent.status()).toBe(404);
  for (const res of [opened, sent]) {
    const body = await res.text();
    for (const secret of [s.department.name, s.theirs.name]) expect(body).not.toContain(secret);
  }
  expect(await prisma.evaluationSubmission.count({ where: { rotationId: s.rotation.id } })).toBe(0);
  expect(await prisma.sealedEvaluationAnswer.count({ where: { payload: { contains: s.department.id } } })).toBe(0);
});

test("a resident never sees or cancels another resident's leave, and a tutor decides only the leave of their rotations", async ({
  page,
  browser,
}) => {
  const s = await twoResidents();
  const start = addDays(hospitalToday(), 20);
  const theirs = await prisma.absence.create({
    data: {
      residentId: s.theirRecord.id,
      kind: "personal",
      state: "requested",
      startDate: start,
      endDate: addDays(start, 1),
      note: `Motivo riservato ${s.tag}`,
      rotationId: s.rotation.id,
    },
  });
  await signInAs(page, s.mine);
  await page.goto("/me/absences");
  await expect(page.getByRole("main")).not.toContainText(`Motivo riservato ${s.tag}`);
  const cancel = await page.request.post("/me/absences", {
    maxRedirects: 0,
    headers: { Origin: ORIGIN },
    form: { intent: "cancel", absenceId: theirs.id },
  });
  expect(cancel.status()).toBe(404);
  expect(await cancel.text()).not.toContain(`Motivo riservato ${s.tag}`);
  expect((await prisma.absence.findUniqueOrThrow({ where: { id: theirs.id } })).state).toBe("requested");

  // A tutor who does not supervise the rotation: not on their page, and "not found" when decided by id.
  const context = await browser.newContext({ locale: "en-GB" });
  const tutorPage = await context.newPage();
  await signInAs(tutorPage, s.tutor);
  await tutorPage.goto("/tutor/absences");
  await expect(tutorPage.getByRole("main")).not.toContainText(s.theirs.name);
  const approve = await tutorPage.request.post("/tutor/absences", {
    maxRedirects: 0,
    headers: { Origin: ORIGIN },
    form: { intent: "approve", absenceId: theirs.id },
  });
  expect(approve.status()).toBe(404);
  expect((await prisma.absence.findUniqueOrThrow({ where: { id: theirs.id } })).state).toBe("requested");
  await context.close();
});
