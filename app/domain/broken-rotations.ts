import { effectiveEnd, type AgreementDates } from "./agreement-status";
import { DAY_MS } from "./dates";
import { rotationProblems, type RotationContext, type RotationProblem } from "./rotation-rules";
import { groupBy } from "./group";

/**
 * Rotations that a later change has broken (docs/domain.md): an agreement shortened or terminated, a
 * capacity lowered, a stay shortened, a tutor taken off a department's staff, an absence recorded. Each rotation that has
 * not ended is judged again by the same seven rules as the planning form (`rotationProblems`), so the
 * words are the same; completed and cancelled rotations are history and never reported.
 *
 * Rotations are grouped by resident, department and programme. A cheap test per rule, over the days
 * each group is present, picks the few rotations that may break one; only those are judged exactly.
 */
export type SavedRotation = {
  id: string;
  residentId: string;
  departmentId: string;
  tutorId: string | null;
  startDate: Date;
  endDate: Date;
  state: string;
};

export type BrokenRotationsInput<R extends SavedRotation> = {
  today: Date;
  /** The rotations to judge; cancelled and completed ones are left out of every count. */
  rotations: R[];
  residents: Array<{ id: string; programmeId: string; stayStart: Date; stayEnd: Date }>;
  departments: Array<{ id: string; name: string; capacity: number; tutorIds: string[] }>;
  /** The agreements covering each programme, with the posts each grants it. */
  coverage: Array<{ programmeId: string; posts: number; agreement: AgreementDates & { id: string } }>;
  /** The residents' recorded protected absences still running or to come (their dates only). */
  absences: Array<{ residentId: string; startDate: Date; endDate: Date }>;
  /**
   * The ids of the rotations to judge, when not all of them: the others are there as what these are
   * judged against (see `judgingContext`).
   */
  judge?: ReadonlySet<string>;
};

export type BrokenRotation<R extends SavedRotation> = { rotation: R; problems: RotationProblem[] };

/** Whether a saved rotation still counts: not cancelled, and its last day is today or later. */
export function isOpen(r: { state: string; endDate: Date }, today: Date): boolean {
  return r.state !== "cancelled" && r.endDate >= today;
}

const span = (r: SavedRotation) => ({ id: r.id, startDate: r.startDate, endDate: r.endDate });

/** Whole days since 1970; calendar dates are UTC midnights, rounded outwards should one not be. */
const firstDay = (d: Date) => Math.floor(d.getTime() / DAY_MS);
const lastDay = (d: Date) => Math.ceil(d.getTime() / DAY_MS);

/**
 * How many of `rows` are present on each day of their combined span (a difference array summed once):
 * the work grows with the rotations and the days they span, never with their overlaps.
 */
function occupancy(rows: SavedRotation[]) {
  let from = Infinity;
  let to = -Infinity;
  for (const r of rows) {
    from = Math.min(from, firstDay(r.startDate));
    to = Math.max(to, lastDay(r.endDate));
  }
  const counts = new Int32Array(Math.max(0, to - from + 2));
  for (const r of rows) {
    counts[firstDay(r.startDate) - from]! += 1;
    counts[lastDay(r.endDate) - from + 1]! -= 1;
  }
  for (let i = 1; i < counts.length; i++) counts[i]! += counts[i - 1]!;
  return { from, counts };
}

/** The highest count on any day of `r`. */
function peak(o: { from: number; counts: Int32Array }, r: SavedRotation) {
  let most = 0;
  for (let day = firstDay(r.startDate); day <= lastDay(r.endDate); day++) most = Math.max(most, o.counts[day - o.from] ?? 0);
  return most;
}

/**
 * The open rotations that may break a rule: a cheap test per rule that never misses a broken rotation
 * (it may name a few that pass), so that the exact judgement, which compares a rotation with every
 * other one it overlaps, runs only for them. A national plan has half a million rotations and a
 * department hundreds at once; judging each against all its overlaps would take minutes.
 */
function suspects<R extends SavedRotation>(
  open: R[],
  byResident: Map<string, R[]>,
  byDepartment: Map<string, R[]>,
  byProgramme: Map<string, R[]>,
  input: BrokenRotationsInput<R>,
  agreements: Map<string, BrokenRotationsInput<R>["coverage"]>,
): Set<R> {
  const found = new Set<R>();
  const residents = new Map(input.residents.map((r) => [r.id, r]));
  const departments = new Map(input.departments.map((d) => [d.id, { ...d, staff: new Set(d.tutorIds) }]));

  // Rules 1, 2, 6 and 7: the stay, the resident's own overlaps (a handful of rotations each), the tutor, their absences.
  const absences = groupBy(input.absences, (a) => a.residentId);
  for (const group of byResident.values()) {
    group.forEach((r, i) => {
      if (absences.get(r.residentId)?.some((a) => a.startDate <= r.endDate && r.startDate <= a.endDate)) found.add(r);
      const stay = residents.get(r.residentId);
      if (stay && (r.startDate < stay.stayStart || r.endDate > stay.stayEnd)) found.add(r);
      for (let j = i + 1; j < group.length && group[j]!.startDate <= r.endDate; j++) found.add(r).add(group[j]!);
      const department = departments.get(r.departmentId);
      if (r.tutorId && department && !department.staff.has(r.tutorId)) found.add(r);
    });
  }
  // Rule 3: more present on a day than the department's capacity.
  for (const [departmentId, group] of byDepartment) {
    const capacity = departments.get(departmentId)?.capacity ?? Infinity;
    if (group.length <= capacity) continue;
    const present = occupancy(group);
    for (const r of group) if (peak(present, r) > capacity) found.add(r);
  }
  // Rules 4 and 5: a day without an agreement in force, or more present than the posts of the first in force.
  for (const [programmeId, group] of byProgramme) {
    const present = occupancy(group);
    const posts = new Int32Array(present.counts.length).fill(-1);
    // The fewest posts of the agreements in force each day: the rules take the first in force, and the
    // fewest is never more, so no rotation over that agreement's posts escapes the exact judgement.
    for (const c of agreements.get(programmeId) ?? []) {
      if (c.agreement.signedOn === null) continue;
      const start = Math.max(lastDay(c.agreement.startDate), present.from);
      const end = Math.min(firstDay(effectiveEnd(c.agreement)), present.from + posts.length - 1);
      for (let i = start - present.from; i <= end - present.from; i++) posts[i] = posts[i]! < 0 ? c.posts : Math.min(posts[i]!, c.posts);
    }
    for (const r of group) {
      for (let day = firstDay(r.startDate); day <= lastDay(r.endDate); day++) {
        const i = day - present.from;
        if (posts[i]! < 0 || present.counts[i]! > posts[i]!) {
          found.add(r);
          break;
        }
      }
    }
  }
  return found;
}

/** The open rotations that now break one or more of the seven rules, soonest first, each with its problems. */
export function findBrokenRotations<R extends SavedRotation>(input: BrokenRotationsInput<R>): Array<BrokenRotation<R>> {
  const open = input.rotations.filter((r) => isOpen(r, input.today));
  const residents = new Map(input.residents.map((r) => [r.id, r]));
  const departments = new Map(input.departments.map((d) => [d.id, d]));
  const agreements = groupBy(input.coverage, (c) => c.programmeId);
  const absences = groupBy(input.absences, (a) => a.residentId);
  const programmeOf = (r: R) => residents.get(r.residentId)?.programmeId ?? "";
  // Each group sorted by first day (a stable sort keeps ties in the order given), once.
  const sorted = (groups: Map<string, R[]>) => {
    for (const group of groups.values()) group.sort((a, b) => a.startDate.getTime() - b.startDate.getTime());
    return groups;
  };
  const byResident = sorted(groupBy(open, (r) => r.residentId));
  const byDepartment = sorted(groupBy(open, (r) => r.departmentId));
  const byProgramme = sorted(groupBy(open, programmeOf));
  const overlapping = (group: R[] | undefined, r: R, keep: (other: R) => boolean = () => true) =>
    (group ?? []).filter((o) => o !== r && o.startDate <= r.endDate && r.startDate <= o.endDate && keep(o));

  const broken: Array<BrokenRotation<R>> = [];
  for (const rotation of suspects(open, byResident, byDepartment, byProgramme, input, agreements)) {
    if (input.judge && !input.judge.has(rotation.id)) continue;
    const resident = residents.get(rotation.residentId);
    const department = departments.get(rotation.departmentId);
    if (!resident || !department) continue;
    const context: RotationContext = {
      candidate: { id: rotation.id, startDate: rotation.startDate, endDate: rotation.endDate, tutorId: rotation.tutorId },
      resident,
      residentRotations: overlapping(byResident.get(rotation.residentId), rotation).map((o) => ({
        ...span(o),
        departmentName: departments.get(o.departmentId)?.name ?? "",
      })),
      department: { capacity: department.capacity, tutorIds: department.tutorIds },
      departmentRotations: overlapping(byDepartment.get(rotation.departmentId), rotation).map(span),
      agreements: (agreements.get(resident.programmeId) ?? []).map((c) => ({ ...c.agreement, posts: c.posts })),
      programmeRotations: overlapping(byProgramme.get(resident.programmeId), rotation, (o) => o.residentId !== rotation.residentId).map(
        span,
      ),
      absences: (absences.get(rotation.residentId) ?? [])
        .filter((a) => a.startDate <= rotation.endDate && rotation.startDate <= a.endDate)
        .map((a) => ({ start: a.startDate, end: a.endDate })),
    };
    const problems = rotationProblems(context);
    if (problems.length > 0) broken.push({ rotation, problems });
  }
  return broken.sort(
    (a, b) => a.rotation.startDate.getTime() - b.rotation.startDate.getTime() || a.rotation.id.localeCompare(b.rotation.id),
  );
}

type Window = { from: Date; to: Date };

/**
 * What judging `rotations` again needs besides them: every open rotation of their residents, and of
 * their departments and programmes those meeting the days from the first of theirs there to the last.
 * A rotation's verdict depends on nothing else (rules 2, 3 and 5 compare it with the rotations it
 * overlaps), so a change judges again a few hundred rotations against a few thousand, not the country's.
 */
export function judgingContext(
  rotations: Array<{ residentId: string; departmentId: string; programmeId: string; startDate: Date; endDate: Date }>,
) {
  const widen = (windows: Map<string, Window>, key: string, r: { startDate: Date; endDate: Date }) => {
    const w = windows.get(key);
    if (!w) windows.set(key, { from: r.startDate, to: r.endDate });
    else {
      if (r.startDate < w.from) w.from = r.startDate;
      if (r.endDate > w.to) w.to = r.endDate;
    }
  };
  const residents = new Set<string>();
  const departments = new Map<string, Window>();
  const programmes = new Map<string, Window>();
  for (const r of rotations) {
    residents.add(r.residentId);
    widen(departments, r.departmentId, r);
    widen(programmes, r.programmeId, r);
  }
  return { residents: [...residents], departments, programmes };
}
