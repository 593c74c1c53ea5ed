import { describe, expect, it } from "vitest";
import { parseIsoDate } from "./dates";
import { decidesAsHead, groupQueue, mayDecide } from "./logbook-review";

const d = (iso: string) => parseIsoDate(iso)!;

describe("who certifies an entry", () => {
  it("is its supervising tutor or the head of its department, nobody else", () => {
    expect(mayDecide({ tutorId: "t", departmentHeadId: "h" }, "t")).toBe(true);
    expect(mayDecide({ tutorId: "t", departmentHeadId: "h" }, "h")).toBe(true);
    expect(mayDecide({ tutorId: "t", departmentHeadId: "h" }, "x")).toBe(false);
    expect(mayDecide({ tutorId: null, departmentHeadId: null }, "x")).toBe(false);
  });
  it("tells the head when an entry waits for them because its tutor left the staff", () => {
    expect(decidesAsHead({ tutorId: "t", departmentHeadId: "h", tutorOnStaff: false }, "h")).toBe(true);
    expect(decidesAsHead({ tutorId: "t", departmentHeadId: "h", tutorOnStaff: true }, "h")).toBe(false);
    expect(decidesAsHead({ tutorId: "h", departmentHeadId: "h", tutorOnStaff: false }, "h")).toBe(false);
  });
});

describe("the queue", () => {
  it("groups by resident, longest waiting first, then by month, oldest first", () => {
    const entry = (id: string, residentId: string, date: string) => ({
      id,
      residentId,
      residentName: residentId.toUpperCase(),
      date: d(date),
    });
    const groups = groupQueue([
      entry("1", "b", "2026-11-03"),
      entry("2", "a", "2026-10-30"),
      entry("3", "b", "2026-09-01"),
      entry("4", "a", "2026-11-01"),
    ]);
    expect(groups.map((g) => [g.name, g.months.map((m) => [m.month, m.entries.map((e) => e.id)])])).toEqual([
      [
        "B",
        [
          ["2026-09", ["3"]],
          ["2026-11", ["1"]],
        ],
      ],
      [
        "A",
        [
          ["2026-10", ["2"]],
          ["2026-11", ["4"]],
        ],
      ],
    ]);
  });
});
