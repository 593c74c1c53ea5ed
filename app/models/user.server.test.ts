import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { replacePassword } from "./account.server";
import { createUser, setActive, updateUser } from "./user.server";

async function eventsOf(userId: string) {
  const rows = await prisma.auditEvent.findMany({ where: { entityType: "user", entityId: userId }, orderBy: { id: "asc" } });
  return rows.map((row) => ({ action: row.action, actorId: row.actorId, changes: JSON.parse(row.changes) as Record<string, unknown> }));
}

describe("people in the audit trail", () => {
  it("records who created a person, their edit with roles, deactivation and reactivation", async () => {
    const admin = await prisma.user.create({ data: { email: `admin-${randomUUID()}@example.test`, name: "Admin" } });
    const email = `person-${randomUUID()}@example.test`;
    const { id } = await createUser({ name: "Giulia Ferraris", email, roles: ["tutor"] }, admin.id);
    const { updatedAt } = await prisma.user.findUniqueOrThrow({ where: { id } });
    await updateUser(id, { name: "Giulia Ferraris", email, roles: ["tutor", "admin"], language: "en" }, updatedAt.toISOString(), admin.id);
    await setActive(id, false, admin.id);
    await setActive(id, true, admin.id);

    const events = await eventsOf(id);
    expect(events.map((e) => e.action)).toEqual(["create", "update", "update", "update"]);
    expect(events.every((e) => e.actorId === admin.id)).toBe(true);
    expect(events[0]!.changes).toEqual({ name: [null, "Giulia Ferraris"], email: [null, email], roles: [null, ["tutor"]] });
    expect(events[1]!.changes).toEqual({ roles: [["tutor"], ["admin", "tutor"]], language: [null, "en"] });
    expect(events[2]!.changes).toMatchObject({ active: [true, false], deactivatedAt: [null, expect.any(String)] });
    expect(events[3]!.changes).toMatchObject({ active: [false, true], deactivatedAt: [expect.any(String), null] });
  });

  it("records that a password was set and how, never the password or its hash", async () => {
    const user = await prisma.user.create({ data: { email: `pw-${randomUUID()}@example.test`, name: "Nuovo" } });
    await replacePassword(user.id, "Un-Segreto-Lungo-2026");
    const [event] = await eventsOf(user.id);
    expect(event).toEqual({ action: "update", actorId: user.id, changes: { passwordSetVia: [null, "profile"] } });
    const stored = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "user", entityId: user.id } });
    const { passwordHash } = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.changes).not.toContain("Un-Segreto");
    expect(stored.changes).not.toContain(passwordHash!.slice(-20));
  });
});

describe("an address the mail server refused", () => {
  it("stays flagged while the address stays, and is cleared when an administrator changes it", async () => {
    const admin = await prisma.user.create({ data: { email: `admin-${randomUUID()}@example.test`, name: "Admin" } });
    const email = `refused-${randomUUID()}@example.test`;
    const { id } = await createUser({ name: "Rifiutata", email, roles: ["tutor"] }, admin.id);
    await prisma.user.update({ where: { id }, data: { mailRefusedAt: new Date() } });
    const edit = async (input: { email: string; language?: "en" }) => {
      const { updatedAt } = await prisma.user.findUniqueOrThrow({ where: { id } });
      await updateUser(id, { name: "Rifiutata", roles: ["tutor"], ...input }, updatedAt.toISOString(), admin.id);
      return (await prisma.user.findUniqueOrThrow({ where: { id } })).mailRefusedAt;
    };
    expect(await edit({ email, language: "en" })).not.toBeNull();
    expect(await edit({ email: `fixed-${randomUUID()}@example.test` })).toBeNull();
  });
});
