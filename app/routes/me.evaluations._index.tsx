import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { EvaluationFields } from "~/components/evaluation-fields";
import { ErrorList, ProblemList, SubmitButton } from "~/components/forms";
import { Card, PageHeader } from "~/components/page-header";
import { hospitalToday } from "~/domain/dates";
import type { EvaluationState } from "~/domain/evaluations";
import { useLocale } from "~/i18n/use-locale";
import { rotationsToEvaluate } from "~/models/resident-evaluation.server";
import { acknowledge, receivedEvaluations } from "~/models/tutor-evaluation.server";
import { acknowledgeSchema, TUTOR_EVALUATION_LIMITS } from "~/schemas/tutor-evaluation";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "resident" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "tutorEvaluations.mine.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "resident");
  // Only ever the signed-in resident's own: no resident id in the URL to change.
  const { residentId, evaluations } = await receivedEvaluations(user.id);
  const toEvaluate = residentId ? await rotationsToEvaluate(residentId, hospitalToday()) : [];
  return { hasRecord: residentId !== null, evaluations, toEvaluate };
}

/** Acknowledges a signed evaluation ("I have read it"), with an optional comment; once only. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "resident");
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: acknowledgeSchema });
  const rotationId = String(formData.get("rotationId") ?? "");
  if (submission.status !== "success") return data({ rotationId, result: submission.reply(), problems: [] as string[] }, { status: 400 });
  try {
    await acknowledge(user.id, submission.value.rotationId, submission.value.comment);
  } catch (error) {
    return refusalReply(error, submission, { rotationId });
  }
  return redirect("/me/evaluations", { headers: await withToast({ kind: "success", message: "tutorEvaluations.mine.acknowledged" }) });
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

export default function MyEvaluations() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { hasRecord, evaluations, toEvaluate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const period = (row: { startDate: Date | string; endDate: Date | string }) =>
    t("tutorEvaluations.period", { from: format.date(row.startDate), to: format.date(row.endDate) });
  if (!hasRecord) {
    return (
      <div className="space-y-6">
        <PageHeader title={t("tutorEvaluations.mine.title")} description={t("tutorEvaluations.mine.intro")} />
        <p className="rounded border border-slate-200 bg-white p-4">{t("tutorEvaluations.mine.noRecord")}</p>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <PageHeader title={t("tutorEvaluations.mine.title")} description={t("tutorEvaluations.mine.intro")} />
      <section aria-labelledby="received-title" className="space-y-4">
        <h2 id="received-title" className="text-xl font-semibold">
          {t("tutorEvaluations.mine.received")}
        </h2>
        <p className="text-slate-700">{t("tutorEvaluations.mine.receivedHint")}</p>
        {evaluations.length === 0 ? (
          <p className="rounded border border-slate-200 bg-white p-4">{t("tutorEvaluations.mine.noneReceived")}</p>
        ) : null}
        {evaluations.map((evaluation) => {
          const mine = actionData?.rotationId === evaluation.rotationId ? actionData : null;
          const problems = [...(mine?.problems ?? []), ...(mine?.result?.error?.[""] ?? []), ...(mine?.result?.error?.rotationId ?? [])];
          const commentErrors = mine?.result?.error?.comment;
          const id = `evaluation-${evaluation.rotationId}`;
          return (
            <section
              key={evaluation.rotationId}
              aria-labelledby={`${id}-title`}
              className="min-w-0 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
            >
              <h3 id={`${id}-title`} className="mb-2 break-words text-lg font-semibold">
                {evaluation.department} · {period(evaluation)}
              </h3>
              <p className="mb-3 text-sm text-slate-700">
                {t("tutorEvaluations.mine.signedBy", { name: evaluation.signedBy ?? "—", day: format.date(evaluation.signedAt) })}
              </p>
              <EvaluationFields items={evaluation.items} locale={locale} values={evaluation.answers} readOnly />
              <div className="mt-4 border-t border-slate-200 pt-3">
                {evaluation.acknowledgedAt ? (
                  <>
                    <p className="font-medium">
                      {t("tutorEvaluations.mine.acknowledgedOn", { day: format.date(evaluation.acknowledgedAt) })}
                    </p>
                    {evaluation.residentComment ? (
                      <>
                        <h4 className="mt-2 font-semibold">{t("tutorEvaluations.mine.yourComment")}</h4>
                        <p className="whitespace-pre-line break-words">{evaluation.residentComment}</p>
                      </>
                    ) : null}
                  </>
                ) : (
                  <Form method="post" className="space-y-2">
                    {problems.length ? <ProblemList id={`${id}-problems`} problems={problems} /> : null}
                    <input type="hidden" name="intent" value="acknowledge" />
                    <input type="hidden" name="rotationId" value={evaluation.rotationId} />
                    <label htmlFor={`${id}-comment`} className="block font-medium">
                      {t("tutorEvaluations.mine.comment")}
                    </label>
                    <p id={`${id}-comment-hint`} className="text-sm text-slate-600">
                      {t("tutorEvaluations.mine.commentHint")}
                    </p>
                    <textarea
                      id={`${id}-comment`}
                      name="comment"
                      rows={3}
                      maxLength={TUTOR_EVALUATION_LIMITS.comment}
                      defaultValue={typeof mine?.result?.initialValue?.comment === "string" ? mine.result.initialValue.comment : ""}
                      aria-invalid={commentErrors?.length ? true : undefined}
                      aria-describedby={`${id}-comment-hint${commentErrors?.length ? ` ${id}-comment-error` : ""}`}
                      className="w-full rounded border border-slate-400 px-3 py-2"
                    />
                    <ErrorList id={`${id}-comment-error`} errors={commentErrors} />
                    <SubmitButton intent="acknowledge">{t("tutorEvaluations.mine.acknowledge")}</SubmitButton>
                  </Form>
                )}
              </div>
            </section>
          );
        })}
      </section>
      <Card id="to-evaluate-title" title={t("tutorEvaluations.mine.toEvaluate")}>
        <p className="text-slate-700">{t("tutorEvaluations.mine.toEvaluateHint")}</p>
        {toEvaluate.length === 0 ? (
          <p className="mt-2 text-slate-700">{t("tutorEvaluations.mine.noneToEvaluate")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {toEvaluate.map((row) => (
              <li key={row.rotationId} className="py-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="break-words font-medium">{row.department}</span>
                  <StateBadge state={row.state} />
                </div>
                <p className="text-sm text-slate-700">
                  {period(row)}
                  {row.tutor ? ` · ${row.tutor}` : ""}
                </p>
                {row.state === "due" || row.state === "overdue" ? (
                  <>
                    <p className={`text-sm ${row.state === "overdue" ? "font-medium text-red-800" : "text-slate-700"}`}>
                      {t(row.state === "overdue" ? "tutorEvaluations.overdueSince" : "tutorEvaluations.dueBy", {
                        day: format.date(row.dueOn),
                      })}
                    </p>
                    <Link to={`/me/evaluations/${row.rotationId}`} className="text-sm font-medium text-blue-800 underline">
                      {t("tutorEvaluations.mine.evaluate", { department: row.department })}
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
