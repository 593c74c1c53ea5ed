import { FormProvider, getFormProps, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "~/schemas/z";
import { requireRole } from "~/auth/guards.server";
import { Field, FormErrors, SelectField, SubmitButton, useSchemaForm } from "~/components/forms";
import { Card, PageHeader } from "~/components/page-header";
import { hospitalToday } from "~/domain/dates";
import { academicYearOf } from "~/domain/teaching";
import { formatters } from "~/i18n/format";
import type { Locale } from "~/i18n/locale";
import { localeOf } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { COUNT_MODES } from "~/domain/absences";
import { PERIOD_MODES } from "~/domain/evaluations";
import {
  absenceSettings,
  academicYearStart,
  digestHour,
  evaluationSettings,
  setAbsenceSettings,
  setAcademicYearStart,
  setDigestHour,
  setEvaluationSettings,
} from "~/models/settings.server";
import { absenceSettingsSchema } from "~/schemas/absences";
import { evaluationSettingsSchema } from "~/schemas/evaluation-form";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "teachingReport.settings.title");

/** A whole number from `min` to `max` chosen from a list; anything else gets the one message `error`. */
const choice = (min: number, max: number, error: string) =>
  z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });

/** The first day of the academic year: a month and a day that every year has (1 to 28). */
const yearStartSchema = z.object({
  month: choice(1, 12, "teachingReport.settings.monthInvalid"),
  day: choice(1, 28, "teachingReport.settings.dayInvalid"),
});

/** The hour of the digests and the daily checks, in the hospital's time zone. */
const digestHourSchema = z.object({ hour: choice(0, 23, "teachingReport.settings.digestHourInvalid") });

/** "07:00". */
const hourLabel = (hour: number) => `${String(hour).padStart(2, "0")}:00`;

/** "1 November" / "1 novembre". */
function dayAndMonth(start: { month: number; day: number }, locale: Locale) {
  return formatters(locale).dayMonth(Date.UTC(2001, start.month - 1, start.day));
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const [start, hour, evaluations, absences] = await Promise.all([
    academicYearStart(),
    digestHour(),
    evaluationSettings(),
    absenceSettings(),
  ]);
  const year = academicYearOf(hospitalToday(), start);
  return { start, year: { label: year.label, start: year.start, end: year.end }, hour, evaluations, absences };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const formData = await readForm(request);
  if (formData.get("intent") === "evaluations") {
    const submission = parseWithZod(formData, { schema: evaluationSettingsSchema });
    if (submission.status !== "success") return data({ form: "evaluations", result: submission.reply() }, { status: 400 });
    await setEvaluationSettings(submission.value, admin.id);
    throw redirect("/admin/settings", { headers: await withToast({ kind: "success", message: "evaluationForms.settings.saved" }) });
  }
  if (formData.get("intent") === "absences") {
    const submission = parseWithZod(formData, { schema: absenceSettingsSchema });
    if (submission.status !== "success") return data({ form: "absences", result: submission.reply() }, { status: 400 });
    const { patronMonth, patronDay, ...rules } = submission.value;
    await setAbsenceSettings({ ...rules, patronDay: { month: patronMonth, day: patronDay } }, admin.id);
    throw redirect("/admin/settings", { headers: await withToast({ kind: "success", message: "absences.settings.saved" }) });
  }
  if (formData.get("intent") === "digest-hour") {
    const submission = parseWithZod(formData, { schema: digestHourSchema });
    if (submission.status !== "success") return data({ form: "digest-hour", result: submission.reply() }, { status: 400 });
    await setDigestHour(submission.value.hour, admin.id);
    throw redirect("/admin/settings", {
      headers: await withToast({
        kind: "success",
        message: "teachingReport.settings.digestSaved",
        values: { hour: hourLabel(submission.value.hour) },
      }),
    });
  }
  const submission = parseWithZod(formData, { schema: yearStartSchema });
  if (submission.status !== "success") return data({ form: "academic-year", result: submission.reply() }, { status: 400 });
  await setAcademicYearStart(submission.value, admin.id);
  throw redirect("/admin/settings", {
    headers: await withToast({
      kind: "success",
      message: "teachingReport.settings.saved",
      values: { day: dayAndMonth(submission.value, localeOf(request, admin)) },
    }),
  });
}

export default function Settings() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { start, year, hour, evaluations, absences } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(yearStartSchema, {
    id: "academic-year-start",
    lastResult: actionData?.form === "academic-year" ? actionData.result : undefined,
    defaultValue: { month: String(start.month), day: String(start.day) },
  });
  const [digestForm, digestFields] = useSchemaForm(digestHourSchema, {
    id: "digest-hour",
    lastResult: actionData?.form === "digest-hour" ? actionData.result : undefined,
    defaultValue: { hour: String(hour) },
  });
  const [evaluationForm, evaluationFields] = useSchemaForm(evaluationSettingsSchema, {
    id: "evaluation-settings",
    lastResult: actionData?.form === "evaluations" ? actionData.result : undefined,
    defaultValue: { openDays: String(evaluations.openDays), dueDays: String(evaluations.dueDays), period: evaluations.period },
  });
  const [absenceForm, absenceFields] = useSchemaForm(absenceSettingsSchema, {
    id: "absence-settings",
    lastResult: actionData?.form === "absences" ? actionData.result : undefined,
    defaultValue: {
      personalDays: String(absences.personalDays),
      countMode: absences.countMode,
      suspensionAfter: String(absences.suspensionAfter),
      retentionYears: String(absences.retentionYears),
      patronMonth: String(absences.patronDay.month),
      patronDay: String(absences.patronDay.day),
    },
  });
  const hours = Array.from({ length: 24 }, (_, value) => ({ value: String(value), label: hourLabel(value) }));
  const months = Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: format.month(Date.UTC(2001, i, 1)) }));
  const dayAndMonthLabel = (day: { month: number; day: number }) => format.dayMonth(Date.UTC(2024, day.month - 1, day.day));
  const days = Array.from({ length: 28 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title={t("teachingReport.settings.title")} description={t("teachingReport.settings.intro")} />
      <Card id="academic-year" title={t("teachingReport.settings.yearTitle")}>
        <div className="space-y-3">
          <p className="text-slate-700">{t("teachingReport.settings.yearExplanation")}</p>
          <p className="font-medium">
            {t("teachingReport.settings.now", { year: year.label, from: format.date(year.start), to: format.date(year.end) })}
          </p>
          <FormProvider context={form.context}>
            <Form method="post" {...getFormProps(form)} className="space-y-4">
              <FormErrors id={form.errorId} errors={form.errors} />
              <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
                <SelectField
                  meta={fields.month as FieldMetadata<string | undefined>}
                  label={t("teachingReport.settings.month")}
                  options={months}
                />
                <SelectField
                  meta={fields.day as FieldMetadata<string | undefined>}
                  label={t("teachingReport.settings.day")}
                  options={days}
                />
              </div>
              <p className="text-sm text-slate-600">{t("teachingReport.settings.dayHint")}</p>
              <SubmitButton>{t("common.save")}</SubmitButton>
            </Form>
          </FormProvider>
        </div>
      </Card>
      <Card id="digests" title={t("teachingReport.settings.digestTitle")}>
        <div className="space-y-3">
          <p className="text-slate-700">{t("teachingReport.settings.digestExplanation")}</p>
          <p className="font-medium">{t("teachingReport.settings.digestNow", { hour: hourLabel(hour) })}</p>
          <FormProvider context={digestForm.context}>
            <Form method="post" {...getFormProps(digestForm)} className="space-y-4">
              <FormErrors id={digestForm.errorId} errors={digestForm.errors} />
              <SelectField
                meta={digestFields.hour as FieldMetadata<string | undefined>}
                label={t("teachingReport.settings.digestHour")}
                options={hours}
              />
              <SubmitButton name="intent" value="digest-hour">
                {t("common.save")}
              </SubmitButton>
            </Form>
          </FormProvider>
        </div>
      </Card>
      <Card id="evaluations" title={t("evaluationForms.settings.title")}>
        <div className="space-y-3">
          <p className="text-slate-700">{t("evaluationForms.settings.explanation")}</p>
          <p className="font-medium">
            {t("evaluationForms.settings.now", {
              open: evaluations.openDays,
              due: evaluations.dueDays,
              period: t(`evaluationForms.settings.periods.${evaluations.period}`),
            })}
          </p>
          <FormProvider context={evaluationForm.context}>
            <Form method="post" {...getFormProps(evaluationForm)} className="space-y-4">
              <FormErrors id={evaluationForm.errorId} errors={evaluationForm.errors} />
              <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
                <Field
                  meta={evaluationFields.openDays as FieldMetadata<string | undefined>}
                  label={t("evaluationForms.settings.openDays")}
                  type="number"
                />
                <Field
                  meta={evaluationFields.dueDays as FieldMetadata<string | undefined>}
                  label={t("evaluationForms.settings.dueDays")}
                  type="number"
                />
              </div>
              <SelectField
                meta={evaluationFields.period as FieldMetadata<string | undefined>}
                label={t("evaluationForms.settings.period")}
                options={PERIOD_MODES.map((mode) => ({ value: mode, label: t(`evaluationForms.settings.periods.${mode}`) }))}
              />
              <SubmitButton name="intent" value="evaluations">
                {t("common.save")}
              </SubmitButton>
            </Form>
          </FormProvider>
        </div>
      </Card>
      <Card id="absences" title={t("absences.settings.title")}>
        <div className="space-y-3">
          <p className="text-slate-700">{t("absences.settings.explanation")}</p>
          <p className="font-medium">
            {t("absences.settings.now", {
              personalDays: absences.personalDays,
              counted: t(`absences.counted.${absences.countMode}`),
              suspensionAfter: absences.suspensionAfter,
              patron: dayAndMonthLabel(absences.patronDay),
            })}
          </p>
          <FormProvider context={absenceForm.context}>
            <Form method="post" {...getFormProps(absenceForm)} className="space-y-4">
              <FormErrors id={absenceForm.errorId} errors={absenceForm.errors} />
              <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
                <Field
                  meta={absenceFields.personalDays as FieldMetadata<string | undefined>}
                  label={t("absences.settings.personalDays")}
                  type="number"
                />
                <SelectField
                  meta={absenceFields.countMode as FieldMetadata<string | undefined>}
                  label={t("absences.settings.countMode")}
                  options={COUNT_MODES.map((mode) => ({ value: mode, label: t(`absences.counted.${mode}`) }))}
                />
              </div>
              <Field
                meta={absenceFields.suspensionAfter as FieldMetadata<string | undefined>}
                label={t("absences.settings.suspensionAfter")}
                type="number"
              />
              <Field
                meta={absenceFields.retentionYears as FieldMetadata<string | undefined>}
                label={t("absences.settings.retentionYears")}
                type="number"
                hint={t("absences.settings.retentionHint")}
              />
              <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
                <SelectField
                  meta={absenceFields.patronMonth as FieldMetadata<string | undefined>}
                  label={t("absences.settings.patronMonth")}
                  options={months}
                />
                <SelectField
                  meta={absenceFields.patronDay as FieldMetadata<string | undefined>}
                  label={t("absences.settings.patronDay")}
                  options={Array.from({ length: 31 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
                />
              </div>
              <SubmitButton name="intent" value="absences">
                {t("common.save")}
              </SubmitButton>
            </Form>
          </FormProvider>
        </div>
      </Card>
    </div>
  );
}
