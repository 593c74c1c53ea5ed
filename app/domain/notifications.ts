import { createHmac, timingSafeEqual } from "node:crypto";
import { isCategory, type Category } from "./notification-kinds";

/**
 * Notifications: what the portal tells people, in the portal (the bell, /notifications) and by e-mail.
 *
 * Every event has a kind; a kind belongs to a category, and each person chooses per category how the
 * e-mail reaches them (immediately, in a daily or weekly digest, or not at all: the portal only).
 * Security messages (a set-password link, a changed password) are always sent at once and cannot be
 * turned off. No kind carries special-category data: an absence is only ever "away".
 */

export * from "./notification-kinds";

// ─── Sending: retries and backoff ────────────────────────────────────────────────────────────────

export type DeliveryLimits = { maxAttempts: number; firstDelayMs: number; maxDelayMs: number; retentionDays: number };

export const DELIVERY: DeliveryLimits = {
  /** attempts before a message is marked failed, visibly */
  maxAttempts: 8,
  /** the first retry's wait; each further one doubles, up to `maxDelayMs` */
  firstDelayMs: 60_000,
  maxDelayMs: 6 * 60 * 60_000,
  /** sent messages older than this are pruned from the outbox by the daily check */
  retentionDays: 30,
};

/**
 * When a message that just failed its `attempts`-th try is tried again; null once it has used every
 * attempt (it is then failed for good). 1 min, 2, 4, 8, … up to 6 hours.
 */
export function nextAttempt(attempts: number, now: Date, limits: DeliveryLimits = DELIVERY): Date | null {
  if (attempts >= limits.maxAttempts) return null;
  const delay = Math.min(limits.firstDelayMs * 2 ** Math.max(0, attempts - 1), limits.maxDelayMs);
  return new Date(now.getTime() + delay);
}

/**
 * Whether a failure is the address's fault (the server refused the recipient: a 5xx reply to RCPT TO),
 * which no retry will cure, rather than the server's or the network's.
 */
export function isAddressRefused(error: { responseCode?: number; command?: string; code?: string }): boolean {
  return (error.code === "EENVELOPE" || error.command === "RCPT TO") && (error.responseCode ?? 0) >= 500;
}

// ─── Leases: one holder at a time, across processes and servers ─────────────────────────────────

export type Lease = { holder: string; expiresAt: Date };

/** Whether `holder` may take (or keep) a lease held as `current`: it is free, expired, or already theirs. */
export function mayTake(current: Lease | null, holder: string, now: Date): boolean {
  return !current || current.holder === holder || current.expiresAt.getTime() <= now.getTime();
}

// ─── The one-click unsubscribe link ──────────────────────────────────────────────────────────────

/**
 * A link that turns one category's e-mail off for one person, with no sign-in: the person and the
 * category, signed with the server's secret. It never expires (an old e-mail's link must still work),
 * and it can do nothing but that.
 */
export function unsubscribeToken(secret: string, userId: string, category: Category): string {
  const payload = Buffer.from(`${userId}:${category}`).toString("base64url");
  return `${payload}.${sign(secret, payload)}`;
}

/** The person and category a token names, or null when it was not signed by this server (tampered, truncated). */
export function readUnsubscribeToken(secret: string, token: string): { userId: string; category: Category } | null {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [userId, category, more] = Buffer.from(payload, "base64url").toString("utf8").split(":");
  if (!userId || more !== undefined || !isCategory(category) || category === "security") return null;
  return { userId, category };
}

function sign(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(`unsubscribe:${payload}`).digest("base64url");
}

// ─── Digests ─────────────────────────────────────────────────────────────────────────────────────

/** The digests' modes, and the cron pattern of each (in the hospital's time zone, at the hospital's hour). */
export function digestPattern(mode: "daily" | "weekly", hour: number): string {
  return mode === "daily" ? `0 ${hour} * * *` : `0 ${hour} * * 1`;
}

/** Which digests go out on an occasion: the daily one every day, the weekly one on Mondays too. */
export function digestModesOn(weekday: number): ("daily" | "weekly")[] {
  return weekday === 1 ? ["daily", "weekly"] : ["daily"];
}

/** An .eml file's name (without the extension) from a Message-ID ("<uuid@host>"): its safe characters only. */
export function emlName(messageId: string): string {
  return messageId.replace(/^<|>$/g, "").replace(/[^A-Za-z0-9._@-]/g, "_");
}
