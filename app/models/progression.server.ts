import { clip, daysCounted, suspendedDays, suspensionUse, suspensions, type Span } from "~/domain/absences";
import { addDays, daysBetween, hospitalToday } from "~/domain/dates";
import { groupBy } from "~/domain/group";
import { OUTCOME_COLUMNS, OUTCOME_IMPORT_LIMITS, readOutcomeHeader, readOutcomeRow, type OutcomeCells } from "~/domain/progression-import";
import { encodeMessage, notFound, refuse, type RefusalValues } from "~/domain/refusal";
import { academicYear, academicYearOf, type YearStart } from "~/domain/teaching";
import {
  MAX_GRADE,
  owedDays,
  trainingCalendar,
  yearFrom,
  yearOn,
  type DecidedOutcome,
  type Outcome,
  type TrainingCalendar,
  type TrainingYear,
} from "~/domain/training-calendar";
import { parseCsv } from "~/utils/csv";
import { prisma, type Prisma } from "~/utils/db.server";
import { insertRecordedAbsence, PROTECTED_RECORDED } from "./absence.server";
import { recordAudit } from "./audit.server";
import { programmeProgress } from "./logbook-progress.server";
import { absenceSettings, academicYearStart, workingDayOf, type AbsenceCalendar } from "./settings.server";

/**
 * Training calendars and year progression (issue 19, sections 4 and 5): each resident's training years
 * from their contract start (app/domain/training-calendar.ts), moved by suspensions and decided by the
 * school's outcomes; the round of a programme's residents for an academic year with what tells whether
 * each is ready to move on; and the outcomes recorded, which change the record at once.
 */

const calendarSelect = {
  id: true,
  contractStart: true,
  yearOfTraining: true,
  stayStart: true,
  stayEnd: true,
  programmeId: true,
  programme: { select: { durationYears: true, maxSuspensionDays: true } },
  absences: { where: PROTECTED_RECORDED, select: { startDate: true, endDate: true, protectedType: true } },
  outcomes: {
    select: {
      id: true,
      academicYear: true,
      trainingYear: true,
      outcome: true,
      decidedOn: true,
      suspendedTo: true,
      examDate: true,
      grade: true,
      honours: true,
      note: true,
    },
    orderBy: { decidedOn: "asc" },
  },
} satisfies Prisma.ResidentSelect;
type CalendarRow = Prisma.ResidentGetPayload<{ select: typeof calendarSelect }>;

export type ResidentCalendar = {
  /** From the contract start; null when it is not known (the training year is then the academic year). */
  calendar: TrainingCalendar | null;
  suspensions: Span[];
  /** The training year running today. */
  current: TrainingYear;
  owedToday: number;
  /** All suspended time against the programme's maximum (a warning from 80%). */
  suspensionUse: ReturnType<typeof suspensionUse>;
};

/**
 * A resident's calendar: from the contract start when known; otherwise one year, the academic year that
 * holds `day`, at the year of training on record.
 */
function calendarOf(resident: CalendarRow, settings: AbsenceCalendar, yearStart: YearStart, day: Date): ResidentCalendar {
  const list = suspensions(
    resident.absences.map((a) => ({ start: a.startDate, end: a.endDate, suspends: a.protectedType === "suspension" })),
    settings,
    workingDayOf(settings),
  );
  const spans = list.map((s) => ({ start: s.start, end: s.end }));
  const use = suspensionUse(suspendedDays(list), resident.programme.maxSuspensionDays);
  if (resident.contractStart) {
    const calendar = trainingCalendar({
      contractStart: resident.contractStart,
      durationYears: resident.programme.durationYears,
      suspensions: spans,
      outcomes: resident.outcomes.map((o): DecidedOutcome => ({
        trainingYear: o.trainingYear,
        outcome: o.outcome as Outcome,
        decidedOn: o.decidedOn,
      })),
    });
    const current = yearOn(calendar, day)!;
    return { calendar, suspensions: spans, current, owedToday: owedDays(current, day), suspensionUse: use };
  }
  const academic = academicYearOf(day, yearStart);
  const current: TrainingYear = {
    year: resident.yearOfTraining,
    start: academic.start,
    ...yearFrom(academic.start, spans),
    outcome: null,
    repeated: false,
  };
  return { calendar: null, suspensions: spans, current, owedToday: owedDays(current, day), suspensionUse: use };
}

async function calendarContext() {
  const [settings, yearStart] = await Promise.all([absenceSettings(), academicYearStart()]);
  return { settings, yearStart };
}

/** A resident's training calendar and outcomes, for their page and their own; null when there is no such resident. */
export async function residentCalendar(residentId: string, today = hospitalToday()) {
  const [resident, { settings, yearStart }] = await Promise.all([
    prisma.resident.findUnique({ where: { id: residentId }, select: calendarSelect }),
    calendarContext(),
  ]);
  if (!resident) return null;
  return { ...calendarOf(resident, settings, yearStart, today), outcomes: resident.outcomes, contractStart: resident.contractStart };
}

/** The signed-in resident's own calendar; null for a person with no resident record. */
export async function myCalendar(userId: string, today = hospitalToday()) {
  const resident = await prisma.resident.findUnique({ where: { userId }, select: { id: true } });
  return resident ? residentCalendar(resident.id, today) : null;
}

// ─── The round ───────────────────────────────────────────────────────────────────────────────────

/**
 * The training year a round decides: of those laid out, the one ending within the academic year, else the
 * one running on its last day.
 */
function yearToDecide(resident: CalendarRow, settings: AbsenceCalendar, yearStart: YearStart, round: { start: Date; end: Date }) {
  const own = calendarOf(resident, settings, yearStart, round.end);
  if (!own.calendar) {
    // No contract start: the academic year of the round is the training year.
    const year: TrainingYear = { ...own.current, start: round.start, ...yearFrom(round.start, own.suspensions) };
    return { year, last: resident.yearOfTraining >= resident.programme.durationYears, known: false, suspension: own.suspensionUse };
  }
  const year = own.calendar.years.find((y) => round.start <= y.end && y.end <= round.end) ?? own.current;
  return { year, last: year.year >= resident.programme.durationYears, known: true, suspension: own.suspensionUse };
}

export type RoundRow = {
  id: string;
  name: string;
  studentNumber: string;
  stay: Span;
  yearOfTraining: number;
  contractKnown: boolean;
  year: TrainingYear;
  last: boolean;
  rotations: { done: number; total: number };
  evaluations: { signed: number; due: number };
  owedDays: number;
  personalDays: number;
  teachingHours: number;
  logbook: { reached: number; behind: number } | null;
  suspension: ResidentCalendar["suspensionUse"];
  outcome: CalendarRow["outcomes"][number] | null;
};

/**
 * A programme's round for an academic year: its residents at the hospital that year and, for each, the
 * training year to decide and what tells whether they are ready to move on. A fixed handful of queries
 * whatever the number of residents; the arithmetic is done here.
 */
export async function progressionRound(programmeId: string, startYear: number, today = hospitalToday()) {
  const programme = await prisma.programme.findUnique({
    where: { id: programmeId },
    select: { id: true, universityId: true, specialtyCode: true, durationYears: true, university: { select: { name: true } } },
  });
  if (!programme) return null;
  const { settings, yearStart } = await calendarContext();
  const round = academicYear(startYear, yearStart);
  const residents = await prisma.resident.findMany({
    where: { programmeId, stayStart: { lte: round.end }, stayEnd: { gte: round.start } },
    select: { ...calendarSelect, studentNumber: true, user: { select: { name: true } } },
    orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
  });
  const decided = residents.map((r) => ({ resident: r, ...yearToDecide(r, settings, yearStart, round) }));
  const ids = residents.map((r) => r.id);
  const from = decided.reduce((min, d) => (d.year.start < min ? d.year.start : min), round.start);
  const to = decided.reduce((max, d) => (d.year.end > max ? d.year.end : max), round.end);
  const [rotations, leave, attendance, progress] = await Promise.all([
    prisma.rotation.findMany({
      where: { residentId: { in: ids }, state: { not: "cancelled" }, startDate: { lte: to }, endDate: { gte: from } },
      select: { residentId: true, startDate: true, endDate: true, tutorEvaluation: { select: { signedAt: true } } },
    }),
    // By resident alone, as awaySpans reads them (away.server.ts); the approved leave is kept below.
    prisma.absence.findMany({
      where: { residentId: { in: ids }, startDate: { lte: to }, endDate: { gte: from } },
      select: { residentId: true, startDate: true, endDate: true, kind: true, state: true },
    }),
    prisma.attendance.findMany({
      where: { residentId: { in: ids }, status: "present", session: { cancelledAt: null, date: { gte: from, lte: to } } },
      select: { residentId: true, session: { select: { date: true, durationMinutes: true } } },
    }),
    programmeProgress(programmeId, today, { sort: "name", dir: "asc", page: 1, show: "all" }, { all: true }),
  ]);
  const logbook = new Map(progress.rows.map((r) => [r.id, { reached: r.reached, behind: r.behindCount }]));
  const workingDay = workingDayOf(settings);
  const inYear = (span: Span, year: TrainingYear) => clip(span, { start: year.start, end: year.end });
  // Each list once into its residents' shares, so that a round of hundreds stays linear.
  const byResident = <T extends { residentId: string }>(list: T[]) => {
    const shares = groupBy(list, (x) => x.residentId);
    return (id: string) => shares.get(id) ?? [];
  };
  const approvedLeave = leave.filter((l) => l.kind === "personal" && l.state === "approved");
  const [rotationsOf, leaveOf, attendanceOf] = [byResident(rotations), byResident(approvedLeave), byResident(attendance)];
  const rows = decided.map(({ resident, year, last, known, suspension }): RoundRow => {
    const theirRotations = rotationsOf(resident.id).filter((r) => inYear({ start: r.startDate, end: r.endDate }, year));
    const ended = theirRotations.filter((r) => r.endDate < today);
    const minutes = attendanceOf(resident.id)
      .filter((a) => year.start <= a.session.date && a.session.date <= year.end)
      .reduce((sum, a) => sum + a.session.durationMinutes, 0);
    return {
      id: resident.id,
      name: resident.user.name,
      studentNumber: resident.studentNumber,
      stay: { start: resident.stayStart, end: resident.stayEnd },
      yearOfTraining: resident.yearOfTraining,
      contractKnown: known,
      year,
      last,
      rotations: { done: ended.length, total: theirRotations.length },
      evaluations: { signed: ended.filter((r) => r.tutorEvaluation?.signedAt).length, due: ended.length },
      owedDays: owedDays(year, today < year.end ? today : year.end),
      personalDays: leaveOf(resident.id).reduce((sum, l) => {
        const part = inYear({ start: l.startDate, end: l.endDate }, year);
        return sum + (part ? daysCounted(part, settings.countMode, workingDay) : 0);
      }, 0),
      teachingHours: Math.round(minutes / 6) / 10,
      logbook: logbook.get(resident.id) ?? null,
      suspension,
      outcome: resident.outcomes.find((o) => o.academicYear === startYear) ?? null,
    };
  });
  return { programme, round, rows, countMode: settings.countMode };
}

/** One resident's row of a round (this academic year's when none is given), for the page that records their outcome. */
export async function progressionRoundRow(residentId: string, startYear: number | undefined, today = hospitalToday()) {
  const resident = await prisma.resident.findUnique({ where: { id: residentId }, select: { programmeId: true } });
  if (!resident) return null;
  const year = startYear ?? academicYearOf(today, await academicYearStart()).startYear;
  const round = await progressionRound(resident.programmeId, year, today);
  const row = round?.rows.find((r) => r.id === residentId);
  return round && row ? { row, label: round.round.label, startYear: year, programmeId: resident.programmeId } : null;
}

/**
 * The programmes a round is chosen from, a university at a time (a national portal has thousands): the
 * universities with programmes in use, by name; the chosen one (the one asked for, else the asked
 * programme's, else the first); its programmes in use; and the chosen programme (the one asked for when it
 * is that university's, else its first by specialty code). Null when no programme is in use.
 */
export async function progressionChoices(asked: { university?: string; programme?: string }) {
  const inUse = { archivedAt: null } as const;
  const [universities, askedProgramme] = await Promise.all([
    prisma.university.findMany({
      where: { programmes: { some: inUse } },
      select: { id: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
    asked.programme ? prisma.programme.findFirst({ where: { id: asked.programme, ...inUse }, select: { universityId: true } }) : null,
  ]);
  const university =
    universities.find((u) => u.id === asked.university) ??
    universities.find((u) => u.id === askedProgramme?.universityId) ??
    universities[0];
  if (!university) return null;
  const programmes = await prisma.programme.findMany({
    where: { universityId: university.id, ...inUse },
    select: { id: true, specialtyCode: true, university: { select: { name: true } } },
    orderBy: [{ specialtyCode: "asc" }, { id: "asc" }],
  });
  const programme = programmes.find((p) => p.id === asked.programme) ?? programmes[0]!;
  return { universities, university, programmes, programme };
}

// ─── Recording an outcome ────────────────────────────────────────────────────────────────────────

export type OutcomeInput = {
  outcome: Outcome;
  decidedOn: Date;
  suspendedTo?: Date | undefined;
  examDate?: Date | undefined;
  grade?: number | undefined;
  honours?: boolean | undefined;
  note?: string | undefined;
};

/**
 * Records the school's decision on a resident's training year in an academic year's round, and applies it
 * in the same transaction:
 * - admitted: the next year of training (in the last year, the diploma, with the exam's date and grade);
 *   refused while suspended time is still owed on the day of the decision, naming the days;
 * - repeats: the same year again, the expected end a year later (the calendar lays it out);
 * - not admitted: the stay ends on the day of the decision, and later rotations break (rule 1);
 * - suspended: a suspension from that day to the day given, recorded as a protected absence of type
 *   "suspension": it moves the end dates and breaks the rotations it meets (rule 7).
 * One outcome per resident and round. The history keeps it on the resident's record.
 */
export async function recordOutcome(
  adminId: string,
  residentId: string,
  startYear: number,
  input: OutcomeInput,
  now = new Date(),
): Promise<void> {
  const context = await calendarContext();
  await prisma.$transaction((tx) => applyOutcome(tx, context, { adminId, residentId, startYear, input, now }));
}

/** recordOutcome's work inside the caller's transaction (one outcome, or every outcome of an import). */
async function applyOutcome(
  tx: Prisma.TransactionClient,
  { settings, yearStart }: Awaited<ReturnType<typeof calendarContext>>,
  {
    adminId,
    residentId,
    startYear,
    input,
    now,
  }: { adminId: string; residentId: string; startYear: number; input: OutcomeInput; now: Date },
) {
  const round = academicYear(startYear, yearStart);
  const resident = await tx.resident.findUnique({ where: { id: residentId }, select: { ...calendarSelect } });
  if (!resident) notFound();
  if (resident.outcomes.some((o) => o.academicYear === startYear)) refuse(null, "progression.errors.alreadyRecorded");
  const { year, last } = yearToDecide(resident, settings, yearStart, round);
  const problems = outcomeProblems(input, { year, last, stay: { start: resident.stayStart, end: resident.stayEnd } });
  if (problems) refuse(problems.field, problems.key, { values: problems.values, status: 400 });

  const before = { yearOfTraining: resident.yearOfTraining, stayEnd: resident.stayEnd };
  const after = { ...before };
  if (input.outcome === "admitted" && !last) after.yearOfTraining = Math.min(year.year + 1, resident.programme.durationYears);
  if (input.outcome === "not-admitted" && input.decidedOn < resident.stayEnd) after.stayEnd = input.decidedOn;
  if (after.yearOfTraining !== before.yearOfTraining || after.stayEnd !== before.stayEnd)
    await tx.resident.update({ where: { id: residentId }, data: after });
  if (input.outcome === "suspended") await suspend(tx, adminId, residentId, { start: input.decidedOn, end: input.suspendedTo! }, now);
  const final = input.outcome === "admitted" && last;
  await tx.progressionOutcome.create({
    data: {
      residentId,
      academicYear: startYear,
      trainingYear: year.year,
      outcome: input.outcome,
      decidedOn: input.decidedOn,
      suspendedTo: input.outcome === "suspended" ? input.suspendedTo! : null,
      examDate: final ? input.examDate! : null,
      grade: final ? input.grade! : null,
      honours: final ? Boolean(input.honours) : false,
      note: input.note?.trim() || null,
      recordedById: adminId,
    },
  });
  await recordAudit(tx, {
    actorId: adminId,
    action: "decide",
    entityType: "resident",
    entityId: residentId,
    before,
    after: {
      ...after,
      outcome: input.outcome,
      trainingYear: year.year,
      decidedOn: input.decidedOn,
      ...(input.outcome === "suspended" ? { suspendedTo: input.suspendedTo! } : {}),
      ...(final ? { examDate: input.examDate!, grade: input.grade!, honours: Boolean(input.honours) } : {}),
    },
  });
}

/** Why an outcome cannot be recorded as given, beside its field; null when it can. */
export function outcomeProblems(
  input: OutcomeInput,
  context: { year: TrainingYear; last: boolean; stay: Span },
): { field: string | null; key: string; values?: Record<string, string | number> } | null {
  if (input.outcome === "admitted") {
    const owed = owedDays(context.year, input.decidedOn);
    if (owed > 0) return { field: "outcome", key: "progression.errors.owesDays", values: { count: owed } };
    if (context.last) {
      if (!input.examDate) return { field: "examDate", key: "progression.errors.examDateRequired" };
      if (input.grade === undefined) return { field: "grade", key: "progression.errors.gradeRequired" };
      if (input.grade < 0 || input.grade > MAX_GRADE) return { field: "grade", key: "progression.errors.gradeInvalid" };
      if (input.honours && input.grade !== MAX_GRADE) return { field: "honours", key: "progression.errors.honoursNeedFull" };
    }
  }
  if (input.outcome === "suspended") {
    if (!input.suspendedTo) return { field: "suspendedTo", key: "progression.errors.suspendedToRequired" };
    if (input.suspendedTo < input.decidedOn) return { field: "suspendedTo", key: "progression.errors.suspendedToBefore" };
    if (daysBetween(input.decidedOn, input.suspendedTo) > 730) return { field: "suspendedTo", key: "progression.errors.suspensionTooLong" };
  }
  if (input.decidedOn < context.stay.start || input.decidedOn > addDays(context.stay.end, 366))
    return { field: "decidedOn", key: "progression.errors.decidedOutsideStay" };
  return null;
}

/** The school's suspension, as a protected absence of type "suspension" (so every rule of absences applies). */
async function suspend(tx: Prisma.TransactionClient, adminId: string, residentId: string, span: Span, now: Date) {
  const overlapping = await tx.absence.findFirst({
    where: { residentId, state: { in: ["requested", "approved", "recorded"] }, startDate: { lte: span.end }, endDate: { gte: span.start } },
    select: { id: true },
  });
  if (overlapping) refuse("suspendedTo", "progression.errors.suspensionOverlaps", { status: 400 });
  await insertRecordedAbsence(tx, { adminId, residentId, protectedType: "suspension", span, reason: null, documentId: null, now });
}

// ─── Importing a round's outcomes ────────────────────────────────────────────────────────────────

export type OutcomeImportRow = {
  /** The line of the file (the header is line 1). */
  line: number;
  studentNumber: string;
  /** The resident it names, when found in the round. */
  resident: { id: string; name: string; year: number } | null;
  values: OutcomeCells | null;
  /** Why it cannot be recorded, as messages (app/domain/refusal.ts); none when it can. */
  problems: string[];
};

/** Refuses a file that cannot be read as a list of outcomes at all, beside the form's file field. */
function refuseOutcomeFile(
  code: "empty" | "tooManyRows" | "notText" | "missingColumns" | "duplicatedColumns",
  values?: RefusalValues,
): never {
  refuse("file", `progression.import.fileErrors.${code}`, { values, status: 400 });
}

/**
 * Checks each row of the university's outcomes for a programme's round, writing nothing: its cells, the
 * resident it names (by student number, among the round's), a resident named twice, an outcome already
 * recorded, and what the outcome needs (outcomeProblems). A handful of queries whatever the file's size.
 */
export async function checkOutcomeImport(programmeId: string, startYear: number, content: string, today = hospitalToday()) {
  if (content.includes("\u0000")) refuseOutcomeFile("notText");
  const [head, ...data] = parseCsv(content);
  if (!head || data.length === 0) refuseOutcomeFile("empty");
  if (data.length > OUTCOME_IMPORT_LIMITS.rows) refuseOutcomeFile("tooManyRows", { max: OUTCOME_IMPORT_LIMITS.rows, count: data.length });
  const header = readOutcomeHeader(head.cells);
  if (header.missing.length) refuseOutcomeFile("missingColumns", { columns: header.missing.join(", ") });
  if (header.duplicated.length) refuseOutcomeFile("duplicatedColumns", { columns: header.duplicated.join(", ") });
  const round = await progressionRound(programmeId, startYear, today);
  if (!round) notFound();
  const byNumber = new Map(round.rows.map((row) => [row.studentNumber.toUpperCase(), row]));
  const seen = new Map<string, number>();
  const rows = data.map((csvRow): OutcomeImportRow => {
    const read = readOutcomeRow(csvRow.cells, header.columns);
    const studentNumber = read.values?.studentNumber ?? (csvRow.cells[header.columns.studentNumber ?? -1] ?? "").trim();
    const row = byNumber.get(studentNumber.toUpperCase()) ?? null;
    // The column by its name in the file, in either language: each catalogue picks its own.
    const named = (column: string) => OUTCOME_COLUMNS.find((c) => c.key === column)!;
    const problems = read.problems.map((p) =>
      encodeMessage({ key: `progression.import.cells.${p.code}`, values: { en: named(p.column).en, it: named(p.column).it } }),
    );
    const first = seen.get(studentNumber.toUpperCase());
    if (studentNumber && first !== undefined) problems.push(encodeMessage({ key: "progression.import.twice", values: { line: first } }));
    else if (studentNumber) seen.set(studentNumber.toUpperCase(), csvRow.line);
    if (studentNumber && !row) problems.push(encodeMessage({ key: "progression.import.unknownResident", values: { studentNumber } }));
    if (row?.outcome) problems.push("progression.errors.alreadyRecorded");
    if (row && read.values && problems.length === 0) {
      const found = outcomeProblems(read.values, { year: row.year, last: row.last, stay: row.stay });
      if (found) problems.push(encodeMessage({ key: found.key, ...(found.values ? { values: found.values } : {}) }));
    }
    return {
      line: csvRow.line,
      studentNumber,
      resident: row ? { id: row.id, name: row.name, year: row.year.year } : null,
      values: read.values,
      problems,
    };
  });
  return { round, rows, ready: rows.every((row) => row.problems.length === 0) };
}

/**
 * Records every outcome of the file in one transaction, or none: a file with any row that cannot be
 * recorded is refused whole (the page shows which rows and why). Returns how many were recorded.
 */
export async function applyOutcomeImport(adminId: string, programmeId: string, startYear: number, content: string, now = new Date()) {
  const { rows, ready } = await checkOutcomeImport(programmeId, startYear, content, hospitalToday(now));
  if (!ready) refuse(null, "progression.import.notAllValid", { status: 400 });
  const context = await calendarContext();
  await prisma.$transaction(async (tx) => {
    for (const row of rows) {
      const { studentNumber: _, ...input } = row.values!;
      await applyOutcome(tx, context, { adminId, residentId: row.resident!.id, startYear, input, now });
    }
  });
  return rows.length;
}
