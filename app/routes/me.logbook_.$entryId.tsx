import { FormProvider, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { ProblemList, SubmitButton, useSchemaForm } from "~/components/forms";
import { RecordHistory } from "~/components/history";
import { LinkButton } from "~/components/link-button";
import { ConfirmDuplicate, DayFields, LineFields } from "~/components/logbook-entry-fields";
import { LogbookEntryLine } from "~/components/logbook-months";
import { Card, PageHeader } from "~/components/page-header";
import { toIsoDate } from "~/domain/dates";
import { useLocale } from "~/i18n/use-locale";
import { recordHistory } from "~/models/history.server";
import { deleteEntry, myEntry, updateEntry } from "~/models/logbook.server";
import { entryFormSchema, entrySchema } from "~/schemas/logbook";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { refusalPage, refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "resident" };

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "myLogbook.entry.details");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "resident");
  // Another resident's entry reads as "not found", like one that does not exist.
  const entry = await myEntry(user.id, params.entryId ?? "").catch(refusalPage);
  return { ...entry, history: await recordHistory("logbookEntry", entry.entry.id) };
}

/** Changes a pending entry, corrects and resubmits a returned one, or withdraws it. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "resident");
  const entryId = params.entryId ?? "";
  const submission = parseWithZod(await readForm(request), { schema: entrySchema });
  if (submission.status !== "success") return { result: submission.reply(), problems: [] as string[] };
  const input = submission.value;
  try {
    if (input.intent === "delete") {
      await deleteEntry(user.id, entryId);
      return redirect("/me/logbook", { headers: await withToast({ kind: "success", message: "myLogbook.entry.withdrawn" }) });
    }
    const { resubmitted } = await updateEntry(user.id, entryId, {
      date: input.date,
      tutorId: input.tutorId,
      confirmDuplicate: input.confirmDuplicate === "yes",
      line: {
        activityId: input.activityId,
        count: input.count,
        degree: input.degree,
        note: input.note || null,
        caseRef: input.caseRef || null,
      },
    });
    return redirect(`/me/logbook?month=${toIsoDate(input.date).slice(0, 7)}`, {
      headers: await withToast({ kind: "success", message: resubmitted ? "myLogbook.entry.resubmitted" : "myLogbook.entry.saved" }),
    });
  } catch (error) {
    return refusalReply(error, input.intent === "update" ? submission : null);
  }
}

export default function MyLogbookEntry() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { entry, editable, activities, rotations, today, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(entryFormSchema, {
    id: "entry",
    lastResult: actionData?.result ?? null,
    defaultValue: {
      intent: "update",
      date: toIsoDate(new Date(entry.date)),
      tutorId: entry.tutorId ?? "",
      activityId: entry.activityId,
      count: String(entry.count),
      degree: entry.degree,
      note: entry.note ?? "",
      caseRef: entry.caseRef ?? "",
    },
  });
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("myLogbook.entry.title", { activity: entry.activity[locale], date: format.date(entry.date) })}
        actions={<LinkButton to="/me/logbook">{t("myLogbook.entry.back")}</LinkButton>}
      />
      {actionData?.problems?.length ? <ProblemList id="entry-problems" problems={actionData.problems} /> : null}
      <Card id="entry-title" title={t("myLogbook.entry.details")}>
        <ul>
          <LogbookEntryLine entry={entry} />
        </ul>
        {entry.status === "certified" ? <p className="mt-2 text-sm text-slate-700">{t("myLogbook.entry.lockedHint")}</p> : null}
      </Card>
      {editable ? (
        <Card id="edit-title" title={entry.status === "returned" ? t("myLogbook.entry.resubmit") : t("myLogbook.entry.edit")}>
          <FormProvider context={form.context}>
            <Form method="post" {...getFormProps(form)} className="space-y-4">
              <input type="hidden" name="intent" value="update" />
              {form.errors?.length ? <ProblemList id={form.errorId} problems={form.errors} /> : null}
              <DayFields date={fields.date} tutorId={fields.tutorId} rotations={rotations} today={today} />
              <LineFields line={fields} activities={activities} locale={locale} />
              <ConfirmDuplicate result={actionData?.result} />
              <SubmitButton intent="update">
                {entry.status === "returned" ? t("myLogbook.entry.resubmit") : t("myLogbook.entry.save")}
              </SubmitButton>
            </Form>
          </FormProvider>
          <Form method="post" className="mt-6 space-y-2 border-t border-slate-200 pt-4">
            <input type="hidden" name="intent" value="delete" />
            <p className="text-sm text-slate-700">{t("myLogbook.entry.withdrawHint")}</p>
            <SubmitButton intent="delete" variant="danger">
              {t("myLogbook.entry.withdraw")}
            </SubmitButton>
          </Form>
        </Card>
      ) : null}
      <RecordHistory history={history} />
    </div>
  );
}
