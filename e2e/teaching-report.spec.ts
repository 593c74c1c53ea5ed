import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { addDays, hospitalToday } from "~/domain/dates";
import { academicYearOf, type YearStart } from "~/domain/teaching";
import { academicYearStart, setAcademicYearStart } from "~/models/settings.server";
import { createDepartment, createResident, createTeachingSession, createUniversity } from "../test/factories";
import { createUser, expect, ORIGIN, signInAs, test, type TestUser } from "./fixtures";

/**
 * Residents see their own teaching; administrators report on everyone's, follow each figure to the
 * sessions behind it and export it; the first day of the academic year regroups the hours. Each test
 * makes its own university, programme, department, tutor and residents.
 *
 * The settings test changes a setting every page reads, so this file's tests run one after another.
 */
test.describe.configure({ mode: "serial" });

type Mark = [resident: { id: string }, status: "present" | "absent" | "excused"];

async function world() {
  const tag = randomUUID().slice(0, 8);
  const tutor = await createUser(["tutor"], { name: `Tutor ${tag}` });
  const university = await createUniversity({
    name: `Ateneo ${tag}`,
    programmes: [{ specialtyCode: "oncologia-medica" }, { specialtyCode: "ematologia" }],
  });
  const [emato, onco] = university.programmes as [(typeof university.programmes)[number], (typeof university.programmes)[number]];
  const department = await createDepartment(`Oncologia ${tag}`, 5, [tutor.id]);
  const today = hospitalToday();
  let n = 0;
  const resident = async (programmeId: string, name: string) => {
    const user = await createUser(["resident"], { name: `${name} ${tag}` });
    const record = await createResident({
      userId: user.id,
      programmeId,
      studentNumber: `${++n}-${tag}`,
      stayStart: new Date("2015-01-01"),
      stayEnd: addDays(today, 365),
    });
    return { ...record, user };
  };
  const session = (data: {
    title: string;
    date: Date;
    startTime?: string;
    minutes: number;
    programmeId?: string;
    marks?: Mark[];
    confirmed?: boolean;
    cancelled?: boolean;
    place?: string;
    link?: string;
  }) =>
    createTeachingSession({
      title: `${data.title} ${tag}`,
      date: data.date,
      startTime: data.startTime,
      minutes: data.minutes,
      departmentId: department.id,
      place: data.place,
      link: data.link,
      cancelledAt: data.cancelled ? new Date() : null,
      confirmedAt: data.confirmed === false ? null : new Date(),
      tutorIds: [tutor.id],
      programmeIds: [data.programmeId ?? onco.id],
      marks: (data.marks ?? []).map(([r, status]) => [r.id, status]),
    });
  return { tag, tutor, university, onco, emato, department, today, resident, session };
}

async function signInAsAdmin(page: Parameters<typeof signInAs>[0]): Promise<TestUser> {
  const admin = await createUser(["admin"]);
  await signInAs(page, admin);
  return admin;
}

test.describe("a resident on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test("sees their hours, an attended, a missed and an upcoming session, and nothing of another resident's", async ({ page }) => {
    const w = await world();
    const anna = await w.resident(w.onco.id, "Anna");
    const other = await w.resident(w.emato.id, "Other");
    // Three delivered sessions two days ago (one academic year whatever the setting), one ahead.
    const past = addDays(w.today, -2);
    await w.session({ title: "Attended", date: past, startTime: "08:00", minutes: 90, marks: [[anna, "present"]] });
    await w.session({ title: "Missed", date: past, startTime: "11:00", minutes: 60, marks: [[anna, "absent"]] });
    await w.session({ title: "Excused", date: past, startTime: "15:00", minutes: 45, marks: [[anna, "excused"]] });
    await w.session({
      title: "Upcoming",
      date: addDays(w.today, 5),
      startTime: "10:30",
      minutes: 120,
      confirmed: false,
      place: `Aula ${w.tag}`,
      link: "https://meet.example.org/lecture",
    });
    await w.session({ title: "Cancelled", date: addDays(w.today, 6), minutes: 60, confirmed: false, cancelled: true });
    // The other resident's own session, in another programme.
    await w.session({ title: "Other programme", date: past, minutes: 30, programmeId: w.emato.id, marks: [[other, "present"]] });

    await signInAs(page, anna.user);
    await page.goto("/me");
    await page.getByRole("link", { name: /^Teaching this year/ }).click();
    await expect(page).toHaveURL("/me/teaching");
    await expect(page.getByRole("heading", { level: 1, name: "My teaching" })).toBeVisible();

    const start = await academicYearStart();
    const year = academicYearOf(past, start);
    const current = academicYearOf(w.today, start);
    if (year.startYear === current.startYear) {
      await expect(page.getByLabel("Your teaching this academic year")).toContainText(`Hours attended in ${current.label}1.5 h`);
    } else {
      // Within two days of the academic year's first day, the sessions belong to the year before.
      await page.getByRole("link", { name: `Sessions of ${year.label}` }).click();
    }
    const years = page.getByRole("list", { name: "Hours attended and sessions per academic year" });
    await expect(years.getByRole("listitem").filter({ hasText: `Academic year ${year.label}` })).toContainText("1.5 h");

    const attended = page.getByRole("region", { name: `Sessions attended in ${year.label}` });
    await expect(attended).toContainText(`Attended ${w.tag}`);
    await expect(attended).toContainText("08:00");
    await expect(attended).toContainText("90 min");
    await expect(attended).toContainText(`Tutor: Tutor ${w.tag}`);
    await expect(page.getByRole("region", { name: `Sessions missed in ${year.label}` })).toContainText(`Missed ${w.tag}`);
    await expect(page.getByRole("region", { name: `Excused absences in ${year.label}` })).toContainText(`Excused ${w.tag}`);

    const upcoming = page.getByRole("region", { name: "Upcoming sessions for your programme" });
    await expect(upcoming).toContainText(`Upcoming ${w.tag}`);
    await expect(upcoming).toContainText(`Place: Aula ${w.tag}`);
    await expect(upcoming.getByRole("link", { name: /Join online/ })).toHaveAttribute("href", "https://meet.example.org/lecture");

    // Nothing of anyone else, nor cancelled sessions.
    await expect(page.getByText(`Other programme ${w.tag}`)).toHaveCount(0);
    await expect(page.getByText(`Cancelled ${w.tag}`)).toHaveCount(0);
    await expect(page.getByText(other.user.name)).toHaveCount(0);
    // It fits the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
  });
});

test("an administrator reports on a period, follows a figure to its sessions and exports the report", async ({ page }) => {
  const w = await world();
  const anna = await w.resident(w.onco.id, "Anna");
  const bruno = await w.resident(w.onco.id, "Bruno");
  // February 2019: two delivered sessions for oncology (2.5 h), one cancelled; 2 present and 1 absent → 67%.
  await w.session({
    title: "Immunotherapy",
    date: new Date("2019-02-05"),
    minutes: 90,
    marks: [
      [anna, "present"],
      [bruno, "absent"],
    ],
  });
  await w.session({
    title: "Radioprotection",
    date: new Date("2019-02-12"),
    minutes: 60,
    marks: [
      [anna, "present"],
      [bruno, "excused"],
    ],
  });
  await w.session({ title: "Cancelled", date: new Date("2019-02-19"), minutes: 600, cancelled: true, marks: [[anna, "present"]] });
  await signInAsAdmin(page);

  await page.goto("/admin/reports/teaching");
  await expect(page.getByRole("heading", { level: 1, name: "Teaching report" })).toBeVisible();
  // A period that ends before it starts is refused, next to the field.
  await page.getByLabel("From", { exact: true }).fill("2019-02-28");
  await page.getByLabel("To", { exact: true }).fill("2019-02-01");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("The period cannot end before it starts.")).toBeVisible();
  await expect(page.getByLabel("To", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("From", { exact: true }).fill("2019-02-01");
  await page.getByLabel("To", { exact: true }).fill("2019-02-28");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/from=2019-02-01&to=2019-02-28/);
  const row = page.getByRole("row").filter({ hasText: w.university.name }).filter({ hasText: "Medical oncology" });
  await expect(row.getByRole("cell")).toHaveText(["2", "2.5", "2.5", "67%"]);

  // Per tutor: the same two sessions.
  await page.getByRole("link", { name: "Per tutor" }).click();
  await expect(page).toHaveURL(/by=tutor/);
  await expect(
    page
      .getByRole("row")
      .filter({ hasText: `Tutor ${w.tag}` })
      .getByRole("cell"),
  ).toHaveText(["2", "2.5", "2.5", "67%"]);
  await page.getByRole("link", { name: "Per programme" }).click();
  await expect(page).toHaveURL(/by=programme/);
  await expect(row.getByRole("cell")).toHaveText(["2", "2.5", "2.5", "67%"]);

  // The CSV is the report as shown.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = await readFile(await (await download).path(), "utf8");
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toBe(
    "Programme,University or city,Sessions,Hours delivered,Hours attended,Attendance rate (%),Present,Absent,Excused,From,To",
  );
  expect(lines).toContain(`Medical oncology,${w.university.name},2,2.5,2.5,67,2,1,1,2019-02-01,2019-02-28`);
  expect(lines.at(-1)).toMatch(/^Total \(each session once\),/);

  // Each figure opens the sessions behind it.
  await row.getByRole("link", { name: "2.5" }).first().click();
  await expect(page).toHaveURL(
    new RegExp(`/admin/reports/teaching/sessions\\?from=2019-02-01&to=2019-02-28&by=programme&id=${w.onco.id}&figure=delivered`),
  );
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Programme: Medical oncology");
  const figure = page.getByRole("region", { name: "The figure" });
  await expect(figure).toContainText("2.5 h");
  const sessions = page.getByRole("table");
  await expect(sessions.getByRole("row")).toHaveCount(3);
  await expect(sessions.getByRole("row").nth(1)).toContainText(`Radioprotection ${w.tag}`);
  await expect(sessions.getByRole("row").nth(1)).toContainText("1 present, 0 absent, 1 excused");
  await expect(sessions.getByRole("row").nth(2)).toContainText(`Immunotherapy ${w.tag}`);
  await expect(sessions).not.toContainText(`Cancelled ${w.tag}`);
  await page.getByRole("link", { name: "Back to the report" }).click();
  await expect(page).toHaveURL(/\/admin\/reports\/teaching\?from=2019-02-01&to=2019-02-28&by=programme$/);
});

/** A first day one day away from `start` that keeps the last few days and today in their academic year. */
function nearbyStart(start: YearStart, today: Date): YearStart {
  const candidates = [start.day < 28 ? { ...start, day: start.day + 1 } : null, start.day > 1 ? { ...start, day: start.day - 1 } : null];
  const days = [-3, -2, -1, 0, 1].map((offset) => addDays(today, offset));
  const keeps = (other: YearStart) => days.every((day) => academicYearOf(day, start).startYear === academicYearOf(day, other).startYear);
  const choice = candidates.find((c): c is YearStart => c !== null && keeps(c));
  if (!choice) throw new Error("No nearby first day keeps today's academic year");
  return choice;
}

test("the administrator moves the academic year's first day and a resident's hours move between years", async ({ page }) => {
  const w = await world();
  const admin = await createUser(["admin"]);
  const original = await academicYearStart();
  const changed = nearbyStart(original, w.today);
  // Two sessions in 2020: one on the day that changes year, one on the day after it (which does not).
  const [early, late] = [original, changed].sort((a, b) => a.month * 100 + a.day - (b.month * 100 + b.day)) as [YearStart, YearStart];
  const day = (s: YearStart) => new Date(Date.UTC(2020, s.month - 1, s.day));
  const anna = await w.resident(w.onco.id, "Anna");
  await w.session({ title: "Moving", date: day(early), minutes: 60, marks: [[anna, "present"]] });
  await w.session({ title: "Staying", date: day(late), minutes: 30, marks: [[anna, "present"]] });
  const label = (s: YearStart, date: Date) => academicYearOf(date, s).label;
  const hoursIn = (yearLabel: string) =>
    page
      .getByRole("list", { name: "Hours attended and sessions per academic year" })
      .getByRole("listitem")
      .filter({ hasText: `Academic year ${yearLabel}` });

  try {
    await signInAs(page, anna.user);
    await page.goto("/me/teaching");
    // Under the original first day, "Moving" and "Staying" are in one year only if it starts on the earlier day.
    if (label(original, day(early)) === label(original, day(late)))
      await expect(hoursIn(label(original, day(late)))).toContainText("1.5 h");
    else await expect(hoursIn(label(original, day(early)))).toContainText("1 h");

    await page.context().clearCookies();
    await signInAs(page, admin);
    await page.goto("/admin/settings");
    await expect(page.getByText(/Hours of teaching are added up per academic year on every page and certificate/)).toBeVisible();
    await expect(page.getByLabel("Month", { exact: true })).toHaveValue(String(original.month));
    await expect(page.getByLabel("Day", { exact: true })).toHaveValue(String(original.day));
    await page.getByLabel("Day", { exact: true }).selectOption(String(changed.day));
    await page.getByRole("region", { name: "First day of the academic year" }).getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toContainText("The academic year now starts on");
    await expect(page.getByLabel("Day", { exact: true })).toHaveValue(String(changed.day));
    expect(await academicYearStart()).toEqual(changed);

    // A day some years lack is refused by the server, with the message next to the field.
    const refused = await page.request.post("/admin/settings", {
      form: { month: "2", day: "29" },
      headers: { Origin: ORIGIN },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(400);
    expect(await refused.text()).toContain("Choose a day from 1 to 28.");
    expect(await academicYearStart()).toEqual(changed);

    await page.context().clearCookies();
    await signInAs(page, anna.user);
    await page.goto("/me/teaching");
    if (label(changed, day(early)) === label(changed, day(late))) await expect(hoursIn(label(changed, day(late)))).toContainText("1.5 h");
    else await expect(hoursIn(label(changed, day(early)))).toContainText("1 h");
    // Either way the split is not the one before.
    expect(label(original, day(early)) === label(original, day(late))).not.toBe(label(changed, day(early)) === label(changed, day(late)));
  } finally {
    await setAcademicYearStart(original, admin.id);
  }
});

test("a resident reaches neither the report nor the settings", async ({ page, loginAs }) => {
  await loginAs(["resident"]);
  for (const path of ["/admin/reports/teaching", "/admin/reports/teaching/sessions?by=tutor", "/admin/settings"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  }
  expect((await page.request.get("/admin/reports/teaching.csv")).status()).toBe(403);
  const post = await page.request.post("/admin/settings", { form: { month: "1", day: "1" }, headers: { Origin: ORIGIN }, maxRedirects: 0 });
  expect(post.status()).toBe(403);
});
