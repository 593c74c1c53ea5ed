import { inForceOn, type AgreementDates } from "./agreement-status";
import { addDays, DAY_MS, toIsoDate } from "./dates";
import type { Refusal } from "./refusal";

/**
 * The seven rules a rotation must satisfy on every day of it (docs/domain.md), as a pure function over plain
 * objects: the same code answers the live check while a coordinator fills the form and the final check
 * inside the transaction that saves. Each broken rule names the day, rotation or agreement at fault.
 */
export const ROTATION_STATES = ["planned", "confirmed", "cancelled"] as const;
export type RotationState = (typeof ROTATION_STATES)[number];
export type RotationStatus = "planned" | "confirmed" | "in-progress" | "completed" | "cancelled";

/** The status shown: what the coordinator decided, and for confirmed ones where the dates stand today. */
export function rotationStatus(r: { state: string; startDate: Date; endDate: Date }, today: Date): RotationStatus {
  if (r.state === "cancelled") return "cancelled";
  if (r.endDate < today) return "completed";
  if (r.state === "confirmed" && r.startDate <= today) return "in-progress";
  return r.state === "confirmed" ? "confirmed" : "planned";
}

type Range = { start: Date; end: Date };
export type OtherRotation = { id: string; startDate: Date; endDate: Date; departmentName: string };

export type RotationContext = {
  candidate: { id?: string; startDate: Date; endDate: Date; tutorId: string | null };
  resident: { stayStart: Date; stayEnd: Date };
  /** The resident's other rotations (not cancelled). */
  residentRotations: OtherRotation[];
  department: { capacity: number; tutorIds: string[] };
  /** Other rotations in the same department (not cancelled) that overlap the candidate. */
  departmentRotations: Array<{ id: string; startDate: Date; endDate: Date }>;
  /** Agreements covering the resident's programme, with the posts each grants it. */
  agreements: Array<AgreementDates & { id: string; posts: number }>;
  /** Other rotations of residents of the same programme (not cancelled) that overlap the candidate. */
  programmeRotations: Array<{ id: string; startDate: Date; endDate: Date }>;
  /** The resident's recorded protected absences that overlap the candidate: their dates only, never their type. */
  absences: Range[];
};

export type RotationProblem =
  | { rule: "dates" }
  | { rule: "outsideStay"; day: Date; stayStart: Date; stayEnd: Date }
  | { rule: "overlap"; rotationId: string; departmentName: string; start: Date; end: Date }
  | { rule: "capacity"; day: Date; capacity: number }
  | { rule: "noAgreement"; day: Date }
  | { rule: "posts"; day: Date; posts: number; agreementId: string }
  | { rule: "tutorNotOnStaff" }
  | { rule: "away"; start: Date; end: Date };

/** Every day from start to end, inclusive. */
function* days({ start, end }: Range): Generator<Date> {
  for (let t = start.getTime(); t <= end.getTime(); t += DAY_MS) yield new Date(t);
}

function covers(r: { startDate: Date; endDate: Date }, day: Date) {
  // getTime(): comparing Date objects directly converts both on every call, which is slow in long plans.
  const t = day.getTime();
  return r.startDate.getTime() <= t && t <= r.endDate.getTime();
}

export function rotationProblems(ctx: RotationContext): RotationProblem[] {
  const { candidate } = ctx;
  if (candidate.endDate < candidate.startDate) return [{ rule: "dates" }];
  const problems: RotationProblem[] = [];
  const range = { start: candidate.startDate, end: candidate.endDate };

  // 1. Within the resident's stay at the hospital.
  if (candidate.startDate < ctx.resident.stayStart || candidate.endDate > ctx.resident.stayEnd) {
    const day = candidate.startDate < ctx.resident.stayStart ? candidate.startDate : addDays(ctx.resident.stayEnd, 1);
    problems.push({ rule: "outsideStay", day, stayStart: ctx.resident.stayStart, stayEnd: ctx.resident.stayEnd });
  }

  // 2. No other rotation of the resident on any of its days.
  for (const other of ctx.residentRotations) {
    if (other.id === candidate.id) continue;
    if (other.startDate <= range.end && range.start <= other.endDate) {
      problems.push({
        rule: "overlap",
        rotationId: other.id,
        departmentName: other.departmentName,
        start: other.startDate,
        end: other.endDate,
      });
    }
  }

  // 3.–5. Day by day: department capacity, an agreement in force, the programme's posts.
  const departmentOthers = ctx.departmentRotations.filter((r) => r.id !== candidate.id);
  const programmeOthers = ctx.programmeRotations.filter((r) => r.id !== candidate.id);
  let capacityReported = false;
  let agreementReported = false;
  let postsReported = false;
  for (const day of days(range)) {
    if (!capacityReported) {
      const present = departmentOthers.filter((r) => covers(r, day)).length + 1;
      if (present > ctx.department.capacity) {
        problems.push({ rule: "capacity", day, capacity: ctx.department.capacity });
        capacityReported = true;
      }
    }
    const agreement = ctx.agreements.find((a) => inForceOn(a, day));
    if (!agreement) {
      if (!agreementReported) {
        problems.push({ rule: "noAgreement", day });
        agreementReported = true;
      }
    } else if (!postsReported) {
      const present = programmeOthers.filter((r) => covers(r, day)).length + 1;
      if (present > agreement.posts) {
        problems.push({ rule: "posts", day, posts: agreement.posts, agreementId: agreement.id });
        postsReported = true;
      }
    }
    if (capacityReported && agreementReported && postsReported) break;
  }

  // 6. The supervising tutor works in the department.
  if (candidate.tutorId && !ctx.department.tutorIds.includes(candidate.tutorId)) problems.push({ rule: "tutorNotOnStaff" });

  // 7. The resident is not away on a recorded protected absence (issue 19): training is not given then.
  const away = ctx.absences.find((a) => a.start <= range.end && range.start <= a.end);
  if (away) problems.push({ rule: "away", start: away.start, end: away.end });

  return problems;
}

/**
 * Each broken rule as a refusal a coordinator can act on: the day, the other rotation (linked) or the
 * agreement whose posts are taken (linked); `departmentName` is the candidate's department.
 */
export function rotationRefusals(problems: RotationProblem[], departmentName: string): Refusal[] {
  const key = (rule: RotationProblem["rule"]) => `rotations.problems.${rule}`;
  return problems.map((p): Refusal => {
    switch (p.rule) {
      case "outsideStay":
        return {
          field: null,
          key: key(p.rule),
          values: { day: toIsoDate(p.day), start: toIsoDate(p.stayStart), end: toIsoDate(p.stayEnd) },
        };
      case "overlap":
        return {
          field: null,
          key: key(p.rule),
          values: { department: p.departmentName, start: toIsoDate(p.start), end: toIsoDate(p.end) },
          link: `/admin/rotations/${p.rotationId}`,
        };
      case "capacity":
        return { field: null, key: key(p.rule), values: { day: toIsoDate(p.day), department: departmentName, capacity: p.capacity } };
      case "noAgreement":
        return { field: null, key: key(p.rule), values: { day: toIsoDate(p.day) } };
      case "posts":
        return {
          field: null,
          key: key(p.rule),
          values: { day: toIsoDate(p.day), posts: p.posts },
          link: `/admin/agreements/${p.agreementId}`,
        };
      case "tutorNotOnStaff":
        return { field: null, key: key(p.rule), values: { department: departmentName } };
      case "away":
        return { field: null, key: key(p.rule), values: { start: toIsoDate(p.start), end: toIsoDate(p.end) } };
      case "dates":
        return { field: null, key: key(p.rule) };
    }
  });
}
