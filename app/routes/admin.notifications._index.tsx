import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { EmptyList, FilterForm, ListTable, PlainHeader, SearchFilter, SelectFilter } from "~/components/list";
import { PageHeader, Stat, StatGrid } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { pageCount } from "~/domain/list-query";
import { CATEGORIES, DELIVERY_STATES, type DeliveryState } from "~/domain/notification-kinds";
import { DELIVERY } from "~/domain/notifications";
import { notificationText } from "~/i18n/notification-text";
import type { Locale } from "~/i18n/locale";
import { useLocale } from "~/i18n/use-locale";
import { listDeliveries, type DeliverySubject } from "~/models/delivery.server";
import { parseSearchParams } from "~/schemas/list-query";
import { deliveryQuerySchema } from "~/schemas/notifications";
import { env } from "~/utils/env.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications.admin.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const query = parseSearchParams(deliveryQuerySchema, new URL(request.url));
  const list = await listDeliveries(query);
  return {
    query,
    pages: pageCount(list.total),
    mailDir: env.MAIL_DELIVERY === "file" ? env.MAIL_DIR : null,
    retentionDays: DELIVERY.retentionDays,
    ...list,
  };
}

const STATE_LOOK: Record<DeliveryState, string> = {
  queued: "bg-slate-100 text-slate-800",
  retrying: "bg-amber-100 text-amber-900",
  sent: "bg-green-100 text-green-900",
  failed: "bg-red-100 text-red-900",
};

function subjectText(t: TFunction, locale: Locale, subject: DeliverySubject): string {
  switch (subject.type) {
    case "notification":
      return notificationText(t, locale, subject.kind, subject.params);
    case "digest":
      return t(`notifications.mail.${subject.digest}Subject`, { count: subject.count });
    case "credential":
      return t("notifications.admin.credential");
    case "erased":
      return t("notifications.admin.erased");
  }
}

/** The list with one filter changed (the page starts again at 1). */
function withFilter(query: Record<string, string | number>, name: string, value: string): string {
  const params = new URLSearchParams();
  for (const [key, current] of Object.entries({ ...query, [name]: value, page: 1 }))
    if (current !== "" && !(key === "page" && current === 1)) params.set(key, String(current));
  const search = params.toString();
  return search ? `/admin/notifications?${search}` : "/admin/notifications";
}

export default function Deliveries() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { query, total, pages, counts, person, messages, mailDir, retentionDays } = useLoaderData<typeof loader>();

  return (
    <div className="space-y-4">
      <PageHeader title={t("notifications.admin.title")} description={t("notifications.admin.intro", { days: retentionDays })} />
      <p className="rounded border border-slate-200 bg-white p-3 text-sm text-slate-700">
        {mailDir ? t("notifications.admin.fileDelivery", { dir: mailDir }) : t("notifications.admin.smtpDelivery")}
      </p>
      <StatGrid label={t("notifications.admin.countsLabel")}>
        {DELIVERY_STATES.map((state) => (
          <Stat
            key={state}
            label={t(`notifications.admin.states.${state}`)}
            value={format.number(counts[state])}
            to={withFilter(query, "state", state)}
          />
        ))}
      </StatGrid>
      {person ? (
        <p className="text-sm">
          {t("notifications.admin.onePerson", { name: person.name })}{" "}
          <Link to={withFilter(query, "user", "")} className="text-blue-800 underline">
            {t("notifications.admin.everyone")}
          </Link>
        </p>
      ) : null}
      <FilterForm label={t("notifications.admin.searchLabel")}>
        {query.user ? <input type="hidden" name="user" value={query.user} /> : null}
        <SearchFilter value={query.q} label={t("notifications.admin.search")} />
        <SelectFilter
          name="state"
          label={t("notifications.admin.state")}
          value={query.state}
          allLabel={t("list.all")}
          options={DELIVERY_STATES.map((state) => ({ value: state, label: t(`notifications.admin.states.${state}`) }))}
        />
        <SelectFilter
          name="category"
          label={t("notifications.admin.category")}
          value={query.category}
          allLabel={t("list.all")}
          options={CATEGORIES.map((category) => ({ value: category, label: t(`notifications.categories.${category}`) }))}
        />
      </FilterForm>

      {messages.length === 0 ? (
        <EmptyList />
      ) : (
        <ListTable
          caption={t("notifications.admin.caption")}
          head={
            <>
              <PlainHeader>{t("notifications.admin.queuedAt")}</PlainHeader>
              <PlainHeader>{t("notifications.admin.recipient")}</PlainHeader>
              <PlainHeader>{t("notifications.admin.subject")}</PlainHeader>
              <PlainHeader>{t("notifications.admin.state")}</PlainHeader>
            </>
          }
        >
          {messages.map((message) => (
            <tr key={message.id} className="border-t border-slate-100 align-top">
              <td className="px-3 py-2 whitespace-nowrap">{format.dateTime(message.createdAt)}</td>
              <td className="px-3 py-2">
                {message.user ? (
                  <Link to={`/admin/users/${message.user.id}`} className="text-blue-800 underline">
                    {message.user.name}
                  </Link>
                ) : null}
                <span className="block text-sm break-all text-slate-600">{message.to}</span>
              </td>
              <td className="px-3 py-2">
                <span className="block">{subjectText(t, locale, message.subject)}</span>
                <span className="block text-sm text-slate-600">{t(`notifications.categories.${message.category}` as never)}</span>
                {message.file ? (
                  <Link to={`/admin/notifications/mail/${message.file}`} className="text-sm text-blue-800 underline">
                    {t("notifications.admin.readFile")}
                  </Link>
                ) : null}
              </td>
              <td className="px-3 py-2">
                <span className={`inline-block rounded px-2 py-0.5 text-sm font-medium ${STATE_LOOK[message.state]}`}>
                  {t(`notifications.admin.states.${message.state}`)}
                </span>
                <span className="mt-1 block text-sm text-slate-700">
                  {message.state === "sent" && message.sentAt
                    ? t("notifications.admin.sentAt", { when: format.dateTime(message.sentAt) })
                    : message.state === "retrying"
                      ? t("notifications.admin.nextAttempt", { attempts: message.attempts, when: format.dateTime(message.nextAttemptAt) })
                      : message.state === "failed" && message.failedAt
                        ? t("notifications.admin.failedAt", { attempts: message.attempts, when: format.dateTime(message.failedAt) })
                        : null}
                </span>
                {message.refused ? (
                  <span className="block text-sm font-medium text-red-900">{t("notifications.admin.refused")}</span>
                ) : null}
                {message.lastError && message.state !== "sent" ? (
                  <span className="block text-sm break-all text-slate-700">
                    {t("notifications.admin.reason", { reason: message.lastError })}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={query.page} pages={pages} total={total} />
    </div>
  );
}
