import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { normaliseCertificateCode } from "~/domain/certificate";
import { hoursOf } from "~/domain/teaching";
import { useLocale } from "~/i18n/use-locale";
import { verifyCertificate } from "~/models/certificate.server";
import { env } from "~/utils/env.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "public" };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data?.certificate ? "certificates.verify.genuineTitle" : "certificates.verify.notFoundTitle");

/**
 * Confirms that a certificate with this code was issued, stating exactly what it says so the reader can
 * compare it with the PDF, and nothing else: no record ids, no contact details, no links into the
 * portal. An unknown code answers 404.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const typed = params.code ?? "";
  const code = normaliseCertificateCode(typed);
  // One address per certificate, however the code was typed.
  if (code && code !== typed) throw redirect(`/verify/${code}`);
  const certificate = code ? await verifyCertificate(code) : null;
  const hospitalName = env.HOSPITAL_NAME;
  if (!certificate) return data({ hospitalName, code: typed.slice(0, 40), certificate: null }, { status: 404 });
  return data({ hospitalName, code: certificate.code, certificate });
}

export default function VerifiedCertificate() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { hospitalName, code, certificate } = useLoaderData<typeof loader>();
  if (!certificate) {
    return (
      <div className="max-w-2xl">
        <PageHeader title={t("certificates.verify.notFoundTitle")} />
        <p role="alert" className="rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
          {t("certificates.verify.notFoundBody", { hospital: hospitalName, code })}
        </p>
        <p className="mt-4">
          <Link to="/verify" className="text-blue-800 underline">
            {t("certificates.verify.another")}
          </Link>
        </p>
      </div>
    );
  }
  const rows: Array<[string, string]> = [
    [t("certificates.verify.kind"), t(`certificates.kinds.${certificate.kind}`)],
    [t("certificates.verify.holder"), certificate.holderName],
    [
      t("certificates.verify.period"),
      t("certificates.pdf.periodValue", { from: format.date(certificate.periodStart), to: format.date(certificate.periodEnd) }),
    ],
    ...(certificate.kind === "resident-logbook"
      ? ([
          [t("certificates.verify.entries"), format.number(certificate.entries)],
          [t("certificates.verify.performed"), format.number(certificate.performed)],
          ...(certificate.evaluations === null
            ? []
            : [[t("certificates.verify.evaluations"), format.number(certificate.evaluations)] as [string, string]]),
        ] as Array<[string, string]>)
      : ([
          [t("certificates.verify.hours"), t("certificates.hours", { hours: format.number(hoursOf(certificate.minutes)) })],
          [t("certificates.verify.sessions"), format.number(certificate.sessions)],
        ] as Array<[string, string]>)),
    [t("certificates.verify.issuedOn"), format.date(certificate.issuedAt)],
    [t("certificates.verify.code"), certificate.code],
  ];
  return (
    <div className="max-w-2xl">
      <PageHeader title={t("certificates.verify.genuineTitle")} />
      <section aria-labelledby="statement-title" className="rounded-lg border border-green-700 bg-white p-5 shadow-sm">
        <p id="statement-title" className="font-medium text-green-900">
          {t("certificates.verify.genuineIntro", { hospital: hospitalName })}
        </p>
        <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-600">{label}</dt>
              <dd className="font-medium break-words">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <p className="mt-4 text-slate-700">{t("certificates.verify.compare")}</p>
      <p className="mt-4">
        <Link to="/verify" className="text-blue-800 underline">
          {t("certificates.verify.another")}
        </Link>
      </p>
    </div>
  );
}
