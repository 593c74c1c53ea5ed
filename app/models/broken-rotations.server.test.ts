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

  it("keeps its verdicts the same as judging every open rotation afresh, through every kind of change and the days passing", async () => {
    const w = await world();
    const rotation = (id: string) => prisma.rotation.findUniqueOrThrow({ where: { id }, include: { resident: true } });
    const [a, b, c] = [await rotation(w.a), await rotation(w.b), await rotation(w.c)];
    const coverage = { programmeId: a.resident.programmeId };
    // What the dashboard reads from the kept verdicts, then after forgetting them, from every open rotation judged again.
    const same = async (day = today) => {
      const kept = await brokenRotations({ today: day, limit: ALL });
      await prisma.$executeRawUnsafe('DELETE FROM "BrokenRotationDay"');
      expect(kept).toEqual(await brokenRotations({ today: day, limit: ALL }));
      return mine(kept, w.department.name).map((r) => r.id);
    };
    // Each change is made outside the models, as a command-line tool or another program would: the
    // database's triggers note what it touched, whoever writes.
    expect(await same()).toEqual([]);
    await prisma.department.update({ where: { id: w.department.id }, data: { capacity: 1 } });
    expect(await same()).toEqual([w.a, w.b]);
    await prisma.department.update({ where: { id: w.department.id }, data: { capacity: 2 } });
    await prisma.departmentTutor.deleteMany({ where: { departmentId: w.department.id } });
    expect(await same()).toEqual([w.a, w.b, w.c]);
    await prisma.departmentTutor.createMany({ data: [{ departmentId: w.department.id, userId: a.tutorId! }] });
    expect(await same()).toEqual([]);
    await prisma.resident.update({ where: { id: b.residentId }, data: { stayEnd: d("2031-03-31") } });
    expect(await same()).toEqual([w.b]);
    await prisma.resident.update({ where: { id: b.residentId }, data: { stayEnd: d("2031-12-31") } });
    await prisma.agreementProgramme.updateMany({ where: coverage, data: { posts: 1 } });
    expect(await same()).toEqual([w.a, w.b]);
    await prisma.agreementProgramme.updateMany({ where: coverage, data: { posts: 5 } });
    await prisma.agreement.updateMany({ where: { programmes: { some: coverage } }, data: { terminatedOn: d("2031-05-15") } });
    expect(await same()).toEqual([w.c]);
    await prisma.agreement.updateMany({ where: { programmes: { some: coverage } }, data: { terminatedOn: null } });
    await prisma.absence.create({
      data: {
        residentId: c.residentId,
        kind: "protected",
        protectedType: "illness",
        state: "recorded",
        startDate: d("2031-05-10"),
        endDate: d("2031-05-12"),
      },
    });
    expect(await same()).toEqual([w.c]);
    await prisma.absence.deleteMany({ where: { residentId: c.residentId } });
    expect(await same()).toEqual([]);

    // A rotation written over another of the same resident elsewhere: both name the other's department,
    // and a new name reaches both.
    const elsewhere = await createDepartment(`Altrove ${randomUUID().slice(0, 8)}`, 5, []);
    const over = await prisma.rotation.create({
      data: {
        residentId: c.residentId,
        departmentId: elsewhere.id,
        startDate: d("2031-05-20"),
        endDate: d("2031-06-10"),
        state: "planned",
      },
    });
    expect(await same()).toEqual([w.c]);
    await prisma.department.update({ where: { id: elsewhere.id }, data: { name: `${elsewhere.name} (nuovo)` } });
    expect(await same()).toEqual([w.c]);
    await prisma.rotation.update({
      where: { id: over.id },
      data: { departmentId: w.department.id, startDate: d("2031-07-01"), endDate: d("2031-07-31") },
    });
    expect(await same()).toEqual([]);

    // A resident moved to a programme no agreement covers, then deleted: their rotations break, then go,
    // and the programme's posts they held are free again.
    const { programme: other } = await createCoveredProgramme({
      university: `Ateneo ${randomUUID().slice(0, 8)}`,
      specialtyCode: "ematologia",
      posts: 5,
      startDate: d("2032-01-01"),
      endDate: d("2032-12-31"),
      signedOn: d("2031-12-01"),
    });
    await prisma.resident.update({ where: { id: a.residentId }, data: { programmeId: other.id } });
    expect(await same()).toEqual([w.a]);
    await prisma.agreementProgramme.updateMany({ where: coverage, data: { posts: 1 } });
    expect(await same()).toEqual([w.a]);
    await prisma.resident.delete({ where: { id: a.residentId } });
    expect(await same()).toEqual([]);

    // The days passing: once a rotation has ended it no longer counts against the others.
    await prisma.agreementProgramme.updateMany({ where: coverage, data: { posts: 5 } });
    await prisma.department.update({ where: { id: w.department.id }, data: { capacity: 1 } });
    const short = await prisma.rotation.create({
      data: {
        residentId: c.residentId,
        departmentId: w.department.id,
        startDate: d("2031-03-15"),
        endDate: d("2031-03-25"),
        state: "planned",
      },
    });
    expect(await same()).toEqual([w.b, short.id]);
    await brokenRotations({ today: d("2031-03-20"), limit: ALL });
    expect(await same(d("2031-03-26"))).toEqual([]);
  });
});
