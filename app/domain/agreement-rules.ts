import { effectiveEnd, type AgreementDates } from "./agreement-status";
import { rangesOverlap, toIsoDate } from "./dates";
import type { Refusal } from "./refusal";

/**
 * The rules an agreement must satisfy before it is saved (docs/domain.md): validity ends after it starts;
 * it covers at least one programme, each with at least one post; every covered programme belongs to
 * the agreement's university; and no programme is covered by two agreements whose validity overlaps.
 * Each broken rule names what it conflicts with.
 */
export type CoverageCandidate = {
  id?: string;
  universityId: string;
  startDate: Date;
  endDate: Date;
  terminatedOn?: Date | null;
  coverage: Array<{ programmeId: string; posts: number }>;
};

export type OtherAgreement = AgreementDates & {
  id: string;
  programmeIds: string[];
};

export type AgreementProblem =
  | { rule: "endBeforeStart" }
  | { rule: "noProgrammes" }
  | { rule: "postsTooFew"; programmeId: string }
  | { rule: "duplicateProgramme"; programmeId: string }
  | { rule: "wrongUniversity"; programmeId: string }
  | { rule: "overlap"; programmeId: string; otherId: string; otherStart: Date; otherEnd: Date };

export function agreementProblems(
  candidate: CoverageCandidate,
  programmes: Map<string, { universityId: string }>,
  others: OtherAgreement[],
): AgreementProblem[] {
  const problems: AgreementProblem[] = [];
  if (candidate.endDate <= candidate.startDate) problems.push({ rule: "endBeforeStart" });
  if (candidate.coverage.length === 0) problems.push({ rule: "noProgrammes" });

  const seen = new Set<string>();
  for (const { programmeId, posts } of candidate.coverage) {
    if (seen.has(programmeId)) problems.push({ rule: "duplicateProgramme", programmeId });
    seen.add(programmeId);
    if (!Number.isInteger(posts) || posts < 1) problems.push({ rule: "postsTooFew", programmeId });
    const programme = programmes.get(programmeId);
    if (!programme || programme.universityId !== candidate.universityId) problems.push({ rule: "wrongUniversity", programmeId });
  }

  const range = {
    start: candidate.startDate,
    end: effectiveEnd({ endDate: candidate.endDate, terminatedOn: candidate.terminatedOn ?? null }),
  };
  for (const other of others) {
    if (other.id === candidate.id) continue;
    const otherRange = { start: other.startDate, end: effectiveEnd(other) };
    if (otherRange.end < otherRange.start || !rangesOverlap(range, otherRange)) continue;
    for (const programmeId of other.programmeIds) {
      if (seen.has(programmeId)) {
        problems.push({ rule: "overlap", programmeId, otherId: other.id, otherStart: otherRange.start, otherEnd: otherRange.end });
      }
    }
  }
  return problems;
}

/** A termination must fall within the agreement's validity (on or after its start, before its end). */
export function terminationProblem(
  agreement: { startDate: Date; endDate: Date; terminatedOn: Date | null },
  day: Date,
): "beforeStart" | "afterEnd" | "alreadyTerminated" | null {
  if (agreement.terminatedOn) return "alreadyTerminated";
  if (day < agreement.startDate) return "beforeStart";
  if (day >= agreement.endDate) return "afterEnd";
  return null;
}

/** The renewal's proposed validity: from the day after the old one ends, for the same length. */
export function renewalDates(old: { startDate: Date; endDate: Date; terminatedOn: Date | null }): { startDate: Date; endDate: Date } {
  const end = effectiveEnd(old);
  const length = old.endDate.getTime() - old.startDate.getTime();
  const startDate = new Date(end.getTime() + 24 * 60 * 60 * 1000);
  return { startDate, endDate: new Date(startDate.getTime() + length) };
}

/**
 * Each broken rule as a refusal naming the programme (its specialty code, which the catalogue writes in
 * the reader's language, and its university) and, for an overlap, the conflicting agreement (linked).
 */
export function agreementRefusals(
  problems: AgreementProblem[],
  programmes: ReadonlyMap<string, { specialtyCode: string; university: string }>,
): Refusal[] {
  return problems.map((problem): Refusal => {
    const key = `agreements.problems.${problem.rule}`;
    if (!("programmeId" in problem)) return { field: null, key };
    const programme = programmes.get(problem.programmeId);
    const values = { specialty: programme?.specialtyCode ?? problem.programmeId, university: programme?.university ?? "" };
    if (problem.rule !== "overlap") return { field: null, key, values };
    return {
      field: null,
      key,
      values: { ...values, start: toIsoDate(problem.otherStart), end: toIsoDate(problem.otherEnd) },
      link: `/admin/agreements/${problem.otherId}`,
    };
  });
}
