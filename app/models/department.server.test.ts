import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { departmentSchema } from "~/schemas/department";
import { prisma } from "~/utils/db.server";
import { versionOf } from "./concurrency.server";
import { createDepartment, deleteDepartment, listDepartments, updateDepartment } from "./department.server";
import { refused } from "../../test/refused";

const person = (role: "tutor" | "resident" | "admin", active = true) =>
  prisma.user.create({
    data: {
      email: `${role}-${randomUUID()}@example.test`,
      name: `${role} ${randomUUID().slice(0, 4)}`,
      active,
      roles: { create: { role } },
    },
  });
const input = (values: { name?: string; headId?: string; capacity?: number | string; tutorIds?: string[] }) =>
  departmentSchema.parse({
    name: values.name ?? `Reparto ${randomUUID().slice(0, 8)}`,
    capacity: values.capacity ?? 5,
    headId: values.headId,
    tutorIds: values.tutorIds ?? [],
  });

describe("departments", () => {
  it("checks the capacity: a whole number from 1 to 500", () => {
    for (const capacity of ["0", "501", "2.5", "tre"])
      expect(departmentSchema.safeParse({ name: "Reparto", capacity }).success).toBe(false);
    expect(departmentSchema.parse({ name: "Reparto", capacity: "12" }).capacity).toBe(12);
  });

  it("adds the head to the tutors and records the staff in the audit event", async () => {
    const [actor, head, tutor] = await Promise.all([person("admin"), person("tutor"), person("tutor")]);
    const { id } = await createDepartment(input({ headId: head.id, tutorIds: [tutor.id] }), actor.id);
    const rows = await prisma.departmentTutor.findMany({ where: { departmentId: id } });
    expect(rows.map((r) => r.userId).sort()).toEqual([head.id, tutor.id].sort());
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "department", entityId: id } });
    expect(JSON.parse(event.changes).tutorIds[1]).toEqual([head.id, tutor.id].sort());
  });

  it("refuses people without the tutor role, deactivated tutors, and unknown ids, writing nothing", async () => {
    const [actor, resident, gone] = await Promise.all([person("admin"), person("resident"), person("tutor", false)]);
    for (const tutorIds of [[resident.id], [gone.id], ["no-such-person"]]) {
      const data = input({ tutorIds });
      await expect(createDepartment(data, actor.id)).rejects.toEqual(refused("tutorIds", "departments.tutorInvalid", 400));
      expect(await prisma.department.count({ where: { name: data.name } })).toBe(0);
    }
  });

  it("replaces the staff in one edit, refuses duplicates and stale versions", async () => {
    const [actor, a, b] = await Promise.all([person("admin"), person("tutor"), person("tutor")]);
    const existing = input({});
    await createDepartment(existing, actor.id);
    const { id } = await createDepartment(input({ tutorIds: [a.id] }), actor.id);
    const loaded = await prisma.department.findUniqueOrThrow({ where: { id } });
    await expect(updateDepartment(id, input({ name: existing.name }), versionOf(loaded), actor.id)).rejects.toEqual(
      refused("name", "departments.nameTaken"),
    );
    await updateDepartment(id, input({ name: loaded.name, capacity: 9, tutorIds: [b.id] }), versionOf(loaded), actor.id);
    expect((await prisma.departmentTutor.findMany({ where: { departmentId: id } })).map((r) => r.userId)).toEqual([b.id]);
    await expect(updateDepartment(id, input({ name: loaded.name, capacity: 2 }), versionOf(loaded), actor.id)).rejects.toEqual(
      refused(null, "errors.staleVersion"),
    );
    expect((await prisma.department.findUniqueOrThrow({ where: { id } })).capacity).toBe(9);
  });

  it("lists departments without tutors, and deletes with an audit event", async () => {
    const actor = await person("admin");
    const data = input({ name: `Senza tutor ${randomUUID().slice(0, 6)}` });
    const { id } = await createDepartment(data, actor.id);
    const query = { q: data.name, status: "active", staff: "none", sort: "name", dir: "asc", page: 1 } as const;
    expect((await listDepartments(query)).departments.map((d) => d.id)).toEqual([id]);
    await deleteDepartment(id, actor.id);
    expect(await prisma.department.count({ where: { id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { entityId: id, action: "delete" } })).toBe(1);
  });
});
