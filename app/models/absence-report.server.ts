import { absenceReport, type ReportAbsence } from "~/domain/absence-report";
import { monthWindow, type YearMonth } from "~/domain/planning-board";
import { prisma, type Prisma } from "~/utils/db.server";
import { PROTECTED_RECORDED } from "./absence.server";
import { absenceSettings, workingDayOf } from "./settings.server";

/**
 * The reads of the monthly absences report (/admin/absences/report and its CSV): a university's residents
 * at the hospital in a month, with their approved leave and recorded protected absences. Six queries
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
  const window = monthWindow(month);
  const atHospital = {
    programme: { universityId: university.id },
    stayStart: { lte: window.end },
    stayEnd: { gte: window.start },
  } satisfies Prisma.ResidentWhereInput;
  const [residents, absences] = await Promise.all([
    prisma.resident.findMany({
      where: atHospital,
      select: { id: true, studentNumber: true, user: { select: { name: true } }, programme: { select: { specialtyCode: true } } },
      orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
    }),
    prisma.absence.findMany({
      where: {
        resident: atHospital,
        OR: [
          // Every recorded protected absence: a suspension in the month may be a run that began long before.
          PROTECTED_RECORDED,
          { kind: "personal", state: "approved", startDate: { lte: window.end }, endDate: { gte: window.start } },
        ],
      },
      select: { residentId: true, kind: true, state: true, protectedType: true, startDate: true, endDate: true },
      orderBy: [{ startDate: "asc" }, { id: "asc" }],
    }),
  ]);
  const byResident = new Map<string, ReportAbsence[]>();
  for (const row of absences) {
    const list = byResident.get(row.residentId) ?? [];
    // The type goes no further than this: whether the absence suspends training by itself.
    list.push({ kind: row.kind, state: row.state, start: row.startDate, end: row.endDate, suspends: row.protectedType === "suspension" });
    byResident.set(row.residentId, list);
  }
  const report = absenceReport(
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
  return { universities, university, month, settings: counting, report };
}
