import { describe, expect, it } from "vitest";
import { agreementProblems, renewalDates, terminationProblem, type CoverageCandidate, type OtherAgreement } from "./agreement-rules";
import { daysBetween, toIsoDate } from "./dates";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

const UNI = "uni-a";
const OTHER_UNI = "uni-b";
const programmes = new Map([
  ["p1", { universityId: UNI }],
  ["p2", { universityId: UNI }],
  ["p3", { universityId: OTHER_UNI }],
]);

function candidate(overrides: Partial<CoverageCandidate> = {}): CoverageCandidate {
  return {
    universityId: UNI,
    startDate: day("2027-01-01"),
    endDate: day("2029-12-31"),
    coverage: [{ programmeId: "p1", posts: 2 }],
    ...overrides,
  };
}

function other(overrides: Partial<OtherAgreement> = {}): OtherAgreement {
  return {
    id: "other-1",
    startDate: day("2024-01-01"),
    endDate: day("2026-12-31"),
    signedOn: day("2023-12-01"),
    terminatedOn: null,
    programmeIds: ["p1"],
    ...overrides,
  };
}

describe("agreementProblems", () => {
  it("finds nothing wrong with a valid agreement", () => {
    expect(agreementProblems(candidate(), programmes, [])).toEqual([]);
    expect(
      agreementProblems(
        candidate({
          coverage: [
            { programmeId: "p1", posts: 1 },
            { programmeId: "p2", posts: 3 },
          ],
        }),
        programmes,
        [other()],
      ),
    ).toEqual([]);
  });

  describe("endBeforeStart", () => {
    it("is reported when the end comes before the start", () => {
      expect(agreementProblems(candidate({ startDate: day("2027-01-01"), endDate: day("2026-12-31") }), programmes, [])).toEqual([
        { rule: "endBeforeStart" },
      ]);
    });

    it("is reported when the end equals the start", () => {
      expect(agreementProblems(candidate({ startDate: day("2027-01-01"), endDate: day("2027-01-01") }), programmes, [])).toEqual([
        { rule: "endBeforeStart" },
      ]);
    });

    it("is not reported when the end is the day after the start", () => {
      expect(agreementProblems(candidate({ startDate: day("2027-01-01"), endDate: day("2027-01-02") }), programmes, [])).toEqual([]);
    });
  });

  it("noProgrammes: an agreement must cover at least one programme", () => {
    expect(agreementProblems(candidate({ coverage: [] }), programmes, [])).toEqual([{ rule: "noProgrammes" }]);
  });

  it("postsTooFew: every covered programme needs at least one whole post", () => {
    const problems = agreementProblems(
      candidate({
        coverage: [
          { programmeId: "p1", posts: 0 },
          { programmeId: "p2", posts: 1.5 },
        ],
      }),
      programmes,
      [],
    );
    expect(problems).toEqual([
      { rule: "postsTooFew", programmeId: "p1" },
      { rule: "postsTooFew", programmeId: "p2" },
    ]);
    expect(agreementProblems(candidate({ coverage: [{ programmeId: "p1", posts: -3 }] }), programmes, [])).toEqual([
      { rule: "postsTooFew", programmeId: "p1" },
    ]);
  });

  it("duplicateProgramme: a programme can be covered only once per agreement", () => {
    const problems = agreementProblems(
      candidate({
        coverage: [
          { programmeId: "p1", posts: 1 },
          { programmeId: "p1", posts: 2 },
        ],
      }),
      programmes,
      [],
    );
    expect(problems).toEqual([{ rule: "duplicateProgramme", programmeId: "p1" }]);
  });

  it("wrongUniversity: every programme must belong to the agreement's university", () => {
    const problems = agreementProblems(
      candidate({
        coverage: [
          { programmeId: "p1", posts: 1 },
          { programmeId: "p3", posts: 1 },
        ],
      }),
      programmes,
      [],
    );
    expect(problems).toEqual([{ rule: "wrongUniversity", programmeId: "p3" }]);
  });

  it("wrongUniversity: an unknown programme is refused as well", () => {
    expect(agreementProblems(candidate({ coverage: [{ programmeId: "ghost", posts: 1 }] }), programmes, [])).toEqual([
      { rule: "wrongUniversity", programmeId: "ghost" },
    ]);
  });

  it("reports every broken rule at once", () => {
    const problems = agreementProblems(
      candidate({ endDate: day("2026-01-01"), coverage: [{ programmeId: "p3", posts: 0 }] }),
      programmes,
      [],
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        { rule: "endBeforeStart" },
        { rule: "postsTooFew", programmeId: "p3" },
        { rule: "wrongUniversity", programmeId: "p3" },
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  describe("overlap", () => {
    it("names the other agreement, the programme and the other agreement's dates", () => {
      const problems = agreementProblems(candidate({ startDate: day("2026-06-01") }), programmes, [other()]);
      expect(problems).toEqual([
        { rule: "overlap", programmeId: "p1", otherId: "other-1", otherStart: day("2024-01-01"), otherEnd: day("2026-12-31") },
      ]);
    });

    it("counts a single shared day (the other's last day is the candidate's first)", () => {
      const problems = agreementProblems(candidate({ startDate: day("2026-12-31") }), programmes, [other()]);
      expect(problems.map((p) => p.rule)).toEqual(["overlap"]);
    });

    it("is not reported when the other agreement ended the day before", () => {
      expect(agreementProblems(candidate({ startDate: day("2027-01-01") }), programmes, [other()])).toEqual([]);
    });

    it("is not reported when the candidate ends the day before the other starts", () => {
      const later = other({ startDate: day("2030-01-01"), endDate: day("2032-12-31") });
      expect(agreementProblems(candidate(), programmes, [later])).toEqual([]);
      const touching = other({ startDate: day("2029-12-31"), endDate: day("2032-12-31") });
      expect(agreementProblems(candidate(), programmes, [touching]).map((p) => p.rule)).toEqual(["overlap"]);
    });

    it("is not reported when the overlapping agreement covers only other programmes", () => {
      expect(agreementProblems(candidate({ startDate: day("2026-06-01") }), programmes, [other({ programmeIds: ["p2"] })])).toEqual([]);
    });

    it("names each shared programme", () => {
      const problems = agreementProblems(
        candidate({
          startDate: day("2026-06-01"),
          coverage: [
            { programmeId: "p1", posts: 1 },
            { programmeId: "p2", posts: 1 },
          ],
        }),
        programmes,
        [other({ programmeIds: ["p1", "p2"] })],
      );
      expect(problems.map((p) => p.rule === "overlap" && p.programmeId)).toEqual(["p1", "p2"]);
    });

    it("lists every conflicting agreement", () => {
      const problems = agreementProblems(candidate({ startDate: day("2026-06-01") }), programmes, [
        other(),
        other({ id: "other-2", startDate: day("2028-01-01"), endDate: day("2030-12-31") }),
      ]);
      expect(problems.map((p) => p.rule === "overlap" && p.otherId)).toEqual(["other-1", "other-2"]);
    });

    it("a terminated agreement blocks only until its termination day, which is reported as its end", () => {
      const terminated = other({ terminatedOn: day("2026-03-31") });
      expect(agreementProblems(candidate({ startDate: day("2026-04-01") }), programmes, [terminated])).toEqual([]);
      expect(agreementProblems(candidate({ startDate: day("2026-03-31") }), programmes, [terminated])).toEqual([
        { rule: "overlap", programmeId: "p1", otherId: "other-1", otherStart: day("2024-01-01"), otherEnd: day("2026-03-31") },
      ]);
    });

    it("a terminated candidate is checked only up to its own termination day", () => {
      const later = other({ startDate: day("2028-01-01"), endDate: day("2030-12-31") });
      expect(agreementProblems(candidate({ terminatedOn: day("2027-12-31") }), programmes, [later])).toEqual([]);
      expect(agreementProblems(candidate({ terminatedOn: day("2028-01-01") }), programmes, [later]).map((p) => p.rule)).toEqual([
        "overlap",
      ]);
    });

    it("ignores the agreement itself (same id) when it is edited", () => {
      const self = other({ id: "self", startDate: day("2027-01-01"), endDate: day("2029-12-31") });
      expect(agreementProblems(candidate({ id: "self" }), programmes, [self])).toEqual([]);
      expect(agreementProblems(candidate(), programmes, [self]).map((p) => p.rule)).toEqual(["overlap"]);
    });

    it("counts unsigned (draft) agreements too", () => {
      const draft = other({ signedOn: null, startDate: day("2028-01-01"), endDate: day("2030-12-31") });
      expect(agreementProblems(candidate(), programmes, [draft]).map((p) => p.rule)).toEqual(["overlap"]);
    });
  });
});

describe("terminationProblem", () => {
  const a = { startDate: day("2026-01-01"), endDate: day("2028-12-31"), terminatedOn: null };

  it("accepts a day from the start up to the day before the end", () => {
    expect(terminationProblem(a, day("2026-01-01"))).toBeNull();
    expect(terminationProblem(a, day("2027-06-15"))).toBeNull();
    expect(terminationProblem(a, day("2028-12-30"))).toBeNull();
  });

  it("refuses a day before the start", () => {
    expect(terminationProblem(a, day("2025-12-31"))).toBe("beforeStart");
  });

  it("refuses the end day and after (that is not an early end)", () => {
    expect(terminationProblem(a, day("2028-12-31"))).toBe("afterEnd");
    expect(terminationProblem(a, day("2029-01-01"))).toBe("afterEnd");
  });

  it("refuses to terminate twice", () => {
    expect(terminationProblem({ ...a, terminatedOn: day("2027-01-01") }, day("2026-06-01"))).toBe("alreadyTerminated");
  });
});

describe("renewalDates", () => {
  it("starts the day after the end and lasts as long", () => {
    const old = { startDate: day("2024-01-01"), endDate: day("2026-12-31"), terminatedOn: null };
    const renewal = renewalDates(old);
    expect(toIsoDate(renewal.startDate)).toBe("2027-01-01");
    expect(daysBetween(renewal.startDate, renewal.endDate)).toBe(daysBetween(old.startDate, old.endDate));
    expect(toIsoDate(renewal.endDate)).toBe("2029-12-31");
  });

  it("starts the day after the termination day of a terminated agreement", () => {
    const old = { startDate: day("2024-01-01"), endDate: day("2026-12-31"), terminatedOn: day("2025-06-30") };
    const renewal = renewalDates(old);
    expect(toIsoDate(renewal.startDate)).toBe("2025-07-01");
    expect(daysBetween(renewal.startDate, renewal.endDate)).toBe(daysBetween(old.startDate, old.endDate));
  });

  it("gives dates that do not overlap the old agreement on the same programmes", () => {
    const old = { startDate: day("2024-01-01"), endDate: day("2026-12-31"), terminatedOn: null };
    const renewal = renewalDates(old);
    const problems = agreementProblems({ universityId: UNI, ...renewal, coverage: [{ programmeId: "p1", posts: 1 }] }, programmes, [
      other({ ...old, id: "old" }),
    ]);
    expect(problems).toEqual([]);
  });
});
