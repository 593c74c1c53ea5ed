import { describe, expect, it } from "vitest";
import { z } from "./z";

describe("the portal's zod", () => {
  it("gives a check written without a message a translation key, and keeps the messages schemas give", () => {
    const schema = z.object({
      id: z.string().min(1).max(5),
      role: z.enum(["a", "b"]),
      tags: z.array(z.string()).max(1),
      name: z.string({ error: "errors.required" }),
    });
    const issues = schema.safeParse({ id: ["x", "y"], role: "c", tags: ["1", "2"] }).error!.issues;
    const byPath = Object.fromEntries(issues.map((i) => [i.path.join("."), i.message]));
    expect(byPath).toEqual({ id: "errors.invalid", role: "errors.invalid", tags: "errors.tooMany", name: "errors.required" });
    expect(z.string().max(2).safeParse("long").error!.issues[0]!.message).toBe("errors.tooLong");
  });
});
