import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { translator } from "~/i18n/i18n";
import type { Locale } from "~/i18n/locale";
import { messageText } from "~/i18n/message";
import { rotationSchema } from "~/schemas/rotation";
import { prisma } from "~/utils/db.server";
import { createCoveredProgramme, createDepartment, createResident } from "../../test/factories";
import { brokenRotations, brokenRulesOf } from "./broken-rotations.server";
import { createRotation } from "./rotation.server";

const d = (iso: string) => parseIsoDate(iso)!;
const today = d("2031-03-01");

/** A department of capacity 2 where two residents rotate at once in March 2031, a third later; all valid. */
async function world() {
  const tag = randomUUID().slice(0, 8);
  const actor = await prisma.user.create({ data: { email: `admin-${tag}@example.test`, name: "Admin" } });
  const tutor = await prisma.user.create({
    data: { email: `tutor-${tag}@example.test`, name: "Tutor", roles: { create: { role: "tutor" } } },
  });
  const { programme } = await createCoveredProgramme({
    university: `Ateneo ${tag}`,
    specialtyCode: "ematologia",
    posts: 5,
    startDate: d("2031-01-01"),
    endDate: d("2031-12-31"),
    signedOn: d("2030-12-01"),
  });
  const department = await createDepartment(`Reparto ${tag}`, 2, [tutor.id]);
  const resident = async (n: number) => {
    const user = await prisma.user.create({ data: { email: `r${n}-${tag}@example.test`, name: `Resident ${n} ${tag}` } });
    return createResident({
      userId: user.id,
      programmeId: programme.id,
      yearOfTraining: 1,
      studentNumber: `${n}-${tag}`,
      stayStart: d("2031-01-01"),
      stayEnd: d("2031-12-31"),
    });
  };
  const plan = async (residentId: string, start: string, end: string) =>
    (
      await createRotation(
        rotationSchema.parse({
          residentId,
          departmentId: department.id,
          tutorId: tutor.id,
          startDate: start,
          endDate: end,
          state: "confirmed",
        }),
        actor.id,
      )
    ).id;
  const [a, b, c] = [await resident(1), await resident(2), await resident(3)];
  return {
    department,
    a: await plan(a.id, "2031-02-15", "2031-03-20"),
    b: await plan(b.id, "2031-03-10", "2031-04-10"),
    c: await plan(c.id, "2031-05-01", "2031-05-31"),
    past: await plan(c.id, "2031-01-10", "2031-02-20"),
  };
}

// Every broken rotation: the worker's database holds other tests' too, more than a page of them.
const ALL = Number.MAX_SAFE_INTEGER;
const inWords = (messages: string[], locale: Locale = "en") => messages.map((m) => messageText(translator(locale), m).text);
const mine = (result: Awaited<ReturnType<typeof brokenRotations>>, departmentName: string) =>
  result.rotations.filter((r) => r.departmentName === departmentName);

// The scan reads every rotation of the worker's database from today on, which the other test files of the
// worker have filled: seconds on a busy machine, not the 5 s default's business.
describe("rotations broken by later changes", { timeout: 30_000 }, () => {
  it("finds nothing while the plan meets the rules", async () => {
    const w = await world();
    expect(mine(await brokenRotations({ today, limit: ALL }), w.department.name)).toEqual([]);
  });

  it("reports every rotation present on the day a lowered capacity is exceeded, in words, and on the rotation's page", async () => {
    const w = await world();
    await prisma.department.update({ where: { id: w.department.id }, data: { capacity: 1 } });
    const result = await brokenRotations({ today, limit: ALL });
    const found = mine(result, w.department.name);
    expect(found.map((r) => r.id)).toEqual([w.a, w.b]);
    expect(found[0]).toMatchObject({
      residentName: expect.stringMatching(/^Resident 1/),
      startDate: d("2031-02-15"),
      endDate: d("2031-03-20"),
      status: "in-progress",
    });
    expect(inWords(found[1]!.problems)).toEqual([`On 10 Mar 2031 ${w.department.name} would be above its capacity of 1 residents.`]);
    expect(result.total).toBeGreaterThanOrEqual(2);

    expect(inWords(found[0]!.problems, "it")[0]).toContain("supererebbe la capienza di 1 specializzandi");

    // The rotation's own page says the same; the completed one says nothing.
    const rotation = await prisma.rotation.findUniqueOrThrow({ where: { id: w.b }, include: { department: { select: { name: true } } } });
    expect(await brokenRulesOf(rotation, today)).toEqual(found[1]!.problems);
    const past = await prisma.rotation.findUniqueOrThrow({ where: { id: w.past }, include: { department: { select: { name: true } } } });
    expect(await brokenRulesOf(past, today)).toEqual([]);
  });

  it("reports a rotation left without an agreement when it is terminated early, and stops once it is cancelled", async () => {
    const w = await world();
    const resident = await prisma.rotation.findUniqueOrThrow({
      where: { id: w.c },
      select: { resident: { select: { programmeId: true } } },
    });
    await prisma.agreement.updateMany({
      where: { programmes: { some: { programmeId: resident.resident.programmeId } } },
      data: { terminatedOn: d("2031-05-15") },
    });
    const found = mine(await brokenRotations({ today, limit: ALL }), w.department.name);
    expect(found.map((r) => [r.id, inWords(r.problems)])).toEqual([
      [w.c, ["On 16 May 2031 no agreement in force covers the resident's programme."]],
    ]);
    await prisma.rotation.update({ where: { id: w.c }, data: { state: "cancelled" } });
    expect(mine(await brokenRotations({ today, limit: ALL }), w.department.name)).toEqual([]);
  });

  it("shows at most the limit, with the total", async () => {
    const w = await world();
    await prisma.department.update({ where: { id: w.department.id }, data: { capacity: 1, tutors: { deleteMany: {} } } });
    const result = await brokenRotations({ today, limit: 1 });
    expect(result.rotations).toHaveLength(1);
    expect(result.total).toBeGreaterThanOrEqual(3);
  });
});
