import { describe, expect, it } from "vitest";
import { isImportEmail } from "./resident-import";

describe("an e-mail address in a university's list", () => {
  it("is an address as every e-mail field of the portal takes it", () => {
    expect(isImportEmail("anna.rossi@studenti.example.it")).toBe(true);
    expect(isImportEmail("o'brien+list@example.org")).toBe(true);
    expect(["not-an-email", "anna@", "@example.org", "anna@example", "anna rossi@example.org", ""].map(isImportEmail)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
