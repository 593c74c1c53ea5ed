import { useTranslation } from "react-i18next";
import type { AgreementStatus } from "~/domain/agreement-status";

const STYLES: Record<AgreementStatus, string> = {
  draft: "bg-slate-200 text-slate-900",
  scheduled: "bg-sky-100 text-sky-900",
  active: "bg-green-100 text-green-900",
  expiring: "bg-amber-100 text-amber-950",
  expired: "bg-red-100 text-red-900",
  terminated: "bg-zinc-800 text-white",
};

/** The agreement's derived status, wherever an agreement appears. */
export function AgreementStatusBadge({ status }: { status: AgreementStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-semibold ${STYLES[status]}`}>
      {t(`agreements.statuses.${status}`)}
    </span>
  );
}
