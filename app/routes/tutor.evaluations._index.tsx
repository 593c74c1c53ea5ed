import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { Card, PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { hospitalToday } from "~/domain/dates";
import type { EvaluationState } from "~/domain/evaluations";
import { pageCount } from "~/domain/list-query";
import { useLocale } from "~/i18n/use-locale";
import { tutorEvaluationList } from "~/models/tutor-evaluation.server";
import { pageOf } from "~/schemas/list-query";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "tutor" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "tutorEvaluations.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "tutor");
  const page = pageOf(new URL(request.url).searchParams);
  const list = await tutorEvaluationList(user.id, hospitalToday(), { page });
  return { ...list, pages: pageCount(list.total) };
}

const STATE_STYLES: Partial<Record<EvaluationState, string>> = {
  due: "bg-sky-100 text-sky-900",
  overdue: "bg-red-100 text-red-900",
  done: "bg-green-100 text-green-900",
};

function StateBadge({ state }: { state: EvaluationState }) {
  const { t } = useTranslation();
  return (
    <span
      className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-semibold ${STATE_STYLES[state] ?? "bg-slate-200 text-slate-900"}`}
    >
      {t(`evaluations.states.${state}`)}
    </span>
  );
}

export default function TutorEvaluations() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { toFill, signed, total, page, pages } = useLoaderData<typeof loader>();
  const period = (row: { startDate: Date | string; endDate: Date | string }) =>
    t("tutorEvaluations.period", { from: format.date(row.startDate), to: format.date(row.endDate) });
  return (
    <div className="space-y-6">
      <PageHeader title={t("tutorEvaluations.title")} description={t("tutorEvaluations.intro")} />
      <Card id="to-fill-title" title={t("tutorEvaluations.toFill")}>
        {toFill.length === 0 ? (
          <p className="text-slate-700">{t("tutorEvaluations.noneToFill")}</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {toFill.map((row) => (
              <li key={row.rotationId} className="py-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <Link to={`/tutor/evaluations/${row.rotationId}`} className="font-medium text-blue-800 underline">
                    <span className="sr-only">{t("tutorEvaluations.fill", { name: row.resident })}: </span>
                    <span aria-hidden="true">{row.resident}</span>
                  </Link>
                  <StateBadge state={row.state} />
                </div>
                <p className="break-words text-sm text-slate-700">
                  {row.department} · {period(row)}
                </p>
                <p className={`text-sm ${row.state === "overdue" ? "font-medium text-red-800" : "text-slate-700"}`}>
                  {t(row.state === "overdue" ? "tutorEvaluations.overdueSince" : "tutorEvaluations.dueBy", { day: format.date(row.dueOn) })}
                  {row.draft ? ` · ${t("tutorEvaluations.draftSaved")}` : ""}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card id="signed-title" title={t("tutorEvaluations.signed")}>
        {total === 0 ? (
          <p className="text-slate-700">{t("tutorEvaluations.noneSigned")}</p>
        ) : (
          <>
            <ul className="divide-y divide-slate-200">
              {signed.map((row) => (
                <li key={row.rotationId} className="py-3">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <Link to={`/tutor/evaluations/${row.rotationId}`} className="font-medium text-blue-800 underline">
                      <span className="sr-only">{t("tutorEvaluations.read", { name: row.resident })}: </span>
                      <span aria-hidden="true">{row.resident}</span>
                    </Link>
                    <StateBadge state="done" />
                  </div>
                  <p className="break-words text-sm text-slate-700">
                    {row.department} · {period(row)}
                  </p>
                  <p className="text-sm text-slate-700">
                    {t("tutorEvaluations.signedOn", { day: format.date(row.signedAt) })} ·{" "}
                    {row.acknowledgedAt
                      ? t("tutorEvaluations.readByResident", { day: format.date(row.acknowledgedAt) })
                      : t("tutorEvaluations.notReadYet")}
                  </p>
                </li>
              ))}
            </ul>
            <Pagination page={page} pages={pages} total={total} />
          </>
        )}
      </Card>
    </div>
  );
}
