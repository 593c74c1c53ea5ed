import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { Refused } from "~/domain/refusal";
import { rotationSchema } from "~/schemas/rotation";
import { prisma } from "~/utils/db.server";
import { createCoveredProgramme, createDepartment, createResident } from "../../test/factories";
import { refused } from "../../test/refused";
import { fromTwoServers, on, TWO_SERVERS_TIMEOUT } from "../../test/two-servers";
import { versionOf } from "./concurrency.server";
import {
  cancelRotation,
  checkRotation,
  createRotation,
  planningChoices,
  residentsInCare,
  rotationsOfUser,
  updateRotation,
} from "./rotation.server";

const d = (iso: string) => parseIsoDate(iso)!;

/**
 * One programme with one post (or `posts`), a department of capacity 1 with one tutor and another of
 * capacity 2, and two residents staying all 2026.
 */
async function world({ posts = 1 }: { posts?: number } = {}) {
  const tag = randomUUID().slice(0, 8);
  const actor = await prisma.user.create({ data: { email: `admin-${tag}@example.test`, name: "Admin" } });
  const tutor = await prisma.user.create({
    data: { email: `tutor-${tag}@example.test`, name: "Tutor", roles: { create: { role: "tutor" } } },
  });
  const { programme } = await createCoveredProgramme({
    university: `Ateneo ${tag}`,
    specialtyCode: "ematologia",
    posts,
    startDate: d("2026-01-01"),
    endDate: d("2026-12-31"),
    signedOn: d("2025-12-01"),
  });
  const department = await createDepartment(`Reparto ${tag}`, 1, [tutor.id]);
  const roomy = await createDepartment(`Reparto ampio ${tag}`, 2, [tutor.id]);
  const resident = async (n: number) => {
    const user = await prisma.user.create({ data: { email: `r${n}-${tag}@example.test`, name: `Resident ${n}` } });
    return createResident({
      userId: user.id,
      programmeId: programme.id,
      yearOfTraining: 1,
      studentNumber: `${n}-${tag}`,
      stayStart: d("2026-01-01"),
      stayEnd: d("2026-12-31"),
    });
  };
  return { actor, tutor, department, roomy, a: await resident(1), b: await resident(2) };
}

const input = (w: Awaited<ReturnType<typeof world>>, residentId: string, start: string, end: string, departmentId = w.department.id) =>
  rotationSchema.parse({
    residentId,
    departmentId,
    tutorId: w.tutor.id,
    startDate: start,
    endDate: end,
    state: "confirmed",
  });

describe("rotations", () => {
  it("offers the residents whose stay has not ended, and the one of the rotation being edited", async () => {
    const w = await world();
    const ids = async (options: Parameters<typeof planningChoices>[0]) =>
      (await planningChoices(options)).residents.map((r) => r.id).filter((id) => id === w.a.id || id === w.b.id);
    // Both stay all 2026: offered until their last day, not after.
    expect((await ids({ today: d("2026-12-31") })).sort()).toEqual([w.a.id, w.b.id].sort());
    expect(await ids({ today: d("2027-01-01") })).toEqual([]);
    // A rotation of a past stay can still be edited: its resident is kept.
    expect(await ids({ today: d("2027-01-01"), keep: w.a.id })).toEqual([w.a.id]);
    // A deactivated account is not offered for new plans.
    const b = await prisma.resident.findUniqueOrThrow({ where: { id: w.b.id } });
    await prisma.user.update({ where: { id: b.userId }, data: { active: false } });
    expect(await ids({ today: d("2026-06-01") })).toEqual([w.a.id]);
  });

  it("saves a rotation that meets the rules, with an audit event", async () => {
    const w = await world();
    const { id } = await createRotation(input(w, w.a.id, "2026-03-01", "2026-03-31"), w.actor.id);
    expect(await prisma.auditEvent.count({ where: { entityType: "rotation", entityId: id, action: "create" } })).toBe(1);
  });

  it("refuses a rotation that breaks a rule, naming the day, and writes nothing", async () => {
    const w = await world();
    await createRotation(input(w, w.a.id, "2026-03-01", "2026-03-31"), w.actor.id);
    const error = await createRotation(input(w, w.b.id, "2026-03-31", "2026-04-15"), w.actor.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Refused);
    const refusals = (error as Refused).refusals;
    const keys = refusals.map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(["rotations.problems.capacity", "rotations.problems.posts"]));
    expect(refusals.find((r) => r.key === "rotations.problems.capacity")).toMatchObject({
      field: null,
      values: { day: "2026-03-31", department: w.department.name },
    });
    expect(await prisma.rotation.count({ where: { residentId: w.b.id } })).toBe(0);
    // The live check gives the same answer without writing.
    expect((await checkRotation({ ...input(w, w.b.id, "2026-03-31", "2026-04-15"), tutorId: w.tutor.id })).map((r) => r.key)).toEqual(keys);
  });

  it(
    "books the last place of a department once when two administrators save it from two servers at the same moment",
    async () => {
      const w = await world({ posts: 2 });
      const outcomes = await fromTwoServers(
        on("~/models/rotation.server", createRotation, input(w, w.a.id, "2026-05-01", "2026-05-31"), w.actor.id),
        on("~/models/rotation.server", createRotation, input(w, w.b.id, "2026-05-20", "2026-06-20"), w.actor.id),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
      // The other is told why: the department is full on the first day they share.
      const refusal = outcomes.find((o) => o.status === "rejected")!;
      expect(refusal).toMatchObject({ reason: refused(null, "rotations.problems.capacity") });
      expect((refusal as PromiseRejectedResult).reason).toMatchObject({
        refusals: [{ key: "rotations.problems.capacity", values: { day: "2026-05-20", department: w.department.name } }],
      });
      const rotations = await prisma.rotation.findMany({ where: { departmentId: w.department.id }, select: { id: true } });
      expect(rotations).toHaveLength(1);
      expect(await prisma.auditEvent.count({ where: { entityType: "rotation", entityId: { in: [rotations[0]!.id] } } })).toBe(1);
    },
    TWO_SERVERS_TIMEOUT,
  );

  it(
    "fills a programme's last post once when two servers place its residents in two departments at the same moment",
    async () => {
      const w = await world();
      const outcomes = await fromTwoServers(
        on("~/models/rotation.server", createRotation, input(w, w.a.id, "2026-07-01", "2026-07-31"), w.actor.id),
        on("~/models/rotation.server", createRotation, input(w, w.b.id, "2026-07-01", "2026-07-31", w.roomy.id), w.actor.id),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reason: refused(null, "rotations.problems.posts") });
      expect(await prisma.rotation.count({ where: { residentId: { in: [w.a.id, w.b.id] } } })).toBe(1);
    },
    TWO_SERVERS_TIMEOUT,
  );

  it("refuses a resident or department that does not exist, beside its field, as a tampered form", async () => {
    const w = await world();
    await expect(createRotation({ ...input(w, w.a.id, "2026-03-01", "2026-03-31"), residentId: "nobody" }, w.actor.id)).rejects.toEqual(
      refused("residentId", "rotations.residentInvalid", 400),
    );
    await expect(createRotation({ ...input(w, w.a.id, "2026-03-01", "2026-03-31"), departmentId: "nowhere" }, w.actor.id)).rejects.toEqual(
      refused("departmentId", "rotations.departmentInvalid", 400),
    );
  });

  it("lets a rotation be moved over its own days, and cancelling frees them", async () => {
    const w = await world();
    const { id } = await createRotation(input(w, w.a.id, "2026-03-01", "2026-03-31"), w.actor.id);
    const loaded = await prisma.rotation.findUniqueOrThrow({ where: { id } });
    await updateRotation(id, input(w, w.a.id, "2026-03-10", "2026-04-10"), versionOf(loaded), w.actor.id);
    const moved = await prisma.rotation.findUniqueOrThrow({ where: { id } });
    await expect(createRotation(input(w, w.b.id, "2026-04-01", "2026-04-05"), w.actor.id)).rejects.toBeInstanceOf(Refused);
    await cancelRotation(id, versionOf(moved), w.actor.id);
    await createRotation(input(w, w.b.id, "2026-04-01", "2026-04-05"), w.actor.id);
    expect(await prisma.rotation.count({ where: { residentId: w.b.id } })).toBe(1);
  });

  it("shows a resident only their own rotations, and a tutor those in their care", async () => {
    const w = await world();
    await createRotation(input(w, w.a.id, "2026-03-01", "2026-03-31"), w.actor.id);
    await createRotation(input(w, w.b.id, "2026-05-01", "2026-05-31"), w.actor.id);
    const userA = await prisma.resident.findUniqueOrThrow({ where: { id: w.a.id } });
    expect((await rotationsOfUser(userA.userId)).map((r) => r.startDate)).toEqual([d("2026-03-01")]);
    const care = await residentsInCare(w.tutor.id, { today: d("2026-03-15") });
    expect(care.rotations.map((r) => r.resident.user.name)).toEqual(["Resident 1", "Resident 2"]);
    expect(care.total).toBe(2);
    const second = await residentsInCare(w.tutor.id, { today: d("2026-03-15"), page: 2 });
    expect(second).toEqual({ total: 2, rotations: [] });
  });
});
