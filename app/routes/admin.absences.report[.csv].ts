import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { hospitalToday } from "~/domain/dates";
import { formatMonth, monthOf, parseMonth } from "~/domain/planning-board";
import { specialtyName } from "~/domain/specialties";
import { translator } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { absenceReportFor } from "~/models/absence-report.server";
import { csvResponse, toCsv } from "~/utils/csv";

export const handle = { policy: "admin" };

/**
 * The monthly absences report as shown (same university and month, the same fallbacks), as CSV for the
 * university's office: one row per resident with their days of personal leave and of protected absence,
 * and the suspension that meets the month, if any; a resident with a second suspension that month gets a
 * second row carrying only that suspension. A last row holds the totals. Headers in the reader's language,
 * days as YYYY-MM-DD, and never a protected absence's type.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = localeOf(request, admin);
  const t = translator(locale);
  const url = new URL(request.url);
  const month = parseMonth(url.searchParams.get("month")) ?? monthOf(hospitalToday());
  const { university, settings, report } = await absenceReportFor(url.searchParams.get("university"), month);
  const counted = t(`absences.counted.${settings.countMode}`);
  const monthText = formatMonth(month);
  const header = [
    t("absences.report.resident"),
    t("absences.report.studentNumber"),
    t("absences.report.programme"),
    t("absences.report.personalDays"),
    t("absences.report.protectedDays"),
    t("absences.report.csvSuspendedFrom"),
    t("absences.report.csvSuspendedTo"),
    t("absences.report.csvWorkingDays"),
    t("absences.report.csvDaysToMakeUp"),
    t("absences.report.csvDaysInMonth"),
    t("absences.report.csvUniversity"),
    t("absences.report.csvMonth"),
    t("absences.report.csvCounted"),
  ];
  const rows: unknown[][] = [];
  const noSuspension = ["", "", "", "", ""];
  for (const row of report?.rows ?? []) {
    const who = [row.name, row.studentNumber, specialtyName(row.specialtyCode, locale)];
    const [first, ...others] = row.suspensions;
    const suspension = (s: NonNullable<typeof first>) => [s.start, s.end, s.workingDays, s.days, s.daysInMonth];
    const where = [university?.name ?? "", monthText, counted];
    rows.push([...who, row.personalDays, row.protectedDays, ...(first ? suspension(first) : noSuspension), ...where]);
    for (const other of others) rows.push([...who, "", "", ...suspension(other), ...where]);
  }
  if (report && university) {
    const { totals } = report;
    rows.push([
      t("absences.report.total"),
      t("absences.report.residents", { count: totals.residents }),
      "",
      totals.personalDays,
      totals.protectedDays,
      "",
      "",
      "",
      "",
      totals.suspendedDaysInMonth,
      university.name,
      monthText,
      counted,
    ]);
  }
  const name = university ? (university.shortName ?? university.name) : "";
  return csvResponse(toCsv(header, rows, locale), `${t("absences.report.csvName")}-${name}-${monthText}.csv`);
}
