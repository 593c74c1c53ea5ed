import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { ErrorList } from "~/components/forms";
import { EmptyList, ExportLink, ListTable, PlainHeader } from "~/components/list";
import { PageHeader, Stat, StatGrid } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { toIsoDate } from "~/domain/dates";
import { hoursOf } from "~/domain/teaching";
import { REPORT_GROUPINGS, REPORT_PAGE_SIZE, type ReportFigure, type ReportGrouping, type ReportRow } from "~/domain/teaching-report";
import { localeOf } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { readReportQuery, teachingReportFor } from "~/models/teaching-report.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "teachingReport.report.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const query = await readReportQuery(new URL(request.url));
  if (!query.ok) return data({ ...query, page: 1, period: null, report: null }, { status: 400 });
  const { total, rows } = await teachingReportFor(query.period, query.by, localeOf(request, admin));
  const pages = Math.max(1, Math.ceil(rows.length / REPORT_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const shown = rows.slice((page - 1) * REPORT_PAGE_SIZE, page * REPORT_PAGE_SIZE);
  return data({ ...query, page, errors: null, report: { total, rows: shown, count: rows.length, pages } });
}

/** The address of a report, or of the sessions behind one of its figures, for a period and grouping. */
function reportHref(
  path: string,
  period: { from: Date | string; to: Date | string },
  by: ReportGrouping,
  extra: Record<string, string> = {},
) {
  const iso = (value: Date | string) => toIsoDate(new Date(value));
  return `${path}?${new URLSearchParams({ from: iso(period.from), to: iso(period.to), by, ...extra })}`;
}

export default function TeachingReport() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { by, values, errors, years, period, report, page } = useLoaderData<typeof loader>();
  const hours = (minutes: number) => format.number(hoursOf(minutes));
  const rate = (row: ReportRow) =>
    row.rate === null ? "—" : t("teachingReport.percent", { value: format.number(Math.round(row.rate * 100)) });
  const figureHref = (id: string, figure: ReportFigure) =>
    period ? reportHref("/admin/reports/teaching/sessions", period, by, { ...(id ? { id } : {}), figure }) : "#";
  const from = values.from || (period ? toIsoDate(new Date(period.from)) : "");
  const to = values.to || (period ? toIsoDate(new Date(period.to)) : "");
  const link = "text-blue-800 underline";
  return (
    <div className="min-w-0 space-y-6">
      <PageHeader
        title={t("teachingReport.report.title")}
        description={t("teachingReport.report.intro")}
        actions={report ? <ExportLink href="/admin/reports/teaching.csv" /> : null}
      />

      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <Form method="get" role="search" aria-label={t("teachingReport.report.periodLabel")} className="flex flex-wrap items-start gap-3">
          <input type="hidden" name="by" value={by} />
          {(["from", "to"] as const).map((name) => (
            <div key={name} className="flex flex-col">
              <label htmlFor={`report-${name}`} className="text-sm font-medium">
                {t(`teachingReport.report.${name}`)}
              </label>
              <input
                key={name === "from" ? from : to}
                id={`report-${name}`}
                name={name}
                type="date"
                defaultValue={name === "from" ? from : to}
                aria-invalid={errors?.[name] ? true : undefined}
                aria-describedby={errors?.[name] ? `report-${name}-error` : undefined}
                className="mt-1 rounded border border-slate-400 px-3 py-2 aria-[invalid=true]:border-red-700"
              />
              <ErrorList id={`report-${name}-error`} errors={errors?.[name]} />
            </div>
          ))}
          <button type="submit" className="mt-6 rounded bg-slate-800 px-4 py-2 text-white hover:bg-slate-700">
            {t("list.apply")}
          </button>
        </Form>
        <nav aria-label={t("teachingReport.report.quickLinks")}>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <li>
              <Link to={reportHref("", years.current, by)} className={link}>
                {t("teachingReport.report.currentYear", { year: years.current.label })}
              </Link>
            </li>
            <li>
              <Link to={reportHref("", years.previous, by)} className={link}>
                {t("teachingReport.report.previousYear", { year: years.previous.label })}
              </Link>
            </li>
          </ul>
        </nav>
      </div>

      {!report || !period ? (
        <p role="alert" className="rounded border-l-4 border-red-700 bg-red-50 p-3">
          {t("teachingReport.report.invalidPeriod")}
        </p>
      ) : (
        <>
          <section aria-labelledby="report-total" className="space-y-3">
            <h2 id="report-total" className="text-lg font-semibold">
              {t("teachingReport.report.totalTitle")}:{" "}
              {t("teachingReport.report.period", { from: format.date(period.from), to: format.date(period.to) })}
            </h2>
            <StatGrid label={t("teachingReport.report.totalTitle")}>
              <Stat
                label={t("teachingReport.report.sessions")}
                value={format.number(report.total.sessions)}
                to={figureHref("", "delivered")}
              />
              <Stat
                label={t("teachingReport.report.hoursDelivered")}
                value={hours(report.total.minutesDelivered)}
                to={figureHref("", "delivered")}
              />
              <Stat
                label={t("teachingReport.report.hoursAttended")}
                value={hours(report.total.minutesAttended)}
                to={figureHref("", "attended")}
              />
              <Stat label={t("teachingReport.report.rate")} value={rate(report.total)} to={figureHref("", "attended")} />
            </StatGrid>
          </section>

          <section aria-labelledby="report-groups" className="space-y-3">
            <h2 id="report-groups" className="sr-only">
              {t(`teachingReport.report.by.${by}`)}
            </h2>
            <nav aria-label={t("teachingReport.report.groupings")}>
              <ul className="flex flex-wrap gap-1 border-b border-slate-300">
                {REPORT_GROUPINGS.map((grouping) => (
                  <li key={grouping}>
                    <Link
                      to={reportHref("", period, grouping)}
                      aria-current={grouping === by ? "page" : undefined}
                      className={`-mb-px block rounded-t border px-3 py-2 text-sm font-medium ${
                        grouping === by
                          ? "border-slate-300 border-b-white bg-white text-slate-900"
                          : "border-transparent text-blue-900 hover:bg-blue-50"
                      }`}
                    >
                      {t(`teachingReport.report.by.${grouping}`)}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            {report.rows.length === 0 ? (
              <EmptyList />
            ) : (
              <ListTable
                caption={t("teachingReport.report.caption", {
                  grouping: t(`teachingReport.report.by.${by}`),
                  from: format.date(period.from),
                  to: format.date(period.to),
                })}
                head={
                  <>
                    <PlainHeader>{t(`teachingReport.report.group.${by}`)}</PlainHeader>
                    <PlainHeader align="right">{t("teachingReport.report.sessions")}</PlainHeader>
                    <PlainHeader align="right">{t("teachingReport.report.hoursDelivered")}</PlainHeader>
                    <PlainHeader align="right">{t("teachingReport.report.hoursAttended")}</PlainHeader>
                    <PlainHeader align="right">{t("teachingReport.report.rate")}</PlainHeader>
                  </>
                }
              >
                {report.rows.map((row) => (
                  <tr key={row.key} className="border-t border-slate-100">
                    <th scope="row" className="px-3 py-2 text-left font-normal">
                      {row.name ?? (row.key === "none" ? t("teachingReport.report.noDepartment") : t("teachingReport.report.removed"))}
                      {row.detail ? <span className="block text-xs text-slate-600">{row.detail}</span> : null}
                    </th>
                    <td className="px-3 py-2 text-right">
                      <Link to={figureHref(row.key, "delivered")} className={link}>
                        {format.number(row.sessions)}
                      </Link>
                    </td>
                    <td className="px-3 py-2 text-right">
                      <Link to={figureHref(row.key, "delivered")} className={link}>
                        {hours(row.minutesDelivered)}
                      </Link>
                    </td>
                    <td className="px-3 py-2 text-right">
                      <Link to={figureHref(row.key, "attended")} className={link}>
                        {hours(row.minutesAttended)}
                      </Link>
                    </td>
                    <td className="px-3 py-2 text-right">
                      <Link to={figureHref(row.key, "attended")} className={link}>
                        {rate(row)}
                      </Link>
                    </td>
                  </tr>
                ))}
              </ListTable>
            )}
            <Pagination page={page} pages={report.pages} total={report.count} />
            <p className="text-sm text-slate-700">{t("teachingReport.report.notes")}</p>
          </section>
        </>
      )}
    </div>
  );
}
