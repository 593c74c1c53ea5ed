import { describe, expect, it } from "vitest";
import { formatters } from "~/i18n/format";
import { translator } from "~/i18n/i18n";
import { historyText, type HistoryTextEntry } from "./history-text";

const text = (own = false) =>
  historyText({ t: translator("en"), locale: "en", format: formatters("en"), names: { r1: "Anna Rossi", d1: "Ematologia" }, own });
const entry = (values: Partial<HistoryTextEntry>): HistoryTextEntry => ({
  type: "rotation",
  recordId: "x",
  action: "update",
  actor: null,
  at: new Date(),
  record: { name: null, detail: null, href: null },
  changes: {},
  ...values,
});

describe("the words of the history", () => {
  it("shows ids as names, and an id it cannot name as a removed record, never the id", () => {
    const { valueText, fieldLabel } = text();
    const rotation = entry({});
    expect(valueText("departmentId", "d1", rotation)).toBe("Ematologia");
    expect(valueText("tutorId", "u-unknown", rotation)).toBe("a removed record");
    expect(valueText("state", "cancelled", rotation)).toBe("Cancelled");
    expect(fieldLabel("departmentId", rotation)).toBe("Department");
    const account = entry({ type: "user" });
    expect(valueText("roles", ["admin", "tutor"], account)).toBe("Administrator, Tutor");
    expect(valueText("passwordSetVia", "link", account)).toBe("with a one-time link");
  });

  it("names the residents of an attendance event and their marks", () => {
    const { valueText, fieldLabel, changesText } = text();
    const attendance = entry({ type: "attendance", changes: { r1: ["absent", "present"], reason: [null, "Late"] } });
    expect(fieldLabel("r1", attendance)).toBe("Anna Rossi");
    expect(valueText("r1", "absent", attendance)).toBe("Absent");
    expect(changesText(attendance)).toBe("Anna Rossi: Absent → Present; Reason: — → Late");
  });

  it("says what an entry is about, for administrators and for the resident", () => {
    expect(text().recordLabel(entry({ record: { name: "Anna Rossi", detail: "Ematologia", href: null } }))).toBe(
      "Rotation of Anna Rossi in Ematologia",
    );
    expect(text().recordLabel(entry({ type: "university" }))).toBe("Removed record");
    expect(text().recordLabel(entry({ type: "setting", recordId: "academicYearStart" }))).toBe("First day of the academic year");
    expect(text(true).recordLabel(entry({ type: "resident" }))).toBe("Your training record");
    expect(text(true).fieldLabel("status", entry({ type: "attendance" }))).toBe("Your attendance");
  });

  it("puts programmes, agreements and days into the reader's words", () => {
    const names = {
      p1: { specialtyCode: "oncologia-medica", university: "UniMi" },
      a1: { university: "Università di Milano", from: "2025-01-01T00:00:00.000Z", to: "2029-12-31T00:00:00.000Z" },
    };
    const it = historyText({ t: translator("it"), locale: "it", format: formatters("it"), names });
    const agreement = entry({ type: "agreement" });
    expect(it.valueText("programmeIds", ["p1"], agreement)).toBe("Oncologia medica · UniMi");
    expect(it.valueText("renewsId", "a1", agreement)).toBe("Università di Milano (1 gen 2025 – 31 dic 2029)");
    expect(it.valueText("coverage", { p1: 2 }, agreement)).toBe("Oncologia medica · UniMi: 2");
    const session = entry({ type: "teaching", record: { name: "Lezione", detail: { day: "2026-03-02T00:00:00.000Z" }, href: null } });
    expect(it.recordLabel(session)).toBe("Lezione · 2 mar 2026");
    const programme = entry({ type: "programme", record: { name: { specialtyCode: "oncologia-medica" }, detail: "UniMi", href: null } });
    expect(it.recordLabel(programme)).toBe("Oncologia medica · UniMi");
  });
});
