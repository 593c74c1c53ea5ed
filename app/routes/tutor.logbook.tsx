import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { ErrorList, ProblemList, SubmitButton } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { pageCount } from "~/domain/list-query";
import { useLocale } from "~/i18n/use-locale";
import { certifyEntries, certifyMonth, returnEntry, reviewQueue } from "~/models/logbook-review.server";
import { pageOf } from "~/schemas/list-query";
import { reviewSchema } from "~/schemas/logbook-review";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "tutor" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "logbookReview.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "tutor");
  const page = pageOf(new URL(request.url).searchParams);
  const queue = await reviewQueue(user.id, { page });
  return { ...queue, pages: pageCount(queue.total) };
}

/** Certifies a selection or a resident's month, or returns one entry; the queue shows what still waits. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "tutor");
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: reviewSchema });
  const entryId = String(formData.get("entryId") ?? "");
  if (submission.status !== "success") return { entryId, result: submission.reply(), problems: [] as string[] };
  const back = async (message: string, values?: Record<string, number>) =>
    redirect(new URL(request.url).pathname + new URL(request.url).search, {
      headers: await withToast({ kind: "success", message, values }),
    });
  const input = submission.value;
  try {
    if (input.intent === "return") {
      await returnEntry(user.id, input.entryId, input.reason);
      return back("logbookReview.returned");
    }
    const { certified } =
      input.intent === "certify"
        ? await certifyEntries(user.id, input.entryIds)
        : await certifyMonth(user.id, input.residentId, input.month);
    return back("logbookReview.certified", { count: certified });
  } catch (error) {
    return refusalReply(error, input.intent === "return" ? submission : null, { entryId });
  }
}

export default function TutorLogbook() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { groups, total, page, pages } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const monthName = (month: string) => format.monthYear(`${month}-01T00:00:00.000Z`);
  const problems = [
    ...(actionData?.problems ?? []),
    ...(actionData?.result?.error?.[""] ?? []),
    ...(actionData?.result?.error?.entryIds ?? []),
  ];
  return (
    <div className="space-y-6">
      <PageHeader title={t("logbookReview.title")} description={t("logbookReview.intro")} />
      {problems.length ? <ProblemList id="review-problems" problems={problems} title={t("logbookReview.title")} /> : null}
      {total === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4">{t("logbookReview.none")}</p>
      ) : (
        <p className="font-medium">{t("logbookReview.waiting", { count: total })}</p>
      )}
      {groups.map((group) => (
        <section key={group.residentId} aria-labelledby={`resident-${group.residentId}`} className="space-y-4">
          <h2 id={`resident-${group.residentId}`} className="text-lg font-semibold">
            {t("logbookReview.resident", { name: group.name })}
          </h2>
          {group.months.map(({ month, entries }) => {
            const formId = `certify-${group.residentId}-${month}`;
            return (
              <div key={month} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <h3 className="font-semibold">{monthName(month)}</h3>
                <Form method="post" id={formId} className="hidden" />
                <ul className="mt-2 divide-y divide-slate-200">
                  {entries.map((entry) => {
                    const activity = entry.activity[locale];
                    const reasonErrors = actionData?.entryId === entry.id ? actionData.result?.error?.reason : null;
                    return (
                      <li key={entry.id} className="py-3">
                        <label className="flex items-start gap-3">
                          <input
                            type="checkbox"
                            name="entryIds"
                            value={entry.id}
                            form={formId}
                            className="mt-1 h-5 w-5 shrink-0"
                            aria-label={t("logbookReview.selectLabel", { activity, date: format.date(entry.date) })}
                          />
                          <span className="min-w-0 break-words">
                            <span className="block font-medium">{activity}</span>
                            <span className="block text-sm text-slate-700">
                              {format.dayMonth(entry.date)} ·{" "}
                              {t("logbookReview.entryLine", { count: entry.count, degree: t(`logbook.degreesShort.${entry.degree}`) })} ·{" "}
                              {entry.department}
                            </span>
                            {entry.caseRef ? (
                              <span className="block text-sm text-slate-700">
                                {t("logbookReview.caseRef")}: {entry.caseRef}
                              </span>
                            ) : null}
                            {entry.note ? (
                              <span className="block text-sm text-slate-700">
                                {t("logbookReview.note")}: {entry.note}
                              </span>
                            ) : null}
                          </span>
                        </label>
                        {entry.tutorLeft ? <p className="mt-2 text-sm text-amber-900">{t("logbookReview.tutorLeft")}</p> : null}
                        {entry.outsideRotation ? <p className="mt-2 text-sm text-red-800">{t("logbookReview.outsideRotation")}</p> : null}
                        <details className="mt-2" open={Boolean(reasonErrors?.length)}>
                          <summary className="cursor-pointer text-sm text-blue-800 underline">{t("logbookReview.returnOne")}</summary>
                          <Form method="post" className="mt-2 space-y-2">
                            <input type="hidden" name="intent" value="return" />
                            <input type="hidden" name="entryId" value={entry.id} />
                            <label htmlFor={`reason-${entry.id}`} className="block text-sm font-medium">
                              {t("logbookReview.reason")}
                            </label>
                            <p id={`reason-hint-${entry.id}`} className="text-sm text-slate-600">
                              {t("logbookReview.reasonHint")}
                            </p>
                            <textarea
                              id={`reason-${entry.id}`}
                              name="reason"
                              required
                              rows={2}
                              maxLength={500}
                              aria-invalid={reasonErrors?.length ? true : undefined}
                              aria-describedby={`reason-hint-${entry.id}${reasonErrors?.length ? ` reason-error-${entry.id}` : ""}`}
                              className="w-full rounded border border-slate-400 px-3 py-2"
                            />
                            <ErrorList id={`reason-error-${entry.id}`} errors={reasonErrors} />
                            <SubmitButton intent="return" variant="secondary">
                              {t("logbookReview.returnSubmit")}
                            </SubmitButton>
                          </Form>
                        </details>
                      </li>
                    );
                  })}
                </ul>
                <div className="mt-3 flex flex-wrap gap-3">
                  <button
                    type="submit"
                    form={formId}
                    name="intent"
                    value="certify"
                    className="rounded bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900"
                  >
                    {t("logbookReview.certifySelected")}
                  </button>
                  <Form method="post">
                    <input type="hidden" name="residentId" value={group.residentId} />
                    <input type="hidden" name="month" value={month} />
                    <SubmitButton name="intent" value="certify-month" variant="secondary">
                      {t("logbookReview.certifyMonth", { month: monthName(month) })}
                    </SubmitButton>
                  </Form>
                </div>
              </div>
            );
          })}
        </section>
      ))}
      <Pagination page={page} pages={pages} total={total} />
    </div>
  );
}
