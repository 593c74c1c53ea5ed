import { describe, expect, it } from "vitest";
import {
  blockSecondsAfter,
  FIRST_BLOCK_SECONDS,
  FORGET_AFTER_MS,
  MAX_BLOCK_SECONDS,
  recordFailure,
  secondsToWait,
  THROTTLE_RULES,
  type ThrottleKind,
  type ThrottleState,
} from "./login-throttle";

const start = new Date("2025-03-01T10:00:00Z");
const later = (ms: number) => new Date(start.getTime() + ms);

/** n failures one second apart, starting at `start`. */
function failTimes(kind: ThrottleKind, n: number): ThrottleState {
  let state: ThrottleState | null = null;
  for (let i = 0; i < n; i++) state = recordFailure(kind, state, later(i * 1000));
  if (!state) throw new Error("no failures recorded");
  return state;
}

describe("blockSecondsAfter", () => {
  it("lets an account fail 5 times for free, then blocks for 30 s", () => {
    expect(THROTTLE_RULES.account.freeFailures).toBe(5);
    for (let n = 1; n <= 5; n++) expect(blockSecondsAfter("account", n)).toBe(0);
    expect(blockSecondsAfter("account", 6)).toBe(FIRST_BLOCK_SECONDS);
    expect(FIRST_BLOCK_SECONDS).toBe(30);
  });

  it("doubles the block with every further failure", () => {
    expect(blockSecondsAfter("account", 7)).toBe(60);
    expect(blockSecondsAfter("account", 8)).toBe(120);
    expect(blockSecondsAfter("account", 9)).toBe(240);
    expect(blockSecondsAfter("account", 10)).toBe(480);
  });

  it("never blocks for more than 15 minutes", () => {
    expect(MAX_BLOCK_SECONDS).toBe(900);
    expect(blockSecondsAfter("account", 11)).toBe(900);
    expect(blockSecondsAfter("account", 50)).toBe(900);
    expect(blockSecondsAfter("account", 10_000)).toBe(900);
  });

  it("gives a network address 20 free failures", () => {
    expect(blockSecondsAfter("address", 20)).toBe(0);
    expect(blockSecondsAfter("address", 21)).toBe(30);
    expect(blockSecondsAfter("address", 22)).toBe(60);
  });
});

describe("recordFailure", () => {
  it("starts counting from nothing", () => {
    const state = recordFailure("account", null, start);
    expect(state).toEqual({ failures: 1, lastFailureAt: start, blockedUntil: null });
  });

  it("sets a block that ends 30 s after the first non-free failure", () => {
    const state = failTimes("account", 6);
    expect(state.failures).toBe(6);
    expect(state.blockedUntil).toEqual(new Date(state.lastFailureAt.getTime() + 30_000));
  });

  it("forgets failures after a quiet hour", () => {
    const blocked = failTimes("account", 8);
    const justOverAnHour = new Date(blocked.lastFailureAt.getTime() + FORGET_AFTER_MS + 1);
    const fresh = recordFailure("account", blocked, justOverAnHour);
    expect(fresh.failures).toBe(1);
    expect(fresh.blockedUntil).toBeNull();
  });

  it("still remembers failures within the hour", () => {
    const state = failTimes("account", 5);
    const next = recordFailure("account", state, new Date(state.lastFailureAt.getTime() + FORGET_AFTER_MS));
    expect(next.failures).toBe(6);
    expect(next.blockedUntil).not.toBeNull();
  });
});

describe("secondsToWait", () => {
  it("is 0 without a state or a block", () => {
    expect(secondsToWait(null, start)).toBe(0);
    expect(secondsToWait(failTimes("account", 3), later(10_000))).toBe(0);
  });

  it("counts down in whole seconds, rounding up", () => {
    const state: ThrottleState = { failures: 6, lastFailureAt: start, blockedUntil: later(30_000) };
    expect(secondsToWait(state, start)).toBe(30);
    expect(secondsToWait(state, later(100))).toBe(30);
    expect(secondsToWait(state, later(29_001))).toBe(1);
  });

  it("is 0 once the block has passed", () => {
    const state: ThrottleState = { failures: 6, lastFailureAt: start, blockedUntil: later(30_000) };
    expect(secondsToWait(state, later(30_000))).toBe(0);
    expect(secondsToWait(state, later(60_000))).toBe(0);
  });
});
