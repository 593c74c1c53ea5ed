import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { leaseOf, releaseLease, renewLease, takeLease } from "./lease.server";

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 5, 9, 0, seconds));
const TTL = 10_000;

describe("leases", () => {
  it("lets one holder at a time take a lease, and the other only once it expired unrenewed", async () => {
    const name = `test-${randomUUID()}`;
    expect(await takeLease(name, "a", TTL, at(0))).toBe(true);
    expect(await takeLease(name, "b", TTL, at(1))).toBe(false);
    // the holder keeps it by taking it again (or renewing it) before it expires
    expect(await takeLease(name, "a", TTL, at(8))).toBe(true);
    expect(await takeLease(name, "b", TTL, at(12))).toBe(false);
    expect(await renewLease(name, "a", TTL, at(17))).toBe(true);
    expect(await takeLease(name, "b", TTL, at(26))).toBe(false);
    // a holder that stops renewing (a crash) loses it when it expires
    expect(await takeLease(name, "b", TTL, at(27))).toBe(true);
    expect(await leaseOf(name)).toMatchObject({ holder: "b", expiresAt: at(37) });
    // the old holder, back from a stall, cannot renew it any more
    expect(await renewLease(name, "a", TTL, at(28))).toBe(false);
    expect(await takeLease(name, "a", TTL, at(28))).toBe(false);
  });

  it("is free at once when its holder releases it; a release by another changes nothing", async () => {
    const name = `test-${randomUUID()}`;
    expect(await takeLease(name, "a", TTL, at(0))).toBe(true);
    await releaseLease(name, "b");
    expect(await takeLease(name, "b", TTL, at(1))).toBe(false);
    await releaseLease(name, "a");
    expect(await leaseOf(name)).toBeNull();
    expect(await takeLease(name, "b", TTL, at(1))).toBe(true);
  });

  it("gives a free lease to exactly one of many holders asking at the same moment", async () => {
    const name = `test-${randomUUID()}`;
    const holders = Array.from({ length: 8 }, (_, i) => `h${i}`);
    const taken = await Promise.all(holders.map((holder) => takeLease(name, holder, TTL, at(0))));
    expect(taken.filter(Boolean)).toHaveLength(1);
    expect((await leaseOf(name))?.holder).toBe(holders[taken.indexOf(true)]);
  });

  it("lets a holder renew a lease that expired while nobody else took it", async () => {
    const name = `test-${randomUUID()}`;
    expect(await takeLease(name, "a", TTL, at(0))).toBe(true);
    expect(await renewLease(name, "a", TTL, at(30))).toBe(true);
    expect(await takeLease(name, "b", TTL, at(31))).toBe(false);
  });
});
