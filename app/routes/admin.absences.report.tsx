import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { linkButtonLook, LinkButton } from "~/components/link-button";
import { FilterForm, MonthFilter, ListTable, PlainHeader, SelectFilter } from "~/components/list";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { hospitalToday } from "~/domain/dates";
import { pageSlice } from "~/domain/list-query";
import { formatMonth, monthOf, parseMonth } from "~/domain/planning-board";
import { specialtyName } from "~/domain/specialties";
import { useLocale } from "~/i18n/use-locale";
import { absenceReportFor } from "~/models/absence-report.server";
import { pageOf } from "~/schemas/list-query";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "absences.report.title");

/** A university's month of absences; anything unreadable in the address falls back to this month and the first university in use. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const url = new URL(request.url);
  const month = parseMonth(url.searchParams.get("month")) ?? monthOf(hospitalToday());
  const { report, ...rest } = await absenceReportFor(url.searchParams.get("university"), month);
  // A university's month is hundreds of residents at national size: the page shows them 25 at a time, the totals
  // over all of them; the CSV has every row.
  return { ...rest, report: report && { totals: report.totals, rows: pageSlice(report.rows, pageOf(url.searchParams)) } };
}

export default function AbsenceReport() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { universities, university, month, settings, report } = useLoaderData<typeof loader>();
  const monthText = format.monthYear(Date.UTC(month.year, month.month - 1, 1));
  const csvHref = university
    ? `/admin/absences/report.csv?${new URLSearchParams({ university: university.id, month: formatMonth(month) })}`
    : null;
  return (
    <div className="min-w-0 space-y-4">
      <PageHeader
        title={t("absences.report.title")}
        description={t("absences.report.intro")}
        actions={
          <>
            <LinkButton to="/admin/absences" white>
              {t("absences.report.back")}
            </LinkButton>
            {csvHref ? (
              <a href={csvHref} download className={linkButtonLook({ white: true })}>
                {t("list.exportCsv")}
              </a>
            ) : null}
          </>
        }
      />
      {!university || !report ? (
        <p className="rounded border border-slate-200 bg-white p-4">{t("absences.report.noUniversities")}</p>
      ) : (
        <>
          <FilterForm label={t("absences.report.choose")}>
            <SelectFilter
              key={university.id}
              name="university"
              label={t("absences.report.university")}
              value={university.id}
              options={universities.map((u) => ({
                value: u.id,
                label: u.archivedAt ? t("absences.report.archived", { name: u.name }) : u.name,
              }))}
            />
            <MonthFilter
              id="report-month"
              label={t("absences.report.month")}
              hint={t("absences.report.monthHint")}
              value={formatMonth(month)}
            />
          </FilterForm>

          <section aria-labelledby="report-heading" className="min-w-0 space-y-3">
            <h2 id="report-heading" className="text-xl font-semibold">
              {t("absences.report.heading", { university: university.name, month: monthText })}
            </h2>
            <p className="text-sm text-slate-700">
              {t("absences.report.counted", { counted: t(`absences.counted.${settings.countMode}`), days: settings.suspensionAfter })}
            </p>
            {report.rows.total === 0 ? (
              <p className="rounded border border-slate-200 bg-white p-4">{t("absences.report.none", { month: monthText })}</p>
            ) : (
              <ListTable
                caption={t("absences.report.caption", { university: university.name, month: monthText })}
                head={
                  <>
                    <PlainHeader>{t("absences.report.resident")}</PlainHeader>
                    <PlainHeader>{t("absences.report.studentNumber")}</PlainHeader>
                    <PlainHeader>{t("absences.report.programme")}</PlainHeader>
                    <PlainHeader align="right">{t("absences.report.personalDays")}</PlainHeader>
                    <PlainHeader align="right">{t("absences.report.protectedDays")}</PlainHeader>
                    <PlainHeader>{t("absences.report.suspensions")}</PlainHeader>
                  </>
                }
              >
                {report.rows.items.map((row) => (
                  <tr key={row.id} className="border-t border-slate-100 align-top">
                    <th scope="row" className="px-3 py-2 text-left font-normal">
                      <Link to={`/admin/residents/${row.id}/absences`} className="text-blue-800 underline">
                        {row.name}
                      </Link>
                    </th>
                    <td className="whitespace-nowrap px-3 py-2">{row.studentNumber}</td>
                    <td className="px-3 py-2">{specialtyName(row.specialtyCode, locale)}</td>
                    <td className="px-3 py-2 text-right">{format.number(row.personalDays)}</td>
                    <td className="px-3 py-2 text-right">{format.number(row.protectedDays)}</td>
                    <td className="min-w-64 px-3 py-2">
                      {row.suspensions.length === 0 ? (
                        <span className="text-slate-600">{t("absences.report.noSuspension")}</span>
                      ) : (
                        <ul className="space-y-1">
                          {row.suspensions.map((suspension) => (
                            <li key={String(suspension.start)}>
                              {t("absences.report.suspension", {
                                from: suspension.start,
                                to: suspension.end,
                                workingDays: suspension.workingDays,
                                days: suspension.days,
                                inMonth: suspension.daysInMonth,
                              })}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
                <tr className="border-t-2 border-slate-300 bg-slate-50 font-semibold">
                  <th scope="row" colSpan={3} className="px-3 py-2 text-left">
                    {t("absences.report.total")}: {t("absences.report.residents", { count: report.totals.residents })}
                  </th>
                  <td className="px-3 py-2 text-right">{format.number(report.totals.personalDays)}</td>
                  <td className="px-3 py-2 text-right">{format.number(report.totals.protectedDays)}</td>
                  <td className="px-3 py-2">
                    {report.totals.suspended === 0
                      ? t("absences.report.noSuspension")
                      : t("absences.report.suspendedTotal", { count: report.totals.suspended, days: report.totals.suspendedDaysInMonth })}
                  </td>
                </tr>
              </ListTable>
            )}
            {report.rows.pages > 1 ? <Pagination page={report.rows.page} pages={report.rows.pages} total={report.rows.total} /> : null}
          </section>
        </>
      )}
    </div>
  );
}
