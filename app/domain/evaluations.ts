import { addDays } from "./dates";
import { SMALL_COUNT_LIMIT } from "./open-data";
import { academicYear, academicYearOf, type YearStart } from "./teaching";

/**
 * Evaluations at the end of each rotation (DI 68/2015 art. 5): the tutor judges the resident, and the
 * resident rates the rotation and its tutor in confidence. The rules here are plain: which form, when an
 * evaluation opens and is due, what an answer must hold, which period an answer belongs to, when results
 * may be shown and how they add up. docs/decisions/015-confidential-evaluations.md says how the residents'
 * answers are kept apart from their authors.
 */

// ─── Forms ──────────────────────────────────────────────────────────────────────────────────────

export const FORM_KINDS = ["tutor-resident", "resident-rotation"] as const;
export type FormKind = (typeof FORM_KINDS)[number];
export const isFormKind = (value: unknown): value is FormKind => FORM_KINDS.includes(value as FormKind);

export const ITEM_TYPES = ["rating", "yesno", "text"] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export type Bilingual = { it: string; en: string };

/**
 * One question of a form. Its key stays the same across the form's versions: results add up per key.
 * A rating's scale is its labelled points, worth 1 to n.
 */
export type EvaluationItem = {
  key: string;
  type: ItemType;
  label: Bilingual;
  required: boolean;
  scale?: { it: string[]; en: string[] };
};

export const FORM_LIMITS = { items: 40, label: 300, scalePoints: { min: 2, max: 10 }, pointLabel: 60, text: 2000 } as const;
const KEY = /^[a-z][a-z0-9-]{0,39}$/;

/** Why a list of items cannot be a form (catalogue keys under evaluations.formProblems), none when it can. */
export function itemProblems(items: readonly EvaluationItem[]): string[] {
  const problems = new Set<string>();
  if (items.length === 0) problems.add("noItems");
  if (items.length > FORM_LIMITS.items) problems.add("tooManyItems");
  const keys = new Set<string>();
  for (const item of items) {
    if (!KEY.test(item.key)) problems.add("badKey");
    if (keys.has(item.key)) problems.add("duplicateKey");
    keys.add(item.key);
    if (!ITEM_TYPES.includes(item.type)) problems.add("badType");
    for (const text of [item.label.it, item.label.en]) if (!text.trim() || text.length > FORM_LIMITS.label) problems.add("badLabel");
    if (item.type === "rating") {
      const scale = item.scale;
      const { min, max } = FORM_LIMITS.scalePoints;
      if (!scale || scale.it.length !== scale.en.length || scale.it.length < min || scale.it.length > max) problems.add("badScale");
      else if ([...scale.it, ...scale.en].some((point) => !point.trim() || point.length > FORM_LIMITS.pointLabel)) problems.add("badScale");
    }
  }
  return [...problems];
}

/** Items as stored (JSON), or an empty list for anything that is not a form. */
export function parseItems(json: string): EvaluationItem[] {
  try {
    const items = JSON.parse(json) as unknown;
    return Array.isArray(items) ? (items as EvaluationItem[]) : [];
  } catch {
    return [];
  }
}

/** Whether two versions ask the same: an edit that changes nothing makes no new version. */
export function sameItems(a: readonly EvaluationItem[], b: readonly EvaluationItem[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What saving edited items does to a form: nothing when they are the same; a change of the latest version
 * in place while nobody has answered it; otherwise a new version, so that answers keep the questions they
 * were given on.
 */
export function formEdit(
  latest: readonly EvaluationItem[],
  edited: readonly EvaluationItem[],
  answered: boolean,
): "none" | "update" | "new-version" {
  if (sameItems(latest, edited)) return "none";
  return answered ? "new-version" : "update";
}

// ─── Answers ────────────────────────────────────────────────────────────────────────────────────

/** An answer: a rating's point (1…n), yes or no, or a text. */
export type Answer = number | boolean | string;
export type Answers = Record<string, Answer>;

/**
 * Reads a form's answers from submitted fields (`item.<key>`): ratings within the scale, yes/no as
 * "yes"/"no", texts trimmed and within the limit. A draft may leave items unanswered; `complete` requires
 * every required one. Errors are catalogue keys under evaluations.answerProblems, per item key.
 */
export function readAnswers(
  items: readonly EvaluationItem[],
  fields: (name: string) => string | null | undefined,
  { complete }: { complete: boolean },
): { answers: Answers; errors: Record<string, string> } {
  const answers: Answers = {};
  const errors: Record<string, string> = {};
  for (const item of items) {
    const raw = (fields(`item.${item.key}`) ?? "").trim();
    if (!raw) {
      if (complete && item.required) errors[item.key] = "required";
      continue;
    }
    if (item.type === "rating") {
      const point = Number(raw);
      const points = item.scale?.it.length ?? 0;
      if (!Number.isInteger(point) || point < 1 || point > points) errors[item.key] = "outOfScale";
      else answers[item.key] = point;
    } else if (item.type === "yesno") {
      if (raw !== "yes" && raw !== "no") errors[item.key] = "yesOrNo";
      else answers[item.key] = raw === "yes";
    } else if (raw.length > FORM_LIMITS.text) errors[item.key] = "tooLong";
    else answers[item.key] = raw;
  }
  return { answers, errors };
}

/** Stored answers (JSON) kept only where they still fit the items: a draft read back on a later version. */
export function parseAnswers(json: string, items: readonly EvaluationItem[]): Answers {
  let stored: unknown;
  try {
    stored = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof stored !== "object" || stored === null) return {};
  const answers: Answers = {};
  for (const item of items) {
    const value = (stored as Record<string, unknown>)[item.key];
    if (item.type === "rating" && typeof value === "number") answers[item.key] = value;
    if (item.type === "yesno" && typeof value === "boolean") answers[item.key] = value;
    if (item.type === "text" && typeof value === "string") answers[item.key] = value;
  }
  return answers;
}

/**
 * An answer as read on a page or a printed record: a rating as its point's label with the point on the
 * scale ("Good (4/5)"), yes or no in the reader's words, a text as written; `words.notAnswered` when there is none.
 */
export function answerText(
  item: EvaluationItem,
  value: Answer | undefined,
  locale: keyof Bilingual,
  words: { yes: string; no: string; notAnswered: string },
): string {
  if (value === undefined) return words.notAnswered;
  if (item.type === "rating" && typeof value === "number") {
    return `${item.scale?.[locale][value - 1] ?? value} (${value}/${item.scale?.[locale].length ?? "?"})`;
  }
  if (item.type === "yesno") return value ? words.yes : words.no;
  return String(value);
}

// ─── When an evaluation opens and is due ────────────────────────────────────────────────────────

/** The hospital's settings, and their defaults: open 14 days before the end, due 14 days after it, yearly periods. */
export type EvaluationSettings = { openDays: number; dueDays: number; period: PeriodMode };
export const DEFAULT_EVALUATION_SETTINGS: EvaluationSettings = { openDays: 14, dueDays: 14, period: "year" };
export const SETTING_LIMITS = { openDays: { min: 0, max: 90 }, dueDays: { min: 1, max: 90 } } as const;

type Span = { startDate: Date; endDate: Date };

/** The day both evaluations of a rotation open: `openDays` before its end, or its first day if it is shorter. */
export function opensOn(rotation: Span, settings: Pick<EvaluationSettings, "openDays">): Date {
  const before = addDays(rotation.endDate, -settings.openDays);
  return before < rotation.startDate ? rotation.startDate : before;
}

/** The last day an evaluation is on time: `dueDays` after the rotation's end. */
export function dueOn(rotation: Span, settings: Pick<EvaluationSettings, "dueDays">): Date {
  return addDays(rotation.endDate, settings.dueDays);
}

export type EvaluationState = "upcoming" | "due" | "overdue" | "done" | "withdrawn";

/**
 * Where an evaluation stands today. A cancelled rotation withdraws what was not done; a done one stays
 * done. Moving a rotation moves both dates, since they follow from it.
 */
export function evaluationState(
  rotation: Span & { state: string },
  done: boolean,
  today: Date,
  settings: Pick<EvaluationSettings, "openDays" | "dueDays">,
): EvaluationState {
  if (done) return "done";
  if (rotation.state === "cancelled") return "withdrawn";
  if (today < opensOn(rotation, settings)) return "upcoming";
  return today > dueOn(rotation, settings) ? "overdue" : "due";
}

/** Rotations whose evaluations open on or before `today`: the rotation's dates as a filter, for the database. */
export function openBy(today: Date, settings: Pick<EvaluationSettings, "openDays">): { startOnOrBefore: Date; endOnOrBefore: Date } {
  return { startOnOrBefore: today, endOnOrBefore: addDays(today, settings.openDays) };
}

// ─── Periods, release and the threshold ─────────────────────────────────────────────────────────

export const PERIOD_MODES = ["year", "half"] as const;
export type PeriodMode = (typeof PERIOD_MODES)[number];

/** A period of the residents' answers: an academic year ("2025") or one of its halves ("2025-1", "2025-2"). */
export type Period = { key: string; start: Date; end: Date; label: string; half: 1 | 2 | null };

/** The period a day belongs to: an answer's is its rotation's last day. */
export function periodOf(day: Date, yearStart: YearStart, mode: PeriodMode): Period {
  const year = academicYearOf(day, yearStart);
  if (mode === "year") return { key: String(year.startYear), start: year.start, end: year.end, label: year.label, half: null };
  const middle = new Date(Date.UTC(year.start.getUTCFullYear(), year.start.getUTCMonth() + 6, year.start.getUTCDate()));
  return day < middle
    ? { key: `${year.startYear}-1`, start: year.start, end: addDays(middle, -1), label: year.label, half: 1 }
    : { key: `${year.startYear}-2`, start: middle, end: year.end, label: year.label, half: 2 };
}

/** The period a key names ("2025", "2025-2"), or null for anything else. */
export function periodByKey(key: string, yearStart: YearStart): Period | null {
  const match = /^(\d{4})(?:-([12]))?$/.exec(key);
  if (!match) return null;
  const year = academicYear(Number(match[1]), yearStart);
  if (!match[2]) return periodOf(year.start, yearStart, "year");
  const half = periodOf(year.start, yearStart, "half");
  return match[2] === "1" ? half : periodOf(addDays(half.end, 1), yearStart, "half");
}

/**
 * The last day a period accepts answers: its last rotations are due `dueDays` after it ends. The day
 * after, its answers are released: no answer can arrive later to be told apart.
 */
export function periodCloses(period: Pick<Period, "end">, settings: Pick<EvaluationSettings, "dueDays">): Date {
  return addDays(period.end, settings.dueDays);
}

export function periodReleasable(period: Pick<Period, "end">, today: Date, settings: Pick<EvaluationSettings, "dueDays">): boolean {
  return today > periodCloses(period, settings);
}

/** Results for a tutor or a department are shown from this many answers in a period: the open data's limit. */
export const RESULTS_THRESHOLD = SMALL_COUNT_LIMIT;
export const enoughAnswers = (count: number): boolean => count >= RESULTS_THRESHOLD;

/** A whole number from 0 to below-1, from the platform's cryptographic randomness (Web Crypto), unbiased. */
export function randomBelow(below: number): number {
  const limit = Math.floor(0x1_0000_0000 / below) * below;
  const word = new Uint32Array(1);
  do globalThis.crypto.getRandomValues(word);
  while (word[0]! >= limit);
  return word[0]! % below;
}

/** The rows in an order unrelated to any they had: Fisher–Yates with cryptographic randomness. */
export function shuffled<T>(rows: readonly T[], random: (below: number) => number = randomBelow): T[] {
  const order = [...rows];
  for (let i = order.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

// ─── Results ────────────────────────────────────────────────────────────────────────────────────

export type ItemResult =
  | {
      key: string;
      type: "rating";
      label: Bilingual;
      scale: { it: string[]; en: string[] };
      answered: number;
      mean: number | null;
      counts: number[];
    }
  | { key: string; type: "yesno"; label: Bilingual; answered: number; yes: number; no: number }
  | { key: string; type: "text"; label: Bilingual; comments: string[] };

/**
 * Adds up released answers item by item. Answers given on different versions of the form add up where
 * the versions share an item (same key and type, and for ratings the same number of points); each item is
 * labelled as its newest version asks it. Comments come in the order the answers are stored (random).
 */
export function addUp(answers: readonly { items: readonly EvaluationItem[]; version: number; answers: Answers }[]): ItemResult[] {
  const newest = new Map<string, { item: EvaluationItem; version: number }>();
  const order: string[] = [];
  for (const { items, version } of answers)
    for (const item of items) {
      const known = newest.get(item.key);
      if (!known) order.push(item.key);
      if (!known || known.version < version) newest.set(item.key, { item, version });
    }
  return order.map((key) => {
    const { item } = newest.get(key)!;
    const sharing = answers.filter(({ items }) => {
      const asked = items.find((candidate) => candidate.key === key);
      return asked && asked.type === item.type && (item.type !== "rating" || asked.scale?.it.length === item.scale?.it.length);
    });
    const given = sharing.map((row) => row.answers[key]).filter((value) => value !== undefined && value !== null);
    if (item.type === "rating") {
      const points = item.scale?.it.length ?? 0;
      const counts = Array.from({ length: points }, () => 0);
      const ratings = given.filter((value): value is number => typeof value === "number" && value >= 1 && value <= points);
      for (const value of ratings) counts[value - 1]! += 1;
      const mean = ratings.length ? Math.round((ratings.reduce((sum, value) => sum + value, 0) / ratings.length) * 100) / 100 : null;
      return { key, type: "rating", label: item.label, scale: item.scale ?? { it: [], en: [] }, answered: ratings.length, mean, counts };
    }
    if (item.type === "yesno") {
      const yes = given.filter((value) => value === true).length;
      const no = given.filter((value) => value === false).length;
      return { key, type: "yesno", label: item.label, answered: yes + no, yes, no };
    }
    return { key, type: "text", label: item.label, comments: given.filter((value): value is string => typeof value === "string") };
  });
}

// ─── The administrators' overview ───────────────────────────────────────────────────────────────

export const OVERVIEW_GROUPINGS = ["programme", "department", "tutor"] as const;
export type OverviewGrouping = (typeof OVERVIEW_GROUPINGS)[number];
export const OVERVIEW_KINDS = ["tutor", "resident"] as const;
export type OverviewKind = (typeof OVERVIEW_KINDS)[number];
export const OVERVIEW_STATES = ["due", "overdue", "done"] as const;
export type OverviewState = (typeof OVERVIEW_STATES)[number];
/** A figure: whose evaluation, in which state ("tutor-overdue"). */
export type Figure = `${OverviewKind}-${OverviewState}`;
export const FIGURES = OVERVIEW_KINDS.flatMap((kind) => OVERVIEW_STATES.map((state) => `${kind}-${state}` as Figure));

/** A group's id when its rotations have no supervising tutor. */
export const NO_TUTOR = "none";

// ─── The demo's and a new hospital's forms ──────────────────────────────────────────────────────

const FIVE_POINTS = {
  it: ["Insufficiente", "Sufficiente", "Buono", "Distinto", "Ottimo"],
  en: ["Unsatisfactory", "Satisfactory", "Good", "Very good", "Excellent"],
};
const AGREE = {
  it: ["Per niente d'accordo", "Poco d'accordo", "Né d'accordo né in disaccordo", "D'accordo", "Del tutto d'accordo"],
  en: ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"],
};
const rating = (key: string, it: string, en: string, scale = FIVE_POINTS): EvaluationItem => ({
  key,
  type: "rating",
  label: { it, en },
  required: true,
  scale,
});

/** The forms a hospital starts with: created the first time one is needed. */
export const DEFAULT_FORMS: Record<FormKind, EvaluationItem[]> = {
  "tutor-resident": [
    rating("knowledge", "Conoscenze teoriche", "Medical knowledge"),
    rating("clinical-skills", "Abilità cliniche e procedurali", "Clinical and procedural skills"),
    rating("communication", "Comunicazione con pazienti e familiari", "Communication with patients and families"),
    rating("teamwork", "Collaborazione con l'équipe", "Working with the team"),
    rating("professionalism", "Professionalità ed etica", "Professionalism and ethics"),
    rating("autonomy", "Autonomia raggiunta", "Autonomy reached"),
    {
      key: "objectives-met",
      type: "yesno",
      label: { it: "Obiettivi del periodo raggiunti", en: "Objectives of the rotation met" },
      required: true,
    },
    { key: "strengths", type: "text", label: { it: "Punti di forza", en: "Strengths" }, required: false },
    { key: "to-improve", type: "text", label: { it: "Aspetti da migliorare", en: "To improve" }, required: false },
  ],
  "resident-rotation": [
    rating("teaching-received", "Ho ricevuto insegnamento adeguato", "I received adequate teaching", AGREE),
    rating("tutor-available", "Il tutor era disponibile e mi ha dato riscontri", "The tutor was available and gave me feedback", AGREE),
    rating("autonomy-fit", "L'autonomia concessa era adatta al mio anno", "The autonomy I was given suited my year", AGREE),
    rating("unit-organisation", "Il reparto era ben organizzato per la formazione", "The unit was well organised for training", AGREE),
    rating("workload", "Il carico di lavoro era sostenibile", "The workload was sustainable", AGREE),
    {
      key: "recommend",
      type: "yesno",
      label: { it: "Consiglierei questo periodo a un collega", en: "I would recommend this rotation to a colleague" },
      required: true,
    },
    { key: "comment", type: "text", label: { it: "Commento libero", en: "Comment" }, required: false },
  ],
};
