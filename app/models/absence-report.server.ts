import { absenceReport, type ReportAbsence } from "~/domain/absence-report";
import { monthWindow, type YearMonth } from "~/domain/planning-board";
import { prisma, type Prisma } from "~/utils/db.server";
import { remembered } from "~/utils/read-cache.server";
import { absenceSettings, workingDayOf } from "./settings.server";

/**
 * The reads of the monthly absences report (/admin/absences/report and its CSV): a university's residents
 * at the hospital in a month, with their approved leave and recorded protected absences. A fixed number of queries
 * whatever the number of residents and absences; the counting is app/domain/absence-report.ts. A
 * protected absence's type is read only to know whether it is a suspension the school decided (which
 * suspends whatever its length, as on the resident's record), and never leaves this module: the report
 * shows the kind alone.
 */

/** The universities to choose from: those with programmes, by name, archived ones too (a past month may need them). */
function universitiesToChoose() {
  return prisma.university.findMany({
    where: { programmes: { some: {} } },
    select: { id: true, name: true, shortName: true, archivedAt: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

/**
 * A university's month: the universities to choose from, the chosen one (an unknown or missing id falls
 * back to the first in use by name; null when there is none), the count settings, and the report: every
 * resident of its programmes whose stay meets the month, by name, with their programme's specialty, the
 * days of approved leave and recorded protected absence in the month, and the suspensions that meet it
 * (from their protected absences over the whole record).
 */
export async function absenceReportFor(requestedId: string | null, month: YearMonth) {
  const [universities, settings] = await Promise.all([universitiesToChoose(), absenceSettings()]);
  const university =
    universities.find((u) => u.id === requestedId) ?? universities.find((u) => u.archivedAt === null) ?? universities[0] ?? null;
  const counting = { countMode: settings.countMode, suspensionAfter: settings.suspensionAfter };
  if (!university) return { universities, university: null, month, settings: counting, report: null };
  // Hundreds of residents and their absences at national size, counted day by day: remembered until an
  // absence, a resident, a programme or a setting changes (the settings are read again inside, so noted).
  const report = await remembered(`absence-report:${university.id}:${month.year}-${month.month}`, () => reportOf(university.id, month));
  return { universities, university, month, settings: counting, report };
}

async function reportOf(universityId: string, month: YearMonth) {
  const settings = await absenceSettings();
  const counting = { countMode: settings.countMode, suspensionAfter: settings.suspensionAfter };
  const window = monthWindow(month);
  const atHospital = {
    programme: { universityId },
    stayStart: { lte: window.end },
    stayEnd: { gte: window.start },
  } satisfies Prisma.ResidentWhereInput;
  const residents = await prisma.resident.findMany({
    where: atHospital,
    select: { id: true, studentNumber: true, user: { select: { name: true } }, programme: { select: { specialtyCode: true } } },
    orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
  });
  // By the residents' ids (the index on residentId): asked through the resident's relation, SQLite walked
  // every absence of the country and looked each one's resident up (11 s a request at national size).
  const rows = await prisma.absence.findMany({
    where: { residentId: { in: residents.map((r) => r.id) } },
    select: { residentId: true, kind: true, state: true, protectedType: true, startDate: true, endDate: true },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
  });
  // Every recorded protected absence (a suspension in the month may be a run that began long before), and
  // the approved leave that meets the month. Kept here rather than asked of SQLite, which would then walk
  // the index on state over the whole country (isAway in away.server.ts says the same).
  const absences = rows.filter(
    (row) =>
      (row.kind === "protected" && row.state === "recorded") ||
      (row.kind === "personal" && row.state === "approved" && row.startDate <= window.end && row.endDate >= window.start),
  );
  const byResident = new Map<string, ReportAbsence[]>();
  for (const row of absences) {
    const list = byResident.get(row.residentId) ?? [];
    // The type goes no further than this: whether the absence suspends training by itself.
    list.push({ kind: row.kind, state: row.state, start: row.startDate, end: row.endDate, suspends: row.protectedType === "suspension" });
    byResident.set(row.residentId, list);
  }
  return absenceReport(
    month,
    residents.map((resident) => ({
      id: resident.id,
      name: resident.user.name,
      studentNumber: resident.studentNumber,
      specialtyCode: resident.programme.specialtyCode,
      absences: byResident.get(resident.id) ?? [],
    })),
    counting,
    workingDayOf(settings),
  );
}
