import { FormProvider, getFormProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { AttendanceStatus } from "~/domain/teaching";
import { correctionSchema } from "~/schemas/attendance";
import { StatusChoice, type AttendanceSheetView } from "./attendance-sheet";
import { ErrorList, FormErrors, SubmitButton, useSchemaForm } from "./forms";
import { Card } from "./page-header";

/** A correction of confirmed attendance: one resident, the new mark and the reason, which is required. */
export function Correction({
  sheet,
  lastResult,
}: {
  sheet: Pick<AttendanceSheetView, "rows">;
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(correctionSchema, { id: "attendance-correction", lastResult });
  return (
    <Card id="correction-title" title={t("attendance.correction.title")}>
      <p className="text-sm text-slate-700">{t("attendance.correction.intro")}</p>
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
          <input type="hidden" name="intent" value="correct" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <div className="flex flex-col">
            <label htmlFor={fields.residentId.id} className="text-sm font-medium text-slate-800">
              {t("attendance.correction.resident")}
            </label>
            <select
              {...getSelectProps(fields.residentId)}
              key={fields.residentId.key}
              className="mt-1 min-h-11 w-full min-w-0 rounded border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700"
            >
              <option value="">{t("attendance.correction.chooseResident")}</option>
              {sheet.rows.map((r) => (
                <option key={r.id} value={r.id}>
                  {`${r.name} · ${r.status ? t(`attendance.statuses.${r.status}`) : t("attendance.notMarked")}`}
                </option>
              ))}
            </select>
            <ErrorList id={fields.residentId.errorId} errors={fields.residentId.errors} />
          </div>
          <fieldset aria-describedby={fields.status.errors ? fields.status.errorId : undefined}>
            <legend className="mb-1 text-sm font-medium text-slate-800">{t("attendance.correction.status")}</legend>
            <StatusChoice
              name={fields.status.name}
              value={(fields.status.initialValue as AttendanceStatus | undefined) ?? null}
              key={fields.status.key}
            />
            <ErrorList id={fields.status.errorId} errors={fields.status.errors} />
          </fieldset>
          <div className="flex flex-col">
            <label htmlFor={fields.reason.id} className="text-sm font-medium text-slate-800">
              {t("attendance.correction.reason")}
            </label>
            <p id={`${fields.reason.id}-hint`} className="text-sm text-slate-600">
              {t("attendance.correction.reasonHint")}
            </p>
            <textarea
              {...getTextareaProps(fields.reason, { ariaDescribedBy: `${fields.reason.id}-hint` })}
              key={fields.reason.key}
              rows={3}
              className="mt-1 rounded border border-slate-400 px-3 py-2 text-base aria-[invalid=true]:border-red-700"
            />
            <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
          </div>
          <SubmitButton intent="correct">
            <span className="inline-flex min-h-7 items-center">{t("attendance.correction.submit")}</span>
          </SubmitButton>
        </Form>
      </FormProvider>
    </Card>
  );
}
