import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { EvaluationResultItems, PeriodChooser, usePeriodName } from "~/components/evaluation-results";
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
          <PeriodChooser periods={periods} chosen={period.key} />
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
