import { academicYear, academicYearOf, type YearStart } from "./teaching";
import { DEGREES, LOGBOOK_LIMITS, WHOLE_PROGRAMME, type CatalogueActivity, type Degree, type Minimum } from "./logbook";

/**
 * A programme's logbook catalogue as a CSV file (app/domain/logbook.ts for what a catalogue is): one row
 * per activity, the header `codice;categoria;attivita_it;attivita_en` and then any number of minimum
 * columns named `<year>_<degree>` (`2_autonomia`, `tot_supporto` for the whole programme). An empty cell
 * is no minimum. The file is read all or nothing: every line's problems are reported, and a file with
 * any problem is never applied. The rows come already split into cells (app/utils/csv.ts `parseCsv`).
 */

/** A row of the file as the CSV reader gives it: the line it starts on and its cells. */
export type CatalogueRow = { line: number; cells: string[] };
/** A problem of one line: the catalogue key of its message and the values it names. */
export type CatalogueLineError = { line: number; key: string; values?: Record<string, string | number> };
export type ParsedCatalogue = { activities: CatalogueActivity[]; errors: CatalogueLineError[] };

export const CATALOGUE_FILE_LIMITS = {
  codeLength: 40,
  categoryLength: 100,
  labelLength: 200,
  maxCount: 999,
  /** The size of an uploaded file: 500 activities with every minimum filled stay well under it. */
  bytes: 512 * 1024,
} as const;

/** The fixed columns, by the names the file uses (Italian, as the schools write it) and their English aliases. */
const FIXED = {
  code: ["codice", "code"],
  category: ["categoria", "category"],
  labelIt: ["attivita_it", "attività_it", "activity_it", "label_it"],
  labelEn: ["attivita_en", "attività_en", "activity_en", "label_en"],
} as const;
type FixedColumn = keyof typeof FIXED;
const FIXED_COLUMNS = Object.keys(FIXED) as FixedColumn[];

/** The degrees' names in a column, Italian first (the name the file is written with). */
const DEGREE_NAMES: Record<Degree, readonly string[]> = {
  support: ["supporto", "support"],
  collaboration: ["collaborazione", "collaboration"],
  autonomy: ["autonomia", "autonomy"],
};
const WHOLE_NAMES = ["tot", "totale", "total"];

/** A minimum column's year (0 for the whole programme) and degree, or null when the name is not one. */
export function minimumColumn(name: string): { year: number; degree: Degree } | null {
  const match = /^([a-z0-9]+)_([a-z]+)$/.exec(name.trim().toLowerCase());
  if (!match) return null;
  const [, yearText, degreeText] = match as unknown as [string, string, string];
  const year = WHOLE_NAMES.includes(yearText) ? WHOLE_PROGRAMME : /^[1-6]$/.test(yearText) ? Number(yearText) : null;
  const degree = DEGREES.find((d) => DEGREE_NAMES[d].includes(degreeText));
  return year === null || !degree ? null : { year, degree };
}

/** The name the file gives a minimum column: `2_autonomia`, `tot_supporto`. */
export function minimumColumnName(year: number, degree: Degree): string {
  return `${year === WHOLE_PROGRAMME ? WHOLE_NAMES[0] : year}_${DEGREE_NAMES[degree][0]}`;
}

/** Minimums in one order: training years first, the whole programme last, degrees as DEGREES lists them. */
export function sortMinimums(minimums: Minimum[]): Minimum[] {
  const rank = (m: Minimum) => (m.year === WHOLE_PROGRAMME ? 7 : m.year) * 10 + DEGREES.indexOf(m.degree);
  return [...minimums].sort((a, b) => rank(a) - rank(b));
}

type Header = {
  fixed: Partial<Record<FixedColumn, number>>;
  minimums: Array<{ index: number; year: number; degree: Degree; name: string }>;
};

function readHeader(row: CatalogueRow, errors: CatalogueLineError[]): Header {
  const header: Header = { fixed: {}, minimums: [] };
  const seen = new Set<string>();
  row.cells.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (name === "") return;
    const fixed = FIXED_COLUMNS.find((c) => (FIXED[c] as readonly string[]).includes(name));
    const minimum = fixed ? null : minimumColumn(name);
    const key = fixed ?? (minimum ? `${minimum.year}_${minimum.degree}` : name);
    if (seen.has(key)) {
      errors.push({ line: row.line, key: "logbookCatalogue.errors.duplicateColumn", values: { column: raw.trim() } });
      return;
    }
    seen.add(key);
    if (fixed) header.fixed[fixed] = index;
    else if (minimum) header.minimums.push({ index, ...minimum, name: raw.trim() });
    else errors.push({ line: row.line, key: "logbookCatalogue.errors.unknownColumn", values: { column: raw.trim() } });
  });
  const missing = FIXED_COLUMNS.filter((c) => header.fixed[c] === undefined).map((c) => FIXED[c][0]);
  if (missing.length)
    errors.push({ line: row.line, key: "logbookCatalogue.errors.missingColumns", values: { columns: missing.join(", ") } });
  return header;
}

/**
 * Reads a catalogue file's rows into activities, in the file's order, or reports every line's problems:
 * an unknown, repeated or missing column; a row without a code or a label; a code used twice; a text
 * too long; a minimum that is not a whole number from 1 to 999; more activities than a catalogue holds.
 * The activities are only meant to be written when `errors` is empty.
 */
export function parseCatalogueRows(rows: CatalogueRow[]): ParsedCatalogue {
  const errors: CatalogueLineError[] = [];
  const [head, ...data] = rows;
  if (!head) return { activities: [], errors: [{ line: 1, key: "logbookCatalogue.errors.empty" }] };
  const header = readHeader(head, errors);
  if (errors.length) return { activities: [], errors };
  if (data.length === 0) return { activities: [], errors: [{ line: head.line, key: "logbookCatalogue.errors.empty" }] };
  if (data.length > LOGBOOK_LIMITS.activities) {
    const values = { max: LOGBOOK_LIMITS.activities, count: data.length };
    return {
      activities: [],
      errors: [{ line: data[LOGBOOK_LIMITS.activities]!.line, key: "logbookCatalogue.errors.tooManyRows", values }],
    };
  }
  const firstLineOf = new Map<string, number>();
  const activities: CatalogueActivity[] = [];
  for (const row of data) {
    const cell = (column: FixedColumn) => (row.cells[header.fixed[column]!] ?? "").trim();
    const problem = (key: string, values?: Record<string, string | number>) =>
      errors.push({ line: row.line, key: `logbookCatalogue.errors.${key}`, ...(values ? { values } : {}) });
    const code = cell("code");
    const category = cell("category");
    const labelIt = cell("labelIt");
    const labelEn = cell("labelEn");
    if (!code) problem("missingCode");
    else if (code.length > CATALOGUE_FILE_LIMITS.codeLength) problem("codeTooLong", { max: CATALOGUE_FILE_LIMITS.codeLength });
    else if (firstLineOf.has(code.toLowerCase())) problem("duplicateCode", { code, line: firstLineOf.get(code.toLowerCase())! });
    else firstLineOf.set(code.toLowerCase(), row.line);
    if (!labelIt) problem("missingLabel", { column: FIXED.labelIt[0] });
    if (!labelEn) problem("missingLabel", { column: FIXED.labelEn[0] });
    for (const [text, column] of [
      [labelIt, FIXED.labelIt[0]],
      [labelEn, FIXED.labelEn[0]],
    ] as const) {
      if (text.length > CATALOGUE_FILE_LIMITS.labelLength) problem("tooLong", { column, max: CATALOGUE_FILE_LIMITS.labelLength });
    }
    if (category.length > CATALOGUE_FILE_LIMITS.categoryLength) {
      problem("tooLong", { column: FIXED.category[0], max: CATALOGUE_FILE_LIMITS.categoryLength });
    }
    const minimums: Minimum[] = [];
    for (const column of header.minimums) {
      const text = (row.cells[column.index] ?? "").trim();
      if (text === "") continue;
      const count = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
      if (!(count >= 1 && count <= CATALOGUE_FILE_LIMITS.maxCount)) {
        problem("badCount", { column: column.name, value: text.slice(0, 20), max: CATALOGUE_FILE_LIMITS.maxCount });
      } else minimums.push({ year: column.year, degree: column.degree, count });
    }
    activities.push({ code, category, labelIt, labelEn, minimums: sortMinimums(minimums) });
  }
  return { activities: errors.length ? [] : activities, errors };
}

/** The training years a file's minimum columns cover: 1 to the last year used (at least `years`). */
function yearsOf(activities: CatalogueActivity[], years: number): number {
  const used = activities.flatMap((a) => a.minimums.map((m) => m.year));
  return Math.min(6, Math.max(1, years, ...used));
}

/**
 * A catalogue as the rows of its file, the header first: what `parseCatalogueRows` reads back. The
 * minimum columns cover the training years 1 to `years` (or further, when a minimum needs it) and the
 * whole programme. With no activities it is the template of an empty catalogue.
 */
export function catalogueCsvRows(activities: CatalogueActivity[], years = 1): { header: string[]; rows: string[][] } {
  const last = yearsOf(activities, years);
  const columns = [...Array.from({ length: last }, (_, i) => i + 1), WHOLE_PROGRAMME].flatMap((year) =>
    DEGREES.map((degree) => ({ year, degree })),
  );
  const header = [...FIXED_COLUMNS.map((c) => FIXED[c][0]), ...columns.map((c) => minimumColumnName(c.year, c.degree))];
  const rows = activities.map((a) => [
    a.code,
    a.category,
    a.labelIt,
    a.labelEn,
    ...columns.map((c) => {
      const count = a.minimums.find((m) => m.year === c.year && m.degree === c.degree)?.count;
      return count === undefined ? "" : String(count);
    }),
  ]);
  return { header, rows };
}

export type MinimumsChange = { activity: CatalogueActivity; before: Minimum[]; after: Minimum[] };
export type CatalogueDiff = {
  added: CatalogueActivity[];
  removed: CatalogueActivity[];
  /** Activities kept (same code) whose minimums differ. */
  changed: MinimumsChange[];
  /** Activities kept whose labels or category differ, minimums aside. */
  relabelled: CatalogueActivity[];
};

const minimumsKey = (minimums: Minimum[]) =>
  sortMinimums(minimums)
    .map((m) => `${m.year}:${m.degree}:${m.count}`)
    .join(",");

/**
 * What a new version changes against the version in force (none: everything is added), matching
 * activities by code, as progress does: activities added, removed, whose minimums changed, and whose
 * words changed.
 */
export function diffCatalogue(inForce: CatalogueActivity[] | null, next: CatalogueActivity[]): CatalogueDiff {
  const before = new Map((inForce ?? []).map((a) => [a.code.toLowerCase(), a]));
  const nextCodes = new Set(next.map((a) => a.code.toLowerCase()));
  const diff: CatalogueDiff = { added: [], removed: [], changed: [], relabelled: [] };
  for (const activity of next) {
    const old = before.get(activity.code.toLowerCase());
    if (!old) {
      diff.added.push(activity);
      continue;
    }
    if (minimumsKey(old.minimums) !== minimumsKey(activity.minimums)) {
      diff.changed.push({ activity, before: sortMinimums(old.minimums), after: sortMinimums(activity.minimums) });
    }
    if (old.labelIt !== activity.labelIt || old.labelEn !== activity.labelEn || old.category !== activity.category) {
      diff.relabelled.push(activity);
    }
  }
  diff.removed = (inForce ?? []).filter((a) => !nextCodes.has(a.code.toLowerCase()));
  return diff;
}

/** Whether a new version would change nothing at all. */
export function sameCatalogue(diff: CatalogueDiff): boolean {
  return !diff.added.length && !diff.removed.length && !diff.changed.length && !diff.relabelled.length;
}

/**
 * The first day a new version is offered from: the start of the next academic year, or of the one after
 * the latest version's first day when that is later (a new version must come after the latest).
 */
export function nextVersionStart(today: Date, start: YearStart, latestValidFrom: Date | null): Date {
  const next = academicYear(academicYearOf(today, start).startYear + 1, start).start;
  if (!latestValidFrom || next > latestValidFrom) return next;
  return academicYear(academicYearOf(latestValidFrom, start).startYear + 1, start).start;
}
