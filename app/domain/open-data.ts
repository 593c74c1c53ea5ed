import { effectiveEnd, inForceOn, type AgreementDates } from "./agreement-status";
import { addDays, rangesOverlap, toIsoDate } from "./dates";
import { specialtyName } from "./specialties";
import { academicYear, academicYearOf, hoursOf, type AcademicYear, type YearStart } from "./teaching";
import { compareItalian, compareEnglish } from "./collation";

/**
 * Open data: what anyone may read about the training the hospital hosts, without signing in
 * (/open and its files; docs/open-data.md documents every column). Plain objects in, rows out.
 *
 * Nothing personal is ever published: no names, e-mails or ids of residents, tutors, programme
 * directors or department heads; every id in the files is a public code made here from public
 * names (a university's short name, a specialty's code, a department's name), never a database id.
 * Counts of residents and rotations from 1 to 4 are published as "<5" (fewer than 5), so that no one
 * can be singled out. 0 stays 0: it singles no one out, and hiding it would hide which programmes
 * hosted nobody. No totals are published, so a suppressed count cannot be recovered by subtraction.
 */

// ─── Licence and documentation ───────────────────────────────────────────────────────────────────

export const LICENCE = "CC BY 4.0";
export const LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/";
/** Where a reader of a file finds what its columns mean (the public page's documentation section). */
export const DOCUMENTATION_PATH = "/open#documentation";

/** The attribution a re-user gives (CC BY 4.0 asks for one), in English like the files. */
export function attribution(hospitalName: string): string {
  return `Source: ${hospitalName}, open data on specialty training (${LICENCE}, ${LICENCE_URL})`;
}

// ─── Small counts ────────────────────────────────────────────────────────────────────────────────

/** Counts below this (and above 0) are not published as they are. */
export const SMALL_COUNT_LIMIT = 5;
/** How a count from 1 to 4 is published in the files ("fewer than 5" on the page). */
export const FEWER_THAN_5 = "<5";
export type PublishedCount = number | typeof FEWER_THAN_5;

/** The small-count rule: 1–4 become "<5"; 0 and 5 or more are published as they are. */
export function suppress(count: number): PublishedCount {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`Not a count: ${count}`);
  return count > 0 && count < SMALL_COUNT_LIMIT ? FEWER_THAN_5 : count;
}

export function isSuppressed(value: unknown): value is typeof FEWER_THAN_5 {
  return value === FEWER_THAN_5;
}

// ─── Years ───────────────────────────────────────────────────────────────────────────────────────

/** The figures cover the current academic year and the four before it. */
export const YEARS_COVERED = 5;

/** The academic years the figures cover, oldest first. */
export function yearsCovered(today: Date, start: YearStart): AcademicYear[] {
  const current = academicYearOf(today, start).startYear;
  return Array.from({ length: YEARS_COVERED }, (_, i) => academicYear(current - YEARS_COVERED + 1 + i, start));
}

const overlaps = (from: Date, to: Date, year: AcademicYear) => rangesOverlap({ start: from, end: to }, year);

// ─── Aggregation ─────────────────────────────────────────────────────────────────────────────────

function tally<K>(keys: Iterable<K>, amount: (key: K) => number = () => 1): Map<K, number> {
  const totals = new Map<K, number>();
  for (const key of keys) totals.set(key, (totals.get(key) ?? 0) + amount(key));
  return totals;
}

/** Residents hosted per programme in a year: those whose stay at the hospital overlaps it by a day or more. */
export function residentsHosted(
  residents: Array<{ programmeId: string; stayStart: Date; stayEnd: Date }>,
  year: AcademicYear,
): Map<string, number> {
  return tally(residents.filter((r) => overlaps(r.stayStart, r.stayEnd, year)).map((r) => r.programmeId));
}

/** Rotations per department in a year: those not cancelled that overlap it by a day or more. */
export function rotationsPerDepartment(
  rotations: Array<{ departmentId: string; startDate: Date; endDate: Date; state: string }>,
  year: AcademicYear,
): Map<string, number> {
  return tally(rotations.filter((r) => r.state !== "cancelled" && overlaps(r.startDate, r.endDate, year)).map((r) => r.departmentId));
}

/**
 * Minutes of teaching delivered per programme in a year: the durations of the delivered sessions
 * (the caller passes only those: not cancelled, attendance confirmed) held in the year, each session
 * counted once for every programme it is meant for.
 */
export function teachingMinutesPerProgramme(
  sessions: Array<{ date: Date; durationMinutes: number; programmeIds: string[] }>,
  year: AcademicYear,
): Map<string, number> {
  const totals = new Map<string, number>();
  for (const s of sessions) {
    if (s.date < year.start || s.date > year.end) continue;
    for (const id of new Set(s.programmeIds)) totals.set(id, (totals.get(id) ?? 0) + s.durationMinutes);
  }
  return totals;
}

// ─── Public codes ────────────────────────────────────────────────────────────────────────────────

/** "Università Vita-Salute San Raffaele" → "universita-vita-salute-san-raffaele". */
export function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Codes from bases, made unique in a stable order: the first keeps its base, the next get "-2", "-3"… */
function uniqueCodes<T extends { id: string }>(items: T[], base: (item: T) => string, order: (a: T, b: T) => number): Map<string, string> {
  const codes = new Map<string, string>();
  const taken = new Set<string>();
  for (const item of [...items].sort(order)) {
    const root = base(item) || "x";
    let code = root;
    for (let n = 2; taken.has(code); n++) code = `${root}-${n}`;
    taken.add(code);
    codes.set(item.id, code);
  }
  return codes;
}

const byName = (a: { name: string }, b: { name: string }) => compareItalian(a.name, b.name);

/** A university's code: its short name ("UNIMI"), or its name in capitals and dashes without one. */
export function universityCodes(universities: Array<{ id: string; name: string; shortName: string | null }>): Map<string, string> {
  return uniqueCodes(universities, (u) => slug(u.shortName?.trim() || u.name).toUpperCase(), byName);
}

/** A department's code: its name in small letters and dashes ("oncologia-medica-1"). */
export function departmentCodes(departments: Array<{ id: string; name: string }>): Map<string, string> {
  return uniqueCodes(departments, (d) => slug(d.name), byName);
}

/** A programme's code: its university's code and its specialty's ("UNIMI-oncologia-medica"), unique since a university has one school per specialty. */
export function programmeCode(universityCode: string, specialtyCode: string): string {
  return `${universityCode}-${specialtyCode}`;
}

/** An agreement's code: its university's code and first day ("UNIMI-2024-01-01"). */
export function agreementCodes(
  agreements: Array<{ id: string; startDate: Date; createdAt: Date; universityCode: string }>,
): Map<string, string> {
  return uniqueCodes(
    agreements,
    (a) => `${a.universityCode}-${toIsoDate(a.startDate)}`,
    (a, b) => a.startDate.getTime() - b.startDate.getTime() || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
  );
}

// ─── What the datasets are made from ─────────────────────────────────────────────────────────────

export type OpenUniversity = { id: string; name: string; shortName: string | null; city: string };
export type OpenProgramme = { id: string; universityId: string; specialtyCode: string; durationYears: number; archivedAt: Date | null };
export type OpenAgreement = AgreementDates & {
  id: string;
  universityId: string;
  facilityRole: string;
  createdAt: Date;
  programmes: Array<{ programmeId: string; posts: number }>;
};
export type OpenDepartment = { id: string; name: string; archivedAt: Date | null };

/** The register the three datasets share: universities, programmes and signed agreements. */
export type OpenRegister = { universities: OpenUniversity[]; programmes: OpenProgramme[]; agreements: OpenAgreement[] };

type ProgrammeInfo = {
  code: string;
  universityCode: string;
  university: string;
  city: string;
  specialtyCode: string;
  it: string;
  en: string;
};

function programmeInfo(register: Pick<OpenRegister, "universities" | "programmes">): Map<string, ProgrammeInfo> {
  const universities = new Map(register.universities.map((u) => [u.id, u]));
  const codes = universityCodes(register.universities);
  const info = new Map<string, ProgrammeInfo>();
  for (const p of register.programmes) {
    const university = universities.get(p.universityId);
    const universityCode = codes.get(p.universityId) ?? "";
    info.set(p.id, {
      code: programmeCode(universityCode, p.specialtyCode),
      universityCode,
      university: university?.name ?? "",
      city: university?.city ?? "",
      specialtyCode: p.specialtyCode,
      it: specialtyName(p.specialtyCode, "it"),
      en: specialtyName(p.specialtyCode, "en"),
    });
  }
  return info;
}

const byProgramme = (a: { university: string; specialty_en: string }, b: { university: string; specialty_en: string }) =>
  compareItalian(a.university, b.university) || compareEnglish(a.specialty_en, b.specialty_en);

// ─── Dataset: programmes ─────────────────────────────────────────────────────────────────────────

export type ProgrammeRow = {
  programme_code: string;
  university_code: string;
  university: string;
  university_city: string;
  specialty_code: string;
  specialty_it: string;
  specialty_en: string;
  duration_years: number;
  agreement_in_force: boolean;
  posts_in_force: number;
};

/** The programmes the hospital hosts (those not archived), with the posts agreements in force grant them today. */
export function programmeRows(register: OpenRegister, today: Date): ProgrammeRow[] {
  const info = programmeInfo(register);
  const posts = new Map<string, number>();
  for (const a of register.agreements) {
    if (!inForceOn(a, today)) continue;
    for (const p of a.programmes) posts.set(p.programmeId, (posts.get(p.programmeId) ?? 0) + p.posts);
  }
  return register.programmes
    .filter((p) => !p.archivedAt)
    .map((p) => {
      const i = info.get(p.id)!;
      return {
        programme_code: i.code,
        university_code: i.universityCode,
        university: i.university,
        university_city: i.city,
        specialty_code: i.specialtyCode,
        specialty_it: i.it,
        specialty_en: i.en,
        duration_years: p.durationYears,
        agreement_in_force: posts.has(p.id),
        posts_in_force: posts.get(p.id) ?? 0,
      };
    })
    .sort(byProgramme);
}

// ─── Dataset: agreements ─────────────────────────────────────────────────────────────────────────

export type AgreementRow = {
  agreement_code: string;
  university_code: string;
  university: string;
  facility_role: string;
  valid_from: string;
  valid_to: string;
  programme_code: string;
  specialty_code: string;
  specialty_it: string;
  specialty_en: string;
  posts: number | null;
};

/** The agreements in force today, one row per programme each covers (one row with no programme if it covers none). */
export function agreementRows(register: OpenRegister, today: Date): AgreementRow[] {
  const info = programmeInfo(register);
  const universityCode = universityCodes(register.universities);
  const universityName = new Map(register.universities.map((u) => [u.id, u.name]));
  const inForce = register.agreements.filter((a) => inForceOn(a, today));
  const codes = agreementCodes(inForce.map((a) => ({ ...a, universityCode: universityCode.get(a.universityId) ?? "" })));
  const rows: AgreementRow[] = [];
  for (const a of inForce) {
    const agreement = {
      agreement_code: codes.get(a.id)!,
      university_code: universityCode.get(a.universityId) ?? "",
      university: universityName.get(a.universityId) ?? "",
      facility_role: a.facilityRole,
      valid_from: toIsoDate(a.startDate),
      valid_to: toIsoDate(effectiveEnd(a)),
    };
    const covered = a.programmes.map((p) => ({ ...p, info: info.get(p.programmeId) })).filter((p) => p.info);
    if (covered.length === 0)
      rows.push({ ...agreement, programme_code: "", specialty_code: "", specialty_it: "", specialty_en: "", posts: null });
    for (const p of covered) {
      rows.push({
        ...agreement,
        programme_code: p.info!.code,
        specialty_code: p.info!.specialtyCode,
        specialty_it: p.info!.it,
        specialty_en: p.info!.en,
        posts: p.posts,
      });
    }
  }
  return rows.sort(
    (a, b) =>
      compareItalian(a.university, b.university) ||
      a.valid_from.localeCompare(b.valid_from) ||
      a.agreement_code.localeCompare(b.agreement_code) ||
      compareEnglish(a.specialty_en, b.specialty_en),
  );
}

// ─── Dataset: yearly figures ─────────────────────────────────────────────────────────────────────

export const MEASURES = ["residents_hosted", "teaching_hours_delivered", "rotations"] as const;
export type Measure = (typeof MEASURES)[number];
const UNITS: Record<Measure, string> = { residents_hosted: "residents", teaching_hours_delivered: "hours", rotations: "rotations" };
/** The measures that count people or their rotations, and so follow the small-count rule. */
export const COUNT_MEASURES: readonly Measure[] = ["residents_hosted", "rotations"];

export type FigureRow = {
  academic_year: string;
  year_start: string;
  year_end: string;
  measure: Measure;
  unit: string;
  programme_code: string;
  university: string;
  specialty_it: string;
  specialty_en: string;
  department_code: string;
  department: string;
  value: PublishedCount;
};

/** A year's counts: residents hosted and minutes of teaching per programme, rotations per department. */
export type YearTallies = { hosted: Map<string, number>; minutes: Map<string, number>; rotations: Map<string, number> };

export type FigureRecords = {
  residents: Array<{ programmeId: string; stayStart: Date; stayEnd: Date }>;
  rotations: Array<{ departmentId: string; startDate: Date; endDate: Date; state: string }>;
  /** Delivered sessions only (not cancelled, attendance confirmed). */
  sessions: Array<{ date: Date; durationMinutes: number; programmeIds: string[] }>;
};

/**
 * Each year's counts from the records themselves: what the figures mean. The portal has the database
 * count them (open-data.server.ts, held to this by its test), a national portal's five years being half a
 * million rotations.
 */
export function yearTallies(years: AcademicYear[], records: FigureRecords): YearTallies[] {
  return years.map((year) => ({
    hosted: residentsHosted(records.residents, year),
    minutes: teachingMinutesPerProgramme(records.sessions, year),
    rotations: rotationsPerDepartment(records.rotations, year),
  }));
}

export type FigureInputs = Pick<OpenRegister, "universities" | "programmes"> & {
  departments: OpenDepartment[];
  /** One per year, in the years' order. */
  tallies: YearTallies[];
};

/**
 * The yearly figures, oldest year first: per programme, residents hosted and teaching hours delivered;
 * per department, rotations. Every programme and department in use appears every year (with 0 when
 * nothing happened), archived ones only in the years they have a figure.
 */
export function figureRows(years: AcademicYear[], inputs: FigureInputs): FigureRow[] {
  const info = programmeInfo(inputs);
  const departmentCode = departmentCodes(inputs.departments);
  const rows: FigureRow[] = [];
  // Sorted once for every year: comparing names in Italian is the costliest step of the figures.
  const ordered = inputs.programmes
    .map((p) => ({ p, i: info.get(p.id)! }))
    .sort((a, b) =>
      byProgramme({ university: a.i.university, specialty_en: a.i.en }, { university: b.i.university, specialty_en: b.i.en }),
    );
  const orderedDepartments = [...inputs.departments].sort(byName);
  for (const [index, year] of years.entries()) {
    // Each row's fields written out: spreading a shared object into 27,000 rows took five times as long.
    const [academic_year, year_start, year_end] = [year.label, toIsoDate(year.start), toIsoDate(year.end)];
    const { hosted, minutes, rotations } = inputs.tallies[index]!;

    const programmes = ordered.filter(({ p }) => !p.archivedAt || hosted.has(p.id) || minutes.has(p.id));
    const programmeRow = (i: ProgrammeInfo, measure: Measure, value: PublishedCount): FigureRow => ({
      academic_year,
      year_start,
      year_end,
      measure,
      unit: UNITS[measure],
      programme_code: i.code,
      university: i.university,
      specialty_it: i.it,
      specialty_en: i.en,
      department_code: "",
      department: "",
      value,
    });
    for (const { p, i } of programmes) rows.push(programmeRow(i, "residents_hosted", suppress(hosted.get(p.id) ?? 0)));
    for (const { p, i } of programmes) rows.push(programmeRow(i, "teaching_hours_delivered", hoursOf(minutes.get(p.id) ?? 0)));

    const departments = orderedDepartments.filter((d) => !d.archivedAt || rotations.has(d.id));
    for (const d of departments) {
      rows.push({
        academic_year,
        year_start,
        year_end,
        measure: "rotations",
        unit: UNITS.rotations,
        programme_code: "",
        university: "",
        specialty_it: "",
        specialty_en: "",
        department_code: departmentCode.get(d.id)!,
        department: d.name,
        value: suppress(rotations.get(d.id) ?? 0),
      });
    }
  }
  return rows;
}

// ─── Files ───────────────────────────────────────────────────────────────────────────────────────

/** Each dataset's columns, in file order: the CSV header and the JSON keys (English in both, whatever the reader's language). */
export const COLUMNS = {
  programmes: [
    "programme_code",
    "university_code",
    "university",
    "university_city",
    "specialty_code",
    "specialty_it",
    "specialty_en",
    "duration_years",
    "agreement_in_force",
    "posts_in_force",
  ],
  agreements: [
    "agreement_code",
    "university_code",
    "university",
    "facility_role",
    "valid_from",
    "valid_to",
    "programme_code",
    "specialty_code",
    "specialty_it",
    "specialty_en",
    "posts",
  ],
  figures: [
    "academic_year",
    "year_start",
    "year_end",
    "measure",
    "unit",
    "programme_code",
    "university",
    "specialty_it",
    "specialty_en",
    "department_code",
    "department",
    "value",
  ],
} as const satisfies {
  programmes: ReadonlyArray<keyof ProgrammeRow>;
  agreements: ReadonlyArray<keyof AgreementRow>;
  figures: ReadonlyArray<keyof FigureRow>;
};

export type DatasetName = keyof typeof COLUMNS;
export const DATASETS = Object.keys(COLUMNS) as DatasetName[];
export type RowOf<N extends DatasetName> = { programmes: ProgrammeRow; agreements: AgreementRow; figures: FigureRow }[N];
export const FORMATS = ["json", "csv"] as const;
export type FileFormat = (typeof FORMATS)[number];

/** A file's stable address. */
export function fileHref(name: DatasetName, format: FileFormat): string {
  return `/open/${name}.${format}`;
}

/** The rows as a CSV table: the header and the cells, in column order. */
export function csvTable<N extends DatasetName>(name: N, rows: Array<RowOf<N>>): { header: string[]; cells: unknown[][] } {
  const columns = COLUMNS[name] as ReadonlyArray<keyof RowOf<N>>;
  return { header: [...columns] as string[], cells: rows.map((row) => columns.map((column) => row[column])) };
}

/**
 * The JSON file: licence, attribution, when the data last changed (`generatedAt`, the same instant as
 * the Last-Modified header, so that the file stays byte for byte the same until the data changes),
 * where its columns are documented, and the rows.
 */
export function jsonDocument<N extends DatasetName>(name: N, rows: Array<RowOf<N>>, meta: { hospitalName: string; lastModified: Date }) {
  return {
    dataset: name,
    licence: LICENCE,
    licenceUrl: LICENCE_URL,
    attribution: attribution(meta.hospitalName),
    generatedAt: meta.lastModified.toISOString(),
    documentation: DOCUMENTATION_PATH,
    columns: [...COLUMNS[name]],
    data: rows,
  };
}

// ─── When the data last changed ──────────────────────────────────────────────────────────────────

/** The latest of some instants (the epoch when there are none). */
export function latest(...instants: Array<Date | null | undefined>): Date {
  let max = 0;
  for (const instant of instants) if (instant && instant.getTime() > max) max = instant.getTime();
  return new Date(max);
}

/**
 * The last day, up to today, on which an agreement came into force or stopped being in force: the
 * agreements in force change on that day without any record being written.
 */
export function lastAgreementChangeDay(agreements: AgreementDates[], today: Date): Date | null {
  let last: Date | null = null;
  for (const a of agreements) {
    if (!a.signedOn) continue;
    for (const day of [a.startDate, addDays(effectiveEnd(a), 1)]) if (day <= today && (!last || day > last)) last = day;
  }
  return last;
}
