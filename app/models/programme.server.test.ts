import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { programmeSchema } from "~/schemas/programme";
import { prisma } from "~/utils/db.server";
import { versionOf } from "./concurrency.server";
import { createProgramme, deleteProgramme, listProgrammes, specialtiesMatching, updateProgramme } from "./programme.server";
import { refused } from "../../test/refused";
import type { Refused } from "~/domain/refusal";

async function setup() {
  const actor = await prisma.user.create({ data: { email: `admin-${randomUUID()}@example.test`, name: "Admin" } });
  const [a, b] = await Promise.all(
    ["A", "B"].map((tag) => prisma.university.create({ data: { name: `Ateneo ${tag} ${randomUUID().slice(0, 6)}`, city: "Milano" } })),
  );
  return { actor, a: a!, b: b! };
}
const input = (universityId: string, specialtyCode = "ematologia", durationYears?: number) =>
  programmeSchema.parse({ universityId, specialtyCode, directorName: "Prof. Bianchi", directorEmail: "Bianchi@Example.it", durationYears });

describe("programmes", () => {
  it("takes the specialty's standard length when none is given, and records the creation", async () => {
    const { actor, a } = await setup();
    const { id } = await createProgramme(input(a.id, "oncologia-medica"), actor.id);
    expect(await prisma.programme.findUniqueOrThrow({ where: { id } })).toMatchObject({
      durationYears: 5,
      directorEmail: "bianchi@example.it",
    });
    expect(await prisma.auditEvent.count({ where: { entityType: "programme", entityId: id, action: "create" } })).toBe(1);
  });

  it("refuses a second programme of the same specialty at one university, and an archived university", async () => {
    const { actor, a } = await setup();
    await createProgramme(input(a.id), actor.id);
    await expect(createProgramme(input(a.id), actor.id)).rejects.toEqual(refused("specialtyCode", "programmes.specialtyTaken"));
    await prisma.university.update({ where: { id: a.id }, data: { archivedAt: new Date() } });
    await expect(createProgramme(input(a.id, "urologia"), actor.id)).rejects.toEqual(
      refused("universityId", "programmes.universityInvalid", 400),
    );
  });

  it("does not move a programme covered by agreements to another university", async () => {
    const { actor, a, b } = await setup();
    const { id } = await createProgramme(input(a.id), actor.id);
    await prisma.agreement.create({
      data: {
        universityId: a.id,
        facilityRole: "collegata",
        startDate: new Date("2026-01-01"),
        endDate: new Date("2030-12-31"),
        programmes: { create: { programmeId: id, posts: 2 } },
      },
    });
    const loaded = await prisma.programme.findUniqueOrThrow({ where: { id } });
    await expect(updateProgramme(id, input(b.id), versionOf(loaded), actor.id)).rejects.toEqual(
      refused("universityId", "programmes.coveredMove"),
    );
    expect((await prisma.programme.findUniqueOrThrow({ where: { id } })).universityId).toBe(a.id);
  });

  it("refuses a stale edit and records a real one with before and after", async () => {
    const { actor, a } = await setup();
    const { id } = await createProgramme(input(a.id), actor.id);
    const loaded = await prisma.programme.findUniqueOrThrow({ where: { id } });
    await updateProgramme(id, input(a.id, "ematologia", 5), versionOf(loaded), actor.id);
    await expect(updateProgramme(id, input(a.id, "ematologia", 3), versionOf(loaded), actor.id)).rejects.toEqual(
      refused(null, "errors.staleVersion"),
    );
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "update" } });
    expect(JSON.parse(event.changes)).toEqual({ durationYears: [4, 5] });
  });

  it("deletes only a programme without residents or agreements", async () => {
    const { actor, a } = await setup();
    const { id } = await createProgramme(input(a.id), actor.id);
    const person = await prisma.user.create({ data: { email: `r-${randomUUID()}@example.test`, name: "R" } });
    await prisma.resident.create({
      data: {
        userId: person.id,
        programmeId: id,
        yearOfTraining: 2,
        studentNumber: "X1",
        stayStart: new Date("2026-01-01"),
        stayEnd: new Date("2026-06-30"),
      },
    });
    const error = await deleteProgramme(id, actor.id).catch((e: unknown) => e);
    expect(error).toEqual(refused(null, "programmes.inUse"));
    expect((error as Refused).refusals[0]!.values).toEqual({ residents: 1, agreements: 0 });
    await prisma.resident.deleteMany({ where: { programmeId: id } });
    await deleteProgramme(id, actor.id);
    expect(await prisma.programme.count({ where: { id } })).toBe(0);
  });

  it("finds programmes by the specialty's name in either language", async () => {
    expect(specialtiesMatching("radio")).toEqual(expect.arrayContaining(["radioterapia", "radiodiagnostica"]));
    expect(specialtiesMatching("haematology")).toEqual(["ematologia"]);
    const { actor, a } = await setup();
    await createProgramme(input(a.id, "ematologia"), actor.id);
    const query = { q: "", university: a.id, specialty: "", status: "active", sort: "specialty", dir: "asc", page: 1 } as const;
    expect((await listProgrammes({ ...query, q: "Ematologia" })).total).toBe(1);
    expect((await listProgrammes({ ...query, q: "Haematology" })).total).toBe(1);
    expect((await listProgrammes({ ...query, q: "Urology" })).total).toBe(0);
  });
});
