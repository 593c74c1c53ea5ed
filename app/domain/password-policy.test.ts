import { describe, expect, it } from "vitest";
import { PASSWORD_MIN_LENGTH, passwordIsEmail, passwordLongEnough } from "./password-policy";

describe("passwordLongEnough", () => {
  it("counts the characters without the spaces around them", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(passwordLongEnough("abcdefghijkl")).toBe(true);
    expect(passwordLongEnough("càvolo verde sul balcone")).toBe(true);
    expect(passwordLongEnough("abcdefghijk")).toBe(false);
    expect(passwordLongEnough(" ".repeat(20))).toBe(false);
    expect(passwordLongEnough("   short    ")).toBe(false);
  });
});

describe("passwordIsEmail", () => {
  it("spots the e-mail address used as password, ignoring case and surrounding spaces", () => {
    expect(passwordIsEmail("mario.rossi@example.org", "mario.rossi@example.org")).toBe(true);
    expect(passwordIsEmail("  Mario.Rossi@Example.ORG ", "mario.rossi@example.org")).toBe(true);
  });

  it("does not flag a different password", () => {
    expect(passwordIsEmail("mario.rossi@example.org!", "mario.rossi@example.org")).toBe(false);
    expect(passwordIsEmail("correct horse battery", "mario.rossi@example.org")).toBe(false);
  });
});
