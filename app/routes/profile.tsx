import { FormProvider, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "~/schemas/z";
import { requireSession } from "~/auth/guards.server";
import { verifyPassword } from "~/auth/password.server";
import { clearSessionCookie, createSession, invalidateUserSessions, sessionCookie } from "~/auth/session.server";
import { linkButtonLook } from "~/components/link-button";
import { NewPasswordFields } from "~/components/new-password-fields";
import { CopyButton } from "~/components/copy-button";
import { Card } from "~/components/page-header";
import { Field, FormErrors, SubmitButton, useSchemaForm } from "~/components/forms";
import { passwordIsEmail } from "~/domain/password-policy";
import { describeUserAgent } from "~/domain/user-agent";
import { formatters } from "~/i18n/format";
import { isLocale, LOCALES } from "~/i18n/locale";
import { languageCookie } from "~/i18n/locale.server";
import { replacePassword } from "~/models/account.server";
import { calendarPath, issueCalendarToken, revokeCalendarToken } from "~/services/calendar.server";
import { endOwnSession, listActiveSessions } from "~/models/session-list.server";
import { passwordOf, profileOf, setLanguage } from "~/models/user.server";
import { changePasswordSchema } from "~/schemas/auth";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { clientAddress, userAgent } from "~/utils/request.server";

export const handle = { policy: "user" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "profile.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const [user, sessions] = await Promise.all([profileOf(session.user.id), listActiveSessions(session.user.id)]);
  const { calendarTokenHash, ...profile } = user;
  return {
    user: profile,
    hasCalendar: calendarTokenHash !== null,
    currentSessionId: session.id,
    sessions: sessions.map((s) => ({ ...s, device: describeUserAgent(s.userAgent) })),
  };
}

const languageSchema = z.object({ intent: z.literal("language"), language: z.enum(LOCALES, { error: "errors.required" }) });
const endSessionSchema = z.object({ intent: z.literal("end-session"), sessionId: z.string().min(1).max(64) });

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request);
  const { user } = session;
  const formData = await readForm(request);
  const intent = formData.get("intent");

  if (intent === "language") {
    const parsed = languageSchema.safeParse(Object.fromEntries(formData));
    invariantResponse(parsed.success, "Unknown request", 400);
    await setLanguage(user.id, parsed.data.language);
    const headers = await withToast(
      { kind: "success", message: "profile.languageSaved" },
      {
        "Set-Cookie": languageCookie(parsed.data.language),
      },
    );
    throw redirect("/profile", { headers });
  }

  if (intent === "password") {
    const account = await passwordOf(user.id);
    const submission = await parseWithZod(formData, {
      async: true,
      schema: changePasswordSchema
        .refine((v) => !passwordIsEmail(v.newPassword, account.email), { path: ["newPassword"], error: "errors.passwordIsEmail" })
        .refine(async (v) => Boolean(account.passwordHash) && (await verifyPassword(account.passwordHash ?? "", v.currentPassword)), {
          path: ["currentPassword"],
          error: "errors.currentPasswordWrong",
        }),
    });
    if (submission.status !== "success") {
      return data(
        { intent, result: submission.reply({ hideFields: ["currentPassword", "newPassword", "confirmPassword"] }) },
        { status: 400 },
      );
    }
    // Every session ends, this one included; this browser gets a fresh one.
    await replacePassword(user.id, submission.value.newPassword);
    const fresh = await createSession(user.id, { userAgent: userAgent(request), ipAddress: clientAddress(context) });
    const headers = await withToast(
      { kind: "success", message: "profile.passwordChanged" },
      {
        "Set-Cookie": sessionCookie(fresh.token, fresh.expiresAt),
      },
    );
    throw redirect("/profile", { headers });
  }

  if (intent === "end-session") {
    const parsed = endSessionSchema.safeParse(Object.fromEntries(formData));
    invariantResponse(parsed.success, "Unknown request", 400);
    // Scoped to the signed-in person: another person's session id matches nothing.
    if (!(await endOwnSession(user.id, parsed.data.sessionId))) throw new Response("Not found", { status: 404 });
    if (parsed.data.sessionId === session.id) throw redirect("/login", { headers: { "Set-Cookie": clearSessionCookie() } });
    throw redirect("/profile", { headers: await withToast({ kind: "success", message: "profile.sessionEnded" }) });
  }

  if (intent === "calendar") {
    const token = await issueCalendarToken(user.id);
    return data({ intent, result: null, calendarUrl: `${new URL(request.url).origin}${calendarPath(token)}` }, { status: 200 });
  }

  if (intent === "calendar-revoke") {
    await revokeCalendarToken(user.id);
    throw redirect("/profile", { headers: await withToast({ kind: "success", message: "calendar.revoked" }) });
  }

  if (intent === "end-other-sessions") {
    const count = await invalidateUserSessions(user.id, session.id);
    throw redirect("/profile", {
      headers: await withToast({ kind: "success", message: "profile.otherSessionsEnded", values: { count } }),
    });
  }

  // What only a tampered form sends (a language or a session the page never offered, no intent): the error page.
  throw new Response("Unknown action", { status: 400 });
}

export default function Profile() {
  const { t, i18n } = useTranslation();
  const { user, sessions, currentSessionId, hasCalendar } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const calendarUrl =
    actionData && "calendarUrl" in actionData && typeof actionData.calendarUrl === "string" ? actionData.calendarUrl : null;
  const locale = isLocale(i18n.language) ? i18n.language : "it";
  const format = formatters(locale);
  const [form, fields] = useSchemaForm(changePasswordSchema, {
    id: "change-password",
    lastResult: actionData?.intent === "password" ? actionData.result : undefined,
  });

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{t("profile.title")}</h1>
        <p className="mt-1 text-slate-700">
          {user.name} · {user.email}
        </p>
      </div>

      <section aria-labelledby="language-title" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="language-title" className="text-lg font-semibold">
          {t("profile.languageTitle")}
        </h2>
        <Form method="post" className="mt-3 flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="language" />
          <fieldset>
            <legend className="text-sm font-medium">{t("profile.languageLegend")}</legend>
            <div className="mt-1 flex gap-4">
              {LOCALES.map((code) => (
                <label key={code} className="flex items-center gap-2" lang={code}>
                  <input type="radio" name="language" value={code} defaultChecked={(user.language ?? locale) === code} />
                  {t(`languages.${code}`, { lng: code })}
                </label>
              ))}
            </div>
          </fieldset>
          <SubmitButton intent="language">{t("common.save")}</SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="password-title" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="password-title" className="text-lg font-semibold">
          {t("profile.passwordTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("profile.passwordEndsSessions")}</p>
        <FormProvider context={form.context}>
          <Form method="post" {...getFormProps(form)} className="mt-4 grid max-w-md gap-4">
            <input type="hidden" name="intent" value="password" />
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="email" name="username" value={user.email} autoComplete="username" readOnly hidden />
            <Field meta={fields.currentPassword} label={t("profile.currentPassword")} type="password" autoComplete="current-password" />
            <NewPasswordFields fields={fields} />
            <div>
              <SubmitButton intent="password">{t("profile.changePassword")}</SubmitButton>
            </div>
          </Form>
        </FormProvider>
      </section>

      <Card id="notifications-title" title={t("notifications.preferences.profileTitle")}>
        <p className="text-sm text-slate-700">{t("notifications.preferences.profileIntro")}</p>
        <p className="mt-3">
          <Link to="/notifications/preferences" className="text-blue-800 underline">
            {t("notifications.preferences.profileLink")}
          </Link>
        </p>
      </Card>

      <Card id="calendar-title" title={t("calendar.title")}>
        <p className="text-sm text-slate-700">{t("calendar.intro")}</p>
        {calendarUrl ? (
          <div className="mt-3">
            <label htmlFor="calendar-url" className="block text-sm font-medium">
              {t("calendar.created")}
            </label>
            <div className="mt-1 flex flex-wrap gap-2">
              <input
                id="calendar-url"
                readOnly
                value={calendarUrl}
                className="min-w-0 flex-1 rounded border border-slate-400 px-3 py-2 font-mono text-sm"
              />
              <CopyButton text={calendarUrl} />
            </div>
          </div>
        ) : (
          <p className="mt-3 text-sm">{hasCalendar ? t("calendar.active") : t("calendar.none")}</p>
        )}
        <div className="mt-3 flex flex-wrap gap-3">
          <Form method="post">
            <input type="hidden" name="intent" value="calendar" />
            <SubmitButton variant="secondary" intent="calendar">
              {hasCalendar ? t("calendar.replace") : t("calendar.create")}
            </SubmitButton>
          </Form>
          {hasCalendar ? (
            <Form method="post">
              <input type="hidden" name="intent" value="calendar-revoke" />
              <SubmitButton variant="secondary" intent="calendar-revoke">
                {t("calendar.revoke")}
              </SubmitButton>
            </Form>
          ) : null}
        </div>
      </Card>

      <section aria-labelledby="sessions-title" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="sessions-title" className="text-lg font-semibold">
          {t("profile.sessionsTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("profile.sessionsIntro")}</p>
        <ul className="mt-4 divide-y divide-slate-200">
          {sessions.map((s) => {
            const device = [s.device.browser, s.device.system].filter(Boolean).join(" · ") || t("profile.unknownDevice");
            return (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div>
                  <p className="font-medium">
                    {device}
                    {s.id === currentSessionId ? (
                      <span className="ml-2 rounded bg-green-100 px-2 py-0.5 text-xs text-green-900">{t("profile.thisDevice")}</span>
                    ) : null}
                  </p>
                  <p className="text-sm text-slate-600">
                    {t("profile.sessionDetails", {
                      started: format.dateTime(s.createdAt),
                      lastSeen: format.dateTime(s.lastSeenAt),
                      address: s.ipAddress ?? "—",
                    })}
                  </p>
                </div>
                <Form method="post">
                  <input type="hidden" name="intent" value="end-session" />
                  <input type="hidden" name="sessionId" value={s.id} />
                  <button type="submit" className={linkButtonLook({ small: true, className: "text-sm" })}>
                    {s.id === currentSessionId ? t("profile.endThisSession") : t("profile.endSession")}
                    <span className="sr-only"> ({device})</span>
                  </button>
                </Form>
              </li>
            );
          })}
        </ul>
        {sessions.length > 1 ? (
          <Form method="post" className="mt-4">
            <input type="hidden" name="intent" value="end-other-sessions" />
            <SubmitButton variant="secondary" name="intent" value="end-other-sessions">
              {t("profile.endOtherSessions")}
            </SubmitButton>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
