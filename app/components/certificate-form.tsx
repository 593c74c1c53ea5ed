import { useTranslation } from "react-i18next";
import type { CertificateKind } from "~/domain/certificate";
import { useLocale } from "~/i18n/use-locale";
import { LOCALES } from "~/i18n/locale";
import { Card } from "./page-header";
import { linkButtonClass } from "~/components/link-button";

/**
 * The form that issues a teaching certificate, on a resident's or a tutor's page. It is a plain HTML
 * form posting to /admin/certificates, because the answer is a file to download: the page stays where
 * it is, and a mistake brings the administrator back here with a message.
 */
export function CertificateCard({
  kind,
  holderId,
  period,
  logbook,
}: {
  kind: CertificateKind;
  holderId: string;
  period: { from: string; to: string };
  /** A logbook extract: the resident's page of entries as CSV, and the rotations it may cover instead of the period. */
  logbook?: {
    csv: string;
    rotations: Array<{ id: string; department: { name: string }; startDate: Date | string; endDate: Date | string }>;
  };
}) {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const inputClass = "mt-1 rounded border border-slate-400 px-3 py-2 text-base";
  const id = (name: string) => `${kind}-${name}`;
  const intro = {
    "resident-teaching": t("certificates.residentIntro"),
    "tutor-teaching": t("certificates.tutorIntro"),
    "resident-logbook": t("certificates.logbook.intro"),
  }[kind];
  return (
    <Card id={id("title")} title={kind === "resident-logbook" ? t("certificates.logbook.cardTitle") : t("certificates.cardTitle")}>
      <p className="text-slate-700">{intro}</p>
      <form method="post" action="/admin/certificates" className="mt-4 space-y-4">
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="holderId" value={holderId} />
        <div className="flex flex-wrap gap-4">
          <div className="flex flex-col">
            <label htmlFor={id("from")} className="text-sm font-medium text-slate-800">
              {t("certificates.from")}
            </label>
            <input id={id("from")} name="from" type="date" required defaultValue={period.from} className={inputClass} />
          </div>
          <div className="flex flex-col">
            <label htmlFor={id("to")} className="text-sm font-medium text-slate-800">
              {t("certificates.to")}
            </label>
            <input id={id("to")} name="to" type="date" required defaultValue={period.to} className={inputClass} />
          </div>
        </div>
        {logbook ? (
          <div className="flex flex-col">
            <label htmlFor={id("rotation")} className="text-sm font-medium text-slate-800">
              {t("certificates.logbook.rotation")}
            </label>
            <select id={id("rotation")} name="rotationId" defaultValue="" className={`${inputClass} max-w-full`}>
              <option value="">{t("certificates.logbook.wholePeriod")}</option>
              {logbook.rotations.map((r) => (
                <option key={r.id} value={r.id}>
                  {t("certificates.logbook.rotationOption", {
                    department: r.department.name,
                    from: format.date(r.startDate),
                    to: format.date(r.endDate),
                  })}
                </option>
              ))}
            </select>
            <div className="mt-3 flex items-start gap-2">
              <input
                id={id("evaluations")}
                name="evaluations"
                type="checkbox"
                aria-describedby={id("evaluations-hint")}
                className="mt-1 h-5 w-5 shrink-0"
              />
              <div>
                <label htmlFor={id("evaluations")} className="font-medium text-slate-800">
                  {t("certificates.logbook.withEvaluations")}
                </label>
                <p id={id("evaluations-hint")} className="text-sm text-slate-600">
                  {t("certificates.logbook.withEvaluationsHint")}
                </p>
              </div>
            </div>
          </div>
        ) : null}
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
        <p id={id("hint")} className="text-sm text-slate-600">
          {t("certificates.downloadHint")}
        </p>
        <div className="flex flex-wrap gap-3">
          <button
            type="submit"
            aria-describedby={id("hint")}
            className="rounded bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900"
          >
            {kind === "resident-logbook" ? t("certificates.logbook.download") : t("certificates.download")}
          </button>
          {logbook ? (
            <button type="submit" formAction={logbook.csv} formMethod="get" className={linkButtonClass}>
              {t("certificates.logbook.csvDownload")}
            </button>
          ) : null}
        </div>
      </form>
    </Card>
  );
}
