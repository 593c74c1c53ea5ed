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
import { REPORT_PAGE_SIZE } from "~/domain/teaching-report";
import { localeOf } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { FIGURES, NO_TUTOR, OVERVIEW_GROUPINGS, type Figure, type OverviewGrouping } from "~/domain/evaluations";
import { evaluationOverview, readOverviewQuery } from "~/models/evaluation-overview.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "evaluationOverview.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const query = await readOverviewQuery(new URL(request.url));
  if (!query.ok) return data({ ...query, by: "programme" as OverviewGrouping, page: 1, period: null, overview: null }, { status: 400 });
  const { rows, total } = await evaluationOverview(query.period, query.by, query.today, localeOf(request, admin));
  const pages = Math.max(1, Math.ceil(rows.length / REPORT_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  return data({
    ...query,
    page,
    errors: null,
    overview: { total, rows: rows.slice((page - 1) * REPORT_PAGE_SIZE, page * REPORT_PAGE_SIZE), count: rows.length, pages },
  });
}

/** The overview's address, or its figure list's, for a period and grouping. */
function overviewHref(
  path: string,
  period: { from: Date | string; to: Date | string },
  by: OverviewGrouping,
  extra: Record<string, string> = {},
) {
  const iso = (value: Date | string) => toIsoDate(new Date(value));
  return `${path}?${new URLSearchParams({ from: iso(period.from), to: iso(period.to), by, ...extra })}`;
}

export default function EvaluationOverview() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { by, values, errors, year, period, overview, page } = useLoaderData<typeof loader>();
  const figureHref = (id: string, figure: Figure) =>
    period ? overviewHref("/admin/evaluations/rotations", period, by, { ...(id ? { id } : {}), figure }) : "#";
  const from = values.from || (period ? toIsoDate(new Date(period.from)) : "");
  const to = values.to || (period ? toIsoDate(new Date(period.to)) : "");
  const link = "text-blue-800 underline";
  return (
    <div className="min-w-0 space-y-6">
      <PageHeader
        title={t("evaluationOverview.title")}
        description={t("evaluationOverview.intro")}
        actions={
          <>
            {overview ? <ExportLink href="/admin/evaluations.csv" /> : null}
            <Link to="/admin/evaluations/results" className="rounded border border-slate-400 px-3 py-2 text-sm font-medium text-blue-900">
              {t("evaluationOverview.results")}
            </Link>
            <Link to="/admin/evaluations/forms" className="rounded border border-slate-400 px-3 py-2 text-sm font-medium text-blue-900">
              {t("evaluationOverview.forms")}
            </Link>
          </>
        }
      />

      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <Form method="get" role="search" aria-label={t("evaluationOverview.periodLabel")} className="flex flex-wrap items-start gap-3">
          <input type="hidden" name="by" value={by} />
          {(["from", "to"] as const).map((name) => (
            <div key={name} className="flex flex-col">
              <label htmlFor={`overview-${name}`} className="text-sm font-medium">
                {t(`evaluationOverview.${name}`)}
              </label>
              <input
                key={name === "from" ? from : to}
                id={`overview-${name}`}
                name={name}
                type="date"
                defaultValue={name === "from" ? from : to}
                aria-invalid={errors?.[name] ? true : undefined}
                aria-describedby={errors?.[name] ? `overview-${name}-error` : undefined}
                className="mt-1 rounded border border-slate-400 px-3 py-2 aria-[invalid=true]:border-red-700"
              />
              <ErrorList id={`overview-${name}-error`} errors={errors?.[name]} />
            </div>
          ))}
          <button type="submit" className="mt-6 rounded bg-slate-800 px-4 py-2 text-white hover:bg-slate-700">
            {t("list.apply")}
          </button>
        </Form>
        <p className="text-sm text-slate-700">
          <Link to={overviewHref("", year, by)} className={link}>
            {t("evaluationOverview.currentYear", { year: year.label })}
          </Link>
        </p>
      </div>

      {!overview || !period ? (
        <p role="alert" className="rounded border-l-4 border-red-700 bg-red-50 p-3">
          {t("evaluationOverview.invalidPeriod")}
        </p>
      ) : (
        <>
          <section aria-labelledby="overview-total" className="space-y-3">
            <h2 id="overview-total" className="text-lg font-semibold">
              {t("evaluationOverview.totalTitle", { from: format.date(period.from), to: format.date(period.to) })}
            </h2>
            <StatGrid label={t("evaluationOverview.totalTitle", { from: format.date(period.from), to: format.date(period.to) })}>
              {FIGURES.map((figure) => (
                <Stat
                  key={figure}
                  label={t(`evaluationOverview.figures.${figure}`)}
                  value={format.number(overview.total[figure])}
                  to={figureHref("", figure)}
                />
              ))}
            </StatGrid>
            <p className="text-sm text-slate-700">{t("evaluationOverview.confidential")}</p>
          </section>

          <section aria-labelledby="overview-groups" className="space-y-3">
            <h2 id="overview-groups" className="sr-only">
              {t(`evaluationOverview.by.${by}`)}
            </h2>
            <nav aria-label={t("evaluationOverview.groupings")}>
              <ul className="flex flex-wrap gap-1 border-b border-slate-300">
                {OVERVIEW_GROUPINGS.map((grouping) => (
                  <li key={grouping}>
                    <Link
                      to={overviewHref("", period, grouping)}
                      aria-current={grouping === by ? "page" : undefined}
                      className={`-mb-px block rounded-t border px-3 py-2 text-sm font-medium ${
                        grouping === by
                          ? "border-slate-300 border-b-white bg-white text-slate-900"
                          : "border-transparent text-blue-900 hover:bg-blue-50"
                      }`}
                    >
                      {t(`evaluationOverview.by.${grouping}`)}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            {overview.rows.length === 0 ? (
              <EmptyList />
            ) : (
              <ListTable
                caption={t("evaluationOverview.caption", {
                  grouping: t(`evaluationOverview.by.${by}`),
                  from: format.date(period.from),
                  to: format.date(period.to),
                })}
                head={
                  <>
                    <PlainHeader>{t(`evaluationOverview.group.${by}`)}</PlainHeader>
                    {FIGURES.map((figure) => (
                      <PlainHeader key={figure} align="right">
                        {t(`evaluationOverview.figures.${figure}`)}
                      </PlainHeader>
                    ))}
                  </>
                }
              >
                {overview.rows.map((row) => (
                  <tr key={row.id} className="border-t border-slate-100">
                    <th scope="row" className="px-3 py-2 text-left font-normal">
                      {row.id === NO_TUTOR ? t("evaluationOverview.noTutor") : row.name || t("evaluationOverview.removed")}
                    </th>
                    {FIGURES.map((figure) => (
                      <td key={figure} className="px-3 py-2 text-right">
                        <Link to={figureHref(row.id, figure)} className={link}>
                          {format.number(row.counts[figure])}
                        </Link>
                      </td>
                    ))}
                  </tr>
                ))}
              </ListTable>
            )}
            <Pagination page={page} pages={overview.pages} total={overview.count} />
          </section>
        </>
      )}
    </div>
  );
}
