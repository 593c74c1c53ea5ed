import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { EvaluationResultItems, PeriodChooser, usePeriodName } from "~/components/evaluation-results";
import { ProblemList, SubmitButton } from "~/components/forms";
import { ListTable, PlainHeader, SearchFilter } from "~/components/list";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { nameMatches, pageSlice } from "~/domain/list-query";
import { useLocale } from "~/i18n/use-locale";
import { redactComment, releasedPeriods, resultsFor, resultsOverview, type GroupLine } from "~/models/resident-evaluation.server";
import { redactSchema, resultsQuerySchema } from "~/schemas/resident-evaluation";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";
import { parseSearchParams } from "~/schemas/list-query";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "residentEvaluations.results.title");

/**
 * One released period at a time (the newest unless chosen): its tutors and departments with their counts,
 * "fewer than 5" below the threshold, each list 25 at a time and found by name, and the results of the one chosen. There is no choice of dates: a
 * period is taken whole.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const query = parseSearchParams(resultsQuerySchema, new URL(request.url));
  const periods = await releasedPeriods();
  const period = periods.find((p) => p.key === query.period) ?? periods[0] ?? null;
  if (!period) return { periods, period: null, overview: null, chosen: null, results: null };
  const chosen = query.tutor
    ? ({ scope: "tutor", id: query.tutor } as const)
    : query.department
      ? ({ scope: "department", id: query.department } as const)
      : null;
  const [overview, results] = await Promise.all([
    chosen ? null : resultsOverview(period.key),
    chosen ? resultsFor({ ...chosen, period: period.key }) : null,
  ]);
  // A national period has thousands of tutors: each list comes a page at a time, found by name.
  const shown = (lines: GroupLine[], page: number) =>
    pageSlice(query.q ? lines.filter((line) => nameMatches(line.name, query.q)) : lines, page);
  return {
    periods,
    period,
    q: query.q,
    overview: overview && {
      tutors: shown(overview.tutors, query.tutorPage),
      departments: shown(overview.departments, query.departmentPage),
    },
    chosen,
    results,
  };
}

/** Redacts one comment; the page shows the results again, the comment as "[redacted]". */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const submission = parseWithZod(await readForm(request), { schema: redactSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), problems: ["errors.invalid"] }, { status: 400 });
  try {
    await redactComment(user.id, submission.value.answerId, submission.value.itemKey);
  } catch (error) {
    return refusalReply(error, null);
  }
  const url = new URL(request.url);
  return redirect(url.pathname + url.search, {
    headers: await withToast({ kind: "success", message: "residentEvaluations.results.redactDone" }),
  });
}

export default function EvaluationResults() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const periodName = usePeriodName();
  const { periods, period, q, overview, chosen, results } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <PageHeader title={t("residentEvaluations.results.title")} description={t("residentEvaluations.results.intro")} />
      {actionData?.problems?.length ? <ProblemList id="results-problems" problems={actionData.problems} /> : null}
      {!period ? (
        <p className="rounded border border-slate-200 bg-white p-4">{t("residentEvaluations.results.none")}</p>
      ) : (
        <>
          <PeriodChooser periods={periods} chosen={period.key}>
            {chosen ? null : <SearchFilter value={q} label={t("residentEvaluations.results.search")} />}
          </PeriodChooser>
          <p className="text-slate-700">
            {t("residentEvaluations.results.released", { count: period.answers, date: format.date(period.releasedAt) })}
          </p>
          {chosen ? (
            <section aria-labelledby="results-title" className="space-y-4">
              <p>
                <Link to={`?period=${period.key}`} className="text-blue-800 underline">
                  {t("residentEvaluations.results.back")}
                </Link>
              </p>
              {results ? (
                <>
                  <h2 id="results-title" className="break-words text-xl font-semibold">
                    {t("residentEvaluations.results.heading", { name: results.name, period: periodName(results.period) })}
                  </h2>
                  <p>{t("residentEvaluations.results.count", { count: results.count })}</p>
                  <EvaluationResultItems
                    items={results.items}
                    idPrefix="item"
                    redact={(answerId, itemKey) => (
                      <Form method="post">
                        <input type="hidden" name="intent" value="redact" />
                        <input type="hidden" name="itemKey" value={itemKey} />
                        <SubmitButton variant="secondary" name="answerId" value={answerId}>
                          {t("residentEvaluations.results.redact")}
                        </SubmitButton>
                      </Form>
                    )}
                  />
                </>
              ) : (
                <>
                  <h2 id="results-title" className="text-xl font-semibold">
                    {t("residentEvaluations.results.results")}
                  </h2>
                  <p className="rounded border border-slate-200 bg-white p-4">{t("residentEvaluations.results.unavailable")}</p>
                </>
              )}
            </section>
          ) : overview ? (
            <>
              <Groups
                title={t("residentEvaluations.results.tutors")}
                column={t("residentEvaluations.results.tutor")}
                list={overview.tutors}
                by="tutor"
                period={period.key}
                searched={q !== ""}
              />
              <Groups
                title={t("residentEvaluations.results.departments")}
                column={t("residentEvaluations.results.department")}
                list={overview.departments}
                by="department"
                period={period.key}
                searched={q !== ""}
              />
            </>
          ) : null}
        </>
      )}
    </div>
  );
}

function Groups({
  title,
  column,
  list,
  by,
  period,
  searched,
}: {
  title: string;
  column: string;
  list: { items: GroupLine[]; page: number; pages: number; total: number };
  by: "tutor" | "department";
  period: string;
  searched: boolean;
}) {
  const { t } = useTranslation();
  const { format } = useLocale();
  const lines = list.items;
  return (
    <section aria-labelledby={`${by}-title`} className="space-y-2">
      <h2 id={`${by}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      {lines.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4">
          {t(searched ? "residentEvaluations.results.noMatch" : "residentEvaluations.results.nobody")}
        </p>
      ) : (
        <ListTable
          caption={title}
          head={
            <>
              <PlainHeader>{column}</PlainHeader>
              <PlainHeader align="right">{t("residentEvaluations.results.answers")}</PlainHeader>
              <PlainHeader>{t("residentEvaluations.results.results")}</PlainHeader>
            </>
          }
        >
          {lines.map((line) => (
            <tr key={line.id} className="border-t border-slate-200">
              <th scope="row" className="break-words px-3 py-2 font-medium">
                {line.name}
              </th>
              <td className="px-3 py-2 text-right tabular-nums">
                {typeof line.count === "number" ? format.number(line.count) : t("residentEvaluations.results.fewerThan5")}
              </td>
              <td className="px-3 py-2">
                {line.shown ? (
                  <Link to={`?${new URLSearchParams({ period, [by]: line.id })}`} className="text-blue-800 underline">
                    {t("residentEvaluations.results.open", { name: line.name })}
                  </Link>
                ) : (
                  <span className="text-slate-700">
                    {line.withheld ? t("residentEvaluations.results.withheld") : t("residentEvaluations.results.notShown")}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      {list.pages > 1 ? <Pagination page={list.page} pages={list.pages} total={list.total} param={`${by}Page`} of={title} /> : null}
    </section>
  );
}
