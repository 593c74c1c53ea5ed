import { describe, expect, it } from "vitest";
import { agreementStatus, effectiveEnd, EXPIRING_WITHIN_DAYS, inForceOn, isInForce, type AgreementDates } from "./agreement-status";
import { addDays } from "./dates";

const TODAY = new Date("2026-06-15T00:00:00Z");
const on = (offset: number) => addDays(TODAY, offset);

/** A signed agreement in force today for a long time, with overrides. */
function agreement(overrides: Partial<AgreementDates> = {}): AgreementDates {
  return { startDate: on(-365), endDate: on(730), signedOn: on(-400), terminatedOn: null, ...overrides };
}

describe("agreementStatus", () => {
  it("is draft while unsigned and not over yet", () => {
    expect(agreementStatus(agreement({ signedOn: null }), TODAY)).toBe("draft");
    expect(agreementStatus(agreement({ signedOn: null, startDate: on(30) }), TODAY)).toBe("draft");
    expect(agreementStatus(agreement({ signedOn: null, endDate: on(10) }), TODAY)).toBe("draft");
    expect(agreementStatus(agreement({ signedOn: null, endDate: TODAY }), TODAY)).toBe("draft");
  });

  it("is expired for an unsigned agreement whose validity is over", () => {
    expect(agreementStatus(agreement({ signedOn: null, startDate: on(-400), endDate: on(-1) }), TODAY)).toBe("expired");
  });

  it("is scheduled when signed and starting in the future (even tomorrow)", () => {
    expect(agreementStatus(agreement({ startDate: on(1), endDate: on(1000) }), TODAY)).toBe("scheduled");
    expect(agreementStatus(agreement({ startDate: on(30), endDate: on(60) }), TODAY)).toBe("scheduled");
  });

  it("is active when signed, started (today included) and ending in more than 90 days", () => {
    expect(agreementStatus(agreement(), TODAY)).toBe("active");
    expect(agreementStatus(agreement({ startDate: TODAY }), TODAY)).toBe("active");
    expect(agreementStatus(agreement({ endDate: on(91) }), TODAY)).toBe("active");
  });

  it("is expiring when the last day is at most 90 days away, down to ending today", () => {
    expect(EXPIRING_WITHIN_DAYS).toBe(90);
    expect(agreementStatus(agreement({ endDate: on(90) }), TODAY)).toBe("expiring");
    expect(agreementStatus(agreement({ endDate: on(30) }), TODAY)).toBe("expiring");
    expect(agreementStatus(agreement({ endDate: TODAY }), TODAY)).toBe("expiring");
  });

  it("is expired from the day after the end", () => {
    expect(agreementStatus(agreement({ endDate: on(-1) }), TODAY)).toBe("expired");
    expect(agreementStatus(agreement({ startDate: on(-800), endDate: on(-400) }), TODAY)).toBe("expired");
  });

  it("is terminated once the termination day has passed", () => {
    expect(agreementStatus(agreement({ terminatedOn: on(-1) }), TODAY)).toBe("terminated");
    expect(agreementStatus(agreement({ terminatedOn: on(-100) }), TODAY)).toBe("terminated");
  });

  it("stays terminated (not expired) after the original end has passed too", () => {
    expect(agreementStatus(agreement({ startDate: on(-800), endDate: on(-10), terminatedOn: on(-100) }), TODAY)).toBe("terminated");
  });

  it("is still in force on the termination day and before it, counting down to the termination day", () => {
    expect(agreementStatus(agreement({ terminatedOn: TODAY }), TODAY)).toBe("expiring");
    expect(agreementStatus(agreement({ terminatedOn: on(1) }), TODAY)).toBe("expiring");
    expect(agreementStatus(agreement({ terminatedOn: on(90) }), TODAY)).toBe("expiring");
    expect(agreementStatus(agreement({ terminatedOn: on(91) }), TODAY)).toBe("active");
  });

  it("moves through the statuses as the days pass", () => {
    const a = agreement({ startDate: on(10), endDate: on(200) });
    expect(agreementStatus(a, on(9))).toBe("scheduled");
    expect(agreementStatus(a, on(10))).toBe("active");
    expect(agreementStatus(a, on(109))).toBe("active");
    expect(agreementStatus(a, on(110))).toBe("expiring");
    expect(agreementStatus(a, on(200))).toBe("expiring");
    expect(agreementStatus(a, on(201))).toBe("expired");
  });
});

describe("effectiveEnd", () => {
  it("is the end date without a termination", () => {
    expect(effectiveEnd({ endDate: on(100), terminatedOn: null })).toEqual(on(100));
  });

  it("is the termination day when it comes before the end", () => {
    expect(effectiveEnd({ endDate: on(100), terminatedOn: on(20) })).toEqual(on(20));
  });

  it("is the end date when the termination day is not earlier", () => {
    expect(effectiveEnd({ endDate: on(100), terminatedOn: on(100) })).toEqual(on(100));
    expect(effectiveEnd({ endDate: on(100), terminatedOn: on(150) })).toEqual(on(100));
  });
});

describe("inForceOn", () => {
  const a = agreement({ startDate: on(0), endDate: on(100) });

  it("includes the first and the last day", () => {
    expect(inForceOn(a, on(0))).toBe(true);
    expect(inForceOn(a, on(50))).toBe(true);
    expect(inForceOn(a, on(100))).toBe(true);
  });

  it("excludes the day before the start and the day after the end", () => {
    expect(inForceOn(a, on(-1))).toBe(false);
    expect(inForceOn(a, on(101))).toBe(false);
  });

  it("never holds for a draft", () => {
    const draft = { ...a, signedOn: null };
    expect(inForceOn(draft, on(0))).toBe(false);
    expect(inForceOn(draft, on(50))).toBe(false);
  });

  it("holds until the termination day included, not after it", () => {
    const terminated = { ...a, terminatedOn: on(40) };
    expect(inForceOn(terminated, on(40))).toBe(true);
    expect(inForceOn(terminated, on(41))).toBe(false);
    expect(inForceOn(terminated, on(100))).toBe(false);
  });

  it("agrees with the status: in force exactly when active or expiring", () => {
    const cases = [
      agreement(),
      agreement({ signedOn: null }),
      agreement({ startDate: on(1) }),
      agreement({ endDate: on(90) }),
      agreement({ endDate: on(-1) }),
      agreement({ terminatedOn: on(-1) }),
      agreement({ terminatedOn: TODAY }),
    ];
    for (const c of cases) expect(inForceOn(c, TODAY)).toBe(isInForce(agreementStatus(c, TODAY)));
  });
});

describe("isInForce", () => {
  it("is true only for active and expiring", () => {
    expect(isInForce("active")).toBe(true);
    expect(isInForce("expiring")).toBe(true);
    for (const status of ["draft", "scheduled", "expired", "terminated"] as const) expect(isInForce(status)).toBe(false);
  });
});
