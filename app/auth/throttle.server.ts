import { recordFailure, secondsToWait, type ThrottleKind, type ThrottleState } from "~/domain/login-throttle";
import { prisma } from "~/utils/db.server";

/** The throttle counters of one sign-in attempt: the account typed and the address it came from. */
export function throttleKeys(email: string, address: string): Array<{ kind: ThrottleKind; key: string }> {
  return [
    { kind: "account", key: `account:${email.trim().toLowerCase()}` },
    { kind: "address", key: `address:${address}` },
  ];
}

/** Seconds before the next attempt with these keys is accepted (the longest of the counters). */
export async function waitBeforeAttempt(email: string, address: string, now = new Date()): Promise<number> {
  const keys = throttleKeys(email, address);
  const rows = await prisma.loginThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  return Math.max(0, ...rows.map((row) => secondsToWait(row, now)));
}

/** Counts a failure against both counters; answers how long the person must now wait. */
export async function registerFailure(email: string, address: string, now = new Date()): Promise<number> {
  const keys = throttleKeys(email, address);
  return prisma.$transaction(async (tx) => {
    let wait = 0;
    for (const { kind, key } of keys) {
      const current = await tx.loginThrottle.findUnique({ where: { key } });
      const next: ThrottleState = recordFailure(kind, current, now);
      await tx.loginThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
      wait = Math.max(wait, secondsToWait(next, now));
    }
    return wait;
  });
}

/** A successful sign-in clears the account's counter (the address keeps its own history). */
export async function clearAccountFailures(email: string): Promise<void> {
  await prisma.loginThrottle.deleteMany({ where: { key: `account:${email.trim().toLowerCase()}` } });
}
