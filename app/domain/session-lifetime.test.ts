import { describe, expect, it } from "vitest";
import {
  judgeSession,
  newSessionExpiry,
  SESSION_LIFETIME_MS,
  SESSION_RENEW_WITHIN_MS,
  SESSION_TOUCH_INTERVAL_MS,
} from "./session-lifetime";

const DAY = 24 * 60 * 60 * 1000;
const now = new Date("2025-03-01T10:00:00Z");
const at = (ms: number) => new Date(now.getTime() + ms);

describe("judgeSession", () => {
  it("treats a session whose expiry has come as expired", () => {
    expect(judgeSession({ expiresAt: now, lastSeenAt: at(-DAY) }, now)).toEqual({ kind: "expired" });
    expect(judgeSession({ expiresAt: at(-1), lastSeenAt: at(-DAY) }, now)).toEqual({ kind: "expired" });
  });

  it("does not renew a session with more than 15 days left", () => {
    const verdict = judgeSession({ expiresAt: at(20 * DAY), lastSeenAt: now }, now);
    expect(verdict).toEqual({ kind: "valid", renewTo: null, touch: false });
  });

  it("renews a session with less than 15 days left to a full 30 days from now", () => {
    const verdict = judgeSession({ expiresAt: at(14 * DAY), lastSeenAt: now }, now);
    expect(verdict).toEqual({ kind: "valid", renewTo: at(30 * DAY), touch: true });
  });

  it("renews a session about to expire", () => {
    const verdict = judgeSession({ expiresAt: at(1000), lastSeenAt: at(-10 * DAY) }, now);
    expect(verdict.kind === "valid" && verdict.renewTo).toEqual(at(SESSION_LIFETIME_MS));
  });

  it("writes last-seen at most once a minute", () => {
    const fresh = judgeSession({ expiresAt: at(25 * DAY), lastSeenAt: at(-SESSION_TOUCH_INTERVAL_MS + 1) }, now);
    expect(fresh).toEqual({ kind: "valid", renewTo: null, touch: false });
    const stale = judgeSession({ expiresAt: at(25 * DAY), lastSeenAt: at(-SESSION_TOUCH_INTERVAL_MS) }, now);
    expect(stale).toEqual({ kind: "valid", renewTo: null, touch: true });
  });

  it("uses the documented durations", () => {
    expect(SESSION_LIFETIME_MS).toBe(30 * DAY);
    expect(SESSION_RENEW_WITHIN_MS).toBe(15 * DAY);
    expect(SESSION_TOUCH_INTERVAL_MS).toBe(60_000);
  });
});

describe("newSessionExpiry", () => {
  it("is 30 days from now", () => {
    expect(newSessionExpiry(now)).toEqual(at(30 * DAY));
  });
});
