import { FormProvider, getFormProps, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { AbsenceItem, Suspensions } from "~/components/absences";
import { ErrorList, Field, FormErrors, ProblemList, SelectField, SubmitButton, useSchemaForm } from "~/components/forms";
import { LinkButton } from "~/components/link-button";
import { Card, PageHeader, Stat, StatGrid } from "~/components/page-header";
import { PROTECTED_TYPES } from "~/domain/absences";
import { toIsoDate } from "~/domain/dates";
import { useLocale } from "~/i18n/use-locale";
import { changeAbsence, recordAbsence, residentAbsences, withdrawAbsence } from "~/models/absence.server";
import { residentAbsenceSchema } from "~/schemas/absences";
import { withToast } from "~/utils/flash.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";
import { readUploadForm } from "~/utils/upload.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "absences.record.title", { name: data?.resident.user.name ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const record = await residentAbsences(params.residentId ?? "");
  invariantResponse(record, "Resident not found", 404);
  return record;
}

/** Records a protected absence or leave after the fact, or changes the dates of an absence or withdraws it, each with its reason. */
export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const residentId = params.residentId ?? "";
  let formData: FormData;
  try {
    formData = await readUploadForm(request, { field: "document", key: "agreements.documentTooLarge" });
  } catch (error) {
    return refusalReply(error, null, { absenceId: "", intent: "record" });
  }
  const submission = parseWithZod(formData, { schema: residentAbsenceSchema });
  // Which form of which absence the answer is for: its messages go beside that form alone.
  const absenceId = String(formData.get("absenceId") ?? "");
  const intent = String(formData.get("intent") ?? "");
  if (submission.status !== "success")
    return data({ absenceId, intent, result: submission.reply(), problems: [] as string[] }, { status: 400 });
  const value = submission.value;
  if (value.intent === "record" && value.kind === "protected" && !value.protectedType) {
    return data(
      {
        absenceId,
        intent,
        result: submission.reply({ fieldErrors: { protectedType: ["absences.errors.typeRequired"] } }),
        problems: [] as string[],
      },
      { status: 400 },
    );
  }
  try {
    if (value.intent === "withdraw") await withdrawAbsence(admin.id, residentId, value.absenceId, value.reason);
    else if (value.intent === "change")
      await changeAbsence(admin.id, residentId, value.absenceId, { start: value.startDate, end: value.endDate }, value.reason);
    else if (value.kind === "protected") {
      await recordAbsence(
        admin.id,
        residentId,
        { ...value, kind: "protected", protectedType: value.protectedType! },
        new Date(),
        value.document ?? null,
      );
    } else
      await recordAbsence(
        admin.id,
        residentId,
        { ...value, kind: "personal", reason: value.reason ?? "" },
        new Date(),
        value.document ?? null,
      );
  } catch (error) {
    return refusalReply(error, submission, { absenceId, intent });
  }
  return redirect(`/admin/residents/${residentId}/absences`, {
    headers: await withToast({
      kind: "success",
      message: { record: "absences.record.recorded", change: "absences.record.changed", withdraw: "absences.record.withdrawn" }[
        value.intent
      ],
    }),
  });
}

export default function ResidentAbsences() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { resident, balance, year, absences, suspensions, suspendedDays, suspensionUse, expectedEnd, suspensionAfter } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(residentAbsenceSchema, {
    id: "record-absence",
    lastResult: actionData && !actionData.absenceId ? actionData.result : undefined,
    defaultValue: { kind: "protected" },
  });
  // A file too large to read never reaches the form's parsing: its refusal comes back on its own.
  const documentErrors = [...(fields.document.errors ?? []), ...(actionData && !actionData.absenceId ? (actionData.problems ?? []) : [])];
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("absences.record.title", { name: resident.user.name })}
        description={t("absences.record.intro")}
        actions={<LinkButton to={`/admin/residents/${resident.id}`}>{t("logbookReview.admin.back")}</LinkButton>}
      />
      <p className="rounded border-l-4 border-blue-800 bg-blue-50 p-3 text-sm">{t("absences.record.privacy")}</p>

      <Card id="suspensions" title={t("absences.record.suspensionsTitle")}>
        {suspensions.length === 0 ? (
          <p className="text-slate-700">{t("absences.record.noSuspension", { days: suspensionAfter })}</p>
        ) : (
          <Suspensions
            suspensions={suspensions}
            suspendedDays={suspendedDays}
            expectedEnd={expectedEnd}
            plannedEnd={resident.stayEnd}
            use={suspensionUse}
          />
        )}
      </Card>

      <Card id="balance" title={t("absences.mine.balanceTitle", { year: year.label })}>
        <StatGrid label={t("absences.mine.balanceTitle", { year: year.label })}>
          <Stat label={t("absences.mine.used")} value={format.number(balance.used)} />
          <Stat label={t("absences.mine.approved")} value={format.number(balance.approved)} />
          <Stat label={t("absences.mine.requested")} value={format.number(balance.requested)} />
          <Stat label={t("absences.mine.left")} value={format.number(balance.left)} />
        </StatGrid>
      </Card>

      <Card id="record" title={t("absences.record.formTitle")}>
        <FormProvider context={form.context}>
          <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-4">
            <input type="hidden" name="intent" value="record" />
            <FormErrors id={form.errorId} errors={form.errors} />
            <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
              <SelectField
                meta={fields.kind as FieldMetadata<string | undefined>}
                label={t("absences.record.kind")}
                options={[
                  { value: "protected", label: t("absences.kinds.protected") },
                  { value: "personal", label: t("absences.kinds.personal") },
                ]}
              />
              <SelectField
                meta={fields.protectedType as FieldMetadata<string | undefined>}
                label={t("absences.record.protectedType")}
                placeholder={t("absences.record.typeHint")}
                options={PROTECTED_TYPES.map((type) => ({ value: type, label: t(`absences.types.${type}`) }))}
              />
              <Field meta={fields.startDate as FieldMetadata<string | undefined>} label={t("absences.mine.startDate")} type="date" />
              <Field meta={fields.endDate as FieldMetadata<string | undefined>} label={t("absences.mine.endDate")} type="date" />
            </div>
            <Field
              meta={fields.reason as FieldMetadata<string | undefined>}
              label={t("absences.record.reasonLabel")}
              hint={t("absences.record.reasonHint")}
            />
            <div className="space-y-1">
              <label htmlFor={fields.document.id} className="block text-sm font-medium">
                {t("absences.record.document")}
              </label>
              <input
                id={fields.document.id}
                name={fields.document.name}
                type="file"
                accept="application/pdf,.pdf"
                aria-describedby={
                  documentErrors.length ? `${fields.document.descriptionId} ${fields.document.errorId}` : fields.document.descriptionId
                }
                aria-invalid={documentErrors.length ? true : undefined}
                className="block w-full text-sm file:mr-3 file:min-h-11 file:rounded file:border-0 file:bg-slate-200 file:px-4 file:py-2"
              />
              <p id={fields.document.descriptionId} className="text-sm text-slate-600">
                {t("absences.record.documentHint")}
              </p>
              <ErrorList id={fields.document.errorId} errors={documentErrors} />
            </div>
            <SubmitButton intent="record">{t("absences.record.submit")}</SubmitButton>
          </Form>
        </FormProvider>
      </Card>

      <Card id="absences" title={t("absences.mine.listTitle")}>
        {absences.length === 0 ? (
          <p className="text-slate-600">{t("absences.mine.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {absences.map((absence) => {
              const mine = actionData?.absenceId === absence.id ? actionData : null;
              const problems = [...(mine?.problems ?? []), ...(mine?.result?.error?.[""] ?? []), ...(mine?.result?.error?.absenceId ?? [])];
              const errorsOf = (intent: string, field: string) =>
                mine?.intent === intent ? (mine.result?.error?.[field] ?? undefined) : undefined;
              const reasonErrors = errorsOf("withdraw", "reason");
              const id = `withdraw-${absence.id}`;
              return (
                <AbsenceItem key={absence.id} absence={absence} documentHref={`/admin/absences/${absence.id}/document`}>
                  {problems.length ? <ProblemList problems={problems} /> : null}
                  {absence.withdrawable ? (
                    <Form method="post" className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="intent" value="withdraw" />
                      <input type="hidden" name="absenceId" value={absence.id} />
                      <div className="flex min-w-0 flex-col">
                        <label htmlFor={id} className="text-sm font-medium text-slate-800">
                          {t("absences.record.withdrawReason")}
                        </label>
                        <input
                          id={id}
                          name="reason"
                          maxLength={500}
                          aria-invalid={reasonErrors?.length ? true : undefined}
                          aria-describedby={reasonErrors?.length ? `${id}-error` : undefined}
                          className="mt-1 rounded border border-slate-400 px-3 py-2 text-base aria-[invalid=true]:border-red-700"
                        />
                        <ErrorList id={`${id}-error`} errors={reasonErrors} />
                      </div>
                      <SubmitButton intent="withdraw" variant="secondary">
                        {t("absences.record.withdraw")}
                      </SubmitButton>
                    </Form>
                  ) : null}
                  {absence.withdrawable ? (
                    <ChangeDates
                      absence={absence}
                      errors={{
                        startDate: errorsOf("change", "startDate"),
                        endDate: errorsOf("change", "endDate"),
                        reason: errorsOf("change", "reason"),
                      }}
                    />
                  ) : null}
                </AbsenceItem>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}

type FieldErrors = string[] | undefined;

/** Changing an absence's dates, with the reason the history keeps: folded away until opened, or while its answer has errors. */
function ChangeDates({
  absence,
  errors,
}: {
  absence: { id: string; startDate: Date | string; endDate: Date | string };
  errors: { startDate: FieldErrors; endDate: FieldErrors; reason: FieldErrors };
}) {
  const { t } = useTranslation();
  const field = (name: "startDate" | "endDate" | "reason", label: string, type: string, value?: string) => {
    const id = `change-${name}-${absence.id}`;
    const problems = errors[name];
    return (
      <div className="flex min-w-0 flex-col">
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        <input
          id={id}
          name={name}
          type={type}
          defaultValue={value}
          maxLength={type === "text" ? 500 : undefined}
          aria-invalid={problems?.length ? true : undefined}
          aria-describedby={problems?.length ? `${id}-error` : undefined}
          className="mt-1 rounded border border-slate-400 px-3 py-2 text-base aria-[invalid=true]:border-red-700"
        />
        <ErrorList id={`${id}-error`} errors={problems} />
      </div>
    );
  };
  const open = Boolean(errors.startDate?.length || errors.endDate?.length || errors.reason?.length);
  return (
    <details open={open} className="rounded border border-slate-200 p-2">
      <summary className="min-h-11 cursor-pointer py-2 font-medium text-blue-800">{t("absences.record.change")}</summary>
      <Form method="post" className="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-2">
        <input type="hidden" name="intent" value="change" />
        <input type="hidden" name="absenceId" value={absence.id} />
        {field("startDate", t("absences.mine.startDate"), "date", toIsoDate(new Date(absence.startDate)))}
        {field("endDate", t("absences.mine.endDate"), "date", toIsoDate(new Date(absence.endDate)))}
        <div className="sm:col-span-2">{field("reason", t("absences.record.changeReason"), "text")}</div>
        <div>
          <SubmitButton intent="change" variant="secondary">
            {t("absences.record.changeSubmit")}
          </SubmitButton>
        </div>
      </Form>
    </details>
  );
}
