import { FormProvider, getFormProps, getInputProps, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { ErrorList, Field, FormErrors, SelectField, SubmitButton, useSchemaForm } from "~/components/forms";
import { LinkButton } from "~/components/link-button";
import { Card, PageHeader } from "~/components/page-header";
import { OutcomeText, Readiness } from "~/components/progression";
import { addDays, hospitalToday, toIsoDate } from "~/domain/dates";
import { OUTCOMES } from "~/domain/training-calendar";
import { progressionRoundRow, recordOutcome } from "~/models/progression.server";
import { outcomeSchema, roundQuerySchema } from "~/schemas/progression";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "progression.recordOf", { name: data?.row.name ?? "" });

async function roundOf(request: Request, residentId: string) {
  const query = roundQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const found = await progressionRoundRow(residentId, query.year, hospitalToday());
  invariantResponse(found, "Resident not found", 404);
  return found;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return roundOf(request, params.residentId ?? "");
}

/** Records the school's outcome for the round, then back to the round's list. */
export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const residentId = params.residentId ?? "";
  const { startYear, programmeId } = await roundOf(request, residentId);
  const submission = parseWithZod(await readForm(request), { schema: outcomeSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    await recordOutcome(admin.id, residentId, startYear, submission.value);
  } catch (error) {
    return refusalReply(error, submission);
  }
  return redirect(`/admin/progression?${new URLSearchParams({ programme: programmeId, year: String(startYear) })}`, {
    headers: await withToast({ kind: "success", message: "progression.form.recorded" }),
  });
}

export default function RecordOutcome() {
  const { t } = useTranslation();
  const { row, label, startYear, programmeId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(outcomeSchema, {
    id: `outcome-${row.id}`,
    lastResult: actionData?.result,
    defaultValue: { decidedOn: toIsoDate(new Date(row.year.end)) },
  });
  const as = (meta: unknown) => meta as FieldMetadata<string | undefined>;
  const nextStart = addDays(new Date(row.year.end), 1);
  const back = `/admin/progression?${new URLSearchParams({ programme: programmeId, year: String(startYear) })}`;
  const honours = getInputProps(fields.honours, { type: "checkbox" });
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title={t("progression.recordOf", { name: row.name })}
        description={`${label} · ${t("progression.trainingYear", { year: row.year.year })} · ${t("progression.yearDates", {
          from: row.year.start,
          to: row.year.end,
        })}`}
        actions={<LinkButton to={back}>{t("progression.title")}</LinkButton>}
      />
      <Card id="readiness" title={t("progression.ready")}>
        {row.contractKnown ? null : <p className="mb-2 text-sm text-slate-700">{t("progression.contractUnknown")}</p>}
        <Readiness row={row} label={t("progression.ready")} />
      </Card>
      <Card id="causes" title={t("progression.causesTitle")}>
        <dl className="space-y-2 text-sm">
          {OUTCOMES.map((outcome) => (
            <div key={outcome}>
              <dt className="font-semibold">{t(`progression.outcomes.${outcome}`)}</dt>
              <dd className="text-slate-800">
                {outcome === "admitted"
                  ? row.last
                    ? t("progression.causes.admittedLast")
                    : t("progression.causes.admitted", { day: nextStart })
                  : outcome === "repeats"
                    ? t("progression.causes.repeats", { year: row.year.year, from: nextStart })
                    : t(`progression.causes.${outcome}`)}
              </dd>
            </div>
          ))}
        </dl>
      </Card>
      {row.outcome ? (
        <Card id="decision" title={t("progression.form.title")}>
          <p className="mb-2">{t("progression.errors.alreadyRecorded")}</p>
          <OutcomeText outcome={row.outcome} />
        </Card>
      ) : (
        <Card id="decision" title={t("progression.form.title")}>
          <FormProvider context={form.context}>
            <Form method="post" {...getFormProps(form)} className="space-y-4">
              <FormErrors id={form.errorId} errors={form.errors} />
              <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
                <SelectField
                  meta={as(fields.outcome)}
                  label={t("progression.form.outcome")}
                  placeholder={t("progression.form.choose")}
                  options={OUTCOMES.map((outcome) => ({ value: outcome, label: t(`progression.outcomes.${outcome}`) }))}
                />
                <Field
                  meta={as(fields.decidedOn)}
                  label={t("progression.form.decidedOn")}
                  type="date"
                  hint={t("progression.form.decidedOnHint")}
                />
                <Field
                  meta={as(fields.suspendedTo)}
                  label={t("progression.form.suspendedTo")}
                  type="date"
                  hint={t("progression.form.suspendedToHint")}
                />
              </div>
              {row.last ? (
                <fieldset className="space-y-3 rounded border border-slate-200 p-3">
                  <legend className="px-1 text-sm font-semibold">{t("progression.form.gradeHint")}</legend>
                  <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
                    <Field meta={as(fields.examDate)} label={t("progression.form.examDate")} type="date" />
                    <Field meta={as(fields.grade)} label={t("progression.form.grade")} type="number" />
                  </div>
                  <div className="flex items-center gap-2">
                    <input {...honours} key={honours.key} className="h-5 w-5" />
                    <label htmlFor={fields.honours.id}>{t("progression.form.honours")}</label>
                  </div>
                  <ErrorList id={fields.honours.errorId} errors={fields.honours.errors} />
                </fieldset>
              ) : null}
              <Field meta={as(fields.note)} label={t("progression.form.note")} />
              <SubmitButton>{t("progression.form.submit")}</SubmitButton>
            </Form>
          </FormProvider>
        </Card>
      )}
    </div>
  );
}
