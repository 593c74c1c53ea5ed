import { parseIsoDate } from "./dates";
import { SPECIALTIES } from "./specialties";

/**
 * The university's list of residents, read from CSV and checked row by row before anything is
 * written: the columns it must have, what each cell may hold, and which resident each row creates or
 * updates (the same student number in the same programme, or the same e-mail, is the same person).
 * Pure: the database's answers come in as plain lookups, and what an e-mail address looks like as a
 * check (the portal's, app/schemas/resident-import.ts).
 */
export const IMPORT_LIMITS = { rows: 10_000, bytes: 5 * 1024 * 1024 } as const;

export const IMPORT_COLUMNS = [
  {
    key: "studentNumber",
    required: true,
    en: "student_number",
    it: "matricola",
    aliases: ["student_no", "student_id", "n_matricola", "numero_matricola"],
  },
  { key: "lastName", required: true, en: "last_name", it: "cognome", aliases: ["surname", "family_name"] },
  { key: "firstName", required: true, en: "first_name", it: "nome", aliases: ["given_name", "forename"] },
  { key: "email", required: true, en: "email", it: "email", aliases: ["e_mail", "mail", "indirizzo_email"] },
  {
    key: "specialty",
    required: true,
    en: "specialty",
    it: "scuola",
    aliases: ["programme", "program", "school", "scuola_di_specializzazione", "specializzazione"],
  },
  { key: "year", required: true, en: "year", it: "anno", aliases: ["year_of_training", "anno_di_corso", "anno_di_formazione"] },
  { key: "stayStart", required: true, en: "stay_start", it: "inizio_permanenza", aliases: ["start", "from", "inizio", "dal"] },
  { key: "stayEnd", required: true, en: "stay_end", it: "fine_permanenza", aliases: ["end", "until", "to", "fine", "al"] },
  { key: "tutorEmail", required: false, en: "tutor_email", it: "email_tutor", aliases: ["tutor", "tutor_e_mail"] },
  { key: "insurancePolicy", required: false, en: "insurance_policy", it: "polizza", aliases: ["insurance", "polizza_assicurativa"] },
  {
    key: "insuranceExpiry",
    required: false,
    en: "insurance_expiry",
    it: "scadenza_polizza",
    aliases: ["insurance_valid_until", "polizza_scadenza"],
  },
  {
    key: "contractStart",
    required: false,
    en: "contract_start",
    it: "inizio_contratto",
    aliases: ["contract_start_date", "data_inizio_contratto", "inizio_contratto_formazione"],
  },
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number]["key"];
export type ColumnMap = Partial<Record<ImportColumn, number>>;

/** "Inizio permanenza", "inizio_permanenza" and "INIZIO-PERMANENZA " are the same column. */
export function normalizeHeader(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

export type HeaderResult<K extends string = ImportColumn> = {
  columns: Partial<Record<K, number>>;
  missing: K[];
  duplicated: string[];
  ignored: string[];
};

/** A column a file from the university may hold: its key, its English and Italian names, other names seen. */
export type ColumnSpec<K extends string> = { key: K; required: boolean; en: string; it: string; aliases: readonly string[] };

/** Which cell of each row holds which of `list`'s columns, from the header row (in Italian or English). */
export function readColumns<K extends string>(cells: string[], list: ReadonlyArray<ColumnSpec<K>>): HeaderResult<K> {
  const columns: Partial<Record<K, number>> = {};
  const duplicated: string[] = [];
  const ignored: string[] = [];
  cells.forEach((cell, index) => {
    const name = normalizeHeader(cell);
    if (!name) return;
    const column = list.find((c) => c.en === name || c.it === name || c.aliases.includes(name));
    if (!column) ignored.push(cell.trim());
    else if (columns[column.key] !== undefined) duplicated.push(cell.trim());
    else columns[column.key] = index;
  });
  const missing = list.filter((c) => c.required && columns[c.key] === undefined).map((c) => c.key);
  return { columns, missing, duplicated, ignored };
}

/** The columns of the residents' list, from its header row. */
export function readHeader(cells: string[]): HeaderResult {
  return readColumns(cells, IMPORT_COLUMNS);
}

const DAY_MONTH_YEAR = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** A day as universities write it: 2026-11-03, 03/11/2026, 3.11.2026 or 03-11-2026 (day first). */
export function parseImportDate(text: string): Date | null {
  const value = text.trim();
  const dmy = DAY_MONTH_YEAR.exec(value);
  if (dmy) return parseIsoDate(`${dmy[3]}-${dmy[2]!.padStart(2, "0")}-${dmy[1]!.padStart(2, "0")}`);
  return parseIsoDate(value);
}

const SPECIALTY_NAMES = new Map(SPECIALTIES.flatMap((s) => [s.code, s.it, s.en].map((name) => [normalizeHeader(name), s.code] as const)));

/** The specialty in a cell: its code, its Italian or English name, with or without "Scuola di specializzazione in". */
export function matchSpecialty(text: string): string | null {
  const name = normalizeHeader(text)
    .replace(/^scuola_di_specializzazione_in_/, "")
    .replace(/^specializzazione_in_/, "");
  return (name && SPECIALTY_NAMES.get(name)) || null;
}

export type ImportProblem = { column: ImportColumn | "row"; code: ImportProblemCode; values?: Record<string, string | number> };
export type ImportProblemCode =
  | "required"
  | "tooLong"
  | "controlCharacters"
  | "emailInvalid"
  | "unknownSpecialty"
  | "programmeNotHosted"
  | "yearInvalid"
  | "dateInvalid"
  | "stayEndBeforeStart"
  | "unknownTutor"
  | "duplicateStudentNumber"
  | "duplicateEmail"
  | "twoResidents"
  | "sameResident"
  | "emailTaken";

/** The values of one row once read and checked (null where a cell was missing or wrong). */
export type ImportValues = {
  studentNumber: string;
  name: string;
  email: string;
  specialtyCode: string | null;
  programmeId: string | null;
  yearOfTraining: number | null;
  stayStart: Date | null;
  stayEnd: Date | null;
  tutorId: string | null;
  insurancePolicy: string | null;
  insuranceExpiry: Date | null;
  contractStart: Date | null;
};

export type ExistingResident = {
  id: string;
  userId: string;
  name: string;
  email: string;
  programmeId: string;
  yearOfTraining: number;
  studentNumber: string;
  stayStart: Date;
  stayEnd: Date;
  tutorId: string | null;
  insurancePolicy: string | null;
  insuranceExpiry: Date | null;
  contractStart: Date | null;
};

/** What the database knows that the rows are checked against. E-mails are lower-case keys. */
export type ImportLookups = {
  /** The chosen university's programmes in use. */
  programmes: Array<{ id: string; specialtyCode: string; durationYears: number }>;
  /** Active people with the tutor role. */
  tutorsByEmail: Map<string, string>;
  /** Residents already known, by "programmeId|studentNumber" and by e-mail. */
  residentsByKey: Map<string, ExistingResident>;
  residentsByEmail: Map<string, ExistingResident>;
  /** People who are not residents yet (no training record), by e-mail. */
  othersByEmail: Map<string, { id: string; name: string; isResident: boolean }>;
};

/** Whether a cell of the e-mail column (trimmed, lower-case) is an e-mail address. */
export type EmailCheck = (text: string) => boolean;

export type ImportAction = "create" | "attach" | "update" | "unchanged" | "invalid";
export const RECORD_FIELDS = [
  "name",
  "email",
  "programmeId",
  "yearOfTraining",
  "studentNumber",
  "stayStart",
  "stayEnd",
  "tutorId",
  "insurancePolicy",
  "insuranceExpiry",
  "contractStart",
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

export type ImportRow = {
  line: number;
  values: ImportValues;
  problems: ImportProblem[];
  action: ImportAction;
  /** The resident it updates, or the person it gives a training record to. */
  residentId: string | null;
  userId: string | null;
  /** For updates: the fields that change. */
  changed: RecordField[];
};

const LIMITS: Partial<Record<ImportColumn, number>> = { studentNumber: 30, lastName: 60, firstName: 60, email: 254, insurancePolicy: 60 };
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const residentKey = (programmeId: string, studentNumber: string) => `${programmeId}|${studentNumber.toUpperCase()}`;

/** Reads and checks one row on its own (the cells only, and the database's answers). */
export function readRow(
  line: number,
  cells: string[],
  columns: ColumnMap,
  lookups: ImportLookups,
  isEmail: EmailCheck,
): { line: number; values: ImportValues; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const raw = (column: ImportColumn) => {
    const index = columns[column];
    const text = (index === undefined ? "" : (cells[index] ?? "")).trim();
    if (CONTROL.test(text)) {
      problems.push({ column, code: "controlCharacters" });
      return "";
    }
    const limit = LIMITS[column];
    if (limit && text.length > limit) {
      problems.push({ column, code: "tooLong", values: { max: limit } });
      return "";
    }
    return text;
  };
  const required = (column: ImportColumn) => {
    const text = raw(column);
    if (!text && !problems.some((p) => p.column === column)) problems.push({ column, code: "required" });
    return text;
  };
  const date = (column: ImportColumn, text: string) => {
    if (!text) return null;
    const value = parseImportDate(text);
    if (!value) problems.push({ column, code: "dateInvalid", values: { value: text } });
    return value;
  };

  const studentNumber = required("studentNumber");
  const name = [required("firstName"), required("lastName")].filter(Boolean).join(" ").replace(/\s+/g, " ");
  let mail = required("email").toLowerCase();
  if (mail && !isEmail(mail)) {
    problems.push({ column: "email", code: "emailInvalid", values: { value: mail } });
    mail = "";
  }

  const specialtyText = required("specialty");
  const specialtyCode = specialtyText ? matchSpecialty(specialtyText) : null;
  const programme = specialtyCode ? lookups.programmes.find((p) => p.specialtyCode === specialtyCode) : undefined;
  if (specialtyText && !specialtyCode) problems.push({ column: "specialty", code: "unknownSpecialty", values: { value: specialtyText } });
  else if (specialtyCode && !programme)
    problems.push({ column: "specialty", code: "programmeNotHosted", values: { value: specialtyText } });

  const yearText = required("year");
  const maxYear = programme?.durationYears ?? 6;
  const year = /^\d{1,2}$/.test(yearText) ? Number(yearText) : NaN;
  const yearOfTraining = year >= 1 && year <= maxYear ? year : null;
  if (yearText && yearOfTraining === null)
    problems.push({ column: "year", code: "yearInvalid", values: { value: yearText, max: maxYear } });

  const stayStart = date("stayStart", required("stayStart"));
  const stayEnd = date("stayEnd", required("stayEnd"));
  if (stayStart && stayEnd && stayEnd < stayStart) problems.push({ column: "stayEnd", code: "stayEndBeforeStart" });

  const tutorText = raw("tutorEmail").toLowerCase();
  const tutorId = tutorText ? (lookups.tutorsByEmail.get(tutorText) ?? null) : null;
  if (tutorText && !tutorId) problems.push({ column: "tutorEmail", code: "unknownTutor", values: { value: tutorText } });

  const insurancePolicy = raw("insurancePolicy") || null;
  const insuranceExpiry = date("insuranceExpiry", raw("insuranceExpiry"));
  const contractStart = date("contractStart", raw("contractStart"));

  return {
    line,
    problems,
    values: {
      studentNumber,
      name,
      email: mail,
      specialtyCode,
      programmeId: programme?.id ?? null,
      yearOfTraining,
      stayStart,
      stayEnd,
      tutorId,
      insurancePolicy,
      insuranceExpiry,
      contractStart,
    },
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return (a ?? null) === (b ?? null);
}

/** The fields of a known resident that a row would change. */
export function changedFields(existing: ExistingResident, values: ImportValues): RecordField[] {
  return RECORD_FIELDS.filter((field) => !sameValue(existing[field], values[field]));
}

/**
 * Every row checked, in file order: its own cells, duplicates within the file (the later row is the
 * one reported, naming the earlier), and who it is in the database (create, give an existing person a
 * training record, update, or nothing to change).
 */
export function checkRows(
  rows: Array<{ line: number; cells: string[] }>,
  columns: ColumnMap,
  lookups: ImportLookups,
  isEmail: EmailCheck,
): ImportRow[] {
  const seenNumbers = new Map<string, number>();
  const seenEmails = new Map<string, number>();
  const seenResidents = new Map<string, number>();
  return rows.map(({ line, cells }) => {
    const read = readRow(line, cells, columns, lookups, isEmail);
    const { problems } = read;
    let { values } = read;
    const numberKey = values.programmeId && values.studentNumber ? residentKey(values.programmeId, values.studentNumber) : null;
    if (numberKey) {
      const first = seenNumbers.get(numberKey);
      if (first !== undefined) problems.push({ column: "studentNumber", code: "duplicateStudentNumber", values: { line: first } });
      else seenNumbers.set(numberKey, line);
    }
    if (values.email) {
      const first = seenEmails.get(values.email);
      if (first !== undefined) problems.push({ column: "email", code: "duplicateEmail", values: { line: first } });
      else seenEmails.set(values.email, line);
    }

    const byNumber = numberKey ? lookups.residentsByKey.get(numberKey) : undefined;
    const byEmail = values.email ? lookups.residentsByEmail.get(values.email) : undefined;
    const other = values.email ? lookups.othersByEmail.get(values.email) : undefined;
    let existing: ExistingResident | undefined;
    if (byNumber && byEmail && byNumber.id !== byEmail.id) {
      problems.push({ column: "email", code: "twoResidents", values: { number: byNumber.name, email: byEmail.name } });
    } else existing = byNumber ?? byEmail;
    // Two rows that reach the same resident (one by student number, one by e-mail) would fight.
    if (existing) {
      const first = seenResidents.get(existing.id);
      const duplicate = problems.some((p) => p.code === "duplicateStudentNumber" || p.code === "duplicateEmail");
      if (first !== undefined && !duplicate) problems.push({ column: "row", code: "sameResident", values: { line: first } });
      else seenResidents.set(existing.id, line);
    }
    // A known resident's new e-mail must not be someone else's.
    if (existing && values.email && values.email !== existing.email && other)
      problems.push({ column: "email", code: "emailTaken", values: { value: values.email } });

    // The university's list may not carry the contract start: an empty cell keeps the one known.
    if (existing && values.contractStart === null) values = { ...values, contractStart: existing.contractStart };
    const base = { line, values, problems, residentId: null, userId: null, changed: [] as RecordField[] };
    if (problems.length > 0) return { ...base, action: "invalid" as const, residentId: existing?.id ?? null };
    if (existing) {
      const changed = changedFields(existing, values);
      return {
        ...base,
        action: changed.length ? ("update" as const) : ("unchanged" as const),
        residentId: existing.id,
        userId: existing.userId,
        changed,
      };
    }
    if (other) return { ...base, action: "attach" as const, userId: other.id };
    return { ...base, action: "create" as const };
  });
}

export type ImportSummary = Record<ImportAction, number> & { rows: number };

export function summarize(rows: ImportRow[]): ImportSummary {
  const summary: ImportSummary = { rows: rows.length, create: 0, attach: 0, update: 0, unchanged: 0, invalid: 0 };
  for (const row of rows) summary[row.action]++;
  return summary;
}

/** The template's header row, in the reader's language. */
export function templateHeader(locale: "it" | "en"): string[] {
  return IMPORT_COLUMNS.map((c) => c[locale]);
}

/** The refusal of applying a list whose preview no longer holds (the file or the records changed since). */
export const CHANGED_SINCE = "residentImport.changedSince";
