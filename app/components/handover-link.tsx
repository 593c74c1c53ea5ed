import { useTranslation } from "react-i18next";
import { useLocale } from "~/i18n/use-locale";
import { CopyButton } from "./copy-button";

/** The one-time set-password link, shown once to the administrator who issued it. */
export function HandoverLink({ url, expiresAt }: { url: string; expiresAt: string }) {
  const { t } = useTranslation();
  const { format } = useLocale();
  return (
    <section aria-labelledby="handover-title" className="rounded-lg border-2 border-green-700 bg-green-50 p-5">
      <h2 id="handover-title" className="text-lg font-semibold text-green-900">
        {t("admin.users.handoverTitle")}
      </h2>
      <p className="mt-1 text-green-900">{t("admin.users.handoverIntro", { date: format.dateTime(expiresAt) })}</p>
      <label htmlFor="handover-link" className="mt-3 block text-sm font-medium">
        {t("admin.users.handoverLink")}
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id="handover-link"
          readOnly
          value={url}
          className="min-w-0 flex-1 rounded border border-green-700 bg-white px-3 py-2 font-mono text-sm"
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton text={url} />
      </div>
    </section>
  );
}
