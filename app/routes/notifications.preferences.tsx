import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { ErrorList, FormErrors, SubmitButton, useSchemaForm } from "~/components/forms";
import { LinkButton } from "~/components/link-button";
import { PageHeader } from "~/components/page-header";
import { categoriesFor } from "~/domain/notification-choices";
import { MODES, type Mode } from "~/domain/notification-kinds";
import { preferencesOf, setPreferences } from "~/models/notification.server";
import { preferencesSchema } from "~/schemas/notifications";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "user" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications.preferences.title");

/** The categories of the kinds that reach the person's roles (all of them for an administrator), each with its mode. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const categories = categoriesFor(user.roles);
  const modes = await preferencesOf(user.id);
  return { choices: categories.map((category) => ({ category, mode: modes[category] })) };
}

/** Saves every mode of the form; a category or mode the page did not offer is refused, 400, and nothing is saved. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: preferencesSchema(categoriesFor(user.roles)) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const chosen = Object.fromEntries(Object.entries(submission.value).filter(([, mode]) => mode !== undefined)) as Record<string, Mode>;
  await setPreferences(user.id, chosen);
  throw redirect("/notifications/preferences", {
    headers: await withToast({ kind: "success", message: "notifications.preferences.saved" }),
  });
}

export default function NotificationPreferences() {
  const { t } = useTranslation();
  const { choices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(preferencesSchema(choices.map((choice) => choice.category)), {
    id: "notification-preferences",
    lastResult: actionData?.result,
  });
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("notifications.preferences.title")}
        description={t("notifications.preferences.intro")}
        actions={
          <LinkButton to="/notifications" white>
            {t("notifications.preferences.back")}
          </LinkButton>
        }
      />
      <section aria-labelledby="security-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="security-title" className="font-semibold">
          {t("notifications.categories.security")}
        </h2>
        <p className="mt-1 font-medium">{t("notifications.preferences.alwaysOn")}</p>
        <p className="mt-1 text-sm text-slate-700">{t("notifications.preferences.security")}</p>
      </section>
      {choices.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4">{t("notifications.preferences.nothingToChoose")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormErrors id={form.errorId} errors={form.errors} />
          {choices.map(({ category, mode }) => {
            const field = fields[category];
            return (
              <fieldset
                key={category}
                aria-describedby={field.errors?.length ? field.errorId : undefined}
                className="min-w-0 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
              >
                <legend className="float-left mb-2 w-full font-semibold">{t(`notifications.categories.${category}`)}</legend>
                <div className="clear-both flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-x-6">
                  {MODES.map((option) => (
                    <label key={option} className="flex items-center gap-2">
                      <input type="radio" name={category} value={option} defaultChecked={mode === option} className="h-5 w-5 shrink-0" />
                      {t(`notifications.modes.${option}`)}
                    </label>
                  ))}
                </div>
                <ErrorList id={field.errorId} errors={field.errors} />
              </fieldset>
            );
          })}
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      )}
    </div>
  );
}
