import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { DEFAULT_YEAR_START } from "~/domain/teaching";
import { periodOf } from "~/domain/teaching-report";
import { reportQuerySchema, sessionsQuerySchema } from "./teaching-report";

const d = (iso: string) => parseIsoDate(iso)!;

describe("the report's period", () => {
  const parse = (raw: Record<string, string>) => reportQuerySchema.safeParse(raw);
  const messages = (raw: Record<string, string>) => {
    const result = parse(raw);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("takes any period of up to ten years, or none for the current academic year", () => {
    expect(parse({ from: "2025-11-01", to: "2026-10-31", by: "tutor", page: "3" }).data).toEqual({
      from: d("2025-11-01"),
      to: d("2026-10-31"),
      by: "tutor",
      page: 3,
    });
    expect(parse({ from: "2020-01-01", to: "2029-12-31" }).success).toBe(true);
    expect(parse({ from: "2026-03-01", to: "2026-03-01" }).success).toBe(true);
    const none = parse({ by: "nonsense" });
    expect(none.data).toEqual({ from: null, to: null, by: "programme", page: 1 });
    expect(periodOf(none.data!, DEFAULT_YEAR_START, d("2026-11-25"))).toEqual({ from: d("2026-11-01"), to: d("2027-10-31") });
  });

  it("refuses a period ending before it starts, longer than ten years, half given, or with no real day", () => {
    expect(messages({ from: "2026-03-02", to: "2026-03-01" })).toEqual(["to: teachingReport.errors.periodOrder"]);
    expect(messages({ from: "2020-01-01", to: "2030-01-01" })).toEqual(["to: teachingReport.errors.periodTooLong"]);
    expect(messages({ from: "2026-03-01" })).toEqual(["to: teachingReport.errors.periodIncomplete"]);
    expect(messages({ to: "2026-03-01" })).toEqual(["from: teachingReport.errors.periodIncomplete"]);
    expect(messages({ from: "2026-02-30", to: "2026-03-01" })).toEqual(["from: errors.dateInvalid"]);
    // Too long to be a day: the check of the whole period still runs (zod), and must not take them for dates.
    const long = "d545c91e-bac3-3bb4-bf67-e7ddd3c717db";
    expect(messages({ from: long, to: long })).toEqual(["from: errors.dateInvalid", "to: errors.dateInvalid"]);
  });

  it("reads the sessions behind a figure leniently", () => {
    expect(sessionsQuerySchema.parse({ id: "abc", figure: "attended", page: "2" })).toEqual({ id: "abc", figure: "attended", page: 2 });
    expect(sessionsQuerySchema.parse({ figure: "x", page: "-1" })).toEqual({ id: "", figure: "delivered", page: 1 });
  });
});
