import { PASSWORD_TOKEN_LIFETIME_MS } from "~/auth/password-token.server";
import { isCategory, readPayload, unsubscribeToken, type Kind, type OutboxPayload, type Params } from "~/domain/notifications";
import { formatters } from "~/i18n/format";
import { translator } from "~/i18n/i18n";
import { notificationText } from "~/i18n/notification-text";
import { isLocale, type Locale } from "~/i18n/locale";
import { digestItems, type DigestItem, type OutboxMessageRow } from "~/models/outbox.server";
import { env } from "~/utils/env.server";

/**
 * An outbox message made into an e-mail, when it is sent (never before: a digest reads its
 * notifications then, and the words are those of the catalogue in force). The subject is the
 * notification's own text; the plain-text and HTML bodies carry an absolute link to the page that needs
 * the reader and, for every category but security, the one-click unsubscribe (header and link) and the
 * preferences page. The Message-ID is the outbox row's, so a resent message has its original's.
 */

export type Mail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** "<id@host>", stable across retries */
  messageId: string;
  headers: Record<string, string>;
};

export type MailSettings = { origin: string; from: string; secret: string; hospital: string };

const fromEnv = (): MailSettings => ({
  origin: env.PUBLIC_ORIGIN,
  from: env.MAIL_FROM,
  secret: env.SESSION_SECRET,
  hospital: env.HOSPITAL_NAME,
});

/** The e-mail of an outbox message; null for a digest whose notifications are all gone (nothing to tell). */
export async function composeMail(message: OutboxMessageRow, settings: MailSettings = fromEnv()): Promise<Mail | null> {
  const payload = readPayload(message.payload);
  if (!payload) throw new Error("The message's payload is neither a notification nor a digest (erased, or written by another version)");
  const items = "digest" in payload ? await digestItems(payload.notificationIds) : [];
  if ("digest" in payload && items.length === 0) return null;
  return renderMail(message, payload, items, settings);
}

/** The words and headers of an e-mail, from its payload (and, for a digest, its notifications). */
export function renderMail(
  message: Pick<OutboxMessageRow, "messageId" | "userId" | "to" | "locale" | "category">,
  payload: OutboxPayload,
  items: readonly DigestItem[],
  settings: MailSettings,
): Mail {
  const locale: Locale = isLocale(message.locale) ? message.locale : "it";
  const t = translator(locale);
  const format = formatters(locale);
  const absolute = (link: string) => `${settings.origin}${link.startsWith("/") && !link.startsWith("//") ? link : `/${link}`}`;
  const kindText = (kind: Kind, params: Params) => notificationText(t, locale, kind, params);

  const subject =
    "digest" in payload
      ? String(t(`notifications.mail.${payload.digest}Subject` as never, { count: items.length } as never))
      : kindText(payload.kind, payload.params);

  // The body: paragraphs, each with at most one link, written once for both forms.
  const body: Line[] = [];
  const list: { text: string; url: string; when: string }[] = [];
  if ("digest" in payload) {
    body.push({ text: String(t("notifications.mail.digestIntro")) });
    for (const item of items)
      list.push({ text: kindText(item.kind, item.params), url: absolute(item.link), when: format.dateTime(item.createdAt) });
  } else if (payload.kind === "password-link") {
    const path = typeof payload.params.path === "string" ? payload.params.path : payload.link;
    body.push({ text: String(t("notifications.mail.passwordIntro", { hospital: settings.hospital })) });
    body.push({ url: absolute(path), label: String(t("notifications.mail.passwordButton")) });
    body.push({ text: String(t("notifications.mail.passwordValidity", { hours: PASSWORD_TOKEN_LIFETIME_MS / 3_600_000 })) });
  } else {
    body.push({ text: subject });
    body.push({ url: absolute(payload.link), label: String(t("notifications.mail.open")) });
  }

  const headers: Record<string, string> = { "Auto-Submitted": "auto-generated", "Content-Language": locale };
  const footer: Line[] = [];
  const category = message.category;
  if (category === "security" || !isCategory(category) || !message.userId) {
    if (category === "security") footer.push({ text: String(t("notifications.mail.security")), small: true });
  } else {
    const unsubscribe = `${settings.origin}/unsubscribe/${unsubscribeToken(settings.secret, message.userId, category)}`;
    const name = String(t(`notifications.categories.${category}`));
    headers["List-Unsubscribe"] = `<${unsubscribe}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
    footer.push({ text: String(t("notifications.mail.why", { category: name })), small: true });
    footer.push({ url: unsubscribe, label: String(t("notifications.mail.unsubscribe", { category: name })), small: true });
    footer.push({ url: absolute("/notifications/preferences"), label: String(t("notifications.mail.preferences")), small: true });
  }
  footer.push({ text: String(t("notifications.mail.automatic", { app: t("common.appName"), hospital: settings.hospital })), small: true });

  return {
    from: settings.from,
    to: message.to,
    subject,
    text: plainText(body, list, footer),
    html: html(locale, subject, body, list, footer),
    messageId: `<${message.messageId}>`,
    headers,
  };
}

/** A paragraph: words, a link (its label; the plain text writes "label: url"), or both. */
type Line = { text?: string; url?: string; label?: string; small?: boolean };

function plainText(body: Line[], list: { text: string; url: string; when: string }[], footer: Line[]): string {
  const line = ({ text, url, label }: Line) => [text, url ? `${label}: ${url}` : ""].filter(Boolean).join("\n");
  const parts = body.map(line);
  if (list.length) parts.push(list.map((item) => `- ${item.text} (${item.when})\n  ${item.url}`).join("\n"));
  return `${parts.join("\n\n")}\n\n-- \n${footer.map(line).join("\n")}\n`;
}

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

function html(locale: Locale, subject: string, body: Line[], list: { text: string; url: string; when: string }[], footer: Line[]): string {
  const link = (url: string, label: string) => `<a href="${escape(url)}" style="color:#0b5394">${escape(label)}</a>`;
  const paragraph = ({ text, url, label, small }: Line) => {
    const style = small ? ' style="font-size:13px;color:#555555;margin:4px 0"' : "";
    const words = [text ? escape(text) : "", url ? link(url, label ?? url) : ""].filter(Boolean).join("<br>");
    return `<p${style}>${words}</p>`;
  };
  const items = list.length
    ? `<ul>${list.map((item) => `<li>${link(item.url, item.text)} <span style="color:#555555">(${escape(item.when)})</span></li>`).join("")}</ul>`
    : "";
  return [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">`,
    `<title>${escape(subject)}</title></head>`,
    `<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:36em;margin:0 auto;padding:16px">`,
    body.map(paragraph).join(""),
    items,
    `<hr style="border:0;border-top:1px solid #cccccc;margin:24px 0 8px">`,
    footer.map(paragraph).join(""),
    `</body></html>`,
  ].join("\n");
}
