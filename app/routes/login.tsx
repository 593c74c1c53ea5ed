import { FormProvider, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getSession, requireAnonymous } from "~/auth/guards.server";
import { signIn } from "~/auth/sign-in.server";
import { Field, FormErrors, SubmitButton, useSchemaForm } from "~/components/forms";
import { safeRedirect } from "~/domain/redirect";
import { homePathFor } from "~/domain/roles";
import { loginSchema } from "~/schemas/auth";
import { readForm } from "~/utils/form.server";
import { clientAddress, userAgent } from "~/utils/request.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "anonymous" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: loginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), retryAfter: 0 }, { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const previous = await getSession(request);
  const outcome = await signIn({
    email,
    password,
    address: clientAddress(context),
    userAgent: userAgent(request),
    previousSessionId: previous?.id,
  });
  if (outcome.kind === "throttled" || outcome.kind === "rejected") {
    const throttled = outcome.retryAfter > 0;
    return data(
      {
        result: submission.reply({
          hideFields: ["password"],
          formErrors: [throttled ? "login.throttled" : "login.invalid"],
        }),
        retryAfter: outcome.retryAfter,
      },
      { status: throttled ? 429 : 400, headers: throttled ? { "Retry-After": String(outcome.retryAfter) } : {} },
    );
  }
  throw redirect(safeRedirect(redirectTo, homePathFor(outcome.roles)), {
    headers: { "Set-Cookie": outcome.cookie },
  });
}

export default function Login() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useSchemaForm(loginSchema, {
    id: "login",
    lastResult: actionData?.result,
  });
  const retryAfter = actionData?.retryAfter ?? 0;
  const formErrors = form.errors?.map((key) =>
    key === "login.throttled"
      ? retryAfter >= 60
        ? t("login.throttledMinutes", { count: Math.ceil(retryAfter / 60) })
        : t("login.throttledSeconds", { count: retryAfter })
      : t(key as never),
  );

  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">{t("login.title")}</h1>
      <p className="mt-2 text-slate-700">{t("login.intro")}</p>
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {formErrors?.length ? (
            <div role="alert" id={form.errorId} className="rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
              {formErrors.map((message) => (
                <p key={message}>{message}</p>
              ))}
            </div>
          ) : (
            <FormErrors id={form.errorId} />
          )}
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <Field meta={fields.email} label={t("login.email")} type="email" autoComplete="username" initialFocus />
          <Field meta={fields.password} label={t("login.password")} type="password" autoComplete="current-password" />
          <SubmitButton pendingLabel={t("login.signingIn")}>{t("login.submit")}</SubmitButton>
        </Form>
      </FormProvider>
      <p className="mt-4 text-sm text-slate-600">{t("login.forgotten")}</p>
    </div>
  );
}
