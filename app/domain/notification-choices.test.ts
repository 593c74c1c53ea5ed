import { describe, expect, it } from "vitest";
import { categoriesFor, notificationTarget } from "./notification-choices";
import { KINDS } from "./notifications";

describe("categoriesFor", () => {
  it("offers each role the categories of the kinds that reach it, never security", () => {
    expect(categoriesFor(["tutor"])).toEqual(["rotations", "attendance", "logbook", "evaluations", "absences"]);
    expect(categoriesFor(["resident"])).toEqual(["rotations", "insurance", "logbook", "evaluations", "absences"]);
    expect(categoriesFor(["tutor", "resident"])).toEqual(["rotations", "insurance", "attendance", "logbook", "evaluations", "absences"]);
  });

  it("offers administrators every category but security", () => {
    expect(categoriesFor(["admin"])).toEqual([
      "agreements",
      "rotations",
      "insurance",
      "attendance",
      "logbook",
      "evaluations",
      "absences",
      "delivery",
    ]);
    expect(categoriesFor(["resident", "admin"])).toEqual(categoriesFor(["admin"]));
  });

  it("offers a person without a role nothing to choose", () => {
    expect(categoriesFor([])).toEqual([]);
  });

  it("offers every kind's reader the category of that kind", () => {
    for (const [kind, { category, audience }] of Object.entries(KINDS)) {
      if (audience === "anyone") continue;
      expect(categoriesFor([audience]), kind).toContain(category);
    }
  });
});

describe("notificationTarget", () => {
  it("leads to a path of the portal", () => {
    expect(notificationTarget("/tutor/teaching/abc/attendance")).toBe("/tutor/teaching/abc/attendance");
    expect(notificationTarget("/admin/agreements/x?tab=1")).toBe("/admin/agreements/x?tab=1");
  });

  it("never leaves the portal, whatever a link says", () => {
    for (const link of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "/..//evil.example",
      "",
      "me/logbook",
    ]) {
      expect(notificationTarget(link), link).toBe("/notifications");
    }
  });
});
