import type { Download } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import { parseIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import {
  createCatalogue,
  createDepartment,
  createLogbookEntry,
  createResident,
  createTeachingSession,
  createUniversity,
} from "../test/factories";
import { pdfText } from "../test/pdf-text";
import { createUser, expect, ORIGIN, test } from "./fixtures";

/**
 * Teaching certificates: an administrator downloads a resident's and a tutor's certificate as PDF from
 * their pages, the PDF states the figures and a code, and anyone can check that code, signed out, at
 * /verify/<code>.
 */
const d = (iso: string) => parseIsoDate(iso)!;
const CODE = /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

/** A resident of a programme and a tutor who taught them: three delivered sessions and one that does not count. */
async function teaching() {
  const tag = randomUUID().slice(0, 8);
  const tutor = await createUser(["tutor"], { name: "Paolo Marchetti" });
  const residentUser = await createUser(["resident"], { name: "Elena Fontana" });
  const university = await createUniversity({
    name: `Università di prova ${tag}`,
    programmes: [{ specialtyCode: "radioterapia", directorName: "Prof. Neri", directorEmail: "neri@example.it" }],
  });
  const programme = university.programmes[0]!;
  const resident = await createResident({
    userId: residentUser.id,
    programmeId: programme.id,
    studentNumber: `CERT-${tag}`,
    stayStart: d("2025-01-01"),
    stayEnd: d("2027-12-31"),
  });
  const confirmedAt = new Date("2026-06-30T12:00:00Z");
  const titles = {
    stereo: `Radioterapia stereotassica ${tag}`,
    contouring: `Contornamento dei volumi ${tag}`,
    absent: `Tossicità tardive ${tag}`,
    unconfirmed: `Non confermata ${tag}`,
  };
  const session = (title: string, date: string, minutes: number, status: "present" | "absent", confirmed = true) =>
    createTeachingSession({
      title,
      date: d(date),
      startTime: "15:00",
      minutes,
      confirmedAt: confirmed ? confirmedAt : null,
      tutorIds: [tutor.id],
      programmeIds: [programme.id],
      marks: [[resident.id, status]],
    });
  await session(titles.stereo, "2026-01-20", 120, "present");
  await session(titles.contouring, "2026-03-03", 90, "present");
  await session(titles.absent, "2026-04-14", 60, "absent");
  await session(titles.unconfirmed, "2026-05-05", 45, "present", false);
  return { tag, tutor, residentUser, resident, titles };
}

async function downloadedText(download: Download): Promise<string> {
  const path = await download.path();
  const bytes = await readFile(path);
  expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe("%PDF-");
  return (await pdfText(new Uint8Array(bytes))).text;
}

async function latestCode(holderId: string): Promise<string> {
  const certificate = await prisma.certificate.findFirstOrThrow({
    where: { holderId },
    orderBy: { issuedAt: "desc" },
    select: { code: true },
  });
  return certificate.code;
}

test("an administrator downloads a resident's certificate, which anyone can verify signed out", async ({ page, loginAs, browser }) => {
  const w = await teaching();
  await loginAs(["admin"]);
  await page.goto(`/admin/residents/${w.resident.id}`);
  const card = page.getByRole("region", { name: "Teaching certificate" });
  await card.getByLabel("From").fill("2025-11-01");
  await card.getByLabel("To").fill("2026-10-31");
  await card.getByRole("radio", { name: "English" }).check();
  const downloading = page.waitForEvent("download");
  await card.getByRole("button", { name: "Download certificate (PDF)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("teaching-certificate-fontana-2025-11-01-2026-10-31.pdf");

  const text = await downloadedText(download);
  const code = await latestCode(w.residentUser.id);
  expect(code).toMatch(CODE);
  expect(text).toContain("Certificate of attended teaching");
  expect(text).toContain(w.residentUser.name);
  expect(text).toContain("Radiation oncology");
  expect(text).toContain(`CERT-${w.tag}`);
  expect(text).toContain("3.5 h"); // 120 + 90 minutes present; absent and unconfirmed sessions do not count
  expect(text).toContain("Academic year 2025/26");
  expect(text).toContain(w.titles.stereo);
  expect(text).toContain(w.titles.contouring);
  expect(text).not.toContain(w.titles.absent);
  expect(text).not.toContain(w.titles.unconfirmed);
  expect(text).toContain(code);
  expect(text).toContain(`${ORIGIN}/verify/${code}`);

  // A reader of the PDF, not signed in, checks the code as typed by hand.
  const stranger = await browser.newContext();
  const reader = await stranger.newPage();
  await reader.goto("/verify");
  await reader.getByLabel("Verification code").fill(code.toLowerCase().replace(/-/g, " "));
  await reader.getByRole("button", { name: "Verify" }).click();
  await expect(reader).toHaveURL(`/verify/${code}`);
  await expect(reader.getByRole("heading", { name: "This certificate is genuine" })).toBeVisible();
  const statement = reader.locator("dl");
  await expect(statement).toContainText("Certificate of attended teaching");
  await expect(statement).toContainText(w.residentUser.name);
  await expect(statement).toContainText("1 Nov 2025 – 31 Oct 2026");
  await expect(statement).toContainText("3.5 h");
  await expect(statement).toContainText(code);
  expect(await statement.locator("dd").nth(4).textContent()).toBe("2");
  // Nothing else: no e-mail address, no student number, no session, no link into the portal.
  const body = await reader.locator("main").innerText();
  expect(body).not.toContain(w.residentUser.email);
  expect(body).not.toContain(`CERT-${w.tag}`);
  expect(body).not.toContain(w.titles.stereo);
  expect(await reader.locator("main a").evaluateAll((links) => links.map((a) => a.getAttribute("href")))).toEqual(["/verify"]);
  await stranger.close();
});

test("an administrator downloads a tutor's certificate in Italian from the tutor's page", async ({ page, loginAs, request }) => {
  const w = await teaching();
  await loginAs(["admin"]);
  await page.goto(`/admin/users/${w.tutor.id}`);
  const card = page.getByRole("region", { name: "Teaching certificate" });
  await card.getByLabel("From").fill("2026-01-01");
  await card.getByLabel("To").fill("2026-12-31");
  await card.getByRole("radio", { name: "Italiano" }).check();
  const downloading = page.waitForEvent("download");
  await card.getByRole("button", { name: "Download certificate (PDF)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("attestato-didattica-marchetti-2026-01-01-2026-12-31.pdf");

  const text = await downloadedText(download);
  const code = await latestCode(w.tutor.id);
  expect(text).toContain("Attestato di attività didattica svolta");
  expect(text).toContain(w.tutor.name);
  expect(text).toContain("4,5 ore"); // 120 + 90 + 60: the tutor gave the session the resident missed
  expect(text).toContain(w.titles.absent);
  expect(text).not.toContain(w.titles.unconfirmed);
  expect(text).toContain(code);

  const verified = await request.get(`/verify/${code}`, { headers: { "Accept-Language": "it" } });
  expect(verified.status()).toBe(200);
  const html = await verified.text();
  expect(html).toContain("Questo attestato è autentico");
  expect(html).toContain("4,5 ore");

  // The page of someone who is not a tutor has no such form.
  const other = await createUser(["admin"]);
  await page.goto(`/admin/users/${other.id}`);
  await expect(page.getByRole("region", { name: "Teaching certificate" })).toHaveCount(0);
});

test("a wrong period sends the administrator back with a message, and issues nothing", async ({ page, loginAs }) => {
  const w = await teaching();
  await loginAs(["admin"]);
  await page.goto(`/admin/residents/${w.resident.id}`);
  const card = page.getByRole("region", { name: "Teaching certificate" });
  await card.getByLabel("From").fill("2026-10-31");
  await card.getByLabel("To").fill("2025-11-01");
  await card.getByRole("button", { name: "Download certificate (PDF)" }).click();
  await expect(page).toHaveURL(`/admin/residents/${w.resident.id}`);
  await expect(page.getByRole("alert")).toContainText("The certificate was not issued: “To” must be the same day as “From” or later.");
  expect(await prisma.certificate.count({ where: { holderId: w.residentUser.id } })).toBe(0);
});

test("an unknown or malformed code is not confirmed", async ({ request, browser }) => {
  const unknown = await request.get("/verify/0000-0000-0000", { headers: { "Accept-Language": "en-GB" } });
  expect(unknown.status()).toBe(404);
  const html = await unknown.text();
  expect(html).toContain("No certificate has this code");
  expect(html).not.toContain("This certificate is genuine");
  expect((await request.get("/verify/not-a-code")).status()).toBe(404);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/verify?code=ABC");
  await expect(page.getByText("A verification code has 12 letters and digits.")).toBeVisible();
  await context.close();
});

test("residents and tutors cannot issue certificates", async ({ request }) => {
  const w = await teaching();
  for (const role of ["resident", "tutor"] as const) {
    const user = role === "tutor" ? w.tutor : w.residentUser;
    const session = await createSession(user.id);
    const res = await request.post("/admin/certificates", {
      maxRedirects: 0,
      headers: { Origin: ORIGIN, Cookie: `${SESSION_COOKIE}=${session.token}` },
      form: {
        kind: role === "tutor" ? "tutor-teaching" : "resident-teaching",
        holderId: user.id,
        from: "2025-11-01",
        to: "2026-10-31",
        locale: "en",
      },
    });
    expect(res.status(), `${role} POST`).toBe(403);
  }
  expect(await prisma.certificate.count({ where: { holderId: { in: [w.tutor.id, w.residentUser.id] } } })).toBe(0);
});

test("an administrator downloads a resident's certified logbook extract and its CSV on a phone, and the code verifies", async ({
  page,
  loginAs,
  browser,
}) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const w = await teaching();
  const department = await createDepartment(`Radioterapia ${w.tag}`, 3, [w.tutor.id]);
  const rotation = await prisma.rotation.create({
    data: {
      residentId: w.resident.id,
      departmentId: department.id,
      tutorId: w.tutor.id,
      startDate: d("2026-01-01"),
      endDate: d("2026-06-30"),
      state: "confirmed",
    },
  });
  const catalogue = await createCatalogue({
    programmeId: (await prisma.resident.findUniqueOrThrow({ where: { id: w.resident.id } })).programmeId,
    activities: [
      {
        code: `contouring-${w.tag}`,
        labelIt: "Contornamento",
        labelEn: "Target contouring",
        minimums: [{ year: 2, degree: "collaboration", count: 20 }],
      },
    ],
  });
  const activityId = catalogue.activities[0]!.id;
  const entry = (date: string, status: "certified" | "pending", count: number) =>
    createLogbookEntry({
      residentId: w.resident.id,
      activityId,
      departmentId: department.id,
      date: d(date),
      count,
      degree: "collaboration",
      tutorId: w.tutor.id,
      status,
    });
  await entry("2026-02-10", "certified", 4);
  await entry("2026-03-12", "certified", 3);
  await entry("2026-04-01", "pending", 9);

  await loginAs(["admin"]);
  await page.goto(`/admin/residents/${w.resident.id}`);
  const card = page.getByRole("region", { name: "Certified logbook extract" });
  await card.getByLabel("Rotation").selectOption(rotation.id);
  await card.getByRole("radio", { name: "English" }).check();
  const downloading = page.waitForEvent("download");
  await card.getByRole("button", { name: "Download extract (PDF)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("logbook-extract-fontana-2026-01-01-2026-06-30.pdf");
  const text = await downloadedText(download);
  const code = await latestCode(w.residentUser.id);
  for (const expected of [
    "Certified logbook extract",
    w.residentUser.name,
    department.name,
    "Target contouring",
    "February 2026",
    w.tutor.name,
    code,
  ]) {
    expect(text).toContain(expected);
  }

  const csvDownloading = page.waitForEvent("download");
  await card.getByRole("button", { name: "Download entries (CSV)" }).click();
  const csv = await readFile(await (await csvDownloading).path(), "utf8");
  expect(csv.trim().split(/\r?\n/)).toHaveLength(3); // the header and the two certified entries
  expect(csv).toContain("Target contouring");

  const stranger = await browser.newContext();
  const reader = await stranger.newPage();
  await reader.goto(`/verify/${code}`);
  const statement = reader.locator("dl");
  await expect(statement).toContainText("Certified logbook extract");
  await expect(statement).toContainText("1 Jan 2026 – 30 Jun 2026");
  await expect(statement.locator("dd").nth(3)).toHaveText("2");
  await expect(statement.locator("dd").nth(4)).toHaveText("7");
  await stranger.close();
});
