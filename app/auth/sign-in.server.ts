import { normalizeRoles, type Role } from "~/domain/roles";
import { prisma } from "~/utils/db.server";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { createSession, invalidateSession, sessionCookie } from "./session.server";
import { clearAccountFailures, registerFailure, waitBeforeAttempt } from "./throttle.server";

export type SignInOutcome =
  | { kind: "throttled"; retryAfter: number }
  | { kind: "rejected"; retryAfter: number }
  | { kind: "signed-in"; roles: Role[]; cookie: string; sessionId: string };

/**
 * One sign-in attempt. An unknown e-mail, a wrong password and a deactivated account are rejected
 * alike and take the same time; failures count against the account and the address; success always
 * starts a new session (and ends the one the browser had), so a planted session id is worthless.
 */
export async function signIn(input: {
  email: string;
  password: string;
  address: string;
  userAgent: string | null;
  previousSessionId?: string;
}): Promise<SignInOutcome> {
  const { email, password, address } = input;
  const wait = await waitBeforeAttempt(email, address);
  if (wait > 0) return { kind: "throttled", retryAfter: wait };

  const user = await prisma.user.findUnique({ where: { email }, include: { roles: true } });
  const valid = user?.active && user.passwordHash ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !valid) {
    return { kind: "rejected", retryAfter: await registerFailure(email, address) };
  }

  await clearAccountFailures(email);
  if (input.previousSessionId) await invalidateSession(input.previousSessionId);
  const session = await createSession(user.id, { userAgent: input.userAgent, ipAddress: address });
  return {
    kind: "signed-in",
    roles: normalizeRoles(user.roles.map((r) => r.role)),
    cookie: sessionCookie(session.token, session.expiresAt),
    sessionId: session.id,
  };
}
