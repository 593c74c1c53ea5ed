import { useTranslation } from "react-i18next";
import type { CertificateKind } from "~/domain/certificate";
import { useLocale } from "~/i18n/use-locale";
import { LOCALES } from "~/i18n/locale";
import { Card } from "./page-header";

/**
 * The form that issues a teaching certificate, on a resident's or a tutor's page. It is a plain HTML
 * form posting to /admin/certificates, because the answer is a file to download: the page stays where
 * it is, and a mistake brings the administrator back here with a message.
 */
export function CertificateCard({
  kind,
  holderId,
  period,
}: {
  kind: CertificateKind;
  holderId: string;
  period: { from: string; to: string };
}) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const inputClass = "mt-1 rounded border border-slate-400 px-3 py-2 text-base";
  return (
    <Card id="certificate-title" title={t("certificates.cardTitle")}>
      <p className="text-slate-700">{t(kind === "resident-teaching" ? "certificates.residentIntro" : "certificates.tutorIntro")}</p>
      <form method="post" action="/admin/certificates" className="mt-4 space-y-4">
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="holderId" value={holderId} />
        <div className="flex flex-wrap gap-4">
          <div className="flex flex-col">
            <label htmlFor="certificate-from" className="text-sm font-medium text-slate-800">
              {t("certificates.from")}
            </label>
            <input id="certificate-from" name="from" type="date" required defaultValue={period.from} className={inputClass} />
          </div>
          <div className="flex flex-col">
            <label htmlFor="certificate-to" className="text-sm font-medium text-slate-800">
              {t("certificates.to")}
            </label>
            <input id="certificate-to" name="to" type="date" required defaultValue={period.to} className={inputClass} />
          </div>
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">{t("certificates.language")}</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {LOCALES.map((value) => (
              <label key={value} className="flex items-center gap-2">
                <input type="radio" name="locale" value={value} defaultChecked={value === locale} />
                <span lang={value}>{t(`languages.${value}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <p id="certificate-hint" className="text-sm text-slate-600">
          {t("certificates.downloadHint")}
        </p>
        <button
          type="submit"
          aria-describedby="certificate-hint"
          className="rounded bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900"
        >
          {t("certificates.download")}
        </button>
      </form>
    </Card>
  );
}
