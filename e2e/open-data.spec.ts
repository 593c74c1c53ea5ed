import type { APIResponse, Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { inForceOn } from "~/domain/agreement-status";
import { parseCsv } from "~/utils/csv";
import { hospitalToday, parseIsoDate } from "~/domain/dates";
import { COLUMNS, DATASETS, departmentCodes, fileHref, FORMATS, programmeCode, universityCodes } from "~/domain/open-data";
import { specialtyName } from "~/domain/specialties";
import { LANGUAGE_COOKIE } from "~/i18n/locale";
import { prisma } from "~/utils/db.server";
import { expect, test } from "./fixtures";

/**
 * Open data, for anyone: the /open page and its six files, signed out (a fresh context with no
 * cookies), in English and Italian; the caching headers and 304; and the privacy proof on the demo
 * data: no person's name or e-mail anywhere, and every count from 1 to 4 shown as fewer than 5.
 */
test.use({ storageState: { cookies: [], origins: [] } });

/** An agreement in force today, with its university and a programme it covers. */
async function agreementInForce() {
  const today = hospitalToday();
  const agreements = await prisma.agreement.findMany({
    where: { signedOn: { not: null }, university: { shortName: { not: null } }, programmes: { some: {} } },
    include: { university: true, programmes: { include: { programme: true } } },
    orderBy: { startDate: "asc" },
  });
  const agreement = agreements.find((a) => inForceOn(a, today));
  expect(agreement, "the demo data has an agreement in force").toBeTruthy();
  return agreement!;
}

async function expectFiguresShown(page: Page, fewerThan5: string) {
  // The count cells (residents hosted, rotations) never show a number from 1 to 4.
  const counts = await page.locator("[data-count]").allInnerTexts();
  expect(counts.length).toBeGreaterThan(0);
  expect(counts.filter((text) => /^[1-4]$/.test(text.trim()))).toEqual([]);
  expect(counts).toContain(fewerThan5);
}

test("anyone reads the open data page in English, signed out", async ({ page }) => {
  const agreement = await agreementInForce();
  const covered = agreement.programmes[0]!.programme;
  const response = await page.goto("/open");
  expect(response?.status()).toBe(200);
  expect(await page.context().cookies()).toEqual([]);
  await expect(page.getByRole("heading", { level: 1, name: "Open data" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Creative Commons Attribution 4.0 International (CC BY 4.0)" })).toHaveAttribute(
    "href",
    "https://creativecommons.org/licenses/by/4.0/",
  );

  // A programme, under its university.
  const programmes = page.getByRole("region", { name: `Programmes of ${agreement.university.name}` });
  await expect(programmes.getByRole("rowheader", { name: specialtyName(covered.specialtyCode, "en"), exact: true })).toBeVisible();

  // The agreement in force, with its validity and the programmes it covers.
  const card = page
    .getByRole("list", { name: "Agreements in force today" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: agreement.university.name, exact: true }) })
    .filter({ hasText: specialtyName(covered.specialtyCode, "en") });
  await expect(card).toHaveCount(1);
  await expect(card.locator(`time[datetime="${agreement.startDate.toISOString().slice(0, 10)}"]`)).toBeVisible();
  await expect(
    card
      .getByRole("listitem")
      .filter({ hasText: new RegExp(`^${specialtyName(covered.specialtyCode, "en").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:`) }),
  ).toHaveText(
    `${specialtyName(covered.specialtyCode, "en")}: ${agreement.programmes[0]!.posts} post${agreement.programmes[0]!.posts === 1 ? "" : "s"}`,
  );

  // The current year's figures, then an earlier year's through the selector.
  await expect(
    page.getByRole("region", { name: /^Residents hosted and teaching hours delivered per programme, academic year/ }),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: /^Rotations per department, academic year/ })).toBeVisible();
  await expectFiguresShown(page, "fewer than 5");
  const years = await page.getByLabel("Academic year", { exact: true }).locator("option").allInnerTexts();
  expect(years).toHaveLength(5);
  await page.getByLabel("Academic year", { exact: true }).selectOption({ label: years[1]! });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\/open\?year=\d{4}$/);
  await expect(page.getByRole("region", { name: `Rotations per department, academic year ${years[1]}` })).toBeVisible();

  // One real download from the page.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Programmes hosted, CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("programmes.csv");
  const rows = parseCsv(await readFile((await download.path())!, "utf8"));
  expect(rows[0]!.cells).toEqual([...COLUMNS.programmes]);
  expect(rows.some((r) => r.cells[0] === programmeCode(agreement.university.shortName!, covered.specialtyCode))).toBe(true);
});

test.describe("in Italian", () => {
  test.use({ locale: "it-IT" });

  test("anyone reads the open data page in Italian, signed out", async ({ page }) => {
    const agreement = await agreementInForce();
    const covered = agreement.programmes[0]!.programme;
    await page.goto("/open");
    await expect(page.getByRole("heading", { level: 1, name: "Dati aperti" })).toBeVisible();
    await expect(
      page
        .getByRole("region", { name: `Scuole di specializzazione — ${agreement.university.name}` })
        .getByRole("rowheader", { name: specialtyName(covered.specialtyCode, "it"), exact: true }),
    ).toBeVisible();
    await expect(
      page
        .getByRole("list", { name: "Convenzioni in vigore oggi" })
        .getByRole("heading", { name: agreement.university.name, exact: true })
        .first(),
    ).toBeVisible();
    await expect(page.getByRole("region", { name: /^Rotazioni per struttura, anno accademico/ })).toBeVisible();
    await expectFiguresShown(page, "meno di 5");
    // The files keep their English shape whatever the language.
    const csv = await (await page.request.get("/open/agreements.csv")).text();
    expect(csv.slice(1, csv.indexOf("\r\n"))).toBe(COLUMNS.agreements.join(","));
  });
});

test("each file downloads at its stable address, parses, and answers 304 when unchanged", async ({ page }) => {
  for (const name of DATASETS) {
    const json = await page.request.get(fileHref(name, "json"));
    expectCacheable(json, "application/json");
    const document = JSON.parse(await json.text());
    expect(document).toMatchObject({
      dataset: name,
      licence: "CC BY 4.0",
      licenceUrl: "https://creativecommons.org/licenses/by/4.0/",
      documentation: "/open#documentation",
    });
    expect(document.attribution).toContain("CC BY 4.0");
    expect(new Date(document.generatedAt).toUTCString()).toBe(json.headers()["last-modified"]);
    expect(document.data.length).toBeGreaterThan(0);
    for (const row of document.data) expect(Object.keys(row)).toEqual([...COLUMNS[name]]);

    const csv = await page.request.get(fileHref(name, "csv"));
    expectCacheable(csv, "text/csv");
    const text = await csv.text();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split("\r\n").filter(Boolean);
    expect(lines[0]).toBe(COLUMNS[name].join(","));
    const rows = parseCsv(text);
    expect(rows).toHaveLength(document.data.length + 1);
    expect(rows.every((r) => r.cells.length === COLUMNS[name].length)).toBe(true);

    for (const [format, first] of [
      ["json", json],
      ["csv", csv],
    ] as const) {
      const again = await page.request.get(fileHref(name, format), { headers: { "If-None-Match": first.headers()["etag"]! } });
      expect(again.status(), `${name}.${format} with If-None-Match`).toBe(304);
      expect((await again.body()).length).toBe(0);
      expect(again.headers()["etag"]).toBe(first.headers()["etag"]);
      const byDate = await page.request.get(fileHref(name, format), {
        headers: { "If-Modified-Since": first.headers()["last-modified"]! },
      });
      expect(byDate.status(), `${name}.${format} with If-Modified-Since`).toBe(304);
      const stale = await page.request.get(fileHref(name, format), { headers: { "If-None-Match": '"not-the-current-tag"' } });
      expect(stale.status()).toBe(200);
    }
  }
});

function expectCacheable(response: APIResponse, type: string) {
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers["content-type"]).toContain(type);
  expect(headers["etag"]).toMatch(/^"[A-Za-z0-9_-]+"$/);
  expect(Date.parse(headers["last-modified"]!)).not.toBeNaN();
  expect(headers["cache-control"]).toBe("public, max-age=300");
  expect(headers["access-control-allow-origin"]).toBe("*");
  expect(headers["set-cookie"]).toBeUndefined();
}

test("no person can be found or singled out in the open data", async ({ page }) => {
  test.setTimeout(90_000);
  // Everything published: the page in both languages and for every year, and the six files.
  const bodies: Array<[string, string]> = [];
  for (const language of ["en", "it"]) {
    await page.context().clearCookies();
    await page.context().addCookies([{ name: LANGUAGE_COOKIE, value: language, domain: "localhost", path: "/" }]);
    await page.goto("/open");
    const years = await page.locator("#year option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    for (const year of years) {
      await page.goto(`/open?year=${year}`);
      bodies.push(
        [`/open?year=${year} (${language})`, await page.content()],
        [`/open?year=${year} (${language}, text)`, await page.locator("body").innerText()],
      );
    }
  }
  for (const name of DATASETS)
    for (const format of FORMATS) bodies.push([fileHref(name, format), await (await page.request.get(fileHref(name, format))).text()]);

  // No user's name or e-mail (residents, tutors, administrators), and no programme director's.
  const users = await prisma.user.findMany({ select: { name: true, email: true } });
  const directors = await prisma.programme.findMany({ select: { directorName: true, directorEmail: true } });
  expect(users.length).toBeGreaterThan(200);
  // Names shorter than 5 characters (a test's "P") would match ordinary words; no real one is that short.
  const secrets = new Set(
    [...users.flatMap((u) => [u.name, u.email]), ...directors.flatMap((p) => [p.directorName, p.directorEmail])].filter(
      (s) => s.trim().length >= 5,
    ),
  );
  const found = [...secrets].flatMap((secret) =>
    bodies.filter(([, body]) => body.includes(secret)).map(([where]) => `${secret} in ${where}`),
  );
  expect(found).toEqual([]);

  // Every count is 0, 5 or more, or "<5", and "<5" is exactly where the database holds 1 to 4.
  await expectCountsSuppressed(page);
});

type FigureRow = Record<(typeof COLUMNS.figures)[number], string | number>;

async function expectCountsSuppressed(page: Page) {
  const counting = (row: FigureRow) => row.measure === "residents_hosted" || row.measure === "rotations";
  const csv = parseCsv(await (await page.request.get("/open/figures.csv")).text());
  const valueColumn = COLUMNS.figures.indexOf("value");
  const measureColumn = COLUMNS.figures.indexOf("measure");
  const csvCounts = csv
    .slice(1)
    .filter((r) => r.cells[measureColumn] !== "teaching_hours_delivered")
    .map((r) => r.cells[valueColumn]!);
  expect(csvCounts.filter((v) => !/^(0|[1-9]\d+|[5-9]|<5)$/.test(v))).toEqual([]);
  expect(csvCounts).toContain("<5");

  // Compare with the database for the current year; other tests may change it meanwhile, so the
  // counts are taken between two reads of the file that agree.
  for (let attempt = 1; ; attempt++) {
    const first = await page.request.get("/open/figures.json");
    const rows = (JSON.parse(await first.text()).data as FigureRow[]).filter(counting);
    expect(rows.filter((r) => typeof r.value === "number" && r.value > 0 && r.value < 5)).toEqual([]);
    const current = rows[rows.length - 1]!;
    const year = { start: parseIsoDate(String(current.year_start))!, end: parseIsoDate(String(current.year_end))! };
    const [universities, programmes, departments, residents, rotations] = await Promise.all([
      prisma.university.findMany({ select: { id: true, name: true, shortName: true } }),
      prisma.programme.findMany({ select: { id: true, universityId: true, specialtyCode: true } }),
      prisma.department.findMany({ select: { id: true, name: true } }),
      prisma.resident.groupBy({
        by: ["programmeId"],
        where: { stayStart: { lte: year.end }, stayEnd: { gte: year.start } },
        _count: { _all: true },
      }),
      prisma.rotation.groupBy({
        by: ["departmentId"],
        where: { state: { not: "cancelled" }, startDate: { lte: year.end }, endDate: { gte: year.start } },
        _count: { _all: true },
      }),
    ]);
    const second = await page.request.get("/open/figures.json");
    if (second.headers()["etag"] !== first.headers()["etag"] && attempt < 5) continue;
    const uCodes = universityCodes(universities);
    const dCodes = departmentCodes(departments);
    const truth = new Map<string, number>([
      ...residents.map((r): [string, number] => {
        const p = programmes.find((x) => x.id === r.programmeId)!;
        return [`residents_hosted ${programmeCode(uCodes.get(p.universityId)!, p.specialtyCode)}`, r._count._all];
      }),
      ...rotations.map((r): [string, number] => [`rotations ${dCodes.get(r.departmentId)}`, r._count._all]),
    ]);
    const shown = rows.filter((r) => r.academic_year === current.academic_year);
    const wrong = shown.flatMap((r) => {
      const count = truth.get(`${r.measure} ${r.programme_code || r.department_code}`) ?? 0;
      const expected = count >= 1 && count <= 4 ? "<5" : count;
      return r.value === expected ? [] : [`${r.measure} ${r.programme_code || r.department_code}: ${r.value}, expected ${expected}`];
    });
    expect(wrong).toEqual([]);
    // And nothing counted is left out.
    const listed = new Set(shown.map((r) => `${r.measure} ${r.programme_code || r.department_code}`));
    expect([...truth.keys()].filter((key) => !listed.has(key))).toEqual([]);
    expect(shown.some((r) => r.value === "<5")).toBe(true);
    expect(shown.some((r) => typeof r.value === "number" && r.value >= 5)).toBe(true);
    break;
  }
}
