import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { universitySchema } from "~/schemas/university";
import { prisma } from "~/utils/db.server";
import { versionOf } from "./concurrency.server";
import { createUniversity, deleteUniversity, listUniversities, setUniversityArchived, updateUniversity } from "./university.server";
import { refused } from "../../test/refused";
import type { Refused } from "~/domain/refusal";

async function admin() {
  return prisma.user.create({ data: { email: `admin-${randomUUID()}@example.test`, name: "Admin", roles: { create: { role: "admin" } } } });
}
const input = (overrides: Partial<{ name: string; city: string; contactEmail: string }> = {}) =>
  universitySchema.parse({ name: `Università ${randomUUID().slice(0, 8)}`, city: "Milano", ...overrides });

describe("universities", () => {
  it("validates the form: name and city required, e-mail checked, empty optional fields allowed", () => {
    expect(universitySchema.safeParse({ name: "", city: "" }).success).toBe(false);
    expect(universitySchema.safeParse({ name: "Ateneo", city: "Pavia", contactEmail: "not-mail" }).success).toBe(false);
    expect(universitySchema.parse({ name: "  Ateneo  ", city: "Pavia" })).toMatchObject({ name: "Ateneo", city: "Pavia" });
  });

  it("creates a university with an audit event, and refuses a second one with the same name", async () => {
    const actor = await admin();
    const data = input();
    const created = await createUniversity(data, actor.id);
    const events = await prisma.auditEvent.findMany({ where: { entityType: "university", entityId: created.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "create", actorId: actor.id });
    expect(JSON.parse(events[0]!.changes).name).toEqual([null, data.name]);
    await expect(createUniversity({ ...input(), name: data.name }, actor.id)).rejects.toEqual(refused("name", "universities.nameTaken"));
    expect(await prisma.university.count({ where: { name: data.name } })).toBe(1);
  });

  it("saves an edit with the values before and after, clears emptied fields, and refuses a stale version", async () => {
    const actor = await admin();
    const { id } = await createUniversity(input({ contactEmail: "office@example.it" }), actor.id);
    const loaded = await prisma.university.findUniqueOrThrow({ where: { id } });
    const edited = { ...input(), name: loaded.name, city: "Como" };
    await updateUniversity(id, edited, versionOf(loaded), actor.id);
    const saved = await prisma.university.findUniqueOrThrow({ where: { id } });
    expect(saved).toMatchObject({ city: "Como", contactEmail: null });
    const update = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "update" } });
    expect(JSON.parse(update.changes)).toEqual({ city: ["Milano", "Como"], contactEmail: ["office@example.it", null] });

    // A second editor who loaded the old version is refused, and nothing changes.
    await expect(updateUniversity(id, { ...edited, city: "Lecco" }, versionOf(loaded), actor.id)).rejects.toEqual(
      refused(null, "errors.staleVersion"),
    );
    expect((await prisma.university.findUniqueOrThrow({ where: { id } })).city).toBe("Como");
  });

  it("deletes only a university nothing depends on; otherwise says what depends on it", async () => {
    const actor = await admin();
    const free = await createUniversity(input(), actor.id);
    await deleteUniversity(free.id, actor.id);
    expect(await prisma.university.count({ where: { id: free.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { entityId: free.id, action: "delete" } })).toBe(1);

    const used = await createUniversity(input(), actor.id);
    await prisma.programme.create({
      data: { universityId: used.id, specialtyCode: "urologia", directorName: "Prof. X", directorEmail: "x@example.it", durationYears: 5 },
    });
    const error = await deleteUniversity(used.id, actor.id).catch((e: unknown) => e);
    expect(error).toEqual(refused(null, "universities.inUse"));
    expect((error as Refused).refusals[0]!.values).toEqual({ count: 1, programmes: 1, agreements: 0 });
    expect(await prisma.university.count({ where: { id: used.id } })).toBe(1);
  });

  it("archives and restores, and the list filters by it", async () => {
    const actor = await admin();
    const data = input({ city: `Città ${randomUUID().slice(0, 6)}` });
    const { id } = await createUniversity(data, actor.id);
    await setUniversityArchived(id, true, actor.id);
    const query = { q: "", city: data.city, status: "active", sort: "name", dir: "asc", page: 1 } as const;
    expect((await listUniversities(query)).universities).toHaveLength(0);
    expect((await listUniversities({ ...query, status: "archived" })).universities.map((u) => u.id)).toEqual([id]);
    await setUniversityArchived(id, false, actor.id);
    expect((await listUniversities(query)).universities.map((u) => u.id)).toEqual([id]);
    expect(await prisma.auditEvent.count({ where: { entityId: id, action: { in: ["archive", "restore"] } } })).toBe(2);
  });
});
