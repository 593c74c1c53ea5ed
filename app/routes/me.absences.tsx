import { FormProvider, getFormProps, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { AbsenceItem, Suspensions } from "~/components/absences";
import { Field, FormErrors, ProblemList, SubmitButton, useSchemaForm } from "~/components/forms";
import { Card, PageHeader, Stat, StatGrid } from "~/components/page-header";
import { useLocale } from "~/i18n/use-locale";
import { cancelLeave, myAbsences, requestLeave } from "~/models/absence.server";
import { myAbsenceSchema } from "~/schemas/absences";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "resident" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "absences.mine.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "resident");
  // Only ever the signed-in resident's own: no resident id in the address to change.
  return { mine: await myAbsences(user.id) };
}

/** Requests leave, or cancels the resident's own leave before it begins. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "resident");
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: myAbsenceSchema });
  const absenceId = String(formData.get("absenceId") ?? "");
  if (submission.status !== "success") return data({ absenceId, result: submission.reply(), problems: [] as string[] }, { status: 400 });
  const value = submission.value;
  try {
    if (value.intent === "request") await requestLeave(user.id, value);
    else await cancelLeave(user.id, value.absenceId);
  } catch (error) {
    return refusalReply(error, value.intent === "request" ? submission : null, { absenceId });
  }
  return redirect("/me/absences", {
    headers: await withToast({
      kind: "success",
      message: value.intent === "request" ? "absences.mine.requested_done" : "absences.mine.cancelled",
    }),
  });
}

export default function MyAbsences() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { mine } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(myAbsenceSchema, {
    id: "request-leave",
    lastResult: actionData && !actionData.absenceId ? actionData.result : undefined,
  });
  if (!mine) {
    return (
      <div className="space-y-6">
        <PageHeader title={t("absences.mine.title")} />
        <p className="rounded border border-slate-200 bg-white p-4">{t("absences.mine.notResident")}</p>
      </div>
    );
  }
  const { balance, countMode, year, absences, suspensions, suspendedDays, suspensionUse, expectedEnd, stay } = mine;
  const counted = t(`absences.counted.${countMode}`);
  return (
    <div className="space-y-6">
      <PageHeader title={t("absences.mine.title")} description={t("absences.mine.intro", { allowance: balance.allowance, counted })} />
      <Card id="balance" title={t("absences.mine.balanceTitle", { year: year.label })}>
        <StatGrid label={t("absences.mine.balanceTitle", { year: year.label })}>
          <Stat label={t("absences.mine.used")} value={format.number(balance.used)} />
          <Stat label={t("absences.mine.approved")} value={format.number(balance.approved)} />
          <Stat label={t("absences.mine.requested")} value={format.number(balance.requested)} />
          <Stat label={t("absences.mine.left")} value={format.number(balance.left)} />
        </StatGrid>
      </Card>

      {suspensions.length ? (
        <Card id="suspensions" title={t("absences.record.suspensionsTitle")}>
          <Suspensions
            suspensions={suspensions}
            suspendedDays={suspendedDays}
            expectedEnd={expectedEnd}
            plannedEnd={stay.end}
            use={suspensionUse}
          />
        </Card>
      ) : null}

      <Card id="request" title={t("absences.mine.requestTitle")}>
        <FormProvider context={form.context}>
          <Form method="post" {...getFormProps(form)} className="space-y-4">
            <input type="hidden" name="intent" value="request" />
            <FormErrors id={form.errorId} errors={form.errors} />
            <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
              <Field meta={fields.startDate as FieldMetadata<string | undefined>} label={t("absences.mine.startDate")} type="date" />
              <Field meta={fields.endDate as FieldMetadata<string | undefined>} label={t("absences.mine.endDate")} type="date" />
            </div>
            <Field
              meta={fields.note as FieldMetadata<string | undefined>}
              label={t("absences.mine.note")}
              hint={t("absences.mine.noteHint")}
            />
            <SubmitButton intent="request">{t("absences.mine.submit")}</SubmitButton>
          </Form>
        </FormProvider>
      </Card>

      <Card id="absences" title={t("absences.mine.listTitle")}>
        {absences.length === 0 ? (
          <p className="text-slate-600">{t("absences.mine.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {absences.map((absence) => {
              const problems = actionData?.absenceId === absence.id ? actionData.problems : [];
              return (
                <AbsenceItem key={absence.id} absence={absence} documentHref={`/me/absences/${absence.id}/document`}>
                  {problems.length ? <ProblemList problems={problems} /> : null}
                  {absence.cancellable ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="cancel" />
                      <SubmitButton name="absenceId" value={absence.id} variant="secondary">
                        {t("absences.mine.cancel")}
                      </SubmitButton>
                    </Form>
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
