import { DEGREES, type Degree } from "~/domain/logbook";
import { BY_SPECIALTY, CLINIC, COMMON, GENERIC, minimumsOf, PROCEDURES, RETURN_REASONS, type Activity } from "../../prisma/demo-logbook";
import { dateOf, weekday, type Day } from "./days";
import type { Organisation } from "./plan-org";
import type { PlanResidents, PlanRotations } from "./plan-rotations";
import { randomStream } from "./random";

/**
 * The residents' logbooks, at the rate a real school keeps them: a catalogue (version 1, in force for
 * three years) of about a dozen activities per programme, the activities of prisma/demo-logbook.ts;
 * about one entry per working day of every rotation that has begun, up to today, under the rotation's
 * tutor in its department (a few hundred a year per resident); certified by that tutor once older than
 * the pending window, a few returned with a reason, the last weeks awaiting them; and most closed
 * months countersigned by the resident.
 *
 * Nothing here is kept per entry: one resident's entries are drawn again, identically, from streams
 * named after their rotations whenever they are needed (to count them, to write them, to know which
 * months closed), so that millions of entries never sit in memory.
 */
export const CATALOGUE_SIZE = 12;
/** Entries of the last three weeks await their tutor; older ones were decided. */
export const PENDING_DAYS = 21;
export const RETURNED_SHARE = 0.02;
/** Closed months the resident has countersigned (the rest await their countersignature). */
const COUNTERSIGNED_SHARE = 0.85;
/** The catalogues came into force three years before today. */
export const CATALOGUE_AGE_DAYS = 3 * 365;

/** Activities every specialty has, to fill the catalogues whose specialty brings few of its own. */
const MORE: Activity[] = [
  {
    code: "guardia",
    category: CLINIC,
    it: "Turno di guardia",
    en: "On-call shift",
    minimums: { 1: [4, 0, 0], 2: [0, 6, 0], 3: [0, 0, 8] },
  },
  {
    code: "ecografia-bedside",
    category: PROCEDURES,
    it: "Ecografia al letto del paziente",
    en: "Bedside ultrasound",
    minimums: { 1: [5, 0, 0], 2: [0, 5, 5], 3: [0, 0, 10] },
  },
  {
    code: "emogasanalisi",
    category: PROCEDURES,
    it: "Prelievo per emogasanalisi arteriosa",
    en: "Arterial blood gas sampling",
    minimums: { 1: [3, 2, 0], 2: [0, 0, 5] },
  },
  {
    code: "cvc",
    category: PROCEDURES,
    it: "Gestione di catetere venoso centrale",
    en: "Central venous catheter care",
    minimums: { 2: [3, 2, 0], 3: [0, 2, 3] },
  },
  {
    code: "colloquio-familiari",
    category: CLINIC,
    it: "Colloquio con i familiari",
    en: "Meeting with the family",
    minimums: { 2: [2, 2, 0], 3: [0, 2, 2] },
  },
];

const NOTES = ["Caso discusso in reparto", "Paziente in follow-up", "Con il tutor"];

export type PlanActivity = { code: string; category: string; labelIt: string; labelEn: string; minimums: string };

export type PlanLogbook = {
  validFrom: Day;
  /** The activities of programme p's catalogue are activities[p]; programmes of one specialty share the list. */
  activities: PlanActivity[][];
  /** The global number of programme p's first activity (its activities are numbered on from there). */
  firstActivity: Int32Array;
  activityCount: number;
  entryCount: number;
  monthCount: number;
};

export type PlanEntry = {
  rotation: number;
  day: Day;
  /** Within the programme's catalogue. */
  activity: number;
  count: number;
  degree: Degree;
  status: "pending" | "certified" | "returned";
  returnReason: string | null;
  /** The day the tutor decided it, or -1 while pending. */
  decidedDay: Day;
  note: string | null;
  caseRef: string | null;
};
export type PlanMonth = { month: string; countersignedDay: Day };
export type ResidentLogbook = { resident: number; entries: PlanEntry[]; months: PlanMonth[] };

type Inputs = { seed: number; today: Day; org: Organisation; residents: PlanResidents; rotations: PlanRotations };

function catalogueOf(specialtyCode: string): PlanActivity[] {
  const list = [...COMMON, ...(BY_SPECIALTY[specialtyCode] ?? GENERIC)];
  for (const a of MORE) if (list.length < CATALOGUE_SIZE && !list.some((b) => b.code === a.code)) list.push(a);
  return list.map((a) => ({
    code: a.code,
    category: a.category[0],
    labelIt: a.it,
    labelEn: a.en,
    minimums: JSON.stringify(minimumsOf(a)),
  }));
}

const months = new Map<Day, string>();
/** "2026-11", cached by day like storedDay. */
export function monthKey(day: Day): string {
  let text = months.get(day);
  if (text === undefined) {
    text = dateOf(day).toISOString().slice(0, 7);
    months.set(day, text);
  }
  return text;
}

/** The last day of the month a day lies in. */
function monthEnd(day: Day): Day {
  const date = dateOf(day);
  return Math.round(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0) / 86_400_000);
}

/** Support falls and autonomy grows with the training year (1…6). */
const SUPPORT = [0.5, 0.35, 0.25, 0.15, 0.1, 0.1];
const AUTONOMY = [0.1, 0.2, 0.3, 0.4, 0.5, 0.5];

/** The entries of rotation i, day by day from its first day to today or its end: always the same draws. */
function rotationEntries(input: Inputs, activities: number, year: number, i: number, into: PlanEntry[]): void {
  const { rotations, today } = input;
  const random = randomStream(input.seed, `logbook:${i}`);
  const last = Math.min(rotations.end[i]!, today);
  const support = SUPPORT[year - 1] ?? 0.1;
  const autonomy = 1 - (AUTONOMY[year - 1] ?? 0.5);
  for (let day = rotations.start[i]!; day <= last; day++) {
    const w = weekday(day);
    if (w === 0 || w === 6) continue;
    const roll = random.next();
    const n = roll < 0.12 ? 0 : roll < 0.72 ? 1 : 2;
    for (let k = 0; k < n; k++) {
      // Every draw is made whatever the outcome, so that one entry's choices never shift the next one's.
      const activity = Math.floor(activities * random.next() ** 1.6);
      const d = random.next();
      const c = random.next();
      const returned = random.chance(RETURNED_SHARE);
      const reason = random.pick(RETURN_REASONS);
      const delay = random.int(3, 20);
      const note = random.chance(0.1) ? random.pick(NOTES) : null;
      const caseNumber = random.int(100, 999);
      const caseRef = random.chance(0.08) ? `C-${caseNumber}` : null;
      const decided = day < today - PENDING_DAYS;
      into.push({
        rotation: i,
        day,
        activity,
        count: c < 0.6 ? 1 : c < 0.9 ? 2 : 3,
        degree: d < support ? DEGREES[0] : d < autonomy ? DEGREES[1] : DEGREES[2],
        status: !decided ? "pending" : returned ? "returned" : "certified",
        returnReason: decided && returned ? reason : null,
        decidedDay: decided ? day + delay : -1,
        note,
        caseRef,
      });
    }
  }
}

/**
 * Every resident's logbook, one resident at a time, in resident order (their rotations are contiguous
 * and in date order: plan-rotations.ts places them so). The months are those with entries that have
 * ended and are wholly certified, most of them countersigned; the demo resident has countersigned all
 * but the last, which awaits them (as in the demo).
 */
export function* residentLogbooks(input: Inputs, logbook: Pick<PlanLogbook, "activities">): Generator<ResidentLogbook> {
  const { residents, rotations, today, seed } = input;
  const thisMonth = monthKey(today);
  let i = 0;
  for (let r = 0; r < residents.count; r++) {
    const entries: PlanEntry[] = [];
    const activities = logbook.activities[residents.programme[r]!]!.length;
    for (; i < rotations.count && rotations.resident[i] === r; i++)
      if (rotations.start[i]! <= today) rotationEntries(input, activities, residents.year[r]!, i, entries);
    const closed: string[] = [];
    const open = new Set<string>();
    for (const e of entries) {
      const m = monthKey(e.day);
      if (e.status !== "certified" || m >= thisMonth) open.add(m);
      else if (closed.at(-1) !== m) closed.push(m);
    }
    const signable = closed.filter((m) => !open.has(m));
    const random = randomStream(seed, `logbook-months:${r}`);
    const months: PlanMonth[] = [];
    for (const [n, month] of signable.entries()) {
      const signed = r === 0 ? n < signable.length - 1 : random.chance(COUNTERSIGNED_SHARE);
      const after = random.int(1, 15);
      const end = monthEnd(entries.find((e) => monthKey(e.day) === month)!.day);
      if (signed) months.push({ month, countersignedDay: Math.min(end + after, today - 1) });
    }
    yield { resident: r, entries, months };
  }
  if (i !== rotations.count) throw new Error("rotations are not grouped by resident");
}

export function planLogbook(input: Inputs): PlanLogbook {
  const bySpecialty = new Map<string, PlanActivity[]>();
  const activities = input.org.programmes.map((p) => {
    let list = bySpecialty.get(p.specialtyCode);
    if (!list) bySpecialty.set(p.specialtyCode, (list = catalogueOf(p.specialtyCode)));
    return list;
  });
  const firstActivity = new Int32Array(activities.length);
  let activityCount = 0;
  for (const [p, list] of activities.entries()) {
    firstActivity[p] = activityCount;
    activityCount += list.length;
  }
  let entryCount = 0;
  let monthCount = 0;
  for (const { entries, months } of residentLogbooks(input, { activities })) {
    entryCount += entries.length;
    monthCount += months.length;
  }
  return { validFrom: input.today - CATALOGUE_AGE_DAYS, activities, firstActivity, activityCount, entryCount, monthCount };
}
