import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { clearAccountFailures, registerFailure, waitBeforeAttempt } from "./throttle.server";

const email = () => `throttle-${randomUUID()}@example.org`;
/** A made-up network address unique to one test, so tests sharing the database do not interfere. */
const address = () => `test-${randomUUID()}`;

describe("sign-in throttling per account", () => {
  it("allows 5 failures, then the 6th imposes a 30 s wait", async () => {
    const mail = email();
    const addr = address();
    const now = new Date();
    for (let i = 1; i <= 5; i++) {
      expect(await registerFailure(mail, addr, now), `failure ${i}`).toBe(0);
      expect(await waitBeforeAttempt(mail, addr, now)).toBe(0);
    }
    expect(await registerFailure(mail, addr, now)).toBe(30);
    expect(await waitBeforeAttempt(mail, addr, now)).toBe(30);
    expect(await waitBeforeAttempt(mail, address(), now)).toBe(30);
    expect(await waitBeforeAttempt(mail, addr, new Date(now.getTime() + 30_000))).toBe(0);
  });

  it("counts the e-mail case-insensitively, so changing case does not help", async () => {
    const mail = email();
    const now = new Date();
    for (let i = 0; i < 6; i++) await registerFailure(i % 2 ? mail.toUpperCase() : ` ${mail} `, address(), now);
    expect(await waitBeforeAttempt(mail.toUpperCase(), address(), now)).toBeGreaterThan(0);
  });

  it("doubles the wait with every further failure", async () => {
    const mail = email();
    const addr = address();
    const now = new Date();
    for (let i = 0; i < 6; i++) await registerFailure(mail, addr, now);
    expect(await registerFailure(mail, addr, now)).toBe(60);
    expect(await registerFailure(mail, addr, now)).toBe(120);
  });

  it("clearAccountFailures starts the account afresh", async () => {
    const mail = email();
    const addr = address();
    const now = new Date();
    for (let i = 0; i < 6; i++) await registerFailure(mail, addr, now);
    expect(await waitBeforeAttempt(mail, address(), now)).toBeGreaterThan(0);
    await clearAccountFailures(mail.toUpperCase());
    expect(await waitBeforeAttempt(mail, address(), now)).toBe(0);
    expect(await registerFailure(mail, address(), now)).toBe(0);
  });

  it("forgets failures after a quiet hour", async () => {
    const mail = email();
    const addr = address();
    const now = new Date();
    for (let i = 0; i < 7; i++) await registerFailure(mail, addr, now);
    const later = new Date(now.getTime() + 61 * 60 * 1000);
    expect(await waitBeforeAttempt(mail, addr, later)).toBe(0);
    expect(await registerFailure(mail, addr, later)).toBe(0);
  });

  it("does not slow down other accounts", async () => {
    const mail = email();
    const addr = address();
    const now = new Date();
    for (let i = 0; i < 6; i++) await registerFailure(mail, addr, now);
    expect(await waitBeforeAttempt(email(), address(), now)).toBe(0);
  });
});

describe("sign-in throttling per network address", () => {
  it("blocks an address after 20 failures spread over different e-mails", async () => {
    const addr = address();
    const now = new Date();
    for (let i = 1; i <= 20; i++) {
      expect(await registerFailure(email(), addr, now), `failure ${i}`).toBe(0);
    }
    expect(await waitBeforeAttempt(email(), addr, now)).toBe(0);
    expect(await registerFailure(email(), addr, now)).toBe(30);
    // Every e-mail from that address now waits, even one never tried before.
    expect(await waitBeforeAttempt(email(), addr, now)).toBe(30);
    // Another address is not affected.
    expect(await waitBeforeAttempt(email(), address(), now)).toBe(0);
  });

  it("is not reset by a successful sign-in of one account", async () => {
    const addr = address();
    const now = new Date();
    const mail = email();
    for (let i = 0; i < 21; i++) await registerFailure(i === 0 ? mail : email(), addr, now);
    await clearAccountFailures(mail);
    expect(await waitBeforeAttempt(mail, addr, now)).toBeGreaterThan(0);
  });
});
