import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { simpleParser } from "mailparser";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { LinkButton, linkButtonClass } from "~/components/link-button";
import { Card, PageHeader } from "~/components/page-header";
import { useLocale } from "~/i18n/use-locale";
import { readMailFile } from "~/models/delivery.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications.admin.title");

/**
 * One of the demo's e-mails (file delivery) as its recipient reads it: headers and plain text, with its
 * links to follow. Administrators only: a set-password e-mail carries a credential.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const name = params.mailFile ?? "";
  const file = await readMailFile(name);
  if (!file) throw new Response("Not found", { status: 404 });
  const mail = await simpleParser(file.raw);
  const unsubscribe = mail.headers.get("list-unsubscribe");
  return {
    name,
    subject: mail.subject ?? "",
    from: mail.from?.text ?? "",
    to: (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).map((address) => address.text).join(", "),
    date: (mail.date ?? file.writtenAt).toISOString(),
    messageId: mail.messageId ?? "",
    language: mail.headers.get("content-language")?.toString() ?? null,
    unsubscribe: typeof unsubscribe === "string" ? unsubscribe : null,
    text: mail.text ?? "",
  };
}

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/;

/** Plain text with its web addresses as links. */
function LinkedText({ text }: { text: string }) {
  return (
    <>
      {text.split(URL_PATTERN).map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part} className="break-all text-blue-800 underline">
            {part}
          </a>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export default function MailFile() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const mail = useLoaderData<typeof loader>();
  const headers: [string, string | null][] = [
    [t("notifications.admin.from"), mail.from],
    [t("notifications.admin.to"), mail.to],
    [t("notifications.admin.date"), format.dateTime(mail.date)],
    [t("notifications.admin.messageId"), mail.messageId],
    [t("notifications.admin.unsubscribeHeader"), mail.unsubscribe],
  ];
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title={t("notifications.admin.fileTitle", { subject: mail.subject || t("notifications.admin.noSubject") })}
        actions={
          <>
            <LinkButton to="/admin/notifications">{t("notifications.admin.back")}</LinkButton>
            <a href={`/admin/notifications/eml/${mail.name}`} download className={linkButtonClass}>
              {t("notifications.admin.download")}
            </a>
          </>
        }
      />
      <dl className="grid gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[auto_1fr]">
        {headers
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <Fragment key={label}>
              <dt className="text-slate-600">{label}</dt>
              <dd className="font-medium break-all">{value}</dd>
            </Fragment>
          ))}
      </dl>
      <Card id="mail-body" title={t("notifications.admin.body")}>
        <div lang={mail.language ?? undefined} className="font-sans text-sm whitespace-pre-wrap">
          <LinkedText text={mail.text} />
        </div>
      </Card>
    </div>
  );
}
