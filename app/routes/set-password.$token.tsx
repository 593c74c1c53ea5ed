import { FormProvider, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { checkPasswordToken } from "~/auth/password-token.server";
import { createSession, sessionCookie } from "~/auth/session.server";
import { NewPasswordFields } from "~/components/new-password-fields";
import { FormErrors, SubmitButton, useSchemaForm } from "~/components/forms";
import { passwordIsEmail } from "~/domain/password-policy";
import { homePathFor } from "~/domain/roles";
import { replacePassword } from "~/models/account.server";
import { rolesOf } from "~/models/user.server";
import { setPasswordSchema } from "~/schemas/auth";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { refusalPage } from "~/utils/refusal.server";
import { clientAddress, userAgent } from "~/utils/request.server";

export const handle = { policy: "public" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "setPassword.title");

export async function loader({ params }: LoaderFunctionArgs) {
  const check = await checkPasswordToken(params.token ?? "");
  if (!check.ok) return data({ ok: false as const, reason: check.reason, name: "", email: "" }, { status: 410 });
  return { ok: true as const, reason: null, name: check.user.name, email: check.user.email };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const check = await checkPasswordToken(params.token ?? "");
  if (!check.ok) throw new Response("Link no longer valid", { status: 410 });
  const submission = parseWithZod(await readForm(request), {
    schema: setPasswordSchema.refine((v) => !passwordIsEmail(v.newPassword, check.user.email), {
      path: ["newPassword"],
      error: "errors.passwordIsEmail",
    }),
  });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["newPassword", "confirmPassword"] }) }, { status: 400 });
  }
  // A link spent meanwhile (another tab, a double click) is the "gone" page.
  await replacePassword(check.user.id, submission.value.newPassword, check.tokenId).catch(refusalPage);
  const roles = await rolesOf(check.user.id);
  const session = await createSession(check.user.id, { userAgent: userAgent(request), ipAddress: clientAddress(context) });
  const headers = await withToast(
    { kind: "success", message: "setPassword.done" },
    {
      "Set-Cookie": sessionCookie(session.token, session.expiresAt),
    },
  );
  throw redirect(homePathFor(roles), { headers });
}

export default function SetPassword() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(setPasswordSchema, {
    id: "set-password",
    lastResult: actionData?.result,
  });

  if (!loaderData.ok) {
    return (
      <div className="mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-2xl font-semibold">{t("setPassword.unavailableTitle")}</h1>
        <p className="mt-3">{t(`setPassword.reason.${loaderData.reason}`)}</p>
        <p className="mt-4">
          <Link to="/login" className="text-blue-800 underline">
            {t("errorPage.goLogin")}
          </Link>
        </p>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">{t("setPassword.title")}</h1>
      <p className="mt-2 text-slate-700">{t("setPassword.intro", { name: loaderData.name, email: loaderData.email })}</p>
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="email" name="username" value={loaderData.email} autoComplete="username" readOnly hidden />
          <NewPasswordFields fields={fields} initialFocus />
          <SubmitButton>{t("setPassword.submit")}</SubmitButton>
        </Form>
      </FormProvider>
    </div>
  );
}
