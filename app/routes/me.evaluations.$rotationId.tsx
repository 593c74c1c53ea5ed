import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { EvaluationFields } from "~/components/evaluation-fields";
import { usePeriodName } from "~/components/evaluation-results";
import { ProblemList, SubmitButton } from "~/components/forms";
import { Card, PageHeader } from "~/components/page-header";
import { readAnswers, type Answers, type EvaluationItem } from "~/domain/evaluations";
import { useLocale } from "~/i18n/use-locale";
import { residentEvaluation, submitResidentEvaluation } from "~/models/resident-evaluation.server";
import { residentEvaluationSchema } from "~/schemas/resident-evaluation";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { refusalPage, refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "resident" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "residentEvaluations.form.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "resident");
  // Only the signed-in resident's own rotation: any other is "not found".
  return residentEvaluation(user.id, params.rotationId ?? "").catch(refusalPage);
}

/** Submits the confidential evaluation, once; a refusal keeps every answer given and says why, beside each question. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "resident");
  const rotationId = params.rotationId ?? "";
  const evaluation = await residentEvaluation(user.id, rotationId).catch(refusalPage);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: residentEvaluationSchema(evaluation.items) });
  if (submission.status !== "success") return data({ result: submission.reply(), problems: [] as string[] }, { status: 400 });
  try {
    await submitResidentEvaluation(user.id, rotationId, (name) => {
      const value = formData.get(name);
      return typeof value === "string" ? value : null;
    });
  } catch (error) {
    return refusalReply(error, submission);
  }
  return redirect(`/me/evaluations/${rotationId}`, {
    headers: await withToast({ kind: "success", message: "residentEvaluations.form.submitted" }),
  });
}

/** The answers a refused form carried, as the fields show them again (what cannot be read back is left as sent, or out). */
function answersGiven(items: readonly EvaluationItem[], initial: unknown): Answers {
  const sent = (initial as { item?: Record<string, unknown> } | undefined)?.item ?? {};
  const raw = (name: string) => {
    const value = sent[name.slice("item.".length)];
    return typeof value === "string" ? value : undefined;
  };
  const { answers } = readAnswers(items, raw, { complete: false });
  for (const item of items) if (item.type === "text" && raw(`item.${item.key}`) !== undefined) answers[item.key] = raw(`item.${item.key}`)!;
  return answers;
}

export default function MyRotationEvaluation() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const evaluation = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = actionData?.result ?? null;
  const errors = (result?.error ?? {}) as Record<string, string[] | undefined>;
  const itemErrors = Object.fromEntries(evaluation.items.map((item) => [item.key, errors[`item.${item.key}`]]));
  const problems = [...(actionData?.problems ?? []), ...(errors[""] ?? [])];
  const periodName = usePeriodName()(evaluation.period);
  const stateText = evaluation.closed
    ? t("residentEvaluations.form.states.closed", { date: format.date(evaluation.closesOn) })
    : evaluation.state === "due"
      ? t("residentEvaluations.form.states.due", { date: format.date(evaluation.dueOn) })
      : evaluation.state === "overdue"
        ? t("residentEvaluations.form.states.overdue", { date: format.date(evaluation.dueOn), closes: format.date(evaluation.closesOn) })
        : evaluation.state === "upcoming"
          ? t("residentEvaluations.form.states.upcoming", { date: format.date(evaluation.opensOn) })
          : t(`residentEvaluations.form.states.${evaluation.state}`);
  return (
    <div className="space-y-6">
      <p>
        <Link to="/me/evaluations" className="text-blue-800 underline">
          {t("residentEvaluations.form.back")}
        </Link>
      </p>
      <PageHeader title={t("residentEvaluations.form.heading", { department: evaluation.department })} />
      {problems.length ? <ProblemList id="evaluation-problems" problems={problems} title={t("residentEvaluations.form.problems")} /> : null}
      <dl className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2">
        <div>
          <dt className="text-sm text-slate-600">{t("residentEvaluations.form.rotation")}</dt>
          <dd className="break-words font-medium">
            {evaluation.department},{" "}
            {t("residentEvaluations.form.dates", { from: format.date(evaluation.startDate), to: format.date(evaluation.endDate) })}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{t("residentEvaluations.form.tutor")}</dt>
          <dd className="break-words font-medium">{evaluation.tutor ?? t("residentEvaluations.form.noTutor")}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{t("residentEvaluations.form.period")}</dt>
          <dd className="font-medium">{periodName}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{t("residentEvaluations.form.state")}</dt>
          <dd className="font-medium">
            <strong className="mr-1">{t(`evaluations.states.${evaluation.state}`)}.</strong>
            {stateText}
          </dd>
        </div>
      </dl>
      <Card id="privacy-title" title={t("residentEvaluations.privacy.title")}>
        <ul className="list-disc space-y-2 pl-5 text-slate-800">
          <li>{t("residentEvaluations.privacy.stored", { period: periodName })}</li>
          <li>{t("residentEvaluations.privacy.mark")}</li>
          <li>{t("residentEvaluations.privacy.audit")}</li>
          <li>{t("residentEvaluations.privacy.sealed", { date: format.date(evaluation.closesOn) })}</li>
          <li>{t("residentEvaluations.privacy.who")}</li>
          <li className="font-medium">{t("residentEvaluations.privacy.risk")}</li>
          <li>{t("residentEvaluations.privacy.redaction")}</li>
        </ul>
      </Card>
      {evaluation.open ? (
        <Card id="questions-title" title={t("residentEvaluations.form.questions")}>
          <Form method="post" className="space-y-5" aria-describedby="required-hint">
            <input type="hidden" name="intent" value="submit" />
            <p id="required-hint" className="text-sm text-slate-700">
              {t("residentEvaluations.form.requiredHint")}
            </p>
            <EvaluationFields
              items={evaluation.items}
              locale={locale}
              values={result ? answersGiven(evaluation.items, result.initialValue) : {}}
              errors={itemErrors}
            />
            <p className="text-sm text-slate-700">{t("residentEvaluations.form.submitHint")}</p>
            <SubmitButton intent="submit">{t("residentEvaluations.form.submit")}</SubmitButton>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
