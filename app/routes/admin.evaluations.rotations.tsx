import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { LinkButton } from "~/components/link-button";
import { EmptyList, ListTable, PlainHeader } from "~/components/list";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { toIsoDate } from "~/domain/dates";
import { pageCount } from "~/domain/list-query";
import { useLocale } from "~/i18n/use-locale";
import { figureRotations, readOverviewQuery } from "~/models/evaluation-overview.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "evaluationOverview.rotations.title");

/**
 * The rotations behind one figure of the overview: whose evaluation is due, overdue or done. For the
 * residents' evaluations, who has answered is shown, never what.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const query = await readOverviewQuery(new URL(request.url));
  if (!query.ok)
    return data({ ...query, by: "programme" as const, figure: null, period: null, result: null, pages: 1, page: 1 }, { status: 400 });
  const result = await figureRotations(query.period, query.by, query.id, query.figure, query.page, query.today);
  return data({ ...query, errors: null, result, pages: pageCount(result.total) });
}

export default function FigureRotations() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { by, figure, page, period, result, pages } = useLoaderData<typeof loader>();
  const back = (
    <LinkButton
      to={
        period
          ? `/admin/evaluations?${new URLSearchParams({ from: toIsoDate(new Date(period.from)), to: toIsoDate(new Date(period.to)), by })}`
          : "/admin/evaluations"
      }
      white
    >
      {t("evaluationOverview.rotations.back")}
    </LinkButton>
  );
  if (!period || !result || !figure) {
    return (
      <div>
        <PageHeader title={t("evaluationOverview.rotations.title")} actions={back} />
        <p role="alert" className="rounded border-l-4 border-red-700 bg-red-50 p-3">
          {t("evaluationOverview.invalidPeriod")}
        </p>
      </div>
    );
  }
  const tutorKind = figure.startsWith("tutor");
  return (
    <div className="min-w-0 space-y-4">
      <PageHeader
        title={t(`evaluationOverview.figures.${figure}`)}
        description={t("evaluationOverview.rotations.intro", { from: format.date(period.from), to: format.date(period.to) })}
        actions={back}
      />
      {result.rotations.length === 0 ? (
        <EmptyList />
      ) : (
        <ListTable
          caption={t(`evaluationOverview.figures.${figure}`)}
          head={
            <>
              <PlainHeader>{t("evaluationOverview.rotations.resident")}</PlainHeader>
              <PlainHeader>{t("evaluationOverview.rotations.department")}</PlainHeader>
              <PlainHeader>{t("evaluationOverview.rotations.tutor")}</PlainHeader>
              <PlainHeader>{t("evaluationOverview.rotations.dates")}</PlainHeader>
              <PlainHeader>{t("evaluationOverview.rotations.due")}</PlainHeader>
              <PlainHeader>{t("evaluationOverview.rotations.state")}</PlainHeader>
            </>
          }
        >
          {result.rotations.map((row) => (
            <tr key={row.rotationId} className="border-t border-slate-100">
              <th scope="row" className="px-3 py-2 text-left font-normal">
                {tutorKind ? (
                  <Link to={`/admin/evaluations/tutor/${row.rotationId}`} className="text-blue-800 underline">
                    {row.resident}
                  </Link>
                ) : (
                  row.resident
                )}
              </th>
              <td className="px-3 py-2">{row.department}</td>
              <td className="px-3 py-2">{row.tutor ?? t("evaluationOverview.noTutor")}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                {format.date(row.startDate)} – {format.date(row.endDate)}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{format.date(row.dueOn)}</td>
              <td className="px-3 py-2">{t(`evaluations.states.${row.state}`)}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={page} pages={pages} total={result.total} />
    </div>
  );
}
