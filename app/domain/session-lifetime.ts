/** Sessions last 30 days and are extended while in use (the Lucia guide's sliding expiry). */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** A session used in its last 15 days gets a fresh 30 days. */
export const SESSION_RENEW_WITHIN_MS = 15 * 24 * 60 * 60 * 1000;
/** How often "last seen" is written, so that every click does not cost a write. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 1000;

export type SessionVerdict = { kind: "expired" } | { kind: "valid"; renewTo: Date | null; touch: boolean };

export function judgeSession(session: { expiresAt: Date; lastSeenAt: Date }, now: Date): SessionVerdict {
  const left = session.expiresAt.getTime() - now.getTime();
  if (left <= 0) return { kind: "expired" };
  const renewTo = left < SESSION_RENEW_WITHIN_MS ? new Date(now.getTime() + SESSION_LIFETIME_MS) : null;
  const touch = renewTo !== null || now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS;
  return { kind: "valid", renewTo, touch };
}

export function newSessionExpiry(now: Date): Date {
  return new Date(now.getTime() + SESSION_LIFETIME_MS);
}
