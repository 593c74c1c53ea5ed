import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { ProblemList } from "~/components/forms";
import { LinkButton, linkButtonLook } from "~/components/link-button";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { notificationTarget } from "~/domain/notification-choices";
import { notificationText } from "~/i18n/notification-text";
import { useLocale } from "~/i18n/use-locale";
import { markAllRead, markRead, notificationsOf } from "~/models/notification.server";
import { parseSearchParams } from "~/schemas/list-query";
import { notificationActionSchema, notificationsQuerySchema } from "~/schemas/notifications";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "user" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications.list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Only ever the signed-in person's own notifications: the URL carries a page number and nothing else.
  const { page } = parseSearchParams(notificationsQuerySchema, new URL(request.url));
  return { page, ...(await notificationsOf(user.id, page)) };
}

/**
 * Opening a notification marks it read and follows its link (a form, so that it works without
 * JavaScript); one can also be marked read where it is, or all at once. Someone else's notification is
 * not found: nothing happens, and nothing says that it exists.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: notificationActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const input = submission.value;
  if (input.intent === "read-all") {
    await markAllRead(user.id);
    throw redirect("/notifications", { headers: await withToast({ kind: "success", message: "notifications.list.allMarked" }) });
  }
  const link = await markRead(user.id, input.id);
  invariantResponse(link !== null, "Not found", 404);
  if (input.intent === "open") throw redirect(notificationTarget(link));
  const back = input.page > 1 ? `/notifications?page=${input.page}` : "/notifications";
  throw redirect(back, { headers: await withToast({ kind: "success", message: "notifications.list.markedRead" }) });
}

export default function Notifications() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { notifications, page, pages, total, unread } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const problems = Object.values(actionData?.result?.error ?? {}).flatMap((list) => list ?? []);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("notifications.list.title")}
        description={t("notifications.list.intro")}
        actions={
          <LinkButton to="/notifications/preferences" white>
            {t("notifications.list.preferences")}
          </LinkButton>
        }
      />
      {problems.length ? <ProblemList id="notification-problems" problems={problems} /> : null}
      {total === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4">{t("notifications.list.empty")}</p>
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="font-medium">
              {unread > 0 ? t("notifications.list.unread", { count: unread }) : t("notifications.list.allRead")}
            </p>
            {unread > 0 ? (
              <Form method="post">
                <input type="hidden" name="intent" value="read-all" />
                <button type="submit" className={linkButtonLook({ white: true })}>
                  {t("notifications.list.markAllRead")}
                </button>
              </Form>
            ) : null}
          </div>
          <ul
            aria-label={t("notifications.list.listLabel")}
            className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
          >
            {notifications.map((notification) => {
              const text = notificationText(t, locale, notification.kind, notification.params);
              const isNew = notification.readAt === null;
              return (
                <li
                  key={notification.id}
                  className={`flex flex-wrap items-start justify-between gap-3 border-l-4 p-4 ${isNew ? "border-blue-800 bg-blue-50" : "border-transparent"}`}
                >
                  <div className="min-w-0 flex-1">
                    <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
                      {isNew ? (
                        <span className="rounded bg-blue-800 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-white">
                          {t("notifications.list.new")}
                        </span>
                      ) : (
                        <span className="sr-only">{t("notifications.list.read")}</span>
                      )}
                      <time dateTime={new Date(notification.createdAt).toISOString()}>{format.dateTime(notification.createdAt)}</time>
                    </p>
                    <Form method="post" className="mt-1">
                      <input type="hidden" name="intent" value="open" />
                      <input type="hidden" name="id" value={notification.id} />
                      <button
                        type="submit"
                        className={`break-words text-left text-blue-800 underline underline-offset-2 hover:text-blue-950 ${isNew ? "font-semibold" : ""}`}
                      >
                        {text}
                      </button>
                    </Form>
                  </div>
                  {isNew ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="read" />
                      <input type="hidden" name="id" value={notification.id} />
                      <input type="hidden" name="page" value={page} />
                      <button
                        type="submit"
                        aria-label={`${t("notifications.list.markRead")}: ${text}`}
                        className={linkButtonLook({ small: true, white: true, className: "text-sm" })}
                      >
                        {t("notifications.list.markRead")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <Pagination page={page} pages={pages} total={total} />
        </>
      )}
    </div>
  );
}
