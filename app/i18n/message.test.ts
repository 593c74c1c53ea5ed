import { describe, expect, it } from "vitest";
import { decodeMessage, encodeMessage } from "~/domain/refusal";
import { translator } from "./i18n";
import { messageText } from "./message";

const words = (locale: "it" | "en", key: string, values?: Record<string, string | number>, link?: string) =>
  messageText(translator(locale), encodeMessage({ key, values, link }));

describe("a refusal in words", () => {
  it("keeps a bare key a bare key, and numbers numbers through the round trip", () => {
    expect(encodeMessage({ key: "errors.staleVersion" })).toBe("errors.staleVersion");
    const message = encodeMessage({ key: "departments.inUse", values: { count: 3 }, link: "/admin/rotations" });
    expect(decodeMessage(message)).toEqual({ key: "departments.inUse", values: { count: 3 }, link: "/admin/rotations" });
    expect(decodeMessage("not a message?{broken")).toEqual({ key: "not a message?{broken", values: {} });
  });

  it("writes days, instants and specialties in the reader's language, and nests counts", () => {
    expect(words("en", "rotations.problems.noAgreement", { day: "2026-12-04" }).text).toBe(
      "On 4 Dec 2026 no agreement in force covers the resident's programme.",
    );
    expect(words("it", "rotations.problems.noAgreement", { day: "2026-12-04" }).text).toContain("4 dic 2026");
    expect(words("en", "attendance.problems.future", { startsAt: "2026-12-04T13:30:00.000Z" }).text).toContain("at 14:30 on 4 December");
    expect(words("en", "agreements.problems.duplicateProgramme", { specialty: "oncologia-medica", university: "Milano" }).text).toBe(
      "Medical oncology (Milano) appears twice.",
    );
    expect(words("en", "universities.inUse", { count: 3, programmes: 1, agreements: 2 }).text).toContain(
      "3 records depend on this university (1 programmes, 2 agreements)",
    );
    expect(words("en", "rotations.problems.overlap", { department: "A", start: "2026-01-01", end: "2026-01-31" }, "/r/1").link).toBe(
      "/r/1",
    );
  });
});
