import { FormProvider, getFormProps, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "~/schemas/z";
import { requireRole } from "~/auth/guards.server";
import { FormErrors, SelectField, SubmitButton, useSchemaForm } from "~/components/forms";
import { Card, PageHeader } from "~/components/page-header";
import { hospitalToday } from "~/domain/dates";
import { academicYearOf } from "~/domain/teaching";
import { formatters } from "~/i18n/format";
import type { Locale } from "~/i18n/locale";
import { localeOf } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { academicYearStart, setAcademicYearStart } from "~/models/settings.server";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "teachingReport.settings.title");

/** The first day of the academic year: a month and a day that every year has (1 to 28). */
const yearStartSchema = z.object({
  month: z.coerce
    .number({ error: "teachingReport.settings.monthInvalid" })
    .int({ error: "teachingReport.settings.monthInvalid" })
    .min(1, { error: "teachingReport.settings.monthInvalid" })
    .max(12, { error: "teachingReport.settings.monthInvalid" }),
  day: z.coerce
    .number({ error: "teachingReport.settings.dayInvalid" })
    .int({ error: "teachingReport.settings.dayInvalid" })
    .min(1, { error: "teachingReport.settings.dayInvalid" })
    .max(28, { error: "teachingReport.settings.dayInvalid" }),
});

/** "1 November" / "1 novembre". */
function dayAndMonth(start: { month: number; day: number }, locale: Locale) {
  return formatters(locale).dayMonth(Date.UTC(2001, start.month - 1, start.day));
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const start = await academicYearStart();
  const year = academicYearOf(hospitalToday(), start);
  return { start, year: { label: year.label, start: year.start, end: year.end } };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseWithZod(await readForm(request), { schema: yearStartSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
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
  const { start, year } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(yearStartSchema, {
    id: "academic-year-start",
    lastResult: actionData?.result,
    defaultValue: { month: String(start.month), day: String(start.day) },
  });
  const months = Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: format.month(Date.UTC(2001, i, 1)) }));
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
    </div>
  );
}
