import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { rotationSchema } from "~/schemas/rotation";
import { prisma } from "~/utils/db.server";
import { createCatalogue, createCoveredProgramme, createDepartment, createLogbookEntry, createResident } from "../../test/factories";
import { replacePassword } from "./account.server";
import { versionOf } from "./concurrency.server";
import { returnEntry } from "./logbook-review.server";
import { cancelRotation, createRotation, updateRotation } from "./rotation.server";

/** Which changes notify whom: each written in the change's own transaction (app/models/notification.server.ts). */

const d = (iso: string) => parseIsoDate(iso)!;
const notificationsOf = (userId: string) =>
  prisma.notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { kind: true, params: true, link: true } });

async function world() {
  const tag = randomUUID().slice(0, 8);
  const actor = await prisma.user.create({ data: { email: `admin-${tag}@example.test`, name: "Admin" } });
  const tutor = await prisma.user.create({
    data: { email: `tutor-${tag}@example.test`, name: "Tutor", roles: { create: { role: "tutor" } } },
  });
  const { programme } = await createCoveredProgramme({
    university: `Ateneo ${tag}`,
    specialtyCode: "ematologia",
    posts: 2,
    startDate: d("2026-01-01"),
    endDate: d("2028-12-31"),
    signedOn: d("2025-12-01"),
  });
  const department = await createDepartment(`Ematologia ${tag}`, 2, [tutor.id]);
  const user = await prisma.user.create({
    data: { email: `r-${tag}@example.test`, name: "Resident", roles: { create: { role: "resident" } } },
  });
  const resident = await createResident({
    userId: user.id,
    programmeId: programme.id,
    yearOfTraining: 1,
    studentNumber: `N-${tag}`,
    stayStart: d("2026-01-01"),
    stayEnd: d("2028-12-31"),
  });
  const rotation = (start: string, end: string, state: "planned" | "confirmed") =>
    rotationSchema.parse({
      residentId: resident.id,
      departmentId: department.id,
      tutorId: tutor.id,
      startDate: start,
      endDate: end,
      state,
    });
  return { tag, actor, tutor, department, programme, user, resident, rotation };
}

describe("a rotation's resident is told", () => {
  it("when a confirmed rotation moves, with its new days, and when it is cancelled", async () => {
    const w = await world();
    const { id } = await createRotation(w.rotation("2027-03-01", "2027-04-30", "confirmed"), w.actor.id);
    expect(await notificationsOf(w.user.id)).toEqual([]);
    const current = await prisma.rotation.findUniqueOrThrow({ where: { id } });
    await updateRotation(id, w.rotation("2027-03-15", "2027-05-15", "confirmed"), versionOf(current), w.actor.id);
    const moved = await prisma.rotation.findUniqueOrThrow({ where: { id } });
    await cancelRotation(id, versionOf(moved), w.actor.id);
    const told = await notificationsOf(w.user.id);
    expect(told.map((n) => [n.kind, JSON.parse(n.params), n.link])).toEqual([
      ["rotation-changed", { department: w.department.name, startDate: "2027-03-15", endDate: "2027-05-15" }, "/me/rotations"],
      ["rotation-cancelled", { department: w.department.name, startDate: "2027-03-15", endDate: "2027-05-15" }, "/me/rotations"],
    ]);
  });

  it("not while the rotation is a planned draft, nor when only its notes change", async () => {
    const w = await world();
    const { id } = await createRotation(w.rotation("2027-06-01", "2027-06-30", "planned"), w.actor.id);
    let current = await prisma.rotation.findUniqueOrThrow({ where: { id } });
    await updateRotation(id, w.rotation("2027-06-10", "2027-07-10", "planned"), versionOf(current), w.actor.id);
    current = await prisma.rotation.findUniqueOrThrow({ where: { id } });
    await cancelRotation(id, versionOf(current), w.actor.id);
    const confirmed = await createRotation(w.rotation("2027-09-01", "2027-09-30", "confirmed"), w.actor.id);
    current = await prisma.rotation.findUniqueOrThrow({ where: { id: confirmed.id } });
    await updateRotation(
      confirmed.id,
      { ...w.rotation("2027-09-01", "2027-09-30", "confirmed"), notes: "Ward B" },
      versionOf(current),
      w.actor.id,
    );
    expect(await notificationsOf(w.user.id)).toEqual([]);
  });
});

describe("the logbook", () => {
  it("tells the resident when their tutor returns an entry, naming the activity in both languages", async () => {
    const w = await world();
    await prisma.rotation.create({
      data: {
        residentId: w.resident.id,
        departmentId: w.department.id,
        tutorId: w.tutor.id,
        startDate: d("2026-11-01"),
        endDate: d("2026-11-30"),
        state: "confirmed",
      },
    });
    const catalogue = await createCatalogue({
      programmeId: w.programme.id,
      activities: [{ code: "visit", labelIt: "Prima visita", labelEn: "First visit", minimums: [] }],
    });
    const entry = await createLogbookEntry({
      residentId: w.resident.id,
      activityId: catalogue.activities[0]!.id,
      departmentId: w.department.id,
      date: d("2026-11-20"),
      tutorId: w.tutor.id,
      degree: "support",
      count: 1,
    });
    await returnEntry(w.tutor.id, entry.id, "Collaboration, not support");
    const [told] = await notificationsOf(w.user.id);
    expect(told?.kind).toBe("logbook-returned");
    expect(JSON.parse(told!.params)).toEqual({ activity: { it: "Prima visita", en: "First visit" }, date: "2026-11-20" });
    expect(told?.link).toBe(`/me/logbook/${entry.id}`);
    // The logbook's default is the daily digest: nothing in the outbox yet, the digest will carry it.
    expect(await prisma.notification.findFirst({ where: { userId: w.user.id } })).toMatchObject({ delivery: "daily", mailedAt: null });
    expect(await prisma.outboxMessage.count({ where: { userId: w.user.id } })).toBe(0);
  });
});

describe("security", () => {
  it("tells a person their password changed, by e-mail whatever they chose, but not when they set their first one", async () => {
    const w = await world();
    await replacePassword(w.user.id, "A-first-password-1");
    expect(await notificationsOf(w.user.id)).toEqual([]);
    await replacePassword(w.user.id, "A-second-password-2");
    expect((await notificationsOf(w.user.id)).map((n) => n.kind)).toEqual(["password-changed"]);
    expect(await prisma.outboxMessage.findFirst({ where: { userId: w.user.id } })).toMatchObject({
      category: "security",
      status: "queued",
    });
  });
});
