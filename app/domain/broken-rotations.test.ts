import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findBrokenRotations, isOpen, judgingContext, type BrokenRotationsInput, type SavedRotation } from "./broken-rotations";
import { addDays, parseIsoDate } from "./dates";
import { rotationProblems } from "./rotation-rules";

const d = (iso: string) => parseIsoDate(iso)!;
const today = d("2026-03-01");

const rotation = (
  id: string,
  residentId: string,
  departmentId: string,
  start: string,
  end: string,
  extra: Partial<SavedRotation> = {},
): SavedRotation => ({
  id,
  residentId,
  departmentId,
  tutorId: departmentId === "dA" ? "t1" : "t2",
  startDate: d(start),
  endDate: d(end),
  state: "confirmed",
  ...extra,
});

/**
 * A valid plan as of 1 March 2026: three residents of one programme, all staying through 2026, rotate
 * in Oncologia (capacity 3, tutor t1) with three of them present from 25 to 31 March; one more
 * rotates in Radioterapia (tutor t2). One agreement in force all year grants the programme 5 posts.
 */
function plan(): BrokenRotationsInput<SavedRotation> {
  const stay = { programmeId: "p1", stayStart: d("2026-01-01"), stayEnd: d("2026-12-31") };
  return {
    today,
    rotations: [
      rotation("a", "r1", "dA", "2026-02-15", "2026-03-31"),
      rotation("b", "r2", "dA", "2026-03-10", "2026-04-30"),
      rotation("c", "r3", "dA", "2026-03-25", "2026-05-31"),
      rotation("d", "r1", "dB", "2026-04-01", "2026-04-30"),
      rotation("e", "r1", "dA", "2026-06-01", "2026-06-30"),
    ],
    residents: [
      { id: "r1", ...stay },
      { id: "r2", ...stay },
      { id: "r3", ...stay },
    ],
    departments: [
      { id: "dA", name: "Oncologia", capacity: 3, tutorIds: ["t1"] },
      { id: "dB", name: "Radioterapia", capacity: 3, tutorIds: ["t2"] },
    ],
    coverage: [
      {
        programmeId: "p1",
        posts: 5,
        agreement: { id: "ag1", startDate: d("2026-01-01"), endDate: d("2026-12-31"), signedOn: d("2025-12-01"), terminatedOn: null },
      },
    ],
    absences: [],
  };
}

/** The broken rotations as { id: [rule, …] }. */
const rulesOf = (input: BrokenRotationsInput<SavedRotation>) =>
  Object.fromEntries(findBrokenRotations(input).map((b) => [b.rotation.id, b.problems.map((p) => p.rule)]));
const problemsOf = (input: BrokenRotationsInput<SavedRotation>, id: string) =>
  findBrokenRotations(input).find((b) => b.rotation.id === id)?.problems;

describe("rotations broken by later changes", () => {
  it("reports nothing for a plan that meets the rules", () => {
    expect(findBrokenRotations(plan())).toEqual([]);
  });

  it("an agreement shortened: the rotations running past its new end, naming the first day uncovered", () => {
    const input = plan();
    input.coverage[0]!.agreement.endDate = d("2026-04-15");
    expect(rulesOf(input)).toEqual({ b: ["noAgreement"], c: ["noAgreement"], d: ["noAgreement"], e: ["noAgreement"] });
    expect(problemsOf(input, "b")).toEqual([{ rule: "noAgreement", day: d("2026-04-16") }]);
    expect(problemsOf(input, "e")).toEqual([{ rule: "noAgreement", day: d("2026-06-01") }]);
  });

  it("an agreement terminated early: every rotation after the termination day, the one in progress too", () => {
    const input = plan();
    input.coverage[0]!.agreement.terminatedOn = d("2026-03-20");
    expect(Object.keys(rulesOf(input))).toEqual(["a", "b", "c", "d", "e"]);
    expect(problemsOf(input, "a")).toEqual([{ rule: "noAgreement", day: d("2026-03-21") }]);
  });

  it("a capacity lowered: every rotation present on the day over capacity, naming the day", () => {
    const input = plan();
    input.departments[0]!.capacity = 2;
    expect(rulesOf(input)).toEqual({ a: ["capacity"], b: ["capacity"], c: ["capacity"] });
    for (const id of ["a", "b", "c"]) expect(problemsOf(input, id)).toEqual([{ rule: "capacity", day: d("2026-03-25"), capacity: 2 }]);
  });

  it("a stay shortened: the rotation running past its new end, naming the first day outside", () => {
    const input = plan();
    input.residents[2]!.stayEnd = d("2026-05-15");
    expect(rulesOf(input)).toEqual({ c: ["outsideStay"] });
    expect(problemsOf(input, "c")).toEqual([
      { rule: "outsideStay", day: d("2026-05-16"), stayStart: d("2026-01-01"), stayEnd: d("2026-05-15") },
    ]);
  });

  it("a tutor taken off the department's staff: the rotations they supervise there", () => {
    const input = plan();
    input.departments[0]!.tutorIds = ["t9"];
    expect(rulesOf(input)).toEqual({ a: ["tutorNotOnStaff"], b: ["tutorNotOnStaff"], c: ["tutorNotOnStaff"], e: ["tutorNotOnStaff"] });
  });

  it("posts lowered: every rotation of the programme present on the day beyond the posts", () => {
    const input = plan();
    input.coverage[0]!.posts = 2;
    expect(rulesOf(input)).toEqual({ a: ["posts"], b: ["posts"], c: ["posts"], d: ["posts"] });
    expect(problemsOf(input, "c")).toEqual([{ rule: "posts", day: d("2026-03-25"), posts: 2, agreementId: "ag1" }]);
  });

  it("never reports completed or cancelled rotations, and does not count them", () => {
    const input = plan();
    input.departments[0]!.tutorIds = [];
    input.departments[0]!.capacity = 2;
    input.rotations = [
      rotation("past", "r2", "dA", "2026-01-10", "2026-02-28"),
      rotation("gone", "r2", "dA", "2026-03-01", "2026-03-05", { state: "cancelled" }),
      rotation("x", "r3", "dB", "2026-03-01", "2026-03-05"),
      rotation("y", "r1", "dB", "2026-03-01", "2026-03-05"),
    ];
    input.departments[1]!.capacity = 2;
    expect(findBrokenRotations(input)).toEqual([]);
    expect(isOpen({ state: "planned", endDate: today }, today)).toBe(true);
    expect(isOpen({ state: "planned", endDate: addDays(today, -1) }, today)).toBe(false);
  });

  it("reports two open rotations of one resident that overlap, naming each other", () => {
    const input = plan();
    input.rotations.push(rotation("f", "r2", "dB", "2026-04-30", "2026-05-10"));
    expect(rulesOf(input)).toEqual({ b: ["overlap"], f: ["overlap"] });
    expect(problemsOf(input, "f")).toEqual([
      { rule: "overlap", rotationId: "b", departmentName: "Oncologia", start: d("2026-03-10"), end: d("2026-04-30") },
    ]);
  });

  it("judges a large plan quickly, comparing only rotations that overlap", () => {
    const input = plan();
    const agreement = { ...input.coverage[0]!.agreement, endDate: d("2027-12-31") };
    input.rotations = [];
    input.residents = [];
    input.departments = Array.from({ length: 40 }, (_, i) => ({ id: `dep${i}`, name: `Reparto ${i}`, capacity: 25, tutorIds: ["t1"] }));
    input.coverage = Array.from({ length: 200 }, (_, i) => ({ programmeId: `p${i}`, posts: 10, agreement }));
    // 1,000 residents of 200 programmes, each with five 60-day rotations one after another: 25 residents in each department at a time.
    for (let r = 0; r < 1000; r++) {
      input.residents.push({ id: `r${r}`, programmeId: `p${r % 200}`, stayStart: d("2026-01-01"), stayEnd: d("2027-12-31") });
      for (let k = 0; k < 5; k++) {
        const start = addDays(d("2026-03-01"), k * 60);
        input.rotations.push({
          id: `r${r}-${k}`,
          residentId: `r${r}`,
          departmentId: `dep${(r + k * 7) % 40}`,
          tutorId: "t1",
          startDate: start,
          endDate: addDays(start, 59),
          state: "planned",
        });
      }
    }
    const started = performance.now();
    expect(findBrokenRotations(input)).toEqual([]);
    input.departments[0]!.capacity = 24;
    expect(findBrokenRotations(input)).toHaveLength(125);
    expect(performance.now() - started).toBeLessThan(4000);
  });

  it("finds exactly what judging every open rotation against all the others finds, on any plan", () => {
    // The definition: each open rotation with the full context the planning form would give it.
    const byDefinition = (input: BrokenRotationsInput<SavedRotation>) => {
      const open = input.rotations.filter((r) => isOpen(r, input.today)).sort((a, b) => a.startDate.getTime() - b.startDate.getTime());
      const programmeOf = (r: SavedRotation) => input.residents.find((s) => s.id === r.residentId)?.programmeId;
      const overlaps = (a: SavedRotation, b: SavedRotation) => a !== b && a.startDate <= b.endDate && b.startDate <= a.endDate;
      const span = (r: SavedRotation) => ({ id: r.id, startDate: r.startDate, endDate: r.endDate });
      return open
        .flatMap((r) => {
          const resident = input.residents.find((s) => s.id === r.residentId);
          const department = input.departments.find((x) => x.id === r.departmentId);
          if (!resident || !department) return [];
          const problems = rotationProblems({
            candidate: { id: r.id, startDate: r.startDate, endDate: r.endDate, tutorId: r.tutorId },
            resident,
            residentRotations: open
              .filter((o) => o.residentId === r.residentId && overlaps(o, r))
              .map((o) => ({ ...span(o), departmentName: input.departments.find((x) => x.id === o.departmentId)?.name ?? "" })),
            department,
            departmentRotations: open.filter((o) => o.departmentId === r.departmentId && overlaps(o, r)).map(span),
            agreements: input.coverage
              .filter((c) => c.programmeId === resident.programmeId)
              .map((c) => ({ ...c.agreement, posts: c.posts })),
            programmeRotations: open
              .filter((o) => programmeOf(o) === resident.programmeId && o.residentId !== r.residentId && overlaps(o, r))
              .map(span),
            absences: input.absences
              .filter((a) => a.residentId === r.residentId && a.startDate <= r.endDate && r.startDate <= a.endDate)
              .map((a) => ({ start: a.startDate, end: a.endDate })),
          });
          return problems.length > 0 ? [{ rotation: r, problems }] : [];
        })
        .sort((a, b) => a.rotation.startDate.getTime() - b.rotation.startDate.getTime() || a.rotation.id.localeCompare(b.rotation.id));
    };
    const day = fc.integer({ min: -40, max: 80 }).map((n) => addDays(today, n));
    const range = fc.tuple(day, fc.integer({ min: 0, max: 50 })).map(([start, length]) => ({ start, end: addDays(start, length) }));
    // Mostly plans that keep the rules (long stays and agreements, tutors on the staff), so that a rule
    // broken alone, with nothing else wrong with the rotation, is generated often.
    const whole = { start: addDays(today, -60), end: addDays(today, 140) };
    const mostlyWhole = fc.oneof({ arbitrary: fc.constant(whole), weight: 3 }, { arbitrary: range, weight: 1 });
    const plans = fc.record({
      residents: fc.array(fc.tuple(fc.constantFrom("p1", "p2"), mostlyWhole), { minLength: 1, maxLength: 5 }),
      departments: fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.oneof(fc.constant(["t1", "t2"]), fc.subarray(["t1", "t2"]))), {
        minLength: 1,
        maxLength: 3,
      }),
      coverage: fc.array(
        fc.record({
          programmeId: fc.constantFrom("p1", "p2"),
          posts: fc.integer({ min: 1, max: 5 }),
          range: mostlyWhole,
          signed: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.boolean(), weight: 1 }),
          terminatedOn: fc.option(day, { freq: 4 }),
        }),
        { maxLength: 3 },
      ),
      rotations: fc.array(
        fc.record({
          resident: fc.nat(5),
          department: fc.nat(2),
          tutorId: fc.constantFrom("t1", "t2", null, "t3"),
          range,
          state: fc.constantFrom("planned", "confirmed", "cancelled"),
        }),
        { maxLength: 14 },
      ),
      absences: fc.array(fc.record({ resident: fc.nat(5), range }), { maxLength: 3 }),
      judged: fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
    });
    fc.assert(
      fc.property(plans, (p) => {
        const input: BrokenRotationsInput<SavedRotation> = {
          today,
          residents: p.residents.map(([programmeId, stay], i) => ({ id: `r${i}`, programmeId, stayStart: stay.start, stayEnd: stay.end })),
          departments: p.departments.map(([capacity, tutorIds], i) => ({
            id: `d${i}`,
            name: `Reparto ${i}`,
            capacity,
            tutorIds: [...tutorIds],
          })),
          coverage: p.coverage.map((c, i) => ({
            programmeId: c.programmeId,
            posts: c.posts,
            agreement: {
              id: `a${i}`,
              startDate: c.range.start,
              endDate: c.range.end,
              signedOn: c.signed ? addDays(c.range.start, -10) : null,
              terminatedOn: c.terminatedOn,
            },
          })),
          // Ids and residents or departments that may not exist, as in a database changed under the plan.
          rotations: p.rotations.map((r, i) => ({
            id: `x${i}`,
            residentId: `r${r.resident}`,
            departmentId: `d${r.department}`,
            tutorId: r.tutorId,
            startDate: r.range.start,
            endDate: r.range.end,
            state: r.state,
          })),
          absences: p.absences.map((a) => ({ residentId: `r${a.resident}`, startDate: a.range.start, endDate: a.range.end })),
        };
        const everything = byDefinition(input);
        expect(findBrokenRotations(input)).toEqual(everything);

        // Some rotations judged again against only what judgingContext says they need (what the model reads
        // after a change): the same verdicts as judging everything.
        const programmeOf = new Map(input.residents.map((r) => [r.id, r.programmeId]));
        const targets = input.rotations
          .filter((r, i) => p.judged[i] && isOpen(r, today) && programmeOf.has(r.residentId))
          .map((r) => ({ ...r, programmeId: programmeOf.get(r.residentId)! }));
        const context = judgingContext(targets);
        const meets = (r: SavedRotation, w: { from: Date; to: Date } | undefined) => !!w && r.startDate <= w.to && r.endDate >= w.from;
        const around = input.rotations.filter(
          (r) =>
            isOpen(r, today) &&
            (context.residents.includes(r.residentId) ||
              meets(r, context.departments.get(r.departmentId)) ||
              meets(r, context.programmes.get(programmeOf.get(r.residentId) ?? ""))),
        );
        const judge = new Set(targets.map((r) => r.id));
        expect(findBrokenRotations({ ...input, rotations: around, judge })).toEqual(everything.filter((b) => judge.has(b.rotation.id)));
      }),
      { numRuns: 1000 },
    );
  });
});
