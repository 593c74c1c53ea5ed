import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { EvaluationFields } from "~/components/evaluation-fields";
import { ProblemList, SubmitButton } from "~/components/forms";
import { LinkButton } from "~/components/link-button";
import { Card, PageHeader } from "~/components/page-header";
import { hospitalToday } from "~/domain/dates";
import type { Answers, EvaluationItem } from "~/domain/evaluations";
import { useLocale } from "~/i18n/use-locale";
import { saveDraft, sign, tutorEvaluationForm } from "~/models/tutor-evaluation.server";
import { tutorEvaluationSchema } from "~/schemas/tutor-evaluation";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { refusalPage, refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "tutor" };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "tutorEvaluations.form.title", { name: data?.resident ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "tutor");
  // Only the person who fills this rotation's evaluation (or who signed it) reaches it; anyone else reads "not found".
  return tutorEvaluationForm(user.id, params.rotationId ?? "", hospitalToday()).catch(refusalPage);
}

/** What was typed, item by item, so that a refused form comes back as it was sent. */
function typed(formData: FormData): Record<string, string> {
  return Object.fromEntries(
    [...formData.entries()].flatMap(([name, value]) =>
      name.startsWith("item.") && typeof value === "string" ? [[name.slice("item.".length), value.slice(0, 10_000)]] : [],
    ),
  );
}

/** Saves a draft (items may be left out) or signs (every required item answered); either keeps what was typed when refused. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "tutor");
  const rotationId = params.rotationId ?? "";
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: tutorEvaluationSchema });
  const values = typed(formData);
  if (submission.status !== "success") return data({ result: submission.reply(), values, problems: [] as string[] }, { status: 400 });
  const fields = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : null;
  };
  try {
    if (submission.value.intent === "sign") {
      await sign(user.id, rotationId, fields);
      return redirect("/tutor/evaluations", { headers: await withToast({ kind: "success", message: "tutorEvaluations.form.signedDone" }) });
    }
    await saveDraft(user.id, rotationId, fields);
    return redirect(`/tutor/evaluations/${rotationId}`, {
      headers: await withToast({ kind: "success", message: "tutorEvaluations.form.drafted" }),
    });
  } catch (error) {
    return refusalReply(error, submission, { values });
  }
}

/** Typed values read back as answers, for the fields to show them again. */
function asAnswers(items: readonly EvaluationItem[], values: Record<string, string>): Answers {
  const answers: Answers = {};
  for (const item of items) {
    const raw = values[item.key];
    if (raw === undefined || raw === "") continue;
    if (item.type === "rating" && /^\d+$/.test(raw)) answers[item.key] = Number(raw);
    else if (item.type === "yesno" && (raw === "yes" || raw === "no")) answers[item.key] = raw === "yes";
    else if (item.type === "text") answers[item.key] = raw;
  }
  return answers;
}

export default function TutorEvaluationForm() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const evaluation = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const { rotation, resident, state, items } = evaluation;
  const errors: Record<string, string[]> = {};
  for (const [name, messages] of Object.entries(actionData?.result?.error ?? {}))
    if (name.startsWith("item.") && messages) errors[name.slice("item.".length)] = messages;
  const problems = [
    ...(actionData?.problems ?? []),
    ...(actionData?.result?.error?.[""] ?? []),
    ...(actionData?.result?.error?.intent ?? []),
  ];
  const values = actionData?.values ? asAnswers(items, actionData.values) : evaluation.answers;
  const open = state === "due" || state === "overdue";
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("tutorEvaluations.form.title", { name: resident })}
        description={
          <>
            {rotation.department} ·{" "}
            {t("tutorEvaluations.period", { from: format.date(rotation.startDate), to: format.date(rotation.endDate) })}
          </>
        }
        actions={<LinkButton to="/tutor/evaluations">{t("tutorEvaluations.form.back")}</LinkButton>}
      />
      {problems.length ? (
        <ProblemList id="evaluation-problems" problems={problems} title={t("tutorEvaluations.form.title", { name: resident })} />
      ) : null}
      <p className={`font-medium ${state === "overdue" ? "text-red-800" : ""}`}>
        {open
          ? t(state === "overdue" ? "tutorEvaluations.overdueSince" : "tutorEvaluations.dueBy", { day: format.date(evaluation.dueOn) })
          : t(`evaluations.states.${state}`)}
      </p>
      {state === "upcoming" ? (
        <p className="rounded border border-slate-200 bg-white p-4">
          {t(rotation.state === "planned" ? "tutorEvaluations.form.notConfirmed" : "tutorEvaluations.form.upcoming", {
            day: format.date(evaluation.opensOn),
          })}
        </p>
      ) : null}
      {state === "withdrawn" ? (
        <p className="rounded border border-slate-200 bg-white p-4">{t("tutorEvaluations.form.withdrawn")}</p>
      ) : null}
      {state === "done" ? (
        <Card id="answers-title" title={t("tutorEvaluations.form.answers")}>
          <p className="mb-3 text-sm text-slate-700">
            {t("tutorEvaluations.form.signedBy", { name: evaluation.signedBy ?? "—", day: format.date(evaluation.signedAt ?? "") })}{" "}
            {evaluation.acknowledgedAt
              ? t("tutorEvaluations.readByResident", { day: format.date(evaluation.acknowledgedAt) })
              : t("tutorEvaluations.notReadYet")}
          </p>
          <EvaluationFields items={items} locale={locale} values={evaluation.answers} readOnly />
          {evaluation.residentComment ? (
            <div className="mt-4 border-t border-slate-200 pt-3">
              <h3 className="font-semibold">{t("tutorEvaluations.form.residentComment")}</h3>
              <p className="whitespace-pre-line break-words">{evaluation.residentComment}</p>
            </div>
          ) : null}
        </Card>
      ) : null}
      {open ? (
        <Card id="form-title" title={t("tutorEvaluations.form.answers")}>
          {/* A new location (after saving) starts from what was saved; a refusal keeps what was typed. */}
          <Form key={location.key} method="post" className="space-y-5" noValidate>
            <p className="text-sm text-slate-700">{t("tutorEvaluations.form.hint")}</p>
            {evaluation.draft ? <p className="text-sm font-medium">{t("tutorEvaluations.draftSaved")}</p> : null}
            <EvaluationFields items={items} locale={locale} values={values} errors={errors} />
            <p id="sign-hint" className="text-sm text-slate-700">
              {t("tutorEvaluations.form.signHint")}
            </p>
            <div className="flex flex-wrap gap-3">
              <SubmitButton name="intent" value="draft" variant="secondary">
                {t("tutorEvaluations.form.saveDraft")}
              </SubmitButton>
              <SubmitButton name="intent" value="sign">
                {t("tutorEvaluations.form.sign")}
              </SubmitButton>
            </div>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
