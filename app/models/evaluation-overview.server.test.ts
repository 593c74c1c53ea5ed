import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { addDays, parseIsoDate } from "~/domain/dates";
import { DEFAULT_FORMS, evaluationState, FIGURES, NO_TUTOR, opensOn, OVERVIEW_GROUPINGS, type Figure } from "~/domain/evaluations";
import { prisma } from "~/utils/db.server";
import { createDepartment, createResident, createUniversity } from "../../test/factories";
import { evaluationOverview, figureRotations } from "./evaluation-overview.server";
import { evaluationSettings } from "./settings.server";

const d = (iso: string) => parseIsoDate(iso)!;
const period = { from: d("2026-01-01"), to: d("2026-12-31") };
const today = d("2026-11-20");

/**
 * A department with a tutor and two residents of one programme, whose rotations ended in 2026 in every
 * state an evaluation can be in: signed, a draft, none; submitted by the resident or not; long ago
 * (overdue), lately (due), not open yet, planned and cancelled.
 */
async function world() {
  const tag = randomUUID().slice(0, 8);
  const tutor = await prisma.user.create({
    data: { email: `tutor-${tag}@example.test`, name: `Tutor ${tag}`, roles: { create: { role: "tutor" } } },
  });
  const department = await createDepartment(`Overview ${tag}`, 9, [tutor.id]);
  const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "oncologia-medica" }] });
  const programmeId = university.programmes[0]!.id;
  const resident = async (name: string) => {
    const user = await prisma.user.create({
      data: { email: `${name}-${tag}@example.test`, name: `${name} ${tag}`, roles: { create: { role: "resident" } } },
    });
    return createResident({
      userId: user.id,
      programmeId,
      studentNumber: `${name}-${tag}`,
      stayStart: d("2024-01-01"),
      stayEnd: d("2028-12-31"),
    });
  };
  const [anna, bruno] = [await resident("anna"), await resident("bruno")];
  const form = await prisma.evaluationForm.create({
    data: {
      kind: "tutor-resident",
      programmeId,
      versions: { create: { version: 1, items: JSON.stringify(DEFAULT_FORMS["tutor-resident"]) } },
    },
    select: { versions: { select: { id: true } } },
  });
  const formVersion = form.versions[0]!;
  const rotation = async (
    residentId: string,
    start: string,
    end: string,
    { tutorId = tutor.id as string | null, state = "confirmed", tutorSigned = null as boolean | null, submitted = false } = {},
  ) => {
    const row = await prisma.rotation.create({
      data: { residentId, departmentId: department.id, tutorId, startDate: d(start), endDate: d(end), state },
    });
    if (tutorSigned !== null)
      await prisma.tutorEvaluation.create({
        data: {
          rotationId: row.id,
          formVersionId: formVersion.id,
          signedAt: tutorSigned ? d(end) : null,
          signedById: tutorSigned ? tutor.id : null,
        },
      });
    if (submitted) await prisma.evaluationSubmission.create({ data: { rotationId: row.id, residentId } });
    return row;
  };
  await rotation(anna.id, "2026-01-05", "2026-02-28", { tutorSigned: true, submitted: true });
  await rotation(anna.id, "2026-03-01", "2026-04-30", { tutorSigned: false });
  await rotation(anna.id, "2026-05-01", "2026-06-30", { tutorId: null, submitted: true });
  await rotation(bruno.id, "2026-09-01", "2026-11-15", { tutorSigned: true });
  await rotation(bruno.id, "2026-07-01", "2026-08-31", { state: "planned" });
  await rotation(bruno.id, "2026-03-01", "2026-04-30", { state: "cancelled" });
  await rotation(bruno.id, "2026-11-16", "2027-01-31");
  // Not open yet, though both have answered early: in no figure.
  await rotation(anna.id, "2026-11-25", "2026-12-20", { tutorSigned: true, submitted: true });
  return { tag, tutor, department, programmeId };
}

/** The figures as the rotations' own states give them, rotation by rotation, for every rotation in the database. */
async function countedOneByOne(by: "department" | "tutor" | "programme") {
  const settings = await evaluationSettings();
  const rotations = await prisma.rotation.findMany({
    where: { endDate: { gte: period.from, lte: period.to } },
    select: {
      state: true,
      startDate: true,
      endDate: true,
      departmentId: true,
      tutorId: true,
      resident: { select: { programmeId: true } },
      tutorEvaluation: { select: { signedAt: true } },
      evaluationSubmission: { select: { rotationId: true } },
    },
  });
  const groups = new Map<string, Record<Figure, number>>();
  for (const rotation of rotations) {
    const key =
      by === "department" ? rotation.departmentId : by === "tutor" ? (rotation.tutorId ?? NO_TUTOR) : rotation.resident.programmeId;
    const states = {
      tutor: evaluationState(rotation, Boolean(rotation.tutorEvaluation?.signedAt), today, settings),
      resident: evaluationState(rotation, rotation.evaluationSubmission !== null, today, settings),
    };
    // Planned, cancelled and not yet open rotations are in no figure (done or not).
    if (rotation.state !== "confirmed" || today < opensOn(rotation, settings)) continue;
    for (const [kind, state] of Object.entries(states)) {
      const counts = groups.get(key) ?? (Object.fromEntries(FIGURES.map((f) => [f, 0])) as Record<Figure, number>);
      counts[`${kind}-${state}` as Figure] += 1;
      groups.set(key, counts);
    }
  }
  return groups;
}

describe("the administrators' evaluation overview", () => {
  it("counts each figure as the rotations' own states do, by department, tutor and programme", async () => {
    const w = await world();
    for (const by of OVERVIEW_GROUPINGS) {
      const { rows, total } = await evaluationOverview(period, by, today, "en");
      const expected = await countedOneByOne(by);
      expect(new Map(rows.map((row) => [row.id, row.counts]))).toEqual(expected);
      for (const figure of FIGURES) expect(total[figure]).toBe(rows.reduce((sum, row) => sum + row.counts[figure], 0));
    }
    const { rows } = await evaluationOverview(period, "department", today, "en");
    expect(rows.find((row) => row.id === w.department.id)).toEqual({
      id: w.department.id,
      name: `Overview ${w.tag}`,
      counts: { "tutor-due": 0, "tutor-overdue": 2, "tutor-done": 2, "resident-due": 1, "resident-overdue": 1, "resident-done": 2 },
    });
    const programme = (await evaluationOverview(period, "programme", today, "it")).rows.find((row) => row.id === w.programmeId);
    expect(programme?.name).toBe(`Oncologia medica · Ateneo ${w.tag}`);
    const tutorRow = (await evaluationOverview(period, "tutor", today, "en")).rows.find((row) => row.id === w.tutor.id);
    expect(tutorRow?.counts["tutor-overdue"]).toBe(1);
  });

  it("lists behind each figure the rotations it counts", async () => {
    const w = await world();
    const { rows } = await evaluationOverview(period, "department", today, "en");
    const counts = rows.find((row) => row.id === w.department.id)!.counts;
    for (const figure of FIGURES) {
      const listed = await figureRotations(period, "department", w.department.id, figure, 1, today);
      expect(listed.total, figure).toBe(counts[figure]);
    }
  });

  it("counts only the rotations that ended in the period", async () => {
    const w = await world();
    const before = { from: d("2025-01-01"), to: addDays(period.from, -1) };
    const { rows } = await evaluationOverview(before, "department", today, "en");
    expect(rows.find((row) => row.id === w.department.id)).toBeUndefined();
  });
});
