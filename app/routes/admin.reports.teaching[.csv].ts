import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { toIsoDate } from "~/domain/dates";
import { hoursOf } from "~/domain/teaching";
import { NO_DEPARTMENT, type ReportRow } from "~/domain/teaching-report";
import { formatters } from "~/i18n/format";
import { translator } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { readReportQuery, teachingReportFor } from "~/models/teaching-report.server";
import { csvResponse, toCsv } from "~/utils/csv";

export const handle = { policy: "admin" };

/**
 * The teaching report as shown (same period and grouping), as CSV for Excel: one row per group and
 * a last row with the period's total, each session counted once. Decimals in the reader's language,
 * so that Excel reads them as numbers.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = localeOf(request, admin);
  const t = translator(locale);
  const query = await readReportQuery(new URL(request.url));
  if (!query.ok) {
    const messages = [...(query.errors.from ?? []), ...(query.errors.to ?? [])].map((key) => t(key as never));
    throw new Response(messages.join("\n"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const { period, by } = query;
  const report = await teachingReportFor(period, by, locale);
  const { decimal } = formatters(locale);
  const figures = (row: ReportRow) => [
    row.sessions,
    decimal(hoursOf(row.minutesDelivered)),
    decimal(hoursOf(row.minutesAttended)),
    row.rate === null ? "" : Math.round(row.rate * 100),
    row.present,
    row.absent,
    row.excused,
  ];
  const from = toIsoDate(period.from);
  const to = toIsoDate(period.to);
  const header = [
    t(`teachingReport.report.group.${by}`),
    t("teachingReport.report.csvDetail"),
    t("teachingReport.report.sessions"),
    t("teachingReport.report.hoursDelivered"),
    t("teachingReport.report.hoursAttended"),
    `${t("teachingReport.report.rate")} (%)`,
    t("teachingReport.report.csvPresent"),
    t("teachingReport.report.csvAbsent"),
    t("teachingReport.report.csvExcused"),
    t("teachingReport.report.from"),
    t("teachingReport.report.to"),
  ];
  const rows = [
    ...report.rows.map((row) => [
      row.name ?? (row.key === NO_DEPARTMENT ? t("teachingReport.report.noDepartment") : t("teachingReport.report.removed")),
      row.detail ?? "",
      ...figures(row),
      from,
      to,
    ]),
    [t("teachingReport.report.csvTotal"), "", ...figures(report.total), from, to],
  ];
  return csvResponse(toCsv(header, rows, locale), `${t("teachingReport.report.csvName")}-${by}-${from}-${to}.csv`);
}
