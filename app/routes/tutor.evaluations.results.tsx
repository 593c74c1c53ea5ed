import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { EvaluationResultItems, usePeriodName } from "~/components/evaluation-results";
import { PageHeader } from "~/components/page-header";
import { ownResults } from "~/models/resident-evaluation.server";
import { parseSearchParams } from "~/schemas/list-query";
import { resultsQuerySchema } from "~/schemas/resident-evaluation";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "tutor" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "residentEvaluations.tutor.title");

/** The signed-in tutor's own results for one released period; nothing under 5 answers. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "tutor");
  const query = parseSearchParams(resultsQuerySchema, new URL(request.url));
  const { periods, period, verdict, results } = await ownResults(user.id, query.period);
  return {
    periods: periods.map(({ key, label, half }) => ({ key, label, half })),
    period: period ? { key: period.key, label: period.label, half: period.half } : null,
    verdict,
    results: results && {
      count: results.count,
      // The comments' texts only: which answer each belongs to is the administrators' to redact.
      items: results.items.map((item) =>
        item.type === "text" ? { ...item, comments: item.comments.map((comment) => ({ text: comment.text })) } : item,
      ),
    },
  };
}

export default function MyEvaluationResults() {
  const { t } = useTranslation();
  const periodName = usePeriodName();
  const { periods, period, verdict, results } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageHeader title={t("residentEvaluations.tutor.title")} description={t("residentEvaluations.tutor.intro")} />
      {!period ? (
        <p className="rounded border border-slate-200 bg-white p-4">{t("residentEvaluations.tutor.none")}</p>
      ) : (
        <>
          <Form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
            <div className="flex flex-col">
              <label htmlFor="period" className="text-sm font-medium">
                {t("residentEvaluations.results.period")}
              </label>
              <select id="period" name="period" defaultValue={period.key} className="mt-1 rounded border border-slate-400 px-3 py-2">
                {periods.map((p) => (
                  <option key={p.key} value={p.key}>
                    {periodName(p)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="rounded bg-slate-800 px-4 py-2 text-white hover:bg-slate-700">
              {t("residentEvaluations.results.show")}
            </button>
          </Form>
          <section aria-labelledby="results-title" className="space-y-4">
            <h2 id="results-title" className="text-xl font-semibold">
              {periodName(period)}
            </h2>
            {results ? (
              <>
                <p>{t("residentEvaluations.results.count", { count: results.count })}</p>
                <EvaluationResultItems items={results.items} idPrefix="item" />
              </>
            ) : (
              <p className="rounded border border-slate-200 bg-white p-4">
                {!verdict
                  ? t("residentEvaluations.tutor.nobody")
                  : verdict.withheld
                    ? t("residentEvaluations.tutor.withheld")
                    : t("residentEvaluations.tutor.fewer")}
              </p>
            )}
          </section>
        </>
      )}
    </div>
  );
}
