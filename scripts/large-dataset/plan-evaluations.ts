import {
  DEFAULT_EVALUATION_SETTINGS,
  dueOn,
  opensOn,
  periodOf,
  periodReleasable,
  type Answers,
  type EvaluationItem,
} from "~/domain/evaluations";
import { DEFAULT_YEAR_START } from "~/domain/teaching";
import { dateOf, dayOf, type Day } from "./days";
import { rotationState, type PlanRotations } from "./plan-rotations";
import { randomStream, type Random } from "./random";

/**
 * The evaluations at the end of the rotations (issue 18), in the proportions of prisma/demo-evaluations.ts,
 * for every confirmed rotation whose evaluations have opened by today (app/domain/evaluations.ts, with the
 * hospital's default settings): the tutor's evaluation, signed by the rotation's tutor for most of those
 * already overdue and a draft for a few others; the resident's done mark for most overdue ones and some
 * still due; and for each done mark one confidential answer, released (shuffled, with the period's
 * release) when its period is releasable by today, sealed otherwise. Every generated rotation has a
 * supervising tutor, so the evaluator is always that tutor (the department's head only stands in for a
 * rotation without one).
 *
 * The plan keeps one byte of flags per rotation and, per period, the rotations whose answers it holds in
 * the (shuffled) order the answers are written: no answer is built here. The writer draws each answer's
 * content from a stream named after its rotation, so the same answer comes out whatever the order.
 */
export const SETTINGS = DEFAULT_EVALUATION_SETTINGS;
/** Overdue tutor evaluations that are signed; of the rest, those with a draft. */
export const SIGNED_SHARE = 0.92;
export const DRAFT_SHARE = 0.15;
/** Residents who have answered: of the overdue evaluations, and of those still due. */
export const SUBMITTED_OVERDUE_SHARE = 0.85;
export const SUBMITTED_DUE_SHARE = 0.3;

/** One rotation's evaluations, as bits of `flags`. */
export const EVALUATION = {
  /** Confirmed, and its evaluations have opened by today. */
  OPEN: 1,
  /** Its due day has passed. */
  OVERDUE: 2,
  /** The tutor's evaluation exists (a draft unless SIGNED). */
  TUTOR: 4,
  SIGNED: 8,
  /** The resident has answered: a done mark, and one answer in its period. */
  SUBMITTED: 16,
} as const;

export type PlanEvaluationPeriod = {
  /** periodOf(rotation's last day, DEFAULT_YEAR_START, "year").key: "2025". */
  key: string;
  released: boolean;
  /** The rotations whose answers the period holds, in the order the answers are written (shuffled). */
  rotations: Int32Array;
};

export type PlanEvaluations = {
  flags: Uint8Array;
  /** The day the hospital's two forms were made: before the first evaluation opened. */
  formsDay: Day;
  tutorEvaluationCount: number;
  signedCount: number;
  submissionCount: number;
  releasedCount: number;
  sealedCount: number;
  /** Oldest first. */
  periods: PlanEvaluationPeriod[];
};

type Inputs = { seed: number; today: Day; rotations: PlanRotations };

const span = (start: Day, end: Day) => ({ startDate: dateOf(start), endDate: dateOf(end) });

/** The day rotation i's evaluations open and the last day they are on time, by the domain's rules. */
export function evaluationDays(rotations: PlanRotations, i: number): { opens: Day; due: Day } {
  const dates = span(rotations.start[i]!, rotations.end[i]!);
  return { opens: dayOf(opensOn(dates, SETTINGS)), due: dayOf(dueOn(dates, SETTINGS)) };
}

const periodKeys = new Map<Day, string>();
/** The key of the period an answer about a rotation ending on `end` belongs to, cached by day. */
export function periodKeyOf(end: Day): string {
  let key = periodKeys.get(end);
  if (key === undefined) {
    key = periodOf(dateOf(end), DEFAULT_YEAR_START, SETTINGS.period).key;
    periodKeys.set(end, key);
  }
  return key;
}

/** Fisher–Yates in place, from a seeded stream (the app uses cryptographic randomness; a benchmark need not). */
function shuffleInPlace(items: Int32Array, random: Random): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
}

export function planEvaluations({ seed, today, rotations }: Inputs): PlanEvaluations {
  const random = randomStream(seed, "evaluations");
  const flags = new Uint8Array(rotations.count);
  const todayDate = dateOf(today);
  const releasable = new Map<string, boolean>();
  const perPeriod = new Map<string, number>();
  let formsDay = today;
  let tutorEvaluationCount = 0;
  let signedCount = 0;
  let submissionCount = 0;
  let demoTutorOverdue = 0;
  for (let i = 0; i < rotations.count; i++) {
    const start = rotations.start[i]!;
    // A rotation that has not begun has not opened (opensOn is never before its first day).
    if (start > today || rotationState(start, today) !== "confirmed") continue;
    const { opens, due } = evaluationDays(rotations, i);
    if (opens > today) continue;
    const end = rotations.end[i]!;
    const overdue = due < today;
    formsDay = Math.min(formsDay, opens - 1);
    // Every draw is made whatever the outcome, so that one rotation's choices never shift the next one's.
    const signRoll = random.next();
    const draftRoll = random.next();
    const answerRoll = random.next();
    // As in the demo: the demo tutor keeps one recent evaluation overdue; the demo resident has not yet
    // answered the ones still due.
    const leaveOverdue = rotations.tutor[i] === 0 && overdue && demoTutorOverdue < 1 && end > today - 60;
    if (leaveOverdue) demoTutorOverdue++;
    const signed = overdue && !leaveOverdue && signRoll < SIGNED_SHARE;
    const draft = !signed && draftRoll < DRAFT_SHARE;
    const submitted = overdue ? answerRoll < SUBMITTED_OVERDUE_SHARE : rotations.resident[i] !== 0 && answerRoll < SUBMITTED_DUE_SHARE;
    let f: number = EVALUATION.OPEN;
    if (overdue) f |= EVALUATION.OVERDUE;
    if (signed || draft) {
      f |= EVALUATION.TUTOR;
      tutorEvaluationCount++;
    }
    if (signed) {
      f |= EVALUATION.SIGNED;
      signedCount++;
    }
    if (submitted) {
      f |= EVALUATION.SUBMITTED;
      submissionCount++;
      const key = periodKeyOf(end);
      perPeriod.set(key, (perPeriod.get(key) ?? 0) + 1);
      if (!releasable.has(key))
        releasable.set(key, periodReleasable(periodOf(dateOf(end), DEFAULT_YEAR_START, SETTINGS.period), todayDate, SETTINGS));
    }
    flags[i] = f;
  }

  // Each period's rotations, then shuffled: the order of the answers says nothing about their authors.
  const keys = [...perPeriod.keys()].sort();
  const lists = new Map(keys.map((key) => [key, { filled: 0, rotations: new Int32Array(perPeriod.get(key)!) }]));
  for (let i = 0; i < rotations.count; i++) {
    if (!(flags[i]! & EVALUATION.SUBMITTED)) continue;
    const list = lists.get(periodKeyOf(rotations.end[i]!))!;
    list.rotations[list.filled++] = i;
  }
  const periods = keys.map((key) => {
    const { rotations: order } = lists.get(key)!;
    shuffleInPlace(order, randomStream(seed, `evaluation-order:${key}`));
    return { key, released: releasable.get(key)!, rotations: order };
  });
  const releasedCount = periods.filter((p) => p.released).reduce((n, p) => n + p.rotations.length, 0);
  return {
    flags,
    formsDay,
    tutorEvaluationCount,
    signedCount,
    submissionCount,
    releasedCount,
    sealedCount: submissionCount - releasedCount,
    periods,
  };
}

// ─── The answers' content, drawn when written ───────────────────────────────────────────────────

export const COMMENTS = [
  "Ottimo reparto, tutor sempre disponibile al confronto.",
  "Troppo carico di lavoro in reparto, poco tempo per la formazione.",
  "Molto utile la discussione dei casi in riunione multidisciplinare.",
  "Avrei voluto più autonomia negli ambulatori.",
  "Organizzazione dei turni migliorabile.",
  "Esperienza formativa eccellente.",
];
export const TUTOR_NOTES = ["Ottima preparazione teorica.", "Buon rapporto con i pazienti.", "Da migliorare la gestione del tempo."];
export const YES_SHARE = 0.85;
export const COMMENT_SHARE = 0.3;

/**
 * Answers to every required item and some optional ones, leaning to the good end of each scale: the top
 * point, or one, two or three below it, weighted 4:4:2:1 (as prisma/demo-evaluations.ts). Every item
 * makes the same draws whatever the outcome.
 */
export function answersTo(items: readonly EvaluationItem[], notes: readonly string[], random: Random): Answers {
  const answers: Answers = {};
  for (const item of items) {
    const roll = random.next();
    const note = random.pick(notes);
    if (item.type === "rating") {
      const points = item.scale?.it.length ?? 5;
      const below = roll < 4 / 11 ? 0 : roll < 8 / 11 ? 1 : roll < 10 / 11 ? 2 : 3;
      answers[item.key] = Math.min(points, Math.max(1, points - below));
    } else if (item.type === "yesno") answers[item.key] = roll < YES_SHARE;
    else if (roll < COMMENT_SHARE) answers[item.key] = note;
  }
  return answers;
}

/** The resident's confidential answer about rotation i: always the same, whatever order it is written in. */
export function residentAnswers(seed: number, i: number, items: readonly EvaluationItem[]): Answers {
  return answersTo(items, COMMENTS, randomStream(seed, `evaluation-answer:${i}`));
}
