import { describe, expect, it } from "vitest";
import { parseIsoDate } from "./dates";
import { rotationProblems, rotationStatus, type RotationContext } from "./rotation-rules";

const d = (iso: string) => parseIsoDate(iso)!;

/** A valid context: stay all 2026, capacity 2, tutor t1 on staff, one agreement in force all year granting 2 posts. */
function context(
  overrides: Omit<Partial<RotationContext>, "candidate"> & { candidate?: Partial<RotationContext["candidate"]> } = {},
): RotationContext {
  const { candidate, ...rest } = overrides;
  return {
    candidate: { startDate: d("2026-03-01"), endDate: d("2026-03-31"), tutorId: "t1", ...candidate },
    resident: { stayStart: d("2026-01-01"), stayEnd: d("2026-12-31") },
    residentRotations: [],
    department: { capacity: 2, tutorIds: ["t1"] },
    departmentRotations: [],
    agreements: [
      { id: "ag1", startDate: d("2026-01-01"), endDate: d("2026-12-31"), signedOn: d("2025-12-01"), terminatedOn: null, posts: 2 },
    ],
    programmeRotations: [],
    absences: [],
    ...rest,
  };
}
const rules = (ctx: RotationContext) => rotationProblems(ctx).map((p) => p.rule);

describe("rule 1: within the stay", () => {
  it("accepts the first and last day of the stay", () => {
    expect(rules(context({ candidate: { startDate: d("2026-01-01"), endDate: d("2026-12-31") } }))).toEqual([]);
  });
  it("names the day before the stay", () => {
    // That day is also before the agreement: both rules speak.
    expect(rotationProblems(context({ candidate: { startDate: d("2025-12-31") } }))).toEqual([
      expect.objectContaining({ rule: "outsideStay", day: d("2025-12-31") }),
      { rule: "noAgreement", day: d("2025-12-31") },
    ]);
  });
  it("names the first day after the stay", () => {
    expect(rotationProblems(context({ candidate: { endDate: d("2027-01-01") } }))[0]).toMatchObject({
      rule: "outsideStay",
      day: d("2027-01-01"),
    });
  });
});

describe("rule 2: one rotation at a time", () => {
  const other = { id: "r2", departmentName: "Radioterapia", startDate: d("2026-02-01"), endDate: d("2026-03-01") };
  it("refuses an overlap of a single day, naming the other rotation", () => {
    expect(rotationProblems(context({ residentRotations: [other] }))).toEqual([
      { rule: "overlap", rotationId: "r2", departmentName: "Radioterapia", start: other.startDate, end: other.endDate },
    ]);
  });
  it("accepts a rotation ending the day before, and ignores the rotation itself when editing", () => {
    expect(rules(context({ residentRotations: [{ ...other, endDate: d("2026-02-28") }] }))).toEqual([]);
    expect(rules(context({ candidate: { id: "r2" }, residentRotations: [other] }))).toEqual([]);
  });
});

describe("rule 3: department capacity", () => {
  const on = (day: string, id: string) => ({ id, startDate: d(day), endDate: d(day) });
  it("accepts the last free place and refuses one more, naming the day", () => {
    expect(rules(context({ departmentRotations: [on("2026-03-31", "x")] }))).toEqual([]);
    expect(rotationProblems(context({ departmentRotations: [on("2026-03-31", "x"), on("2026-03-31", "y")] }))).toEqual([
      { rule: "capacity", day: d("2026-03-31"), capacity: 2 },
    ]);
  });
  it("does not count rotations on other days", () => {
    expect(
      rules(context({ departmentRotations: [on("2026-02-28", "x"), on("2026-02-28", "y"), on("2026-04-01", "z"), on("2026-04-01", "w")] })),
    ).toEqual([]);
  });
});

describe("rule 4: an agreement in force covers the programme", () => {
  const agreement = context().agreements[0]!;
  it("names the first day after an agreement ending mid-rotation", () => {
    expect(rotationProblems(context({ agreements: [{ ...agreement, endDate: d("2026-03-15") }] }))).toEqual([
      { rule: "noAgreement", day: d("2026-03-16") },
    ]);
  });
  it("does not count a draft, and stops at a termination", () => {
    expect(rotationProblems(context({ agreements: [{ ...agreement, signedOn: null }] }))).toEqual([
      { rule: "noAgreement", day: d("2026-03-01") },
    ]);
    expect(rotationProblems(context({ agreements: [{ ...agreement, terminatedOn: d("2026-03-20") }] }))).toEqual([
      { rule: "noAgreement", day: d("2026-03-21") },
    ]);
  });
  it("accepts a renewal that follows without a gap", () => {
    const renewal = { ...agreement, id: "ag2", startDate: d("2026-03-16"), endDate: d("2027-12-31") };
    expect(rules(context({ agreements: [{ ...agreement, endDate: d("2026-03-15") }, renewal] }))).toEqual([]);
  });
});

describe("rule 5: the programme's posts", () => {
  const present = (id: string, from = "2026-03-10", to = "2026-03-10") => ({ id, startDate: d(from), endDate: d(to) });
  it("accepts the last post and refuses when none is left, naming the day and the agreement", () => {
    expect(rules(context({ programmeRotations: [present("a")] }))).toEqual([]);
    expect(rotationProblems(context({ programmeRotations: [present("a"), present("b")] }))).toEqual([
      { rule: "posts", day: d("2026-03-10"), posts: 2, agreementId: "ag1" },
    ]);
  });
  it("applies the posts of the agreement in force on each day", () => {
    const first = { ...context().agreements[0]!, endDate: d("2026-03-15") };
    const renewal = { ...first, id: "ag2", startDate: d("2026-03-16"), endDate: d("2026-12-31"), posts: 1 };
    expect(
      rotationProblems(context({ agreements: [first, renewal], programmeRotations: [present("a", "2026-03-01", "2026-03-31")] })),
    ).toEqual([{ rule: "posts", day: d("2026-03-16"), posts: 1, agreementId: "ag2" }]);
  });
});

describe("rule 6: the tutor is on the department's staff", () => {
  it("refuses a tutor from elsewhere", () => {
    expect(rules(context({ candidate: { tutorId: "t9" } }))).toEqual(["tutorNotOnStaff"]);
  });
  it("accepts a staff tutor", () => {
    expect(rules(context({ candidate: { tutorId: "t1" } }))).toEqual([]);
  });
});

describe("rule 7: the resident is not away on a recorded protected absence", () => {
  const away = { start: d("2026-03-20"), end: d("2026-05-10") };
  it("refuses a rotation meeting it on any day, first or last, naming its dates only", () => {
    expect(rotationProblems(context({ absences: [away] }))).toEqual([{ rule: "away", start: away.start, end: away.end }]);
    expect(rules(context({ candidate: { endDate: d("2026-03-20") }, absences: [away] }))).toEqual(["away"]);
    expect(rules(context({ candidate: { startDate: d("2026-05-10"), endDate: d("2026-05-20") }, absences: [away] }))).toEqual(["away"]);
  });
  it("accepts the days before and after it", () => {
    expect(rules(context({ candidate: { endDate: d("2026-03-19") }, absences: [away] }))).toEqual([]);
    expect(rules(context({ candidate: { startDate: d("2026-05-11"), endDate: d("2026-05-31") }, absences: [away] }))).toEqual([]);
  });
});

describe("all together", () => {
  it("refuses dates in the wrong order outright, accepts a one-day rotation, reports every broken rule", () => {
    expect(rules(context({ candidate: { startDate: d("2026-03-02"), endDate: d("2026-03-01") } }))).toEqual(["dates"]);
    expect(rules(context({ candidate: { startDate: d("2026-03-01"), endDate: d("2026-03-01") } }))).toEqual([]);
    expect(rules(context({ candidate: { startDate: d("2025-12-31"), tutorId: "t9" }, department: { capacity: 0, tutorIds: [] } }))).toEqual(
      ["outsideStay", "capacity", "noAgreement", "tutorNotOnStaff"],
    );
  });
  it("derives the status from the decision and the dates", () => {
    const r = { startDate: d("2026-03-01"), endDate: d("2026-03-31") };
    expect(rotationStatus({ ...r, state: "planned" }, d("2026-03-15"))).toBe("planned");
    expect(rotationStatus({ ...r, state: "confirmed" }, d("2026-02-15"))).toBe("confirmed");
    expect(rotationStatus({ ...r, state: "confirmed" }, d("2026-03-15"))).toBe("in-progress");
    expect(rotationStatus({ ...r, state: "planned" }, d("2026-04-01"))).toBe("completed");
    expect(rotationStatus({ ...r, state: "cancelled" }, d("2026-03-15"))).toBe("cancelled");
  });
});
