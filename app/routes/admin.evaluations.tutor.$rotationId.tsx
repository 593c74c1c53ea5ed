import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { EvaluationFields } from "~/components/evaluation-fields";
import { ErrorList, ProblemList, SubmitButton } from "~/components/forms";
import { RecordHistory } from "~/components/history";
import { LinkButton } from "~/components/link-button";
import { Card, PageHeader } from "~/components/page-header";
import { hospitalToday } from "~/domain/dates";
import { useLocale } from "~/i18n/use-locale";
import { recordHistory } from "~/models/history.server";
import { adminEvaluationDetail, assign, reopen } from "~/models/tutor-evaluation.server";
import { adminTutorEvaluationSchema, TUTOR_EVALUATION_LIMITS } from "~/schemas/tutor-evaluation";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { refusalPage, refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "tutorEvaluations.admin.title", { name: data?.resident.name ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const rotationId = params.rotationId ?? "";
  const [detail, history] = await Promise.all([
    adminEvaluationDetail(rotationId, hospitalToday()),
    // The evaluation's history is kept under its rotation's id: one evaluation per rotation.
    recordHistory("tutorEvaluation", rotationId),
  ]).catch(refusalPage);
  return { ...detail, history };
}

/** Reopens a signed evaluation with a reason, or names someone else to fill it. */
export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const rotationId = params.rotationId ?? "";
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: adminTutorEvaluationSchema });
  const intent = String(formData.get("intent") ?? "");
  if (submission.status !== "success") return data({ intent, result: submission.reply(), problems: [] as string[] }, { status: 400 });
  const input = submission.value;
  try {
    if (input.intent === "reopen") await reopen(admin.id, rotationId, input.reason);
    else await assign(admin.id, rotationId, input.userId);
  } catch (error) {
    return refusalReply(error, submission, { intent });
  }
  return redirect(`/admin/evaluations/tutor/${rotationId}`, {
    headers: await withToast({
      kind: "success",
      message: input.intent === "reopen" ? "tutorEvaluations.admin.reopened" : "tutorEvaluations.admin.assigned",
    }),
  });
}

export default function AdminTutorEvaluation() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const detail = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { rotation, resident, evaluator, state } = detail;
  const errorsFor = (intent: string, field: string) => (actionData?.intent === intent ? actionData.result?.error?.[field] : null);
  const problems = [
    ...(actionData?.problems ?? []),
    ...(actionData?.result?.error?.[""] ?? []),
    ...(actionData?.result?.error?.intent ?? []),
  ];
  const reasonErrors = errorsFor("reopen", "reason");
  const userErrors = errorsFor("assign", "userId");
  const signed = state === "done";
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("tutorEvaluations.admin.title", { name: resident.name })}
        description={t("tutorEvaluations.admin.intro")}
        actions={<LinkButton to={`/admin/residents/${resident.id}`}>{t("tutorEvaluations.admin.back")}</LinkButton>}
      />
      {problems.length ? (
        <ProblemList id="evaluation-problems" problems={problems} title={t("tutorEvaluations.admin.title", { name: resident.name })} />
      ) : null}
      <Card id="summary-title" title={t("tutorEvaluations.admin.rotation")}>
        <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t("tutorEvaluations.admin.rotation")}</dt>
          <dd className="break-words">
            {rotation.department} ·{" "}
            {t("tutorEvaluations.period", { from: format.date(rotation.startDate), to: format.date(rotation.endDate) })}
          </dd>
          <dt className="font-medium">{t("tutorEvaluations.admin.state")}</dt>
          <dd>{t(`evaluations.states.${state}`)}</dd>
          <dt className="font-medium">{t("tutorEvaluations.admin.evaluator")}</dt>
          <dd className="break-words">
            {evaluator
              ? `${evaluator.name}${evaluator.role ? ` (${t(`tutorEvaluations.admin.roles.${evaluator.role}`)})` : ""}`
              : t("tutorEvaluations.admin.nobody")}
          </dd>
          <dt className="font-medium">{t("tutorEvaluations.admin.opensOn")}</dt>
          <dd>{format.date(detail.opensOn)}</dd>
          <dt className="font-medium">{t("tutorEvaluations.admin.dueOn")}</dt>
          <dd>{format.date(detail.dueOn)}</dd>
          {detail.version !== null ? (
            <>
              <dt className="font-medium">{t("tutorEvaluations.admin.formVersion")}</dt>
              <dd>{detail.version}</dd>
            </>
          ) : null}
        </dl>
      </Card>
      <Card id="answers-title" title={t("tutorEvaluations.form.answers")}>
        {signed ? (
          <p className="mb-3 text-sm text-slate-700">
            {t("tutorEvaluations.form.signedBy", { name: detail.signedBy ?? "—", day: format.date(detail.signedAt ?? "") })}{" "}
            {detail.acknowledgedAt
              ? t("tutorEvaluations.admin.acknowledgedOn", { day: format.date(detail.acknowledgedAt) })
              : t("tutorEvaluations.admin.notAcknowledged")}
          </p>
        ) : (
          <p className="mb-3 text-sm text-slate-700">
            {t(detail.started ? "tutorEvaluations.admin.draft" : "tutorEvaluations.admin.notStarted")}
          </p>
        )}
        {detail.started ? <EvaluationFields items={detail.items} locale={locale} values={detail.answers} readOnly /> : null}
        {detail.residentComment ? (
          <div className="mt-4 border-t border-slate-200 pt-3">
            <h3 className="font-semibold">{t("tutorEvaluations.form.residentComment")}</h3>
            <p className="whitespace-pre-line break-words">{detail.residentComment}</p>
          </div>
        ) : null}
      </Card>
      {signed ? (
        <Card id="reopen-title" title={t("tutorEvaluations.admin.reopen")}>
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="reopen" />
            <label htmlFor="reopen-reason" className="block font-medium">
              {t("tutorEvaluations.admin.reason")}
            </label>
            <p id="reopen-hint" className="text-sm text-slate-600">
              {t("tutorEvaluations.admin.reopenHint")}
            </p>
            <textarea
              id="reopen-reason"
              name="reason"
              required
              rows={2}
              maxLength={TUTOR_EVALUATION_LIMITS.reason}
              aria-invalid={reasonErrors?.length ? true : undefined}
              aria-describedby={`reopen-hint${reasonErrors?.length ? " reopen-reason-error" : ""}`}
              className="w-full rounded border border-slate-400 px-3 py-2"
            />
            <ErrorList id="reopen-reason-error" errors={reasonErrors} />
            <SubmitButton intent="reopen" variant="secondary">
              {t("tutorEvaluations.admin.reopenSubmit")}
            </SubmitButton>
          </Form>
        </Card>
      ) : state !== "withdrawn" ? (
        <Card id="assign-title" title={t("tutorEvaluations.admin.assign")}>
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="assign" />
            <label htmlFor="assign-user" className="block font-medium">
              {t("tutorEvaluations.admin.person")}
            </label>
            <p id="assign-hint" className="text-sm text-slate-600">
              {t("tutorEvaluations.admin.assignHint")}
            </p>
            <select
              id="assign-user"
              name="userId"
              required
              defaultValue=""
              aria-invalid={userErrors?.length ? true : undefined}
              aria-describedby={`assign-hint${userErrors?.length ? " assign-user-error" : ""}`}
              className="w-full max-w-md rounded border border-slate-400 px-3 py-2"
            >
              <option value="">{t("tutorEvaluations.admin.choose")}</option>
              {detail.tutors.map((tutor) => (
                <option key={tutor.id} value={tutor.id}>
                  {tutor.name}
                </option>
              ))}
            </select>
            <ErrorList id="assign-user-error" errors={userErrors} />
            <SubmitButton intent="assign" variant="secondary">
              {t("tutorEvaluations.admin.assignSubmit")}
            </SubmitButton>
          </Form>
        </Card>
      ) : null}
      <RecordHistory history={detail.history} />
    </div>
  );
}
