import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SubmitButton } from "~/components/forms";
import type { ChoosableCategory } from "~/domain/notification-choices";
import { readUnsubscribeToken } from "~/domain/notifications";
import { mailChoiceOf, stopMail } from "~/models/unsubscribe.server";
import { env } from "~/utils/env.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";

/**
 * The unsubscribe link at the foot of every e-mail but the security ones: no sign-in, the signed token
 * (a person and a category, app/domain/notifications.ts) is the authorisation, and it can do nothing but
 * turn that category's e-mails off. GET asks first (a mail scanner that follows links changes nothing);
 * POST turns them off, from the page's button or as RFC 8058's one-click POST that a mail provider sends
 * from its own servers ("List-Unsubscribe=One-Click", no cookies, another origin: server.js lets POSTs
 * to /unsubscribe/* through its cross-origin check for that reason). A token not signed by this server,
 * or of a person who no longer exists or is inactive, is the same "not valid" page, and changes nothing.
 */
export const handle = { policy: "public" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications.unsubscribe.title");

const INVALID = { state: "invalid", category: null, error: "notifications.unsubscribe.invalid" } as const;

function targetOf(token: string | undefined): { userId: string; category: ChoosableCategory } | null {
  const read = readUnsubscribeToken(env.SESSION_SECRET, token ?? "");
  return read && read.category !== "security" ? { userId: read.userId, category: read.category } : null;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const target = targetOf(params.unsubscribeToken);
  const mode = target ? await mailChoiceOf(target.userId, target.category) : null;
  if (!target || !mode) return data(INVALID, { status: 404 });
  return { state: mode === "portal" ? ("stopped" as const) : ("asking" as const), category: target.category, error: null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // A body that is not a form (RFC 8058 sends a form: multipart or urlencoded) is refused before anything changes.
  await readForm(request);
  const target = targetOf(params.unsubscribeToken);
  if (!target || !(await stopMail(target.userId, target.category))) return data(INVALID, { status: 404 });
  return { state: "done" as const, category: target.category, error: null };
}

export default function Unsubscribe() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const shown = actionData ?? loaderData;
  const box = "mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm";
  const preferences = (
    <p className="mt-4">
      <Link to="/notifications/preferences" className="text-blue-800 underline">
        {t("notifications.unsubscribe.preferencesLink")}
      </Link>
    </p>
  );

  if (shown.state === "invalid") {
    return (
      <section aria-labelledby="unsubscribe-title" className={box}>
        <h1 id="unsubscribe-title" className="text-2xl font-semibold">
          {t("notifications.unsubscribe.invalidTitle")}
        </h1>
        <p className="mt-3">{t("notifications.unsubscribe.invalid")}</p>
        {preferences}
      </section>
    );
  }

  const category = t(`notifications.categories.${shown.category}`);
  if (shown.state === "done" || shown.state === "stopped") {
    return (
      <section aria-labelledby="unsubscribe-title" className={box}>
        <h1 id="unsubscribe-title" className="text-2xl font-semibold">
          {t("notifications.unsubscribe.doneTitle")}
        </h1>
        <p className="mt-3" role={shown.state === "done" ? "status" : undefined}>
          {shown.state === "done"
            ? t("notifications.unsubscribe.done", { category })
            : t("notifications.unsubscribe.already", { category })}
        </p>
        {preferences}
      </section>
    );
  }

  return (
    <section aria-labelledby="unsubscribe-title" className={box}>
      <h1 id="unsubscribe-title" className="text-2xl font-semibold">
        {t("notifications.unsubscribe.question", { category })}
      </h1>
      <p className="mt-3 text-slate-700">{t("notifications.unsubscribe.explain")}</p>
      <Form method="post" className="mt-5">
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <SubmitButton>{t("notifications.unsubscribe.confirm")}</SubmitButton>
      </Form>
      {preferences}
    </section>
  );
}
