import { describe, expect, it } from "vitest";
import { judgeGroups, leavesFewByDifference } from "./evaluation-results";

describe("which released results may be shown", () => {
  it("shows a group from 5 answers, and counts below as fewer than 5", () => {
    const { tutors, departments } = judgeGroups([
      { tutorId: "anna", departmentId: "onco", count: 4 },
      { tutorId: "bruno", departmentId: "chir", count: 5 },
      { tutorId: "carla", departmentId: "emat", count: 6 },
    ]);
    expect(tutors.map((t) => [t.id, t.count, t.shown])).toEqual([
      ["anna", "<5", false],
      ["bruno", 5, true],
      ["carla", 6, true],
    ]);
    expect(departments.map((d) => [d.id, d.count, d.shown])).toEqual([
      ["onco", "<5", false],
      ["chir", 5, true],
      ["emat", 6, true],
    ]);
  });

  it("withholds a department that, less a tutor shown whole inside it, leaves 1 to 4 answers", () => {
    const { tutors, departments } = judgeGroups([
      { tutorId: "anna", departmentId: "onco", count: 6 },
      { tutorId: "bruno", departmentId: "onco", count: 2 },
    ]);
    expect(tutors.find((t) => t.id === "anna")).toMatchObject({ shown: true });
    expect(departments[0]).toMatchObject({ count: 8, shown: false, withheld: true });
  });

  it("shows a department made of whole tutors' groups, or leaving 5 or more", () => {
    const exact = judgeGroups([{ tutorId: "anna", departmentId: "onco", count: 7 }]);
    expect(exact.departments[0]).toMatchObject({ shown: true });
    const enough = judgeGroups([
      { tutorId: "anna", departmentId: "onco", count: 6 },
      { tutorId: "bruno", departmentId: "onco", count: 3 },
      { tutorId: null, departmentId: "onco", count: 2 },
    ]);
    expect(enough.departments[0]).toMatchObject({ count: 11, shown: true });
  });

  it("withholds a tutor who, less a department shown whole inside them, leaves 1 to 4 answers", () => {
    const { tutors, departments } = judgeGroups([
      { tutorId: "anna", departmentId: "onco", count: 5 },
      { tutorId: "anna", departmentId: "chir", count: 1 },
      { tutorId: "bruno", departmentId: "chir", count: 1 },
    ]);
    expect(departments.find((d) => d.id === "onco")).toMatchObject({ shown: true });
    expect(tutors.find((t) => t.id === "anna")).toMatchObject({ count: 6, shown: false, withheld: true });
  });

  it("finds a difference made of several groups", () => {
    expect(leavesFewByDifference(13, [5, 5])).toBe(true);
    expect(leavesFewByDifference(15, [5, 5])).toBe(false);
    expect(leavesFewByDifference(10, [5, 5])).toBe(false);
  });
});
