import { normalizeHeader, parseImportDate, readColumns, type ColumnSpec, type HeaderResult } from "./resident-import";
import { MAX_GRADE, type Outcome } from "./training-calendar";

/**
 * The school's outcomes for a round, read from the university's CSV (issue 19): one row per resident,
 * by student number, with the outcome and its day, and what the outcome needs (the end of a suspension;
 * the diploma's exam day, grade and honours). Pure: each row's cells become an outcome or the problems
 * that stop it; which resident it names and whether the outcome can be recorded is for the model.
 */

export const OUTCOME_IMPORT_LIMITS = { rows: 2_000, bytes: 1024 * 1024 } as const;

export const OUTCOME_COLUMNS = [
  {
    key: "studentNumber",
    required: true,
    en: "student_number",
    it: "matricola",
    aliases: ["student_no", "student_id", "numero_matricola"],
  },
  { key: "outcome", required: true, en: "outcome", it: "esito", aliases: ["decision", "delibera", "esito_anno"] },
  {
    key: "decidedOn",
    required: true,
    en: "decided_on",
    it: "decorrenza",
    aliases: ["date", "data", "data_delibera", "takes_effect_on", "dal"],
  },
  { key: "suspendedTo", required: false, en: "suspended_to", it: "sospeso_fino_al", aliases: ["suspended_until", "fine_sospensione"] },
  {
    key: "examDate",
    required: false,
    en: "exam_date",
    it: "data_esame",
    aliases: ["diploma_exam", "esame_di_diploma", "data_esame_diploma"],
  },
  { key: "grade", required: false, en: "grade", it: "voto", aliases: ["mark", "voto_finale"] },
  { key: "honours", required: false, en: "honours", it: "lode", aliases: ["honors", "cum_laude", "con_lode"] },
  { key: "note", required: false, en: "note", it: "nota", aliases: ["notes", "note_scuola"] },
] as const satisfies ReadonlyArray<ColumnSpec<string>>;

export type OutcomeColumn = (typeof OUTCOME_COLUMNS)[number]["key"];

/** The outcome's words as schools write them, in Italian and English (after normalizeHeader). */
const OUTCOME_WORDS: Record<string, Outcome> = {
  admitted: "admitted",
  admitted_to_the_next_year: "admitted",
  ammesso: "admitted",
  ammessa: "admitted",
  ammesso_all_anno_successivo: "admitted",
  ammessa_all_anno_successivo: "admitted",
  repeats: "repeats",
  repeats_the_year: "repeats",
  ripete: "repeats",
  ripete_l_anno: "repeats",
  not_admitted: "not-admitted",
  non_ammesso: "not-admitted",
  non_ammessa: "not-admitted",
  suspended: "suspended",
  sospeso: "suspended",
  sospesa: "suspended",
};

const YES = new Set(["si", "yes", "y", "s", "1", "true", "x", "lode", "con_lode"]);
const NO = new Set(["", "no", "n", "0", "false"]);

/** Which cell of each row holds which column. */
export function readOutcomeHeader(cells: string[]): HeaderResult<OutcomeColumn> {
  return readColumns(cells, OUTCOME_COLUMNS);
}

export type OutcomeCells = {
  studentNumber: string;
  outcome: Outcome;
  decidedOn: Date;
  suspendedTo?: Date;
  examDate?: Date;
  grade?: number;
  honours: boolean;
  note?: string;
};

export type OutcomeCellProblem = { column: OutcomeColumn; code: "required" | "outcome" | "date" | "grade" | "honours" | "tooLong" };

/** One row's cells as an outcome, or the problems of its cells (each named by its column). */
export function readOutcomeRow(
  cells: string[],
  columns: Partial<Record<OutcomeColumn, number>>,
): { values: OutcomeCells; problems: [] } | { values: null; problems: OutcomeCellProblem[] } {
  const cell = (column: OutcomeColumn) => {
    const index = columns[column];
    return index === undefined ? "" : (cells[index] ?? "").trim();
  };
  const problems: OutcomeCellProblem[] = [];
  const date = (column: OutcomeColumn, required: boolean) => {
    const text = cell(column);
    if (!text) {
      if (required) problems.push({ column, code: "required" });
      return undefined;
    }
    const day = parseImportDate(text);
    if (!day) problems.push({ column, code: "date" });
    return day ?? undefined;
  };
  const studentNumber = cell("studentNumber");
  if (!studentNumber) problems.push({ column: "studentNumber", code: "required" });
  const outcomeText = cell("outcome");
  const outcome = OUTCOME_WORDS[normalizeHeader(outcomeText)];
  if (!outcome) problems.push({ column: "outcome", code: outcomeText ? "outcome" : "required" });
  const decidedOn = date("decidedOn", true);
  const suspendedTo = date("suspendedTo", false);
  const examDate = date("examDate", false);
  const gradeText = cell("grade");
  const grade = gradeText ? Number(gradeText.replace(/\/\s*50$/, "").trim()) : undefined;
  if (grade !== undefined && !(Number.isInteger(grade) && grade >= 0 && grade <= MAX_GRADE))
    problems.push({ column: "grade", code: "grade" });
  const honoursText = normalizeHeader(cell("honours"));
  if (!YES.has(honoursText) && !NO.has(honoursText)) problems.push({ column: "honours", code: "honours" });
  const note = cell("note");
  if (note.length > 500) problems.push({ column: "note", code: "tooLong" });
  if (problems.length || !outcome || !decidedOn) return { values: null, problems };
  return {
    values: {
      studentNumber,
      outcome,
      decidedOn,
      ...(suspendedTo ? { suspendedTo } : {}),
      ...(examDate ? { examDate } : {}),
      ...(grade !== undefined ? { grade } : {}),
      honours: YES.has(honoursText),
      ...(note ? { note } : {}),
    },
    problems: [],
  };
}
