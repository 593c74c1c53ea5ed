import { addDays, daysBetween, toIsoDate } from "./dates";
import { academicYear, academicYearOf, type AcademicYear, type YearStart } from "./teaching";

/**
 * The logbook ("libretto diario"; D.Lgs 368/1999 art. 38, DI 402/2017 annex 3, DI 68/2015 art. 5): the
 * activities a resident performs, counted by degree of responsibility, certified month by month by the
 * tutor and countersigned by the resident, measured against the minimums of their programme's catalogue.
 * Plain rules, no database: app/models/logbook*.server.ts apply them. See docs/domain.md, "Logbook".
 */

/**
 * The three degrees of responsibility of DI 402/2017: support or observation ("attività di appoggio"),
 * collaboration under direct supervision ("attività di collaborazione"), autonomy under the tutor's
 * directives ("attività autonoma").
 */
export const DEGREES = ["support", "collaboration", "autonomy"] as const;
export type Degree = (typeof DEGREES)[number];
export const isDegree = (value: unknown): value is Degree => typeof value === "string" && (DEGREES as readonly string[]).includes(value);

/** pending: awaits the tutor; certified: signed and locked; returned: sent back to the resident with a reason. */
export const ENTRY_STATUSES = ["pending", "certified", "returned"] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const LOGBOOK_LIMITS = {
  /** The most of one activity an entry may count (a day's work, not a year's). */
  maxCount: 50,
  noteLength: 280,
  caseRefLength: 40,
  /** Entries logged together in one form. */
  entriesPerSubmission: 20,
  /** The reason of a return, a correction or a reopening. */
  reasonLength: 500,
  /** Activities in one catalogue. */
  activities: 500,
} as const;

// ─── Patient identity ────────────────────────────────────────────────────────────────────────────

/** An Italian fiscal code, including the letters that replace digits when two codes collide ("omocodia"). */
const FISCAL_CODE = /\b[A-Z]{6}[0-9LMNP-V]{2}[A-EHLMPR-T][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z]\b/i;
/** A full date: 12/03/1956, 12-3-56, 12.03.1956, 1956-03-12. */
const FULL_DATE = /\b(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\b/;
/** Words that announce a birth date, in Italian and English. */
const BIRTH_WORDS = /\b(?:nat[oa]|n\.|classe|data di nascita|d\.?d\.?n\.?|born|dob|d\.o\.b\.?|birth)\b/i;
/** Two capitalised words in a row: a name and surname ("Mario Rossi", "ROSSI Mario"). */
const NAME = /\b[A-ZÀ-Ý][a-zà-ÿ'A-ZÀ-Ý]+\s+[A-ZÀ-Ý][a-zà-ÿ'A-ZÀ-Ý]+\b/;

export type PatientIdentifier = "fiscalCode" | "birthDate";

/**
 * What in a note or a case reference would identify a patient: a fiscal code, or a full date next to a
 * name or announced as a birth date. The logbook is not a clinical record; it never holds who the
 * patient was. Anything else (an anonymous reference the resident chooses) is theirs to write.
 */
export function patientIdentifiers(text: string): PatientIdentifier[] {
  const found: PatientIdentifier[] = [];
  if (FISCAL_CODE.test(text)) found.push("fiscalCode");
  const date = FULL_DATE.exec(text);
  if (date) {
    const around = text.slice(Math.max(0, date.index - 40), date.index + date[0].length + 40);
    if (BIRTH_WORDS.test(around) || NAME.test(around)) found.push("birthDate");
  }
  return found;
}

// ─── Months ──────────────────────────────────────────────────────────────────────────────────────

/** "2026-11": the month an entry is certified in. */
export function monthOf(day: Date): string {
  return toIsoDate(day).slice(0, 7);
}

/** The first and last day of a month ("2026-11"). */
export function monthRange(month: string): { start: Date; end: Date } {
  const [year, m] = month.split("-").map(Number) as [number, number];
  const start = new Date(Date.UTC(year, m - 1, 1));
  return { start, end: addDays(new Date(Date.UTC(year, m, 1)), -1) };
}

export function isMonth(value: string): boolean {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  return Boolean(match) && Number(match![2]) >= 1 && Number(match![2]) <= 12;
}

/** Whether a month is over on `today` (the hospital's day). */
export function monthEnded(month: string, today: Date): boolean {
  return monthRange(month).end < today;
}

export type MonthState = {
  month: string;
  /** Over, with entries, every one certified, and not reopened: no entry may be added or changed. */
  closed: boolean;
  /** Closed and countersigned by the resident. */
  countersigned: boolean;
  /** Over with every entry certified: the resident may countersign (again, after a reopening). */
  awaitsCountersignature: boolean;
};

/**
 * A resident's month: closed once it has ended and every entry in it is certified; the resident then
 * countersigns it. An administrator's reopening (for a forgotten entry) keeps it open until the resident
 * countersigns again.
 */
export function monthState(input: {
  month: string;
  today: Date;
  statuses: EntryStatus[];
  countersignedAt: Date | null;
  reopenedAt: Date | null;
}): MonthState {
  const allCertified = input.statuses.length > 0 && input.statuses.every((s) => s === "certified");
  const ended = monthEnded(input.month, input.today);
  const closed = ended && allCertified && !input.reopenedAt;
  const countersigned = closed && Boolean(input.countersignedAt);
  return { month: input.month, closed, countersigned, awaitsCountersignature: ended && allCertified && !countersigned };
}

// ─── Catalogues ──────────────────────────────────────────────────────────────────────────────────

/** A minimum count: for a training year (1…6), or for the whole programme (year 0). */
export type Minimum = { year: number; degree: Degree; count: number };
export const WHOLE_PROGRAMME = 0;

export type CatalogueActivity = {
  /** Stable across versions of the catalogue: progress matches activities of different versions by it. */
  code: string;
  category: string;
  labelIt: string;
  labelEn: string;
  minimums: Minimum[];
};

/**
 * The catalogue version whose minimums apply to a training year: the newest that was in force on the
 * year's first day, or the oldest when the catalogue was written after the year had begun.
 */
export function versionInForce<V extends { version: number; validFrom: Date }>(versions: V[], yearStart: Date): V | null {
  const ordered = [...versions].sort((a, b) => a.version - b.version);
  const inForce = ordered.filter((v) => v.validFrom <= yearStart);
  return inForce.at(-1) ?? ordered[0] ?? null;
}

// ─── Training years and progress ─────────────────────────────────────────────────────────────────

/**
 * The academic years of a resident's training, year 1 to the current one, as the academic-year setting
 * cuts them (until residents have their own training calendar): year `current` is the academic year of
 * `today`, year 1 began `current - 1` years earlier.
 */
export function trainingYears(currentYear: number, today: Date, start: YearStart): Array<AcademicYear & { year: number }> {
  const now = academicYearOf(today, start);
  return Array.from({ length: Math.max(1, currentYear) }, (_, i) => ({
    ...academicYear(now.startYear - (currentYear - 1 - i), start),
    year: i + 1,
  }));
}

/** The part of a period already elapsed on `today`, from 0 (not begun) to 1 (over). */
export function elapsedShare(period: { start: Date; end: Date }, today: Date): number {
  const total = daysBetween(period.start, period.end) + 1;
  const done = daysBetween(period.start, today) + 1;
  return Math.min(1, Math.max(0, done / total));
}

export type CountedEntry = { code: string; degree: Degree; date: Date; count: number; status: EntryStatus };

export type ProgressCell = {
  /** Certified counts in the training year, and the year's minimum. */
  year: { done: number; minimum: number; pending: number; expected: number };
  /** Certified counts over the whole training, and the programme's minimum. */
  whole: { done: number; minimum: number; pending: number };
};

export type ProgressRow = {
  code: string;
  category: string;
  labelIt: string;
  labelEn: string;
  cells: Record<Degree, ProgressCell>;
  /** What is still missing this year and over the whole programme, by degree (counts > 0 only). */
  missingYear: Partial<Record<Degree, number>>;
  missingWhole: Partial<Record<Degree, number>>;
};

export type Progress = {
  rows: ProgressRow[];
  /** Some certified count below the year's minimum pro rata to the part of the year elapsed. */
  behind: boolean;
  /** How many of the year's minimums (activity × degree) are behind their pro rata count. */
  behindCount: number;
  /**
   * The share of the year's pro rata minimums reached (0…1): certified counts, each up to its expected
   * count, over the expected counts; 1 when nothing is expected yet.
   */
  reached: number;
  /** The share of the training year elapsed (0…1). */
  share: number;
};

/**
 * A resident's progress: certified counts by activity and degree against the minimums of the catalogue
 * in force for their training year (`activities`), for the year (`year`, its dates) and the whole
 * training. Only certified entries count; pending ones are counted apart. An activity of an older
 * version with the same code counts towards the newer one's; entries of activities no longer in the
 * catalogue are not lost but not measured either.
 */
export function progress(input: {
  activities: CatalogueActivity[];
  entries: CountedEntry[];
  trainingYear: number;
  year: { start: Date; end: Date };
  today: Date;
}): Progress {
  const share = elapsedShare(input.year, input.today);
  const inYear = (d: Date) => d >= input.year.start && d <= input.year.end;
  let behindCount = 0;
  let expectedTotal = 0;
  let reachedTotal = 0;
  const rows = input.activities.map((activity): ProgressRow => {
    const cells = {} as Record<Degree, ProgressCell>;
    const missingYear: Partial<Record<Degree, number>> = {};
    const missingWhole: Partial<Record<Degree, number>> = {};
    for (const degree of DEGREES) {
      const minimumOf = (year: number) => activity.minimums.find((m) => m.degree === degree && m.year === year)?.count ?? 0;
      const mine = input.entries.filter((e) => e.code === activity.code && e.degree === degree);
      const sum = (list: CountedEntry[]) => list.reduce((total, e) => total + e.count, 0);
      const certified = mine.filter((e) => e.status === "certified");
      const pending = mine.filter((e) => e.status === "pending");
      const yearMinimum = minimumOf(input.trainingYear);
      const expected = Math.floor(yearMinimum * share);
      const cell: ProgressCell = {
        year: {
          done: sum(certified.filter((e) => inYear(e.date))),
          minimum: yearMinimum,
          pending: sum(pending.filter((e) => inYear(e.date))),
          expected,
        },
        whole: { done: sum(certified), minimum: minimumOf(WHOLE_PROGRAMME), pending: sum(pending) },
      };
      cells[degree] = cell;
      if (cell.year.done < cell.year.minimum) missingYear[degree] = cell.year.minimum - cell.year.done;
      if (cell.whole.done < cell.whole.minimum) missingWhole[degree] = cell.whole.minimum - cell.whole.done;
      if (cell.year.done < expected) behindCount += 1;
      expectedTotal += expected;
      reachedTotal += Math.min(cell.year.done, expected);
    }
    return {
      code: activity.code,
      category: activity.category,
      labelIt: activity.labelIt,
      labelEn: activity.labelEn,
      cells,
      missingYear,
      missingWhole,
    };
  });
  return { rows, behind: behindCount > 0, behindCount, reached: expectedTotal === 0 ? 1 : reachedTotal / expectedTotal, share };
}

/**
 * A resident's progress as the pages show it, plain and serialisable (dates as YYYY-MM-DD): the current
 * training year, its dates, the catalogue version measuring it (null without a catalogue) and the matrix.
 */
export type ResidentProgress = Omit<Progress, "rows"> & {
  resident: { id: string; name: string; yearOfTraining: number; programmeId: string; specialtyCode: string };
  trainingYear: number;
  year: { start: string; end: string };
  catalogue: { version: number; validFrom: string } | null;
  rows: ProgressRow[];
};

// ─── Entries and rotations ───────────────────────────────────────────────────────────────────────

export type RotationSpan = { id: string; departmentId: string; tutorId: string | null; startDate: Date; endDate: Date; state: string };

/** The rotation of a resident that covers a day (never a cancelled one), or null. */
export function rotationOn<R extends RotationSpan>(rotations: R[], day: Date): R | null {
  return rotations.find((r) => r.state !== "cancelled" && r.startDate <= day && day <= r.endDate) ?? null;
}

/**
 * Entries that no longer lie within a rotation of their department (the rotation was moved, shortened
 * or cancelled after they were logged): flagged for review, never deleted.
 */
export function outsideRotation<E extends { date: Date; departmentId: string }>(entry: E, rotations: RotationSpan[]): boolean {
  return !rotations.some(
    (r) => r.state !== "cancelled" && r.departmentId === entry.departmentId && r.startDate <= entry.date && entry.date <= r.endDate,
  );
}

/** Why an entry cannot lie on a day under a tutor: the field it belongs beside and the message's key. */
export type PlacementProblem = { field: "date" | "tutorId"; key: string };

/**
 * Where a resident's entry lies: the rotation that covers its day (the department comes from it), on a
 * day that is not in the future nor in a closed month, under the rotation's supervising tutor or a tutor
 * on that department's staff (`staff`: "departmentId:userId").
 */
export function placeEntry<R extends RotationSpan>(input: {
  date: Date;
  tutorId: string;
  today: Date;
  rotations: R[];
  staff: ReadonlySet<string>;
  closedMonths: ReadonlySet<string>;
}): { rotation: R; problem: null } | { rotation: R | null; problem: PlacementProblem } {
  const rotation = rotationOn(input.rotations, input.date);
  if (input.date > input.today) return { rotation, problem: { field: "date", key: "myLogbook.dateFuture" } };
  if (input.closedMonths.has(monthOf(input.date))) return { rotation, problem: { field: "date", key: "myLogbook.monthClosed" } };
  if (!rotation) return { rotation, problem: { field: "date", key: "myLogbook.dateOutsideRotation" } };
  const allowed = rotation.tutorId === input.tutorId || input.staff.has(`${rotation.departmentId}:${input.tutorId}`);
  if (!allowed) return { rotation, problem: { field: "tutorId", key: "myLogbook.tutorNotAllowed" } };
  return { rotation, problem: null };
}

/** A probable duplicate: the same activity, day and degree as an entry already logged. */
export function sameEntry(
  a: { activityCode: string; date: Date; degree: Degree },
  b: { activityCode: string; date: Date; degree: Degree },
): boolean {
  return a.activityCode === b.activityCode && a.degree === b.degree && a.date.getTime() === b.date.getTime();
}

/** An activity's stored minimums (JSON), keeping only well-formed ones: a stored catalogue is never trusted blindly. */
export function parseMinimums(text: string): Minimum[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown): Minimum[] => {
    if (!item || typeof item !== "object") return [];
    const { year, degree, count } = item as Record<string, unknown>;
    return typeof year === "number" &&
      Number.isInteger(year) &&
      year >= 0 &&
      year <= 6 &&
      isDegree(degree) &&
      typeof count === "number" &&
      Number.isInteger(count) &&
      count > 0
      ? [{ year, degree, count }]
      : [];
  });
}
