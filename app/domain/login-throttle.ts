/**
 * How repeated failed sign-ins are slowed down. Two counters apply to each attempt: one per account
 * (the e-mail typed) and one per network address. Each counter allows a number of free failures,
 * then blocks further attempts for a time that doubles with every failure, up to a ceiling.
 * Counters forget failures after a quiet hour.
 */
export type ThrottleKind = "account" | "address";

export const THROTTLE_RULES: Record<ThrottleKind, { freeFailures: number }> = {
  account: { freeFailures: 5 },
  address: { freeFailures: 20 },
};

export const FIRST_BLOCK_SECONDS = 30;
export const MAX_BLOCK_SECONDS = 15 * 60;
export const FORGET_AFTER_MS = 60 * 60 * 1000;

export type ThrottleState = { failures: number; lastFailureAt: Date; blockedUntil: Date | null };

/** Seconds of waiting imposed after the n-th consecutive failure (0 while failures are free). */
export function blockSecondsAfter(kind: ThrottleKind, failures: number): number {
  // The first `freeFailures` failures cost nothing; the one after them blocks for FIRST_BLOCK_SECONDS.
  const over = failures - THROTTLE_RULES[kind].freeFailures - 1;
  if (over < 0) return 0;
  return Math.min(FIRST_BLOCK_SECONDS * 2 ** over, MAX_BLOCK_SECONDS);
}

/** The state after one more failure at `now`. */
export function recordFailure(kind: ThrottleKind, state: ThrottleState | null, now: Date): ThrottleState {
  const stale = !state || now.getTime() - state.lastFailureAt.getTime() > FORGET_AFTER_MS;
  const failures = (stale ? 0 : state.failures) + 1;
  const seconds = blockSecondsAfter(kind, failures);
  return {
    failures,
    lastFailureAt: now,
    blockedUntil: seconds > 0 ? new Date(now.getTime() + seconds * 1000) : null,
  };
}

/** Whole seconds still to wait before another attempt is accepted (0 = may try now). */
export function secondsToWait(state: ThrottleState | null, now: Date): number {
  if (!state?.blockedUntil) return 0;
  const ms = state.blockedUntil.getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}
