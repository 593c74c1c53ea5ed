import type { AgreementDates } from "./agreement-status";
import { rotationProblems, type RotationContext, type RotationProblem } from "./rotation-rules";

/**
 * Rotations that a later change has broken (DOMAIN.md): an agreement shortened or terminated, a
 * capacity lowered, a stay shortened, a tutor taken off a department's staff. Each rotation that has
 * not ended is judged again by the same six rules as the planning form (`rotationProblems`), so the
 * words are the same; completed and cancelled rotations are history and never reported.
 *
 * Rotations are grouped by resident, department and programme, and each group is sorted by first day:
 * a rotation is compared only with those starting before it ends, never with every other rotation.
 */
export type SavedRotation = { id: string; residentId: string; departmentId: string; tutorId: string | null; startDate: Date; endDate: Date; state: string };

export type BrokenRotationsInput<R extends SavedRotation> = {
  today: Date;
  /** The rotations to judge; cancelled and completed ones are left out of every count. */
  rotations: R[];
  residents: Array<{ id: string; programmeId: string; stayStart: Date; stayEnd: Date }>;
  departments: Array<{ id: string; name: string; capacity: number; tutorIds: string[] }>;
  /** The agreements covering each programme, with the posts each grants it. */
  coverage: Array<{ programmeId: string; posts: number; agreement: AgreementDates & { id: string } }>;
};

export type BrokenRotation<R extends SavedRotation> = { rotation: R; problems: RotationProblem[] };

/** Whether a saved rotation still counts: not cancelled, and its last day is today or later. */
export function isOpen(r: { state: string; endDate: Date }, today: Date): boolean {
  return r.state !== "cancelled" && r.endDate >= today;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * For each rotation, the others of its group sharing at least one day with it. Sorted by first day,
 * each rotation meets only the following ones that start before it ends: every comparison is an
 * overlap, so the work grows with the overlaps, not with the square of the rotations.
 */
function overlapsWithin<R extends SavedRotation>(groups: Map<string, R[]>, keep: (a: R, b: R) => boolean = () => true): Map<string, R[]> {
  const found = new Map<string, R[]>();
  const add = (id: string, other: R) => {
    const list = found.get(id);
    if (list) list.push(other);
    else found.set(id, [other]);
  };
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => a.startDate.getTime() - b.startDate.getTime());
    for (let i = 0; i < sorted.length; i++) {
      const a = sorted[i]!;
      for (let j = i + 1; j < sorted.length && sorted[j]!.startDate <= a.endDate; j++) {
        const b = sorted[j]!;
        if (!keep(a, b)) continue;
        add(a.id, b);
        add(b.id, a);
      }
    }
  }
  return found;
}

const span = (r: SavedRotation) => ({ id: r.id, startDate: r.startDate, endDate: r.endDate });

/** The open rotations that now break one or more of the six rules, soonest first, each with its problems. */
export function findBrokenRotations<R extends SavedRotation>(input: BrokenRotationsInput<R>): Array<BrokenRotation<R>> {
  const open = input.rotations.filter((r) => isOpen(r, input.today));
  const residents = new Map(input.residents.map((r) => [r.id, r]));
  const departments = new Map(input.departments.map((d) => [d.id, d]));
  const agreements = groupBy(input.coverage, (c) => c.programmeId);
  const programmeOf = (r: R) => residents.get(r.residentId)?.programmeId ?? "";

  const sameResident = overlapsWithin(groupBy(open, (r) => r.residentId));
  const sameDepartment = overlapsWithin(groupBy(open, (r) => r.departmentId));
  const sameProgramme = overlapsWithin(
    groupBy(open, programmeOf),
    (a, b) => a.residentId !== b.residentId,
  );

  const broken: Array<BrokenRotation<R>> = [];
  for (const rotation of open) {
    const resident = residents.get(rotation.residentId);
    const department = departments.get(rotation.departmentId);
    if (!resident || !department) continue;
    const context: RotationContext = {
      candidate: { id: rotation.id, startDate: rotation.startDate, endDate: rotation.endDate, tutorId: rotation.tutorId },
      resident,
      residentRotations: (sameResident.get(rotation.id) ?? []).map((o) => ({ ...span(o), departmentName: departments.get(o.departmentId)?.name ?? "" })),
      department: { capacity: department.capacity, tutorIds: department.tutorIds },
      departmentRotations: (sameDepartment.get(rotation.id) ?? []).map(span),
      agreements: (agreements.get(resident.programmeId) ?? []).map((c) => ({ ...c.agreement, posts: c.posts })),
      programmeRotations: (sameProgramme.get(rotation.id) ?? []).map(span),
    };
    const problems = rotationProblems(context);
    if (problems.length > 0) broken.push({ rotation, problems });
  }
  return broken.sort((a, b) => a.rotation.startDate.getTime() - b.rotation.startDate.getTime() || a.rotation.id.localeCompare(b.rotation.id));
}
