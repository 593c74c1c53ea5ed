import { FormProvider, getFormProps, getInputProps, getSelectProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FACILITY_ROLES } from "~/domain/agreement-status";
import { toIsoDate } from "~/domain/dates";
import { specialtyName } from "~/domain/specialties";
import { useLocale } from "~/i18n/use-locale";
import { agreementSchema } from "~/schemas/agreement";
import { ErrorList, Field, ProblemList, SubmitButton, useSchemaForm } from "./forms";
import { TextAreaField } from "./record-fields";

export type AgreementFormValues = {
  universityId: string;
  facilityRole: string;
  startDate: Date | null;
  endDate: Date | null;
  signedOn: Date | null;
  notes: string | null;
  coverage: Array<{ programmeId: string; posts: number }>;
};

/**
 * The agreement form, for a new agreement and for editing one. The university is fixed; each of its
 * programmes is a row where the posts are entered (an empty row is not covered).
 */
export function AgreementForm({
  id,
  values,
  programmes,
  lastResult,
  version,
  submitLabel,
}: {
  id: string;
  values: AgreementFormValues;
  programmes: Array<{ id: string; specialtyCode: string; archivedAt: Date | null }>;
  lastResult?: SubmissionResult<string[]> | null;
  version?: string;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const posts = new Map(values.coverage.map((c) => [c.programmeId, c.posts]));
  const [form, fields] = useSchemaForm(agreementSchema, {
    id,
    lastResult,
    defaultValue: {
      universityId: values.universityId,
      facilityRole: values.facilityRole,
      startDate: values.startDate ? toIsoDate(values.startDate) : "",
      endDate: values.endDate ? toIsoDate(values.endDate) : "",
      signedOn: values.signedOn ? toIsoDate(values.signedOn) : "",
      notes: values.notes ?? "",
      coverage: programmes.map((p) => ({ programmeId: p.id, posts: posts.has(p.id) ? String(posts.get(p.id)) : "" })),
    },
  });
  const rows = fields.coverage.getFieldList();

  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <input type="hidden" name="intent" value={version ? "update" : "create"} />
        {version ? <input type="hidden" name="version" value={version} /> : null}
        <input {...getInputProps(fields.universityId, { type: "hidden" })} key={fields.universityId.key} />
        {form.errors?.length ? <ProblemList id={form.errorId} problems={form.errors} linkLabel={t("agreements.otherAgreement")} /> : null}
        <div className="flex flex-col">
          <label htmlFor={fields.facilityRole.id} className="text-sm font-medium">
            {t("agreements.facilityRole")}
          </label>
          <select
            {...getSelectProps(fields.facilityRole)}
            key={fields.facilityRole.key}
            className="mt-1 rounded border border-slate-400 px-3 py-2"
          >
            {FACILITY_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`agreements.roles.${role}`)}
              </option>
            ))}
          </select>
          <ErrorList id={fields.facilityRole.errorId} errors={fields.facilityRole.errors} />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field meta={fields.startDate as FieldMetadata<string | undefined>} label={t("agreements.startDate")} type="date" />
          <Field meta={fields.endDate as FieldMetadata<string | undefined>} label={t("agreements.endDate")} type="date" />
          <Field
            meta={fields.signedOn as FieldMetadata<string | undefined>}
            label={t("agreements.signedOn")}
            type="date"
            hint={t("agreements.signedOnHint")}
          />
        </div>
        <fieldset aria-describedby={`${fields.coverage.id}-hint ${fields.coverage.errors ? fields.coverage.errorId : ""}`.trim()}>
          <legend className="text-sm font-medium">{t("agreements.coverage")}</legend>
          <p id={`${fields.coverage.id}-hint`} className="text-sm text-slate-600">
            {t("agreements.coverageHint")}
          </p>
          <ErrorList id={fields.coverage.errorId} errors={fields.coverage.errors} />
          {programmes.length === 0 ? (
            <p className="mt-2 rounded bg-amber-50 p-3">{t("agreements.noProgrammesAvailable")}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-200">
              {programmes.map((programme, index) => {
                const row = rows[index]?.getFieldset();
                if (!row) return null;
                const name = specialtyName(programme.specialtyCode, locale);
                return (
                  <li key={programme.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                    <input {...getInputProps(row.programmeId, { type: "hidden" })} key={row.programmeId.key} />
                    <label htmlFor={row.posts.id} className="flex-1">
                      <span className="sr-only">{t("agreements.posts")}: </span>
                      {name}
                    </label>
                    <div className="flex flex-col items-end">
                      <input
                        {...getInputProps(row.posts, { type: "number" })}
                        key={row.posts.key}
                        min={1}
                        max={500}
                        inputMode="numeric"
                        className="w-24 rounded border border-slate-400 px-2 py-1 text-right aria-[invalid=true]:border-red-700"
                      />
                      <ErrorList id={row.posts.errorId} errors={row.posts.errors} />
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </fieldset>
        <TextAreaField meta={fields.notes} label={t("agreements.notes")} />
        <SubmitButton intent={version ? "update" : "create"}>{submitLabel}</SubmitButton>
      </Form>
    </FormProvider>
  );
}
