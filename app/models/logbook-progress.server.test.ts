import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createCatalogue, createDepartment, createLogbookEntry, createResident, createUniversity } from "../../test/factories";
import { refused } from "../../test/refused";
import { programmeProgress, residentProgress } from "./logbook-progress.server";

const d = (iso: string) => parseIsoDate(iso)!;
/** Halfway through the academic year 2025/26 (from 1 November, the default setting). */
const today = d("2026-05-01");

/**
 * A programme whose catalogue changed on 1 November 2025 (version 2 renamed the first visit and added the
 * biopsy), and three residents: one on schedule, one behind, one with nothing certified.
 */
async function world() {
  const tag = randomUUID().slice(0, 8);
  const tutor = await prisma.user.create({
    data: { email: `tutor-${tag}@example.test`, name: `Tutor ${tag}`, roles: { create: { role: "tutor" } } },
  });
  const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "oncologia-medica" }] });
  const programme = university.programmes[0]!;
  const department = await createDepartment(`Oncologia ${tag}`, 4, [tutor.id]);
  const v1 = await createCatalogue({
    programmeId: programme.id,
    version: 1,
    validFrom: d("2024-11-01"),
    activities: [
      { code: "first-visit", labelIt: "Prima visita", labelEn: "First visit", minimums: [{ year: 1, degree: "support", count: 10 }] },
    ],
  });
  const v2 = await createCatalogue({
    programmeId: programme.id,
    version: 2,
    validFrom: d("2025-11-01"),
    activities: [
      {
        code: "first-visit",
        labelIt: "Prima visita ambulatoriale",
        labelEn: "First outpatient visit",
        minimums: [
          { year: 2, degree: "support", count: 20 },
          { year: 0, degree: "support", count: 60 },
        ],
      },
      {
        code: "biopsy",
        labelIt: "Biopsia osteomidollare",
        labelEn: "Bone-marrow biopsy",
        minimums: [{ year: 2, degree: "autonomy", count: 4 }],
      },
    ],
  });
  const resident = async (name: string) => {
    const user = await prisma.user.create({
      data: { email: `${name}-${tag}@example.test`, name: `${name} ${tag}`, roles: { create: { role: "resident" } } },
    });
    return createResident({
      userId: user.id,
      programmeId: programme.id,
      studentNumber: `${name}-${tag}`,
      stayStart: d("2024-11-01"),
      stayEnd: d("2027-10-31"),
      yearOfTraining: 2,
    });
  };
  const [anna, bruno, carla] = [await resident("Anna"), await resident("Bruno"), await resident("Carla")];
  const entry = (
    residentId: string,
    activityId: string,
    date: string,
    count: number,
    status: "certified" | "pending" | "returned",
    degree: "support" | "autonomy" = "support",
  ) => createLogbookEntry({ residentId, activityId, departmentId: department.id, date: d(date), count, status, degree, tutorId: tutor.id });
  // Anna: certified under version 1 last year and this year (the activity kept its code), on the year's first day.
  await entry(anna.id, v1.activities[0]!.id, "2025-03-10", 30, "certified");
  await entry(anna.id, v1.activities[0]!.id, "2025-11-01", 6, "certified");
  await entry(anna.id, v2.activities[0]!.id, "2026-01-31", 6, "certified");
  await entry(anna.id, v2.activities[1]!.id, "2026-02-01", 2, "certified", "autonomy");
  await entry(anna.id, v2.activities[0]!.id, "2026-04-30", 4, "pending");
  await entry(anna.id, v2.activities[0]!.id, "2026-04-29", 9, "returned");
  // Bruno: a little, and much pending, which does not count.
  await entry(bruno.id, v2.activities[0]!.id, "2026-02-01", 3, "certified");
  await entry(bruno.id, v2.activities[1]!.id, "2026-02-01", 5, "pending", "autonomy");
  return { tag, tutor, programme, department, anna, bruno, carla };
}

describe("a resident's progress", () => {
  it("measures the current training year by the version in force on its first day, matching older activities by code", async () => {
    const w = await world();
    const found = await residentProgress(w.anna.id, today);
    expect(found.catalogue).toEqual({ version: 2, validFrom: "2025-11-01" });
    expect(found.year).toEqual({ start: "2025-11-01", end: "2026-10-31" });
    expect(found.trainingYear).toBe(2);
    const visit = found.rows.find((r) => r.code === "first-visit")!;
    expect(visit.labelEn).toBe("First outpatient visit");
    expect(visit.cells.support.year).toEqual({ done: 12, minimum: 20, pending: 4, expected: 9 });
    expect(visit.cells.support.whole).toEqual({ done: 42, minimum: 60, pending: 4 });
    expect(visit.missingYear).toEqual({ support: 8 });
    expect(visit.missingWhole).toEqual({ support: 18 });
    expect(found.rows.find((r) => r.code === "biopsy")!.missingYear).toEqual({ autonomy: 2 });
    expect(found.behind).toBe(false);
    // Plain data: it crosses to the browser as it is.
    expect(JSON.parse(JSON.stringify(found))).toEqual(found);
  });

  it("has no matrix without a catalogue, and refuses an unknown resident", async () => {
    const tag = randomUUID().slice(0, 8);
    const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "urologia" }] });
    const user = await prisma.user.create({ data: { email: `none-${tag}@example.test`, name: `None ${tag}` } });
    const lone = await createResident({
      userId: user.id,
      programmeId: university.programmes[0]!.id,
      studentNumber: tag,
      stayStart: d("2025-01-01"),
      stayEnd: d("2027-01-01"),
    });
    const found = await residentProgress(lone.id, today);
    expect(found).toMatchObject({ catalogue: null, rows: [], behind: false });
    await expect(residentProgress("nobody", today)).rejects.toEqual(refused(null, "logbookProgress.notFound", 404));
  });
});

describe("a programme's progress", () => {
  const query = { sort: "name" as const, dir: "asc" as const, page: 1, show: "behind" as const };

  it("lists the residents behind schedule, or everyone, with the share of the pro rata minimums reached", async () => {
    const w = await world();
    const behind = await programmeProgress(w.programme.id, today, query);
    expect(behind.residents).toBe(3);
    expect(behind.rows.map((r) => [r.name, r.behindCount])).toEqual([
      [`Bruno ${w.tag}`, 2],
      [`Carla ${w.tag}`, 2],
    ]);
    expect(behind.rows[1]!.reached).toBe(0);
    // Bruno: support 3 of 9 expected, autonomy 0 of 1.
    expect(behind.rows[0]!.reached).toBeCloseTo(3 / 10);
    const everyone = await programmeProgress(w.programme.id, today, { ...query, show: "all", sort: "reached", dir: "desc" });
    expect(everyone.rows.map((r) => r.name)).toEqual([`Anna ${w.tag}`, `Bruno ${w.tag}`, `Carla ${w.tag}`]);
    expect(everyone.rows[0]).toMatchObject({ reached: 1, behindCount: 0 });
    const byBehind = await programmeProgress(w.programme.id, today, { ...query, show: "all", sort: "behind", dir: "asc" });
    expect(byBehind.rows[0]!.name).toBe(`Anna ${w.tag}`);
  });

  it("refuses an unknown programme", async () => {
    await expect(programmeProgress("nowhere", today, query)).rejects.toEqual(refused(null, "logbookProgress.notFound", 404));
  });
});
