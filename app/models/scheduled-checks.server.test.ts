import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createCoveredProgramme, createDepartment, createResident } from "../../test/factories";
import { claimOccasion, queueDigests, runDailyChecks } from "./scheduled-checks.server";
import { notify, setPreferences } from "./notification.server";

const d = (iso: string) => parseIsoDate(iso)!;
const kindsOf = async (userId: string) =>
  (await prisma.notification.findMany({ where: { userId }, select: { kind: true, params: true } })).map((n) => [
    n.kind,
    JSON.parse(n.params),
  ]);

describe("occasions", () => {
  it("are run by the first process that claims them, and by no other", async () => {
    const occasion = `daily:test-${randomUUID()}`;
    const claims = await Promise.all([claimOccasion(occasion), claimOccasion(occasion), claimOccasion(occasion)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
});

describe("the daily checks", () => {
  it("tell administrators of an agreement 30 days before it ends, a resident of their rotation a week ahead, and the department's tutors of the arrival", async () => {
    const tag = randomUUID().slice(0, 8);
    const admin = await prisma.user.create({
      data: { email: `a-${tag}@example.test`, name: "Admin", roles: { create: { role: "admin" } } },
    });
    const tutor = await prisma.user.create({
      data: { email: `t-${tag}@example.test`, name: "Tutor", roles: { create: { role: "tutor" } } },
    });
    const { programme, university } = await createCoveredProgramme({
      university: `Ateneo ${tag}`,
      specialtyCode: "ematologia",
      posts: 2,
      startDate: d("2025-01-01"),
      endDate: d("2031-01-30"),
      signedOn: d("2024-12-01"),
    });
    const department = await createDepartment(`Reparto ${tag}`, 2, [tutor.id]);
    const user = await prisma.user.create({
      data: { email: `r-${tag}@example.test`, name: "Resident", roles: { create: { role: "resident" } } },
    });
    const resident = await createResident({
      userId: user.id,
      programmeId: programme.id,
      yearOfTraining: 1,
      studentNumber: `S-${tag}`,
      stayStart: d("2025-01-01"),
      stayEnd: d("2031-01-30"),
    });
    await prisma.rotation.create({
      data: {
        residentId: resident.id,
        departmentId: department.id,
        tutorId: tutor.id,
        startDate: d("2031-01-07"),
        endDate: d("2031-01-20"),
        state: "confirmed",
      },
    });
    // 31 December 2030: the agreement ends on 30 January (30 days), the rotation begins on 7 January (a week).
    await runDailyChecks({ from: d("2030-12-31"), to: d("2030-12-31") });
    expect(await kindsOf(admin.id)).toContainEqual(["agreement-ending", { university: university.name, endDate: "2031-01-30", days: 30 }]);
    expect(await kindsOf(user.id)).toEqual([["rotation-starting", { department: department.name, startDate: "2031-01-07" }]]);
    expect(await kindsOf(tutor.id)).toEqual([["residents-arriving", { count: 1, department: department.name, startDate: "2031-01-07" }]]);
    // The next day tells nothing again.
    await runDailyChecks({ from: d("2031-01-01"), to: d("2031-01-01") });
    expect(await kindsOf(user.id)).toHaveLength(1);
  });
});

describe("digests", () => {
  it("gather a person's waiting notifications of a category into one e-mail, once", async () => {
    const tag = randomUUID().slice(0, 8);
    const reader = await prisma.user.create({ data: { email: `d-${tag}@example.test`, name: "Reader", language: "en" } });
    await setPreferences(reader.id, { logbook: "daily", rotations: "weekly" });
    const event = { kind: "logbook-returned", params: { activity: "Visit", date: "2026-12-01" }, link: "/me/logbook" } as const;
    await prisma.$transaction((tx) => notify(tx, [reader.id], event));
    await prisma.$transaction((tx) => notify(tx, [reader.id], event));
    await prisma.$transaction((tx) =>
      notify(tx, [reader.id], { kind: "rotation-starting", params: { department: "X", startDate: "2026-12-10" }, link: "/me/rotations" }),
    );
    await queueDigests(["daily"]);
    const mails = await prisma.outboxMessage.findMany({ where: { userId: reader.id } });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ category: "logbook", locale: "en" });
    expect(JSON.parse(mails[0]!.payload)).toMatchObject({ digest: "daily" });
    expect(JSON.parse(mails[0]!.payload).notificationIds).toHaveLength(2);
    await queueDigests(["daily"]);
    expect(await prisma.outboxMessage.count({ where: { userId: reader.id } })).toBe(1);
    await queueDigests(["daily", "weekly"]);
    expect(await prisma.outboxMessage.count({ where: { userId: reader.id, category: "rotations" } })).toBe(1);
  });
});
