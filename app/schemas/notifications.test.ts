import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { notificationActionSchema, notificationsQuerySchema, preferencesSchema } from "./notifications";

const form = (entries: Array<[string, string]>) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};

describe("notificationActionSchema", () => {
  it("reads opening one, marking one read on a page, and marking all read", () => {
    expect(notificationActionSchema.parse({ intent: "open", id: " abc " })).toEqual({ intent: "open", id: "abc" });
    expect(notificationActionSchema.parse({ intent: "read", id: "abc", page: "3" })).toEqual({ intent: "read", id: "abc", page: 3 });
    expect(notificationActionSchema.parse({ intent: "read", id: "abc", page: "many" })).toEqual({ intent: "read", id: "abc", page: 1 });
    expect(notificationActionSchema.parse({ intent: "read-all" })).toEqual({ intent: "read-all" });
  });

  it("refuses an unknown intent, a missing id or one too long to be an id", () => {
    for (const input of [
      { intent: "delete", id: "a" },
      { intent: "open" },
      { intent: "open", id: "" },
      { intent: "open", id: "x".repeat(65) },
    ]) {
      expect(notificationActionSchema.safeParse(input).success, JSON.stringify(input)).toBe(false);
    }
  });
});

describe("notificationsQuerySchema", () => {
  it("takes a page number, 1 when malformed", () => {
    expect(notificationsQuerySchema.parse({ page: "2" })).toEqual({ page: 2 });
    expect(notificationsQuerySchema.parse({ page: "-1" })).toEqual({ page: 1 });
  });
});

describe("preferencesSchema", () => {
  const schema = preferencesSchema(["rotations", "attendance", "logbook"]);

  it("reads a mode for each category offered; one left out keeps its mode", () => {
    const submission = parseWithZod(
      form([
        ["rotations", "weekly"],
        ["logbook", "portal"],
      ]),
      { schema },
    );
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value).toEqual({ rotations: "weekly", logbook: "portal" });
  });

  it("refuses a mode that does not exist, with the field's translated message", () => {
    const submission = parseWithZod(form([["rotations", "hourly"]]), { schema });
    expect(submission.status).toBe("error");
    expect(submission.reply().error).toEqual({ rotations: ["notifications.preferences.modeInvalid"] });
  });

  it("refuses the whole form when it names a category not offered: security, another role's, a made-up one", () => {
    for (const category of ["security", "agreements", "astrology"]) {
      const submission = parseWithZod(
        form([
          ["rotations", "weekly"],
          [category, "portal"],
        ]),
        { schema },
      );
      expect(submission.status, category).toBe("error");
      expect(submission.reply().error, category).toEqual({ "": ["notifications.preferences.categoryInvalid"] });
    }
  });
});
