import { describe, expect, it } from "vitest";
import { attendanceLineMarker, isIdField, ownChanges, referencesIn } from "./history";

describe("reading the audit trail", () => {
  it("finds the ids an event mentions, table by table", () => {
    expect(
      referencesIn("rotation", {
        residentId: [null, "r1"],
        departmentId: ["d1", "d2"],
        tutorId: [null, null],
        startDate: ["2026-01-01", "2026-02-01"],
      }),
    ).toEqual([
      ["resident", "r1"],
      ["department", "d1"],
      ["department", "d2"],
    ]);
    expect(referencesIn("department", { tutorIds: [["u1"], ["u1", "u2"]] })).toEqual([
      ["user", "u1"],
      ["user", "u1"],
      ["user", "u2"],
    ]);
    expect(referencesIn("agreement", { coverage: [{ p1: 2 }, { p1: 2, p2: 1 }] })).toEqual([
      ["programme", "p1"],
      ["programme", "p1"],
      ["programme", "p2"],
    ]);
    expect(
      referencesIn("attendance", { r1: ["absent", "present"], reason: [null, "late"], confirmedAt: [null, "2026-01-01T10:00:00.000Z"] }),
    ).toEqual([["resident", "r1"]]);
  });

  it("tells id fields from the others", () => {
    expect(["residentId", "tutorIds", "seriesId", "renewsId"].every(isIdField)).toBe(true);
    expect(["name", "studentNumber", "idle", "stayStart"].some(isIdField)).toBe(false);
  });

  it("looks for a resident's own line in the stored changes as JSON writes it", () => {
    const stored = JSON.stringify({ "r-1": ["absent", "present"], reason: [null, "r-1"] });
    expect(stored.includes(attendanceLineMarker("r-1"))).toBe(true);
    expect(JSON.stringify({ reason: [null, "r-1"] }).includes(attendanceLineMarker("r-1"))).toBe(false);
  });
});

describe("what a resident sees of an event about them", () => {
  const self = { residentId: "me" };

  it("keeps only their own line of an attendance event, under a neutral name", () => {
    const changes = {
      me: ["present", "excused"] as [string, string],
      other: ["absent", "present"] as [string, string],
      reason: [null, "Medical certificate of other"] as [null, string],
      confirmedAt: [null, "2026-01-01T10:00:00.000Z"] as [null, string],
    };
    expect(ownChanges({ entityType: "attendance", changes }, self)).toEqual({ status: ["present", "excused"] });
    expect(ownChanges({ entityType: "attendance", changes: { other: ["absent", "present"] } }, self)).toBeNull();
    expect(ownChanges({ entityType: "attendance", changes }, { residentId: null })).toBeNull();
  });

  it("drops the ids of other records but their programme, tutor and department", () => {
    const changes = {
      residentId: ["other", "me"] as [string, string],
      departmentId: [null, "d1"] as [null, string],
      tutorId: [null, "t1"] as [null, string],
      notes: [null, "n"] as [null, string],
      renewsId: [null, "a1"] as [null, string],
    };
    expect(ownChanges({ entityType: "rotation", changes }, self)).toEqual({
      departmentId: [null, "d1"],
      tutorId: [null, "t1"],
      notes: [null, "n"],
    });
  });

  it("never shows another kind of record", () => {
    for (const entityType of ["teaching", "agreement", "certificate", "setting", "university"])
      expect(ownChanges({ entityType, changes: { name: ["a", "b"] } }, self)).toBeNull();
  });
});
