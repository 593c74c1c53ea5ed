import { describe, expect, it } from "vitest";
import {
  CATEGORIES,
  CHOOSABLE,
  DELIVERY,
  KINDS,
  digestModesOn,
  isAddressRefused,
  mayTake,
  modeFor,
  nextAttempt,
  paramsIn,
  readUnsubscribeToken,
  unsubscribeToken,
  type Category,
  type Mode,
} from "./notifications";

describe("which events notify whom, and how", () => {
  it("gives every kind a category, and security kinds to anyone", () => {
    for (const [kind, { category, audience }] of Object.entries(KINDS)) {
      expect(CATEGORIES, kind).toContain(category);
      if (category === "security") expect(audience, kind).toBe("anyone");
    }
  });

  it("keeps a set-password link out of the portal: e-mail only", () => {
    expect(KINDS["password-link"].portal).toBe(false);
    expect(Object.values(KINDS).filter((kind) => !kind.portal)).toHaveLength(1);
  });

  it("sends the logbook's reminders to tutors and its returns to residents; agreements to administrators", () => {
    expect(KINDS["logbook-waiting"].audience).toBe("tutor");
    expect(KINDS["logbook-returned"].audience).toBe("resident");
    expect(KINDS["agreement-ending"].audience).toBe("admin");
    expect(KINDS["attendance-to-confirm"].audience).toBe("tutor");
  });
});

describe("preferences", () => {
  const chose = (entries: [Category, Mode][]) => new Map(entries);

  it("cannot turn security off: it is always sent at once", () => {
    expect(CHOOSABLE).not.toContain("security");
    expect(modeFor("security", chose([["security", "portal"]]))).toBe("immediate");
  });

  it("applies a person's choice, and otherwise the default (the logbook daily, the rest at once)", () => {
    expect(modeFor("agreements", chose([["agreements", "weekly"]]))).toBe("weekly");
    expect(modeFor("agreements", undefined)).toBe("immediate");
    expect(modeFor("logbook", undefined)).toBe("daily");
    expect(modeFor("logbook", chose([["logbook", "portal"]]))).toBe("portal");
  });

  it("sends the daily digest every day and the weekly one on Mondays", () => {
    expect(digestModesOn(1)).toEqual(["daily", "weekly"]);
    for (const weekday of [0, 2, 3, 4, 5, 6]) expect(digestModesOn(weekday)).toEqual(["daily"]);
  });
});

describe("retries and backoff", () => {
  const now = new Date("2026-12-05T10:00:00Z");
  const wait = (attempts: number) => (nextAttempt(attempts, now)?.getTime() ?? NaN) - now.getTime();

  it("waits a minute after the first failure and doubles each time", () => {
    expect(wait(1)).toBe(60_000);
    expect(wait(2)).toBe(120_000);
    expect(wait(3)).toBe(240_000);
  });

  it("never waits more than six hours", () => {
    expect(wait(7)).toBe(Math.min(64 * 60_000, 6 * 3_600_000));
    expect(nextAttempt(7, now, { ...DELIVERY, maxAttempts: 20 })).not.toBeNull();
    expect(wait(DELIVERY.maxAttempts - 1)).toBeLessThanOrEqual(DELIVERY.maxDelayMs);
    const late = nextAttempt(19, now, { ...DELIVERY, maxAttempts: 20 })!;
    expect(late.getTime() - now.getTime()).toBe(DELIVERY.maxDelayMs);
  });

  it("gives up after the last attempt", () => {
    expect(nextAttempt(DELIVERY.maxAttempts, now)).toBeNull();
    expect(nextAttempt(DELIVERY.maxAttempts - 1, now)).not.toBeNull();
  });

  it("tells a refused address (5xx to RCPT TO) from a server that is down or busy", () => {
    expect(isAddressRefused({ code: "EENVELOPE", command: "RCPT TO", responseCode: 550 })).toBe(true);
    expect(isAddressRefused({ code: "EENVELOPE", command: "RCPT TO", responseCode: 450 })).toBe(false);
    expect(isAddressRefused({ code: "ECONNECTION" })).toBe(false);
    expect(isAddressRefused({ code: "EMESSAGE", command: "DATA", responseCode: 554 })).toBe(false);
  });
});

describe("the lease", () => {
  const now = new Date("2026-12-05T10:00:00Z");
  const later = new Date("2026-12-05T10:01:00Z");

  it("is free to take when nobody holds it, or when its holder let it expire", () => {
    expect(mayTake(null, "b", now)).toBe(true);
    expect(mayTake({ holder: "a", expiresAt: now }, "b", now)).toBe(true);
  });

  it("is kept by its holder and refused to anyone else until it expires", () => {
    expect(mayTake({ holder: "a", expiresAt: later }, "a", now)).toBe(true);
    expect(mayTake({ holder: "a", expiresAt: later }, "b", now)).toBe(false);
  });
});

describe("the one-click unsubscribe's signature", () => {
  const secret = "a-secret-of-at-least-thirty-two-characters";

  it("names the person and the category it was signed for", () => {
    const token = unsubscribeToken(secret, "user-1", "agreements");
    expect(readUnsubscribeToken(secret, token)).toEqual({ userId: "user-1", category: "agreements" });
  });

  it("refuses a token signed with another secret, or changed in any part", () => {
    const token = unsubscribeToken(secret, "user-1", "agreements");
    expect(readUnsubscribeToken("another-secret-another-secret-another", token)).toBeNull();
    const [payload, signature] = token.split(".") as [string, string];
    const otherPayload = Buffer.from("user-2:agreements").toString("base64url");
    expect(readUnsubscribeToken(secret, `${otherPayload}.${signature}`)).toBeNull();
    expect(readUnsubscribeToken(secret, `${payload}.${signature.slice(0, -1)}`)).toBeNull();
    expect(readUnsubscribeToken(secret, `${payload}.${signature}.x`)).toBeNull();
    expect(readUnsubscribeToken(secret, payload)).toBeNull();
    expect(readUnsubscribeToken(secret, "")).toBeNull();
  });

  it("never turns security off, even signed by this server", () => {
    expect(readUnsubscribeToken(secret, unsubscribeToken(secret, "user-1", "security"))).toBeNull();
  });
});

describe("a notification's values in the reader's language", () => {
  it("keeps names, days and counts, and picks the reader's words of a bilingual value", () => {
    const params = { activity: { it: "Prima visita", en: "First visit" }, date: "2026-12-01", count: 3 };
    expect(paramsIn(params, "en")).toEqual({ activity: "First visit", date: "2026-12-01", count: 3 });
    expect(paramsIn(params, "it")).toEqual({ activity: "Prima visita", date: "2026-12-01", count: 3 });
  });
});
