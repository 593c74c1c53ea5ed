import { enoughAnswers, RESULTS_THRESHOLD } from "./evaluations";
import { suppress, type PublishedCount } from "./open-data";

/**
 * Which released results of the residents' evaluations may be shown (issue 18, docs/decisions/015).
 * A tutor's or a department's results for a period are shown from RESULTS_THRESHOLD answers, as the open
 * data's counts are. Counts below it read "fewer than 5" (the open data's FEWER_THAN_5), never the number.
 *
 * Results only ever cover a whole period, so two overlapping spans of days cannot be subtracted. What can
 * still be subtracted are two groups of one period where one lies inside the other: a department whose
 * answers are its tutors' answers and a few more. Should the department's results minus those of tutors
 * shown whole inside it leave 1 to 4 answers, those few could be read by difference; the department's
 * results are then withheld, and likewise a tutor's whose answers are departments shown whole inside
 * them and a few more. Longer chains of differences across several periods' groups are not possible:
 * every group is one period's.
 */

/** How many answers one tutor (null: a rotation without one) has in one department in a period. */
export type AnswerCell = { tutorId: string | null; departmentId: string; count: number };

export type GroupVerdict = {
  id: string;
  /** the number of answers as it may be shown: "<5" from 1 to 4 */
  count: PublishedCount;
  /** whether its results may be shown */
  shown: boolean;
  /** reaches the threshold but is withheld, because a group inside it would leave fewer than 5 by difference */
  withheld: boolean;
};

/** Whether taking any combination of `parts` (each a group's count, wholly inside `total`) away from it leaves 1 to 4. */
export function leavesFewByDifference(total: number, parts: readonly number[]): boolean {
  // The sums any selection of parts can reach (at most `total`: the parts lie inside it).
  const reachable = new Set<number>([0]);
  for (const part of parts) {
    for (const sum of [...reachable]) if (sum + part <= total) reachable.add(sum + part);
  }
  return [...reachable].some((sum) => total - sum > 0 && total - sum < RESULTS_THRESHOLD);
}

/**
 * The verdict on every tutor and department with answers in a period, from the counts per tutor and
 * department. Groups are judged against every group reaching the threshold (a superset of those shown),
 * which can only withhold more, never less.
 */
export function judgeGroups(cells: readonly AnswerCell[]): { tutors: GroupVerdict[]; departments: GroupVerdict[] } {
  const tutorTotals = new Map<string, number>();
  const departmentTotals = new Map<string, number>();
  const departmentsOf = new Map<string, Set<string>>();
  const tutorsOf = new Map<string, Set<string | null>>();
  for (const cell of cells) {
    if (cell.tutorId) {
      tutorTotals.set(cell.tutorId, (tutorTotals.get(cell.tutorId) ?? 0) + cell.count);
      departmentsOf.set(cell.tutorId, (departmentsOf.get(cell.tutorId) ?? new Set()).add(cell.departmentId));
    }
    departmentTotals.set(cell.departmentId, (departmentTotals.get(cell.departmentId) ?? 0) + cell.count);
    tutorsOf.set(cell.departmentId, (tutorsOf.get(cell.departmentId) ?? new Set()).add(cell.tutorId));
  }
  const verdict = (id: string, total: number, inside: number[]): GroupVerdict => {
    const enough = enoughAnswers(total);
    const withheld = enough && leavesFewByDifference(total, inside);
    return { id, count: suppress(total), shown: enough && !withheld, withheld };
  };
  const only = <T>(set: Set<T> | undefined, value: T) => set?.size === 1 && set.has(value);
  // A department inside a tutor: every answer of it is about that tutor; a tutor inside a department:
  // every answer about them lies in it. Only groups reaching the threshold can be shown and subtracted.
  const tutors = [...tutorTotals].map(([tutorId, total]) =>
    verdict(
      tutorId,
      total,
      [...(departmentsOf.get(tutorId) ?? [])]
        .filter((departmentId) => only(tutorsOf.get(departmentId), tutorId) && enoughAnswers(departmentTotals.get(departmentId)!))
        .map((departmentId) => departmentTotals.get(departmentId)!),
    ),
  );
  const departments = [...departmentTotals].map(([departmentId, total]) =>
    verdict(
      departmentId,
      total,
      [...(tutorsOf.get(departmentId) ?? [])]
        .filter((tutorId): tutorId is string => tutorId !== null)
        .filter((tutorId) => only(departmentsOf.get(tutorId), departmentId) && enoughAnswers(tutorTotals.get(tutorId)!))
        .map((tutorId) => tutorTotals.get(tutorId)!),
    ),
  );
  return { tutors, departments };
}
