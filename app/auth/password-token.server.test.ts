import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { replacePassword } from "~/models/account.server";
import { prisma } from "~/utils/db.server";
import { hashPassword, verifyPassword } from "./password.server";
import { checkPasswordToken, issuePasswordToken, passwordLinkPath } from "./password-token.server";
import { createSession, validateSessionToken } from "./session.server";
import { refused } from "../../test/refused";

const HOUR = 60 * 60 * 1000;

async function newUser(passwordHash: string | null = null) {
  return prisma.user.create({
    data: {
      email: `token-${randomUUID()}@example.org`,
      name: "Token Tester",
      passwordHash,
      roles: { create: [{ role: "tutor" }] },
    },
  });
}

async function validTokenId(token: string, now?: Date): Promise<string> {
  const check = await checkPasswordToken(token, now);
  if (!check.ok) throw new Error(`token not valid: ${check.reason}`);
  return check.tokenId;
}

describe("issuePasswordToken / checkPasswordToken", () => {
  it("queues the link for the person by e-mail when asked, with the token, marked as a credential to erase", async () => {
    const user = await newUser();
    const { token } = await issuePasswordToken(user.id, { mail: true });
    const queued = await prisma.outboxMessage.findMany({ where: { userId: user.id } });
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ to: user.email, category: "security", secret: true, status: "queued" });
    expect(JSON.parse(queued[0]!.payload)).toEqual({
      kind: "password-link",
      params: { path: passwordLinkPath(token) },
      link: passwordLinkPath(token),
    });
    expect(await prisma.notification.count({ where: { userId: user.id } })).toBe(0);
    await issuePasswordToken(user.id);
    expect(await prisma.outboxMessage.count({ where: { userId: user.id } })).toBe(1);
  });

  it("puts an administrator's issuing of a link in the account's history, with the administrator's name", async () => {
    const user = await newUser();
    const admin = await newUser();
    await issuePasswordToken(user.id, { issuedBy: admin.id });
    const events = await prisma.auditEvent.findMany({ where: { entityType: "user", entityId: user.id } });
    expect(events.map((e) => ({ actorId: e.actorId, changes: JSON.parse(e.changes) as unknown }))).toEqual([
      { actorId: admin.id, changes: { passwordLink: [null, "issued"] } },
    ]);
    // The command line's first administrator: no author, no event.
    await issuePasswordToken(admin.id);
    expect(await prisma.auditEvent.count({ where: { entityType: "user", entityId: admin.id } })).toBe(0);
  });

  it("issues a token that identifies its user", async () => {
    const user = await newUser();
    const { token } = await issuePasswordToken(user.id);
    expect(token).toMatch(/^[a-z2-7]{50,}$/);
    const check = await checkPasswordToken(token);
    expect(check).toMatchObject({ ok: true, user: { id: user.id, email: user.email, name: user.name } });
    expect(passwordLinkPath(token)).toBe(`/set-password/${token}`);
  });

  it("stores only a hash of the token", async () => {
    const user = await newUser();
    const { token } = await issuePasswordToken(user.id);
    const rows = await prisma.passwordToken.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    // The stored hash cannot be used as a link.
    expect((await checkPasswordToken(rows[0]?.tokenHash ?? "")).ok).toBe(false);
  });

  it("expires after 72 hours", async () => {
    const user = await newUser();
    const issued = new Date("2025-04-01T09:00:00Z");
    const { token, expiresAt } = await issuePasswordToken(user.id, { now: issued });
    expect(expiresAt).toEqual(new Date(issued.getTime() + 72 * HOUR));
    expect((await checkPasswordToken(token, new Date(issued.getTime() + 71 * HOUR))).ok).toBe(true);
    expect(await checkPasswordToken(token, new Date(issued.getTime() + 72 * HOUR))).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(await checkPasswordToken(token, new Date(issued.getTime() + 100 * HOUR))).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("invalidates the older unused link when a new one is issued", async () => {
    const user = await newUser();
    const older = await issuePasswordToken(user.id);
    const newer = await issuePasswordToken(user.id);
    expect(newer.token).not.toBe(older.token);
    expect(await checkPasswordToken(older.token)).toEqual({ ok: false, reason: "invalid" });
    expect((await checkPasswordToken(newer.token)).ok).toBe(true);
  });

  it("does not touch other users' links", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const aliceLink = await issuePasswordToken(alice.id);
    await issuePasswordToken(bob.id);
    expect((await checkPasswordToken(aliceLink.token)).ok).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["too short", "abc"],
    ["not base32", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghij"],
    ["path traversal", "../../etc/passwd/aaaaaaaaaaaaaaaaaaaa"],
    ["unknown but well-formed", "a".repeat(52)],
  ])("rejects a %s token as invalid", async (_label, token) => {
    expect(await checkPasswordToken(token)).toEqual({ ok: false, reason: "invalid" });
  });

  it("rejects the link of a deactivated account", async () => {
    const user = await newUser();
    const { token } = await issuePasswordToken(user.id);
    await prisma.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await checkPasswordToken(token)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("replacePassword", () => {
  it("sets the new password with a link, and the link then works no more", async () => {
    const user = await newUser();
    const { token } = await issuePasswordToken(user.id);
    const tokenId = await validTokenId(token);

    await replacePassword(user.id, "a brand new long password", tokenId);
    const saved = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(saved.passwordHash?.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(saved.passwordHash ?? "", "a brand new long password")).toBe(true);

    expect(await checkPasswordToken(token)).toEqual({ ok: false, reason: "used" });
    await expect(replacePassword(user.id, "an attacker's password!!", tokenId)).rejects.toEqual(refused(null, "setPassword.linkUsed", 410));
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(after.passwordHash ?? "", "a brand new long password")).toBe(true);
    expect(await verifyPassword(after.passwordHash ?? "", "an attacker's password!!")).toBe(false);
  });

  it("lets only one of two simultaneous uses of a link succeed", async () => {
    const user = await newUser();
    const { token } = await issuePasswordToken(user.id);
    const tokenId = await validTokenId(token);
    const results = await Promise.allSettled([
      replacePassword(user.id, "first racing password", tokenId),
      replacePassword(user.id, "second racing password", tokenId),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toEqual(refused(null, "setPassword.linkUsed", 410));
  });

  it("rejects an unknown token id", async () => {
    const user = await newUser();
    await expect(replacePassword(user.id, "some long password", "no-such-token")).rejects.toEqual(
      refused(null, "setPassword.linkUsed", 410),
    );
  });

  it("ends all of the user's sessions, and only theirs", async () => {
    const user = await newUser(await hashPassword("the old password"));
    const other = await newUser();
    const laptop = await createSession(user.id);
    const phone = await createSession(user.id);
    const otherSession = await createSession(other.id);

    await replacePassword(user.id, "the new password here");
    expect(await validateSessionToken(laptop.token)).toBeNull();
    expect(await validateSessionToken(phone.token)).toBeNull();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await validateSessionToken(otherSession.token)).not.toBeNull();

    const saved = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(saved.passwordHash ?? "", "the old password")).toBe(false);
  });
});
