import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { hashSecret } from "./crypto.server";
import {
  clearSessionCookie,
  createSession,
  invalidateSession,
  invalidateUserSessions,
  readSessionToken,
  SESSION_COOKIE,
  sessionCookie,
  validateSessionToken,
} from "./session.server";

const DAY = 24 * 60 * 60 * 1000;

async function newUser(roles: Array<"admin" | "tutor" | "resident"> = ["tutor"]) {
  return prisma.user.create({
    data: {
      email: `session-${randomUUID()}@example.org`,
      name: "Session Tester",
      roles: { create: roles.map((role) => ({ role })) },
    },
  });
}

function withSecret(token: string, secret: string): string {
  const [id] = token.split(".");
  return `${id}.${secret}`;
}

describe("createSession", () => {
  it("returns a token of the form <id>.<secret>", async () => {
    const user = await newUser();
    const session = await createSession(user.id);
    const [id, secret, ...rest] = session.token.split(".");
    expect(rest).toEqual([]);
    expect(id).toBe(session.id);
    expect(id).toMatch(/^[a-z2-7]{24}$/);
    expect(secret).toMatch(/^[a-z2-7]{24}$/);
    expect(secret).not.toBe(id);
  });

  it("stores only a SHA-256 hash of the secret, never the secret itself", async () => {
    const user = await newUser();
    const { id, token } = await createSession(user.id, { userAgent: "Firefox", ipAddress: "10.0.0.1" });
    const secret = token.split(".")[1] ?? "";
    const row = await prisma.session.findUniqueOrThrow({ where: { id } });

    expect(Buffer.from(row.secretHash)).toEqual(Buffer.from(hashSecret(secret)));
    expect(row.secretHash.byteLength).toBe(32);
    const stored = JSON.stringify(row, (_key, value: unknown) =>
      value instanceof Uint8Array ? Buffer.from(value).toString("latin1") : value,
    );
    expect(stored).not.toContain(secret);
    expect(Buffer.from(row.secretHash).toString("latin1")).not.toContain(secret);
    expect(Buffer.from(row.secretHash).toString("hex")).not.toContain(secret);
  });

  it("gives every session a different token", async () => {
    const user = await newUser();
    const a = await createSession(user.id);
    const b = await createSession(user.id);
    expect(a.id).not.toBe(b.id);
    expect(a.token.split(".")[1]).not.toBe(b.token.split(".")[1]);
  });

  it("expires 30 days after creation and truncates oversized metadata", async () => {
    const user = await newUser();
    const now = new Date("2025-01-10T08:00:00Z");
    const session = await createSession(user.id, { userAgent: "x".repeat(1000), ipAddress: "1".repeat(200) }, now);
    expect(session.expiresAt).toEqual(new Date(now.getTime() + 30 * DAY));
    const row = await prisma.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.userAgent).toHaveLength(300);
    expect(row.ipAddress).toHaveLength(64);
  });
});

describe("validateSessionToken", () => {
  it("accepts a fresh token and returns the user with canonical roles", async () => {
    const user = await newUser(["resident", "admin"]);
    const { token, id } = await createSession(user.id);
    const session = await validateSessionToken(token);
    expect(session).not.toBeNull();
    expect(session?.id).toBe(id);
    expect(session?.user).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      language: null,
      roles: ["admin", "resident"],
    });
    expect(session?.renewed).toBe(false);
  });

  it("rejects a token whose secret was modified", async () => {
    const user = await newUser();
    const { token } = await createSession(user.id);
    const secret = token.split(".")[1] ?? "";
    const flipped = (secret[0] === "a" ? "b" : "a") + secret.slice(1);
    expect(await validateSessionToken(withSecret(token, flipped))).toBeNull();
    expect(await validateSessionToken(withSecret(token, secret.slice(0, -1)))).toBeNull();
    expect(await validateSessionToken(withSecret(token, `${secret}a`))).toBeNull();
    // The real token still works afterwards: guessing does not destroy the session.
    expect(await validateSessionToken(token)).not.toBeNull();
  });

  it("rejects a token with the database's hash as its secret", async () => {
    const user = await newUser();
    const { id } = await createSession(user.id);
    const row = await prisma.session.findUniqueOrThrow({ where: { id } });
    expect(await validateSessionToken(`${id}.${Buffer.from(row.secretHash).toString("hex")}`)).toBeNull();
  });

  it("rejects an unknown session id", async () => {
    const user = await newUser();
    const { token } = await createSession(user.id);
    const secret = token.split(".")[1] ?? "";
    expect(await validateSessionToken(`aaaaaaaaaaaaaaaaaaaaaaaa.${secret}`)).toBeNull();
  });

  it.each([
    ["empty", ""],
    ["no dot", "abcdefabcdefabcdef"],
    ["too many parts", "a.b.c"],
    ["empty id", ".secret"],
    ["empty secret", "id."],
    ["just a dot", "."],
    ["huge id", `${"a".repeat(100)}.secret`],
    ["huge secret", `id.${"a".repeat(100)}`],
  ])("rejects a malformed token (%s)", async (_label, token) => {
    expect(await validateSessionToken(token)).toBeNull();
  });

  it("deletes and rejects an expired session", async () => {
    const user = await newUser();
    const created = new Date("2025-01-01T00:00:00Z");
    const { token, id } = await createSession(user.id, {}, created);
    const afterExpiry = new Date(created.getTime() + 30 * DAY + 1000);
    expect(await validateSessionToken(token, afterExpiry)).toBeNull();
    expect(await prisma.session.findUnique({ where: { id } })).toBeNull();
    // Even "going back in time" cannot revive it.
    expect(await validateSessionToken(token, created)).toBeNull();
  });

  it("renews the expiry when less than 15 days remain", async () => {
    const user = await newUser();
    const created = new Date("2025-02-01T00:00:00Z");
    const { token, id } = await createSession(user.id, {}, created);
    const day20 = new Date(created.getTime() + 20 * DAY);
    const session = await validateSessionToken(token, day20);
    expect(session?.renewed).toBe(true);
    expect(session?.expiresAt).toEqual(new Date(day20.getTime() + 30 * DAY));
    const row = await prisma.session.findUniqueOrThrow({ where: { id } });
    expect(row.expiresAt).toEqual(new Date(day20.getTime() + 30 * DAY));
    expect(row.lastSeenAt).toEqual(day20);

    // The renewed session outlives the original expiry.
    const day40 = new Date(created.getTime() + 40 * DAY);
    expect(await validateSessionToken(token, day40)).not.toBeNull();
  });

  it("does not renew while more than 15 days remain", async () => {
    const user = await newUser();
    const created = new Date("2025-02-01T00:00:00Z");
    const { token, id, expiresAt } = await createSession(user.id, {}, created);
    const day5 = new Date(created.getTime() + 5 * DAY);
    const session = await validateSessionToken(token, day5);
    expect(session?.renewed).toBe(false);
    expect(session?.expiresAt).toEqual(expiresAt);
    const row = await prisma.session.findUniqueOrThrow({ where: { id } });
    expect(row.expiresAt).toEqual(expiresAt);
    expect(row.lastSeenAt).toEqual(day5);
  });

  it("rejects sessions of a deactivated user and ends them all", async () => {
    const user = await newUser();
    const first = await createSession(user.id);
    const second = await createSession(user.id);
    await prisma.user.update({ where: { id: user.id }, data: { active: false, deactivatedAt: new Date() } });
    expect(await validateSessionToken(first.token)).toBeNull();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    // Reactivation does not bring the old cookies back.
    await prisma.user.update({ where: { id: user.id }, data: { active: true, deactivatedAt: null } });
    expect(await validateSessionToken(second.token)).toBeNull();
  });

  it("cannot use one user's secret with another user's session id", async () => {
    const alice = await newUser();
    const mallory = await newUser();
    const aliceSession = await createSession(alice.id);
    const mallorySession = await createSession(mallory.id);
    const mallorySecret = mallorySession.token.split(".")[1] ?? "";
    expect(await validateSessionToken(`${aliceSession.id}.${mallorySecret}`)).toBeNull();
  });
});

describe("ending sessions", () => {
  it("invalidateSession ends exactly one session", async () => {
    const user = await newUser();
    const a = await createSession(user.id);
    const b = await createSession(user.id);
    await invalidateSession(a.id);
    expect(await validateSessionToken(a.token)).toBeNull();
    expect(await validateSessionToken(b.token)).not.toBeNull();
  });

  it("invalidateUserSessions ends every session of one user only", async () => {
    const user = await newUser();
    const other = await newUser();
    const mine = [await createSession(user.id), await createSession(user.id), await createSession(user.id)];
    const theirs = await createSession(other.id);
    expect(await invalidateUserSessions(user.id)).toBe(3);
    for (const session of mine) expect(await validateSessionToken(session.token)).toBeNull();
    expect(await validateSessionToken(theirs.token)).not.toBeNull();
  });

  it("invalidateUserSessions can keep the current session", async () => {
    const user = await newUser();
    const current = await createSession(user.id);
    const stolen = await createSession(user.id);
    const forgotten = await createSession(user.id);
    expect(await invalidateUserSessions(user.id, current.id)).toBe(2);
    expect(await validateSessionToken(current.token)).not.toBeNull();
    expect(await validateSessionToken(stolen.token)).toBeNull();
    expect(await validateSessionToken(forgotten.token)).toBeNull();
  });
});

describe("session cookie", () => {
  it("is HttpOnly, SameSite=Lax, site-wide and bounded to the session's life", () => {
    const cookie = sessionCookie("id.secret", new Date(Date.now() + 10 * DAY));
    const parts = cookie.split("; ");
    expect(parts[0]).toBe(`${SESSION_COOKIE}=id.secret`);
    expect(parts).toContain("HttpOnly");
    expect(parts).toContain("SameSite=Lax");
    expect(parts).toContain("Path=/");
    const maxAge = Number(parts.find((p) => p.startsWith("Max-Age="))?.slice(8));
    expect(maxAge).toBeGreaterThan(10 * 86400 - 5);
    expect(maxAge).toBeLessThanOrEqual(10 * 86400);
  });

  it("is cleared with an empty value and Max-Age=0", () => {
    const cookie = clearSessionCookie();
    expect(cookie.startsWith(`${SESSION_COOKIE}=;`)).toBe(true);
    expect(cookie).toContain("Max-Age=0");
    expect(cookie).toContain("HttpOnly");
  });

  it("is read back from the Cookie header among others", () => {
    const request = new Request("https://portal.example.org/", {
      headers: { Cookie: `portal_lang=en; ${SESSION_COOKIE}=abc.def; other=1` },
    });
    expect(readSessionToken(request)).toBe("abc.def");
    expect(readSessionToken(new Request("https://portal.example.org/"))).toBeNull();
    const lookalike = new Request("https://portal.example.org/", {
      headers: { Cookie: `x${SESSION_COOKIE}=abc.def` },
    });
    expect(readSessionToken(lookalike)).toBeNull();
  });
});
