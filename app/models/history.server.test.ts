import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { addDays, hospitalToday, toIsoDate } from "~/domain/dates";
import { rotationSchema } from "~/schemas/rotation";
import { historyQuerySchema } from "~/schemas/history";
import { prisma } from "~/utils/db.server";
import { replacePassword } from "./account.server";
import { correctAttendance, saveAttendance } from "./attendance.server";
import { recordAudit } from "./audit.server";
import { versionOf } from "./concurrency.server";
import { exportHistory, historyActors, listHistory, ownHistory } from "./history.server";
import { cancelRotation, createRotation } from "./rotation.server";

const today = hospitalToday();

/**
 * An administrator and a tutor, a programme covered by an agreement, a department, two residents of
 * the programme at the hospital (Anna and Bruno), a rotation each (Anna's then cancelled), a change to
 * Anna's account and record, and a teaching session of yesterday whose attendance is confirmed and then
 * corrected once for each of them.
 */
async function world() {
  const tag = randomUUID().slice(0, 8);
  const admin = await prisma.user.create({
    data: { email: `admin-${tag}@example.test`, name: `Amministratrice ${tag}`, roles: { create: { role: "admin" } } },
  });
  const tutor = await prisma.user.create({
    data: { email: `tutor-${tag}@example.test`, name: `Tutor Storico ${tag}`, roles: { create: { role: "tutor" } } },
  });
  const university = await prisma.university.create({
    data: {
      name: `Ateneo Storico ${tag}`,
      city: "Milano",
      programmes: { create: { specialtyCode: "ematologia", directorName: "P", directorEmail: "p@example.it", durationYears: 4 } },
    },
    include: { programmes: true },
  });
  const programme = university.programmes[0]!;
  await prisma.agreement.create({
    data: {
      universityId: university.id,
      facilityRole: "collegata",
      startDate: addDays(today, -400),
      endDate: addDays(today, 400),
      signedOn: addDays(today, -410),
      programmes: { create: { programmeId: programme.id, posts: 2 } },
    },
  });
  const department = await prisma.department.create({
    data: { name: `Reparto Storico ${tag}`, capacity: 2, tutors: { create: { userId: tutor.id } } },
  });
  const resident = async (name: string, n: number) => {
    const user = await prisma.user.create({
      data: { email: `r${n}-${tag}@example.test`, name: `${name} ${tag}`, roles: { create: { role: "resident" } } },
    });
    const record = await prisma.resident.create({
      data: {
        userId: user.id,
        programmeId: programme.id,
        yearOfTraining: 2,
        studentNumber: `H${n}-${tag}`,
        stayStart: addDays(today, -200),
        stayEnd: addDays(today, 200),
      },
    });
    return { ...record, name: user.name };
  };
  const anna = await resident("Anna Storia", 1);
  const bruno = await resident("Bruno Riservato", 2);

  const rotation = (residentId: string, from: number, to: number) =>
    createRotation(
      rotationSchema.parse({
        residentId,
        departmentId: department.id,
        tutorId: tutor.id,
        startDate: toIsoDate(addDays(today, from)),
        endDate: toIsoDate(addDays(today, to)),
        state: "confirmed",
      }),
      admin.id,
    );
  const annaRotation = await rotation(anna.id, 10, 20);
  const brunoRotation = await rotation(bruno.id, 30, 40);
  await cancelRotation(annaRotation.id, versionOf(await prisma.rotation.findUniqueOrThrow({ where: { id: annaRotation.id } })), admin.id);

  await prisma.$transaction(async (tx) => {
    await recordAudit(tx, {
      actorId: admin.id,
      action: "update",
      entityType: "user",
      entityId: anna.userId,
      before: { email: "old@example.test" },
      after: { email: `r1-${tag}@example.test` },
    });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "update",
      entityType: "resident",
      entityId: anna.id,
      before: { yearOfTraining: 1, tutorId: null },
      after: { yearOfTraining: 2, tutorId: tutor.id },
    });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "update",
      entityType: "resident",
      entityId: bruno.id,
      before: { yearOfTraining: 1 },
      after: { yearOfTraining: 2 },
    });
  });

  const session = await prisma.teachingSession.create({
    data: {
      title: `Seminario storico ${tag}`,
      type: "seminar",
      date: addDays(today, -1),
      startTime: "09:00",
      durationMinutes: 60,
      departmentId: department.id,
      tutors: { create: { userId: tutor.id, lead: true } },
      programmes: { create: { programmeId: programme.id } },
    },
  });
  await saveAttendance(
    session.id,
    tutor.id,
    [
      { residentId: anna.id, status: "present" },
      { residentId: bruno.id, status: "absent" },
    ],
    { confirm: true },
  );
  await correctAttendance(session.id, tutor.id, [{ residentId: bruno.id, status: "excused" }], `Certificato di Bruno ${tag}`);
  await correctAttendance(session.id, tutor.id, [{ residentId: anna.id, status: "excused" }], `Congresso ${tag}`);
  return { tag, admin, tutor, university, programme, department, anna, bruno, session, annaRotation, brunoRotation };
}

const query = (values: Record<string, string>) => historyQuerySchema.parse(values);

describe("the administrators' history", () => {
  it("filters by record type, action, person, record and days, newest first, naming every record", async () => {
    const w = await world();
    const rotations = await listHistory(query({ type: "rotation", action: "create", actor: w.admin.id }));
    expect(rotations.total).toBe(2);
    expect(rotations.entries.map((e) => e.recordId)).toEqual([w.brunoRotation.id, w.annaRotation.id]);
    expect(rotations.entries[1]).toMatchObject({
      actor: w.admin.name,
      action: "create",
      type: "rotation",
      record: { name: w.anna.name, detail: w.department.name, href: `/admin/rotations/${w.annaRotation.id}` },
    });
    // Ids in the changes come with their names.
    expect(rotations.names).toMatchObject({ [w.department.id]: w.department.name, [w.tutor.id]: w.tutor.name, [w.anna.id]: w.anna.name });

    const one = await listHistory(query({ record: w.annaRotation.id }));
    expect(one.entries.map((e) => e.action)).toEqual(["cancel", "create"]);
    expect(one.entries[0]!.changes).toEqual({ state: ["confirmed", "cancelled"] });

    const byTutor = await listHistory(query({ actor: w.tutor.id }));
    expect(byTutor.entries.map((e) => e.action)).toEqual(["correct", "correct", "confirm"]);
    expect(byTutor.entries.every((e) => e.type === "attendance" && e.record.name === w.session.title)).toBe(true);
    expect(byTutor.names).toMatchObject({ [w.anna.id]: w.anna.name, [w.bruno.id]: w.bruno.name });
    expect((await historyActors()).map((a) => a.id)).toEqual(expect.arrayContaining([w.admin.id, w.tutor.id]));
    // A resident who set their own password changed something, but is offered only once chosen.
    const resident = await prisma.user.create({
      data: { email: `actor-${randomUUID()}@example.test`, name: "Resident Actor", roles: { create: { role: "resident" } } },
    });
    await replacePassword(resident.id, "a long enough password");
    expect((await historyActors()).map((a) => a.id)).not.toContain(resident.id);
    expect((await historyActors(resident.id)).map((a) => a.id)).toContain(resident.id);

    const day = toIsoDate(today);
    expect((await listHistory(query({ actor: w.admin.id, from: day, to: day }))).total).toBe(6);
    expect((await listHistory(query({ actor: w.admin.id, from: toIsoDate(addDays(today, 1)) }))).total).toBe(0);
    expect((await listHistory(query({ actor: w.admin.id, to: toIsoDate(addDays(today, -1)) }))).total).toBe(0);
    // The export has every entry the filters keep.
    expect((await exportHistory(query({ actor: w.admin.id }))).entries).toHaveLength(6);
  });

  it("finds the changes nobody signed in made, and names a removed record from its own event", async () => {
    const w = await world();
    const gone = `gone-${w.tag}`;
    await prisma.$transaction(async (tx) => {
      await recordAudit(tx, {
        actorId: null,
        action: "update",
        entityType: "university",
        entityId: w.university.id,
        before: { city: "Pavia" },
        after: { city: "Milano" },
      });
      await recordAudit(tx, {
        actorId: w.admin.id,
        action: "delete",
        entityType: "university",
        entityId: gone,
        before: { name: `Ateneo scomparso ${w.tag}`, city: "Como" },
        after: null,
      });
    });
    const system = await listHistory(query({ actor: "system", record: w.university.id }));
    expect(system.entries).toHaveLength(1);
    expect(system.entries[0]).toMatchObject({
      actor: null,
      record: { name: w.university.name, href: `/admin/universities/${w.university.id}` },
    });
    const removed = await listHistory(query({ record: gone }));
    expect(removed.entries[0]!.record).toEqual({ name: `Ateneo scomparso ${w.tag}`, detail: null, href: null });
  });

  it("ignores malformed filters rather than failing", () => {
    expect(query({ type: "nonsense", action: "DROP TABLE", from: "2026-02-30", to: "yesterday", page: "-3" })).toEqual({
      type: "",
      record: "",
      actor: "",
      action: "",
      from: "",
      to: "",
      page: 1,
    });
  });
});

describe("a resident's own history", () => {
  it("holds their account, record, rotations and their own line of each attendance event, with who made them", async () => {
    const w = await world();
    const mine = await ownHistory(w.anna.userId, 1);
    const summary = mine.entries.map((e) => `${e.type}:${e.action}`);
    expect(summary).toEqual([
      "attendance:correct",
      "attendance:confirm",
      "resident:update",
      "user:update",
      "rotation:cancel",
      "rotation:create",
    ]);
    expect(mine.total).toBe(6);

    const [correction, confirmation] = mine.entries;
    // Their own mark only, under a neutral name: no reason, no confirmation time, no one else's line.
    expect(correction!.changes).toEqual({ status: ["present", "excused"] });
    expect(confirmation!.changes).toEqual({ status: [null, "present"] });
    expect(correction).toMatchObject({ actor: w.tutor.name, record: { name: w.session.title, href: "/me/teaching" } });

    const record = mine.entries.find((e) => e.type === "resident")!;
    expect(record).toMatchObject({ actor: w.admin.name, changes: { yearOfTraining: [1, 2], tutorId: [null, w.tutor.id] } });
    expect(mine.names[w.tutor.id]).toBe(w.tutor.name);

    const created = mine.entries.find((e) => e.type === "rotation" && e.action === "create")!;
    expect(created.record).toMatchObject({ name: w.department.name, href: "/me/rotations" });
    expect(created.changes).not.toHaveProperty("residentId");
    expect(created.changes).toMatchObject({ departmentId: [null, w.department.id], tutorId: [null, w.tutor.id] });
  });

  it("holds nothing of another resident: not their rotations, records, attendance lines, name or id", async () => {
    const w = await world();
    const mine = await ownHistory(w.anna.userId, 1);
    const text = JSON.stringify(mine);
    for (const secret of [
      w.bruno.id,
      w.bruno.userId,
      w.bruno.name,
      w.brunoRotation.id,
      w.anna.id,
      "absent",
      `Certificato di Bruno ${w.tag}`,
    ])
      expect(text).not.toContain(secret);
    expect(mine.entries.some((e) => e.recordId !== "")).toBe(false);

    // And the other way round.
    const theirs = await ownHistory(w.bruno.userId, 1);
    expect(theirs.entries.map((e) => `${e.type}:${e.action}`)).toEqual([
      "attendance:correct",
      "attendance:confirm",
      "resident:update",
      "rotation:create",
    ]);
    expect(theirs.entries[0]!.changes).toEqual({ status: ["absent", "excused"] });
    expect(JSON.stringify(theirs)).not.toContain(w.anna.name);
  });

  it("is empty for a person without a training record", async () => {
    const w = await world();
    const nobody = await ownHistory(w.tutor.id, 1);
    expect(nobody).toEqual({ total: 0, entries: [], names: {} });
  });
});
