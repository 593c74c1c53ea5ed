import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "./password.server";
import { createSession, SESSION_COOKIE, validateSessionToken } from "./session.server";
import { signIn } from "./sign-in.server";

const PASSWORD = "correct horse battery staple";
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

async function newUser(options: { active?: boolean; withPassword?: boolean } = {}) {
  return prisma.user.create({
    data: {
      email: `sign-in-${randomUUID()}@example.org`,
      name: "Sign-in Tester",
      active: options.active ?? true,
      passwordHash: options.withPassword === false ? null : passwordHash,
      roles: { create: [{ role: "resident" }, { role: "tutor" }] },
    },
  });
}

/** A made-up network address per attempt series, so tests do not throttle each other. */
const address = () => `test-${randomUUID()}`;

function tokenFrom(cookie: string): string {
  const first = cookie.split(";")[0] ?? "";
  expect(first.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
  return first.slice(SESSION_COOKIE.length + 1);
}

describe("signIn", () => {
  it("signs in with the right password and sets a safe session cookie", async () => {
    const user = await newUser();
    const outcome = await signIn({ email: user.email, password: PASSWORD, address: address(), userAgent: "Firefox" });
    expect(outcome.kind).toBe("signed-in");
    if (outcome.kind !== "signed-in") return;
    expect(outcome.roles).toEqual(["tutor", "resident"]);
    expect(outcome.cookie).toContain("HttpOnly");
    expect(outcome.cookie).toContain("SameSite=Lax");
    const session = await validateSessionToken(tokenFrom(outcome.cookie));
    expect(session?.id).toBe(outcome.sessionId);
    expect(session?.user.id).toBe(user.id);
  });

  it("rejects an unknown e-mail and a wrong password alike", async () => {
    const user = await newUser();
    const unknown = await signIn({
      email: `nobody-${randomUUID()}@example.org`,
      password: PASSWORD,
      address: address(),
      userAgent: null,
    });
    const wrong = await signIn({ email: user.email, password: `${PASSWORD}!`, address: address(), userAgent: null });
    expect(unknown).toEqual({ kind: "rejected", retryAfter: 0 });
    expect(wrong).toEqual({ kind: "rejected", retryAfter: 0 });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("rejects a deactivated account even with the right password", async () => {
    const user = await newUser({ active: false });
    const outcome = await signIn({ email: user.email, password: PASSWORD, address: address(), userAgent: null });
    expect(outcome).toEqual({ kind: "rejected", retryAfter: 0 });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("rejects an account that has not set a password yet, whatever is typed", async () => {
    const user = await newUser({ withPassword: false });
    for (const password of ["", "null", PASSWORD]) {
      const outcome = await signIn({ email: user.email, password, address: address(), userAgent: null });
      expect(outcome.kind).toBe("rejected");
    }
  });

  it("ends the session the browser had before (no session fixation)", async () => {
    const user = await newUser();
    const planted = await createSession(user.id);
    const outcome = await signIn({
      email: user.email,
      password: PASSWORD,
      address: address(),
      userAgent: null,
      previousSessionId: planted.id,
    });
    expect(outcome.kind).toBe("signed-in");
    if (outcome.kind !== "signed-in") return;
    expect(outcome.sessionId).not.toBe(planted.id);
    expect(await validateSessionToken(planted.token)).toBeNull();
    expect(await prisma.session.findUnique({ where: { id: planted.id } })).toBeNull();
  });

  it("throttles after repeated failures, even once the right password is typed", async () => {
    const user = await newUser();
    const addr = address();
    const attempt = (password: string) => signIn({ email: user.email, password, address: addr, userAgent: null });
    for (let i = 1; i <= 5; i++) expect(await attempt(`wrong-${i}`)).toEqual({ kind: "rejected", retryAfter: 0 });
    expect(await attempt("wrong-6")).toEqual({ kind: "rejected", retryAfter: 30 });

    const blocked = await attempt(PASSWORD);
    expect(blocked.kind).toBe("throttled");
    expect(blocked.kind === "throttled" && blocked.retryAfter).toBeGreaterThan(0);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);

    // Switching network address does not lift the account's block.
    const elsewhere = await signIn({ email: user.email, password: PASSWORD, address: address(), userAgent: null });
    expect(elsewhere.kind).toBe("throttled");
  });

  it("a successful sign-in clears the account's earlier failures", async () => {
    const user = await newUser();
    const addr = address();
    for (let i = 0; i < 4; i++) await signIn({ email: user.email, password: "nope", address: addr, userAgent: null });
    expect((await signIn({ email: user.email, password: PASSWORD, address: addr, userAgent: null })).kind).toBe("signed-in");
    // Five more free failures are available again.
    for (let i = 0; i < 5; i++) {
      expect(await signIn({ email: user.email, password: "nope", address: address(), userAgent: null })).toEqual({
        kind: "rejected",
        retryAfter: 0,
      });
    }
  });

  it("does not sign in another account's e-mail with this account's password", async () => {
    await newUser(); // the account PASSWORD belongs to
    const bob = await prisma.user.create({
      data: {
        email: `sign-in-${randomUUID()}@example.org`,
        name: "Bob",
        passwordHash: await hashPassword("a completely different one"),
        roles: { create: [{ role: "admin" }] },
      },
    });
    const outcome = await signIn({ email: bob.email, password: PASSWORD, address: address(), userAgent: null });
    expect(outcome.kind).toBe("rejected");
  });
});
