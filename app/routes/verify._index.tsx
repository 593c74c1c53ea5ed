import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { normaliseCertificateCode } from "~/domain/certificate";
import { env } from "~/utils/env.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "public" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "certificates.verify.title");

/**
 * The public page where anyone holding a certificate types its code. The form sends a GET, so it
 * works without JavaScript; a well-formed code goes on to /verify/<code>.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get("code");
  if (typed === null) return data({ hospitalName: env.HOSPITAL_NAME, typed: "", invalid: false });
  const code = normaliseCertificateCode(typed);
  if (code) throw redirect(`/verify/${code}`);
  return data({ hospitalName: env.HOSPITAL_NAME, typed: typed.slice(0, 40), invalid: true }, { status: 400 });
}

export default function VerifyCertificate() {
  const { t } = useTranslation();
  const { hospitalName, typed, invalid } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-xl">
      <PageHeader title={t("certificates.verify.title")} description={t("certificates.verify.intro", { hospital: hospitalName })} />
      <Form method="get" className="space-y-4">
        <div className="flex flex-col">
          <label htmlFor="code" className="text-sm font-medium text-slate-800">
            {t("certificates.verify.code")}
          </label>
          <p id="code-hint" className="text-sm text-slate-600">
            {t("certificates.verify.codeHint")}
          </p>
          <input
            id="code"
            name="code"
            type="text"
            required
            maxLength={40}
            autoComplete="off"
            spellCheck={false}
            defaultValue={typed}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? "code-hint code-error" : "code-hint"}
            className="mt-1 rounded border border-slate-400 px-3 py-2 font-mono text-base uppercase aria-[invalid=true]:border-red-700"
          />
          {invalid ? (
            <p id="code-error" className="mt-1 text-sm text-red-800">
              {t("certificates.verify.codeInvalid")}
            </p>
          ) : null}
        </div>
        <button type="submit" className="rounded bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900">
          {t("certificates.verify.submit")}
        </button>
      </Form>
    </div>
  );
}
