import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { ErrorList, ProblemList, SubmitButton } from "~/components/forms";
import { LinkButton } from "~/components/link-button";
import { LogbookEntryLine, LogbookMonths } from "~/components/logbook-months";
import { LogbookProgress } from "~/components/logbook-progress";
import { Card, PageHeader } from "~/components/page-header";
import { DEGREES } from "~/domain/logbook";
import { toIsoDate } from "~/domain/dates";
import { useLocale } from "~/i18n/use-locale";
import { residentProgress } from "~/models/logbook-progress.server";
import { correctEntry, reopenMonth, residentLogbookForAdmin } from "~/models/logbook-review.server";
import { adminLogbookSchema } from "~/schemas/logbook-review";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { refusalPage, refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "logbookReview.admin.title", { name: data?.resident.name ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const month = new URL(request.url).searchParams.get("month") ?? undefined;
  const residentId = params.residentId ?? "";
  const [logbook, progress] = await Promise.all([residentLogbookForAdmin(residentId, { month }), residentProgress(residentId)]).catch(
    refusalPage,
  );
  return { ...logbook, progress };
}

/** Corrects a certified entry or reopens a closed month, each with its reason. */
export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const residentId = params.residentId ?? "";
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: adminLogbookSchema });
  const target = String(formData.get("entryId") ?? formData.get("month") ?? "");
  if (submission.status !== "success") return { target, result: submission.reply(), problems: [] as string[] };
  const input = submission.value;
  try {
    if (input.intent === "correct") {
      await correctEntry(
        admin.id,
        residentId,
        input.entryId,
        { activityId: input.activityId, date: input.date, count: input.count, degree: input.degree, note: input.note || null },
        input.reason,
      );
      return redirect(`/admin/residents/${residentId}/logbook?month=${toIsoDate(input.date).slice(0, 7)}`, {
        headers: await withToast({ kind: "success", message: "logbookReview.admin.corrected" }),
      });
    }
    await reopenMonth(admin.id, residentId, input.month, input.reason);
    return redirect(`/admin/residents/${residentId}/logbook?month=${input.month}`, {
      headers: await withToast({ kind: "success", message: "logbookReview.admin.reopened" }),
    });
  } catch (error) {
    return refusalReply(error, submission, { target });
  }
}

export default function AdminResidentLogbook() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { resident, months, month, entries, activities, progress } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const monthName = (m: string) => format.monthYear(`${m}-01T00:00:00.000Z`);
  const current = months.find((m) => m.month === month);
  const errorsFor = (target: string, field: string) => (actionData?.target === target ? actionData.result?.error?.[field] : null);
  const input = "mt-1 w-full rounded border border-slate-400 px-3 py-2";
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("logbookReview.admin.title", { name: resident.name })}
        description={t("logbookReview.admin.intro")}
        actions={<LinkButton to={`/admin/residents/${resident.id}`}>{t("logbookReview.admin.back")}</LinkButton>}
      />
      {actionData?.problems?.length ? (
        <ProblemList id="logbook-problems" problems={actionData.problems} title={t("logbookReview.admin.title", { name: resident.name })} />
      ) : null}
      <Card id="months-title" title={t("logbook.months")}>
        <LogbookMonths months={months} month={month} none={t("logbookReview.admin.none")}>
          <ul className="mt-3 divide-y divide-slate-200">
            {entries.map((entry) => (
              <LogbookEntryLine key={entry.id} entry={entry}>
                {entry.status === "certified" ? (
                  <details className="mt-2" open={actionData?.target === entry.id}>
                    <summary className="cursor-pointer text-sm text-blue-800 underline">{t("logbookReview.admin.correct")}</summary>
                    <Form method="post" className="mt-2 grid gap-3 sm:grid-cols-2">
                      <input type="hidden" name="intent" value="correct" />
                      <input type="hidden" name="entryId" value={entry.id} />
                      <div className="sm:col-span-2">
                        <label htmlFor={`activity-${entry.id}`} className="text-sm font-medium">
                          {t("logbookReview.admin.activity")}
                        </label>
                        <select id={`activity-${entry.id}`} name="activityId" defaultValue={entry.activityId} className={input}>
                          {activities.map((a) => (
                            <option key={a.id} value={a.id}>
                              {a[locale]} (v{a.version})
                            </option>
                          ))}
                        </select>
                        <ErrorList errors={errorsFor(entry.id, "activityId")} />
                      </div>
                      <div>
                        <label htmlFor={`date-${entry.id}`} className="text-sm font-medium">
                          {t("logbookReview.admin.date")}
                        </label>
                        <input
                          id={`date-${entry.id}`}
                          name="date"
                          type="date"
                          required
                          defaultValue={toIsoDate(new Date(entry.date))}
                          className={input}
                        />
                        <ErrorList errors={errorsFor(entry.id, "date")} />
                      </div>
                      <div>
                        <label htmlFor={`count-${entry.id}`} className="text-sm font-medium">
                          {t("logbookReview.admin.count")}
                        </label>
                        <input
                          id={`count-${entry.id}`}
                          name="count"
                          type="number"
                          min={1}
                          max={50}
                          required
                          defaultValue={entry.count}
                          className={input}
                        />
                        <ErrorList errors={errorsFor(entry.id, "count")} />
                      </div>
                      <div className="sm:col-span-2">
                        <label htmlFor={`degree-${entry.id}`} className="text-sm font-medium">
                          {t("logbookReview.admin.degree")}
                        </label>
                        <select id={`degree-${entry.id}`} name="degree" defaultValue={entry.degree} className={input}>
                          {DEGREES.map((degree) => (
                            <option key={degree} value={degree}>
                              {t(`logbook.degrees.${degree}`)}
                            </option>
                          ))}
                        </select>
                      </div>
                      <div className="sm:col-span-2">
                        <label htmlFor={`note-${entry.id}`} className="text-sm font-medium">
                          {t("logbookReview.admin.note")}
                        </label>
                        <textarea
                          id={`note-${entry.id}`}
                          name="note"
                          rows={2}
                          maxLength={280}
                          defaultValue={entry.note ?? ""}
                          className={input}
                        />
                        <ErrorList errors={errorsFor(entry.id, "note")} />
                      </div>
                      <div className="sm:col-span-2">
                        <label htmlFor={`reason-${entry.id}`} className="text-sm font-medium">
                          {t("logbookReview.admin.reason")}
                        </label>
                        <p id={`reason-hint-${entry.id}`} className="text-sm text-slate-600">
                          {t("logbookReview.admin.reasonHint")}
                        </p>
                        <textarea
                          id={`reason-${entry.id}`}
                          name="reason"
                          rows={2}
                          required
                          maxLength={500}
                          aria-describedby={`reason-hint-${entry.id}`}
                          className={input}
                        />
                        <ErrorList errors={errorsFor(entry.id, "reason")} />
                        <ErrorList errors={errorsFor(entry.id, "")} />
                      </div>
                      <div className="sm:col-span-2">
                        <SubmitButton intent="correct">{t("logbookReview.admin.save")}</SubmitButton>
                      </div>
                    </Form>
                  </details>
                ) : null}
              </LogbookEntryLine>
            ))}
          </ul>
          {current?.closed ? (
            <Form method="post" className="mt-4 space-y-2 border-t border-slate-200 pt-4">
              <h3 className="font-semibold">{t("logbookReview.admin.reopen", { month: monthName(current.month) })}</h3>
              <input type="hidden" name="intent" value="reopen" />
              <input type="hidden" name="month" value={current.month} />
              <label htmlFor="reopen-reason" className="block text-sm font-medium">
                {t("logbookReview.admin.reopenReason")}
              </label>
              <p id="reopen-hint" className="text-sm text-slate-600">
                {t("logbookReview.admin.reopenHint")}
              </p>
              <textarea
                id="reopen-reason"
                name="reason"
                rows={2}
                required
                maxLength={500}
                aria-describedby="reopen-hint"
                className={input}
              />
              <ErrorList errors={errorsFor(current.month, "reason")} />
              <ErrorList errors={errorsFor(current.month, "")} />
              <SubmitButton intent="reopen" variant="secondary">
                {t("logbookReview.admin.reopenSubmit")}
              </SubmitButton>
            </Form>
          ) : null}
        </LogbookMonths>
      </Card>
      <LogbookProgress progress={progress} />
    </div>
  );
}
