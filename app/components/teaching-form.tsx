import {
  FormProvider,
  getCollectionProps,
  getFormProps,
  getInputProps,
  getTextareaProps,
  useField,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { parseIsoDate, toIsoDate } from "~/domain/dates";
import { specialtyName } from "~/domain/specialties";
import {
  MAX_SERIES_SESSIONS,
  REPEATS,
  seriesDays,
  seriesLength,
  TEACHING_TYPES,
  type Repeat,
  type TeachingFields,
} from "~/domain/teaching";
import { useLocale } from "~/i18n/use-locale";
import { teachingCancelSchema, teachingCreateSchema, teachingUpdateSchema } from "~/schemas/teaching";
import { EditFormHead, Field, FormErrors, SelectField, SubmitButton, useSchemaForm } from "./forms";

export type TeachingFormChoices = {
  departments: Array<{ id: string; name: string }>;
  programmes: Array<{ id: string; specialtyCode: string; university: { name: string; shortName: string | null } }>;
  tutors: Array<{ id: string; name: string; colleague: boolean }>;
  suggestedProgrammeIds: string[];
};

export type TeachingFormValues = TeachingFields;

type AnyField = FieldMetadata<unknown>;
const asText = (meta: AnyField) => meta as FieldMetadata<string | undefined>;

/** How many sessions the series on screen makes, and its first and last day; null while incomplete. */
function seriesOf(date: string, repeat: string, until: string) {
  const first = parseIsoDate(date);
  if (!first) return null;
  const kind: Repeat = (REPEATS as readonly string[]).includes(repeat) ? (repeat as Repeat) : "once";
  const last = kind === "once" ? first : parseIsoDate(until);
  if (!last || last < first) return null;
  const count = seriesLength(first, kind, last);
  const days = seriesDays(first, kind, last);
  return { count, first, last: days[days.length - 1] ?? first };
}

/**
 * Logs a session or a series (`mode="create"`), or changes and moves one session (`mode="edit"`,
 * with the version it was loaded at). Phone first: one column, and everything but the title filled in.
 * Once attendance is confirmed (`timeLocked`) the day, start and length are shown, not edited.
 */
export function TeachingForm({
  id,
  mode,
  choices,
  values,
  version,
  timeLocked = false,
  leadIds = [],
  lastResult,
}: {
  id: string;
  mode: "create" | "edit";
  choices: TeachingFormChoices;
  values: TeachingFormValues;
  version?: string;
  timeLocked?: boolean;
  /** The lead tutor(s) of an existing session: shown as such, never offered as co-tutors. */
  leadIds?: string[];
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const creating = mode === "create";
  // Both schemas share every field the form shows; the create one adds the series, the edit one its version.
  const schema = (creating ? teachingCreateSchema : teachingUpdateSchema) as typeof teachingCreateSchema;
  const defaults = {
    title: values.title,
    type: values.type,
    date: toIsoDate(values.date),
    startTime: values.startTime,
    durationMinutes: String(values.durationMinutes),
    place: values.place ?? "",
    link: values.link ?? "",
    departmentId: values.departmentId ?? "",
    programmeIds: values.programmeIds,
    coTutorIds: values.coTutorIds,
    repeat: "once",
    until: "",
  };
  const [form, fields] = useSchemaForm(schema, { id, lastResult, defaultValue: defaults });

  // The series on screen, read from the form itself on every change (and from a refused submission).
  const submitted = (lastResult?.initialValue ?? {}) as Record<string, unknown>;
  const read = (name: "date" | "repeat" | "until") => (typeof submitted[name] === "string" ? (submitted[name] as string) : defaults[name]);
  const [current, setCurrent] = useState({ date: read("date"), repeat: read("repeat"), until: read("until") });
  const onFormChange = (event: FormEvent<HTMLFormElement>) => {
    const data = new FormData(event.currentTarget);
    const get = (name: string) => String(data.get(name) ?? "");
    setCurrent({ date: get("date"), repeat: get("repeat") || "once", until: get("until") });
  };
  const repeating = creating && current.repeat !== "once";
  const series = creating ? seriesOf(current.date, current.repeat, current.until) : null;
  const count = series?.count ?? 1;

  // Programmes: those of the tutor's residents (and any already chosen) first, the rest folded away.
  const programmeLabel = (p: TeachingFormChoices["programmes"][number]) =>
    `${specialtyName(p.specialtyCode, locale)} · ${p.university.shortName ?? p.university.name}`;
  const labels = new Map(choices.programmes.map((p) => [p.id, programmeLabel(p)]));
  const ordered = [...choices.programmes].sort((a, b) => (labels.get(a.id) ?? "").localeCompare(labels.get(b.id) ?? "", locale));
  const first = new Set([...choices.suggestedProgrammeIds, ...values.programmeIds]);
  const programmeBoxes = getCollectionProps(fields.programmeIds as FieldMetadata<string[] | undefined>, {
    type: "checkbox",
    options: ordered.map((p) => p.id),
  });
  const mainBoxes = programmeBoxes.filter((box) => first.has(box.value));
  const otherBoxes = programmeBoxes.filter((box) => !first.has(box.value));

  const candidates = choices.tutors.filter((u) => !leadIds.includes(u.id));
  const tutorNames = new Map(candidates.map((u) => [u.id, u.name]));
  const tutorBoxes = getCollectionProps(fields.coTutorIds as FieldMetadata<string[] | undefined>, {
    type: "checkbox",
    options: [...candidates.filter((u) => u.colleague), ...candidates.filter((u) => !u.colleague)].map((u) => u.id),
  });
  const colleagues = new Set(candidates.filter((u) => u.colleague).map((u) => u.id));
  const chosenTutors = values.coTutorIds.filter((u) => tutorNames.has(u)).length;

  const checkbox = (box: (typeof programmeBoxes)[number], label: string | undefined) => (
    <li key={box.key}>
      <label className="flex min-h-11 items-start gap-3 py-1">
        <input {...box} key={box.key} className="mt-1 h-5 w-5 shrink-0" />
        <span className="min-w-0 break-words">{label}</span>
      </label>
    </li>
  );

  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)} onChange={onFormChange} onInput={onFormChange} className="space-y-5">
        {version ? (
          <EditFormHead version={version} errorId={form.errorId} errors={form.errors} />
        ) : (
          <FormErrors id={form.errorId} errors={form.errors} />
        )}
        <Field meta={asText(fields.title)} label={t("teaching.fields.title")} autoComplete="off" />
        <SelectField
          meta={asText(fields.type)}
          label={t("teaching.fields.type")}
          options={TEACHING_TYPES.map((type) => ({ value: type, label: t(`teaching.types.${type}`) }))}
        />

        {timeLocked ? (
          <div className="rounded border border-slate-200 bg-slate-50 p-3 text-sm">
            <input {...getInputProps(asText(fields.date), { type: "hidden" })} key={fields.date.key} />
            <input {...getInputProps(asText(fields.startTime), { type: "hidden" })} key={fields.startTime.key} />
            <input {...getInputProps(asText(fields.durationMinutes), { type: "hidden" })} key={fields.durationMinutes.key} />
            <p className="font-medium">
              {t("teaching.when", { date: format.date(values.date), time: values.startTime })} ·{" "}
              {t("teaching.minutes", { count: values.durationMinutes })}
            </p>
            <p className="text-slate-700">{t("teaching.detail.lockedHelp")}</p>
          </div>
        ) : (
          <>
            <Field meta={asText(fields.date)} label={repeating ? t("teaching.fields.firstDate") : t("teaching.fields.date")} type="date" />
            <div className="grid grid-cols-2 gap-3">
              <Field meta={asText(fields.startTime)} label={t("teaching.fields.startTime")} type="time" />
              <Field meta={asText(fields.durationMinutes)} label={t("teaching.fields.durationMinutes")} type="number" />
            </div>
          </>
        )}

        {creating ? (
          <div className="space-y-3 rounded border border-slate-200 p-3">
            <SelectField
              meta={asText(fields.repeat)}
              label={t("teaching.fields.repeat")}
              options={REPEATS.map((r) => ({ value: r, label: t(`teaching.repeats.${r}`) }))}
            />
            {repeating ? <UntilField meta={asText(fields.until)} requested={count} /> : null}
            <p aria-live="polite" className="text-sm font-medium text-blue-900">
              {series && series.count <= MAX_SERIES_SESSIONS
                ? t("teaching.seriesCount", { count: series.count, first: format.date(series.first), last: format.date(series.last) })
                : null}
            </p>
          </div>
        ) : null}

        <Field meta={asText(fields.place)} label={t("teaching.fields.place")} hint={t("teaching.fields.placeHint")} />
        <Field meta={asText(fields.link)} label={t("teaching.fields.link")} hint={t("teaching.fields.linkHint")} type="url" />
        <SelectField
          meta={asText(fields.departmentId)}
          label={t("teaching.fields.department")}
          placeholder={t("teaching.fields.noDepartment")}
          options={choices.departments.map((d) => ({ value: d.id, label: d.name }))}
        />

        <fieldset aria-describedby={creating ? `${fields.programmeIds.id}-hint` : undefined} className="min-w-0">
          <legend className="text-sm font-medium text-slate-800">{t("teaching.fields.programmes")}</legend>
          {creating ? (
            <p id={`${fields.programmeIds.id}-hint`} className="text-sm text-slate-600">
              {t("teaching.fields.programmesHint")}
            </p>
          ) : null}
          <ErrorMessages id={fields.programmeIds.errorId} errors={fields.programmeIds.errors} />
          {mainBoxes.length ? <ul className="mt-1">{mainBoxes.map((box) => checkbox(box, labels.get(box.value)))}</ul> : null}
          {otherBoxes.length ? (
            <details open={mainBoxes.length === 0} className="mt-2 rounded border border-slate-200 px-3 py-2">
              <summary className="cursor-pointer py-1 text-sm font-medium text-blue-900">
                {t("teaching.fields.otherProgrammes", { count: otherBoxes.length })}
              </summary>
              <ul className="mt-1 max-h-80 overflow-y-auto">{otherBoxes.map((box) => checkbox(box, labels.get(box.value)))}</ul>
            </details>
          ) : null}
        </fieldset>

        {tutorBoxes.length ? (
          <details open={chosenTutors > 0} className="rounded border border-slate-200 px-3 py-2">
            <summary className="cursor-pointer py-1 text-sm font-medium text-blue-900">{t("teaching.fields.coTutors")}</summary>
            <fieldset aria-describedby={`${fields.coTutorIds.id}-hint`} className="min-w-0">
              <legend className="sr-only">{t("teaching.fields.coTutors")}</legend>
              <p id={`${fields.coTutorIds.id}-hint`} className="text-sm text-slate-600">
                {t("teaching.fields.coTutorsHint")}
              </p>
              <ErrorMessages id={fields.coTutorIds.errorId} errors={fields.coTutorIds.errors} />
              {[
                { key: "colleagues", title: t("teaching.fields.colleagues"), boxes: tutorBoxes.filter((box) => colleagues.has(box.value)) },
                { key: "others", title: t("teaching.fields.otherTutors"), boxes: tutorBoxes.filter((box) => !colleagues.has(box.value)) },
              ].map((group) =>
                group.boxes.length ? (
                  <div key={group.key} className="mt-2">
                    <p className="text-sm font-medium text-slate-700">{group.title}</p>
                    <ul className="max-h-64 overflow-y-auto">{group.boxes.map((box) => checkbox(box, tutorNames.get(box.value)))}</ul>
                  </div>
                ) : null,
              )}
            </fieldset>
          </details>
        ) : null}

        <div className="pt-1">
          <SubmitButton intent={creating ? undefined : "update"}>
            {creating ? t("teaching.submit", { count }) : t("teaching.detail.save")}
          </SubmitButton>
        </div>
      </Form>
    </FormProvider>
  );
}

/** Error messages of a field, translated with the figures of a series (the limit and the count asked for). */
function ErrorMessages({ id, errors, requested }: { id: string; errors?: string[] | null; requested?: number }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-1 text-sm text-red-800">
      {[...new Set(errors)].map((error) => (
        <li key={error}>{t(error as never, { max: MAX_SERIES_SESSIONS, requested: requested ?? 0 })}</li>
      ))}
    </ul>
  );
}

/** The last day of a series, whose "too many sessions" error says how many were asked for. */
function UntilField({ meta: field, requested }: { meta: FieldMetadata<string | undefined>; requested: number }) {
  const { t } = useTranslation();
  const [meta] = useField<string | undefined>(field.name, { formId: field.formId });
  const hintId = `${meta.id}-hint`;
  const props = getInputProps(meta, { type: "date", ariaDescribedBy: hintId });
  return (
    <div className="flex flex-col">
      <label htmlFor={meta.id} className="text-sm font-medium text-slate-800">
        {t("teaching.fields.until")}
      </label>
      <p id={hintId} className="text-sm text-slate-600">
        {t("teaching.fields.untilHint")}
      </p>
      <input
        {...props}
        key={props.key}
        className="mt-1 rounded border border-slate-400 px-3 py-2 text-base aria-[invalid=true]:border-red-700"
      />
      <ErrorMessages id={meta.errorId} errors={meta.errors} requested={requested} />
    </div>
  );
}

/** Cancels one session with a reason (required): it stays in the record, marked cancelled. */
export function TeachingCancelForm({
  id,
  version,
  lastResult,
}: {
  id: string;
  version: string;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(teachingCancelSchema, { id, lastResult, defaultValue: { intent: "cancel", version, reason: "" } });
  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <input type="hidden" name="intent" value="cancel" />
        <input type="hidden" name="version" value={version} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <ReasonField meta={fields.reason as FieldMetadata<string | undefined>} label={t("teaching.detail.cancelReason")} />
        <SubmitButton variant="danger" intent="cancel">
          {t("teaching.detail.cancel")}
        </SubmitButton>
      </Form>
    </FormProvider>
  );
}

/** The reason for cancelling, subscribed to its own field so that its error shows on the first refused submit. */
function ReasonField({ meta: field, label }: { meta: FieldMetadata<string | undefined>; label: string }) {
  const [meta] = useField<string | undefined>(field.name, { formId: field.formId });
  const props = getTextareaProps(meta);
  return (
    <div className="flex flex-col">
      <label htmlFor={meta.id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        {...props}
        key={props.key}
        rows={3}
        className="mt-1 rounded border border-slate-400 px-3 py-2 text-base aria-[invalid=true]:border-red-700"
      />
      <ErrorMessages id={meta.errorId} errors={meta.errors} />
    </div>
  );
}
