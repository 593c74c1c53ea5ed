import { FormProvider, getFormProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { toIsoDate } from "~/domain/dates";
import { rotationSchema } from "~/schemas/rotation";
import { Field, ProblemList, SelectField, SubmitButton, useSchemaForm } from "./forms";
import { TextAreaField } from "./record-fields";

type Choices = {
  residents: Array<{ id: string; user: { name: string } }>;
  departments: Array<{ id: string; name: string; tutors: Array<{ id: string; name: string }> }>;
};

/**
 * Plan or move a rotation. While the coordinator picks resident, department, tutor and dates, the
 * server checks the seven rules and the form shows which would break; the save checks them again.
 */
export function RotationForm({
  id,
  rotationId,
  choices,
  values,
  version,
  lastResult,
  submitLabel,
}: {
  id: string;
  /** When editing: the rotation itself, which the rules must not count against itself. */
  rotationId?: string;
  choices: Choices;
  values: {
    residentId: string;
    departmentId: string;
    tutorId: string;
    startDate: Date | null;
    endDate: Date | null;
    state: string;
    notes: string | null;
  };
  version?: string;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(rotationSchema, {
    id,
    lastResult,
    defaultValue: {
      residentId: values.residentId,
      departmentId: values.departmentId,
      tutorId: values.tutorId,
      startDate: values.startDate ? toIsoDate(values.startDate) : "",
      endDate: values.endDate ? toIsoDate(values.endDate) : "",
      state: values.state,
      notes: values.notes ?? "",
    },
  });
  // What the form shows right now, read from the form itself on every change.
  const initial = {
    residentId: values.residentId,
    departmentId: values.departmentId,
    tutorId: values.tutorId,
    startDate: values.startDate ? toIsoDate(values.startDate) : "",
    endDate: values.endDate ? toIsoDate(values.endDate) : "",
  };
  const [current, setCurrent] = useState(initial);
  const onFormChange = (event: FormEvent<HTMLFormElement>) => {
    const data = new FormData(event.currentTarget);
    const read = (name: keyof typeof initial) => String(data.get(name) ?? "");
    setCurrent({
      residentId: read("residentId"),
      departmentId: read("departmentId"),
      tutorId: read("tutorId"),
      startDate: read("startDate"),
      endDate: read("endDate"),
    });
  };
  const { residentId, departmentId, tutorId, startDate, endDate } = current;
  const department = choices.departments.find((d) => d.id === departmentId);
  const ready = Boolean(residentId && departmentId && startDate && endDate);
  const query = new URLSearchParams({
    residentId: residentId ?? "",
    departmentId: departmentId ?? "",
    tutorId: tutorId ?? "",
    startDate: startDate ?? "",
    endDate: endDate ?? "",
    ...(rotationId ? { rotationId } : {}),
  }).toString();
  // One fetcher per combination: a late answer (or a revalidation after a save) for earlier dates can
  // never overwrite the answer for the dates now on screen.
  const check = useFetcher<{ problems: string[] | null }>({ key: `rotation-check-${query}` });
  const load = check.load;
  const loaded = check.data !== undefined || check.state !== "idle";
  useEffect(() => {
    if (ready && !loaded) load(`/admin/rotations/check?${query}`);
  }, [ready, loaded, query, load]);
  const live = ready ? check.data?.problems : null;
  const as = (meta: FieldMetadata<unknown>) => meta as FieldMetadata<string | undefined>;

  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)} onChange={onFormChange} onInput={onFormChange} className="space-y-4">
        <input type="hidden" name="intent" value={version ? "update" : "create"} />
        {version ? <input type="hidden" name="version" value={version} /> : null}
        {form.errors?.length ? <ProblemList id={form.errorId} problems={form.errors} title={t("rotations.problemsTitle")} /> : null}
        <SelectField
          meta={as(fields.residentId)}
          label={t("rotations.resident")}
          placeholder={t("rotations.chooseResident")}
          options={choices.residents.map((r) => ({ value: r.id, label: r.user.name }))}
        />
        <SelectField
          meta={as(fields.departmentId)}
          label={t("rotations.department")}
          placeholder={t("rotations.chooseDepartment")}
          options={choices.departments.map((d) => ({ value: d.id, label: d.name }))}
        />
        <SelectField
          meta={as(fields.tutorId)}
          label={t("rotations.tutor")}
          placeholder={t("rotations.chooseTutor")}
          options={(department?.tutors ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field meta={as(fields.startDate)} label={t("rotations.startDate")} type="date" />
          <Field meta={as(fields.endDate)} label={t("rotations.endDate")} type="date" />
        </div>
        <SelectField
          meta={as(fields.state)}
          label={t("rotations.state")}
          options={["planned", "confirmed"].map((s) => ({ value: s, label: t(`rotations.states.${s as "planned"}`) }))}
        />
        <TextAreaField meta={fields.notes} label={t("rotations.notes")} />
        <section aria-labelledby={`${id}-check`} aria-live="polite" className="rounded border border-slate-200 bg-slate-50 p-3">
          <h2 id={`${id}-check`} className="text-sm font-semibold">
            {t("rotations.checkTitle")}
          </h2>
          {!ready ? null : check.state !== "idle" && !live ? (
            <p className="text-sm">{t("rotations.checking")}</p>
          ) : live && live.length > 0 ? (
            <ProblemList problems={live} title={t("rotations.problemsTitle")} />
          ) : live ? (
            <p className="text-sm text-green-900">{t("rotations.allRulesMet")}</p>
          ) : null}
        </section>
        <SubmitButton intent={version ? "update" : "create"}>{submitLabel}</SubmitButton>
      </Form>
    </FormProvider>
  );
}
