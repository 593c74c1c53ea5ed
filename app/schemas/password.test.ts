import { describe, expect, it } from "vitest";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "~/domain/password-policy";
import { newPasswordSchema } from "./password";

function errorsFor(value: unknown): string[] {
  const result = newPasswordSchema().safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe("newPasswordSchema", () => {
  it("accepts a password of exactly 12 characters", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(errorsFor("abcdefghijkl")).toEqual([]);
  });

  it("accepts a passphrase with spaces and non-ASCII letters", () => {
    expect(errorsFor("càvolo verde sul balcone")).toEqual([]);
  });

  it("rejects 11 characters as too short", () => {
    expect(errorsFor("abcdefghijk")).toContain("errors.passwordTooShort");
  });

  it("rejects the empty string", () => {
    expect(errorsFor("")).toContain("errors.passwordTooShort");
  });

  it("rejects a password made only of whitespace", () => {
    expect(errorsFor(" ".repeat(20))).toContain("errors.passwordTooShort");
    expect(errorsFor("\t\n".repeat(10))).toContain("errors.passwordTooShort");
  });

  it("rejects a password that is long only because of padding", () => {
    expect(errorsFor(`   short    `)).toContain("errors.passwordTooShort");
  });

  it("accepts the maximum length and rejects one character more", () => {
    expect(errorsFor("a".repeat(PASSWORD_MAX_LENGTH))).toEqual([]);
    expect(errorsFor("a".repeat(PASSWORD_MAX_LENGTH + 1))).toContain("errors.passwordTooLong");
  });

  it("requires a string", () => {
    expect(errorsFor(undefined)).toContain("errors.required");
  });
});
