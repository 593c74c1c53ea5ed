import { judgeSession, newSessionExpiry, SESSION_LIFETIME_MS } from "~/domain/session-lifetime";
import { normalizeRoles, type Role } from "~/domain/roles";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { hashSecret, randomToken, secretsMatch } from "./crypto.server";

/**
 * Sessions as the Lucia guide teaches: the cookie holds "<id>.<secret>"; the database keeps the id and
 * a SHA-256 hash of the secret, compared in constant time. A stolen database cannot be replayed as
 * cookies, and deleting a row ends the session at once.
 */
export const SESSION_COOKIE = "portal_session";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  language: string | null;
  roles: Role[];
};
export type ValidSession = { id: string; expiresAt: Date; user: SessionUser; renewed: boolean };

export async function createSession(
  userId: string,
  meta: { userAgent?: string | null; ipAddress?: string | null } = {},
  now = new Date(),
): Promise<{ token: string; expiresAt: Date; id: string }> {
  const id = randomToken();
  const secret = randomToken();
  const expiresAt = newSessionExpiry(now);
  await prisma.session.create({
    data: {
      id,
      secretHash: new Uint8Array(hashSecret(secret)),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ipAddress: meta.ipAddress?.slice(0, 64) ?? null,
    },
  });
  return { id, token: `${id}.${secret}`, expiresAt };
}

type SessionRow = {
  secretHash: Uint8Array;
  expiresAt: Date;
  lastSeenAt: Date;
  userId: string;
  email: string;
  name: string;
  language: string | null;
  active: boolean;
  role: string | null;
};

/**
 * A session with its person and their roles, in one statement (a row per role): read on every request,
 * where Prisma's include sent three.
 */
async function sessionWithUser(id: string) {
  const rows = await prisma.$queryRaw<SessionRow[]>`
    SELECT s."secretHash", s."expiresAt", s."lastSeenAt", u."id" AS "userId", u."email", u."name", u."language", u."active", r."role"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId" LEFT JOIN "UserRole" r ON r."userId" = u."id"
    WHERE s."id" = ${id}`;
  const [first] = rows;
  if (!first) return null;
  return {
    secretHash: first.secretHash,
    expiresAt: first.expiresAt,
    lastSeenAt: first.lastSeenAt,
    userId: first.userId,
    user: {
      id: first.userId,
      email: first.email,
      name: first.name,
      language: first.language,
      active: Boolean(first.active),
      roles: rows.flatMap((row) => (row.role === null ? [] : [{ role: row.role }])),
    },
  };
}

export async function validateSessionToken(token: string, now = new Date()): Promise<ValidSession | null> {
  const parts = token.split(".");
  if (parts.length !== 2) return null;
  const [id, secret] = parts as [string, string];
  if (!id || !secret || id.length > 64 || secret.length > 64) return null;

  const session = await sessionWithUser(id);
  if (!session) return null;
  if (!secretsMatch(hashSecret(secret), new Uint8Array(session.secretHash))) return null;
  if (!session.user.active) {
    await prisma.session.deleteMany({ where: { userId: session.userId } });
    return null;
  }
  const verdict = judgeSession(session, now);
  if (verdict.kind === "expired") {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  let expiresAt = session.expiresAt;
  if (verdict.touch) {
    expiresAt = verdict.renewTo ?? expiresAt;
    await prisma.session.update({ where: { id }, data: { lastSeenAt: now, expiresAt } });
  }
  const { user } = session;
  return {
    id,
    expiresAt,
    renewed: verdict.renewTo !== null,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      language: user.language,
      roles: normalizeRoles(user.roles.map((r) => r.role)),
    },
  };
}

export async function invalidateSession(id: string): Promise<void> {
  await prisma.session.deleteMany({ where: { id } });
}

export async function invalidateUserSessions(userId: string, exceptSessionId?: string): Promise<number> {
  const { count } = await prisma.session.deleteMany({
    where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
  });
  return count;
}

export function sessionCookie(token: string, expiresAt: Date): string {
  return serializeCookie(SESSION_COOKIE, token, {
    maxAge: Math.floor((expiresAt.getTime() - Date.now()) / 1000),
  });
}

export function clearSessionCookie(): string {
  return serializeCookie(SESSION_COOKIE, "", { maxAge: 0 });
}

function serializeCookie(name: string, value: string, { maxAge }: { maxAge: number }): string {
  const parts = [
    `${name}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${Math.max(0, Math.min(maxAge, SESSION_LIFETIME_MS / 1000))}`,
  ];
  if (env.isProduction) parts.push("Secure");
  return parts.join("; ");
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const pair of header.split(";")) {
    const index = pair.indexOf("=");
    if (index < 0) continue;
    if (pair.slice(0, index).trim() === SESSION_COOKIE) return pair.slice(index + 1).trim() || null;
  }
  return null;
}
