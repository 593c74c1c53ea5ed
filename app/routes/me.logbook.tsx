import { FormProvider, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { ErrorList, ProblemList, SubmitButton, useSchemaForm } from "~/components/forms";
import { linkButtonLook } from "~/components/link-button";
import { ConfirmDuplicate, DayFields, LineFields } from "~/components/logbook-entry-fields";
import { LogbookEntryLine, LogbookMonths } from "~/components/logbook-months";
import { LogbookProgress } from "~/components/logbook-progress";
import { Card, PageHeader } from "~/components/page-header";
import { LOGBOOK_LIMITS } from "~/domain/logbook";
import { useLocale } from "~/i18n/use-locale";
import { residentProgressOfUser } from "~/models/logbook-progress.server";
import { countersignMonth, logEntries, myLogbook } from "~/models/logbook.server";
import { logDaySchema, logSchema } from "~/schemas/logbook";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "resident" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "myLogbook.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "resident");
  // Only ever the signed-in resident's own logbook: no resident id in the URL to change.
  const month = new URL(request.url).searchParams.get("month") ?? undefined;
  const [logbook, progress] = await Promise.all([myLogbook(user.id, { month }), residentProgressOfUser(user.id)]);
  return { logbook, progress };
}

/** Logs a day's entries (all or none), or countersigns a month whose entries are all certified. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "resident");
  const submission = parseWithZod(await readForm(request), { schema: logSchema });
  if (submission.status !== "success") return { result: submission.reply(), problems: [] as string[] };
  const input = submission.value;
  try {
    if (input.intent === "countersign") {
      await countersignMonth(user.id, input.month);
      return redirect(`/me/logbook?month=${input.month}`, {
        headers: await withToast({ kind: "success", message: "myLogbook.months.countersigned", values: { month: input.month } }),
      });
    }
    const { logged } = await logEntries(user.id, {
      date: input.date,
      tutorId: input.tutorId,
      confirmDuplicate: input.confirmDuplicate === "yes",
      lines: input.entries.map((line) => ({ ...line, note: line.note || null, caseRef: line.caseRef || null })),
    });
    return redirect(`/me/logbook?month=${input.date.toISOString().slice(0, 7)}`, {
      headers: await withToast({ kind: "success", message: "myLogbook.log.logged", values: { count: logged } }),
    });
  } catch (error) {
    return refusalReply(error, input.intent === "log" ? submission : null);
  }
}

export default function MyLogbook() {
  const { t } = useTranslation();
  const { logbook, progress } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageHeader title={t("myLogbook.title")} description={t("myLogbook.intro")} />
      {logbook ? <Logbook logbook={logbook} /> : <p className="rounded border border-slate-200 bg-white p-4">{t("myLogbook.noRecord")}</p>}
      {progress ? <LogbookProgress progress={progress} /> : null}
    </div>
  );
}

type Data = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["logbook"]>;

function Logbook({ logbook }: { logbook: Data }) {
  const { t } = useTranslation();
  const { format } = useLocale();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const { months, month, entries, returned, flagged } = logbook;
  const current = months.find((m) => m.month === month);
  return (
    <>
      {actionData?.problems?.length ? <ProblemList id="logbook-problems" problems={actionData.problems} /> : null}
      {returned.length ? (
        <Card id="returned-title" title={t("myLogbook.returned.title")}>
          <p className="text-sm text-slate-700">{t("myLogbook.returned.hint")}</p>
          <ul className="mt-2 divide-y divide-slate-200">
            {returned.map((entry) => (
              <LogbookEntryLine key={entry.id} entry={entry} href={`/me/logbook/${entry.id}`} linkLabel={t("myLogbook.returned.open")} />
            ))}
          </ul>
        </Card>
      ) : null}
      {flagged.length ? (
        <Card id="flagged-title" title={t("myLogbook.flagged.title")}>
          <p className="text-sm text-slate-700">{t("myLogbook.flagged.hint")}</p>
          <ul className="mt-2 divide-y divide-slate-200">
            {flagged.map((entry) => (
              <LogbookEntryLine key={entry.id} entry={entry} href={`/me/logbook/${entry.id}`} linkLabel={t("myLogbook.entry.open")} />
            ))}
          </ul>
        </Card>
      ) : null}
      {/* A new location (after logging, or another month) starts an empty form; a refusal keeps what was typed. */}
      <LogForm key={location.key} logbook={logbook} lastResult={actionData?.result ?? null} />
      <Card id="months-title" title={t("myLogbook.months.title")}>
        <LogbookMonths months={months} month={month} none={t("myLogbook.months.none")}>
          {current ? (
            <>
              <ul className="mt-2 divide-y divide-slate-200">
                {entries.map((entry) => (
                  <LogbookEntryLine key={entry.id} entry={entry} href={`/me/logbook/${entry.id}`} linkLabel={t("myLogbook.entry.open")} />
                ))}
              </ul>
              {current.awaitsCountersignature ? (
                <Form method="post" className="mt-4 space-y-2 border-t border-slate-200 pt-4">
                  <input type="hidden" name="intent" value="countersign" />
                  <input type="hidden" name="month" value={current.month} />
                  <p className="text-sm text-slate-700">{t("myLogbook.months.countersignHint")}</p>
                  <SubmitButton intent="countersign">
                    {t("myLogbook.months.countersign", { month: format.monthYear(`${current.month}-01T00:00:00.000Z`) })}
                  </SubmitButton>
                </Form>
              ) : null}
            </>
          ) : null}
        </LogbookMonths>
      </Card>
    </>
  );
}

function LogForm({ logbook, lastResult }: { logbook: Data; lastResult: Parameters<typeof useSchemaForm>[1]["lastResult"] }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { activities, rotations, today } = logbook;
  const [form, fields] = useSchemaForm(logDaySchema, {
    id: "log-entries",
    lastResult,
    defaultValue: { intent: "log", date: today, entries: [{ count: "1" }] },
  });
  const lines = fields.entries.getFieldList();
  if (!activities.length) {
    return <p className="rounded border border-slate-200 bg-white p-4">{t("myLogbook.noCatalogue")}</p>;
  }
  if (!rotations.length) {
    return <p className="rounded border border-slate-200 bg-white p-4">{t("myLogbook.noRotation")}</p>;
  }
  return (
    <Card id="log-title" title={t("myLogbook.log.title")}>
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <input type="hidden" name="intent" value="log" />
          <p className="text-sm text-slate-700">{t("myLogbook.log.hint")}</p>
          {form.errors?.length ? <ProblemList id={form.errorId} problems={form.errors} /> : null}
          <DayFields date={fields.date} tutorId={fields.tutorId} rotations={rotations} today={today} />
          <ErrorList id={fields.entries.errorId} errors={fields.entries.errors} />
          {lines.map((line, index) => {
            const set = line.getFieldset();
            return (
              <div key={line.key} className="space-y-2">
                <LineFields
                  line={set}
                  activities={activities}
                  locale={locale}
                  legend={lines.length > 1 ? t("myLogbook.log.line", { number: index + 1 }) : undefined}
                />
                {lines.length > 1 ? (
                  <button {...form.remove.getButtonProps({ name: fields.entries.name, index })} className="text-sm text-red-800 underline">
                    {t("myLogbook.log.removeLine", { number: index + 1 })}
                  </button>
                ) : null}
              </div>
            );
          })}
          <ConfirmDuplicate result={lastResult} lines={lines.length} />
          <div className="flex flex-wrap gap-3">
            <SubmitButton intent="log">{t("myLogbook.log.submit")}</SubmitButton>
            {lines.length < LOGBOOK_LIMITS.entriesPerSubmission ? (
              <button
                {...form.insert.getButtonProps({ name: fields.entries.name, defaultValue: { count: "1" } })}
                className={linkButtonLook({ white: true, className: "font-medium text-slate-900" })}
              >
                {t("myLogbook.log.addLine")}
              </button>
            ) : null}
          </div>
        </Form>
      </FormProvider>
    </Card>
  );
}
