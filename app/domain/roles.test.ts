import { describe, expect, it } from "vitest";
import { homePathFor, isRole, normalizeRoles } from "./roles";

describe("homePathFor", () => {
  it("sends each single role to its own home", () => {
    expect(homePathFor(["admin"])).toBe("/admin");
    expect(homePathFor(["tutor"])).toBe("/tutor");
    expect(homePathFor(["resident"])).toBe("/me");
  });

  it("prefers admin over tutor over resident, whatever the order", () => {
    expect(homePathFor(["resident", "tutor", "admin"])).toBe("/admin");
    expect(homePathFor(["resident", "admin"])).toBe("/admin");
    expect(homePathFor(["resident", "tutor"])).toBe("/tutor");
  });

  it("sends a person without roles to the profile", () => {
    expect(homePathFor([])).toBe("/profile");
  });
});

describe("normalizeRoles", () => {
  it("drops unknown values and duplicates and orders canonically", () => {
    expect(normalizeRoles(["resident", "superuser", "admin", "resident", "ADMIN", null, 1])).toEqual(["admin", "resident"]);
  });

  it("returns nothing for nothing", () => {
    expect(normalizeRoles([])).toEqual([]);
    expect(normalizeRoles(["root", "", undefined])).toEqual([]);
  });
});

describe("isRole", () => {
  it("knows exactly the three roles", () => {
    expect(["admin", "tutor", "resident"].every(isRole)).toBe(true);
    expect(isRole("Admin")).toBe(false);
    expect(isRole("toString")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
