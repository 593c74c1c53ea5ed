import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AGREEMENT_STATUSES, type AgreementStatus } from "~/domain/agreement-status";
import { specialtyName } from "~/domain/specialties";
import { useLocale } from "~/i18n/use-locale";
import { AgreementStatusBadge } from "./agreement-status";
import { Card } from "./page-header";

type Summary = { id: string; endDate: Date; terminatedOn: Date | null; university: { name: string }; _count: { programmes: number } };

/** The administrators' dashboard block: agreements about to end or ended, and programmes left without one. */
export function AgreementAttention({
  attention,
}: {
  attention: {
    expiring: Summary[];
    expired: Summary[];
    uncovered: Array<{ id: string; specialtyCode: string; university: { name: string } }>;
    uncoveredTotal: number;
    byStatus: Record<AgreementStatus, number>;
  };
}) {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const list = (items: Summary[], empty: string) =>
    items.length === 0 ? (
      <p className="text-slate-600">{empty}</p>
    ) : (
      <ul className="divide-y divide-slate-200">
        {items.map((a) => (
          <li key={a.id} className="flex flex-wrap justify-between gap-2 py-2">
            <Link to={`/admin/agreements/${a.id}`} className="text-blue-800 underline">
              {a.university.name}
            </Link>
            <span className="text-sm text-slate-700">
              {t("admin.dashboard.endsOn", {
                date: format.date(a.terminatedOn && a.terminatedOn < a.endDate ? a.terminatedOn : a.endDate),
              })}{" "}
              · {t("agreements.programmesCount", { count: a._count.programmes })}
            </span>
          </li>
        ))}
      </ul>
    );
  return (
    <div className="space-y-6">
      <Card id="agreement-status" title={t("admin.dashboard.agreementsByStatus")}>
        <ul className="flex flex-wrap gap-3">
          {AGREEMENT_STATUSES.map((status) => (
            <li key={status}>
              <Link
                to={`/admin/agreements?status=${status}`}
                className="flex items-center gap-2 rounded border border-slate-200 px-3 py-2 hover:bg-slate-50"
              >
                <AgreementStatusBadge status={status} />
                <span className="font-semibold">{format.number(attention.byStatus[status])}</span>
              </Link>
            </li>
          ))}
        </ul>
      </Card>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card id="expiring" title={t("admin.dashboard.expiringTitle")}>
          {list(attention.expiring, t("admin.dashboard.noneExpiring"))}
        </Card>
        <Card id="expired" title={t("admin.dashboard.expiredTitle")}>
          {list(attention.expired, t("admin.dashboard.noneExpired"))}
        </Card>
      </div>
      <Card id="uncovered" title={t("admin.dashboard.uncoveredTitle")}>
        {attention.uncovered.length === 0 ? (
          <p className="text-slate-600">{t("admin.dashboard.noneUncovered")}</p>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-700">{t("admin.dashboard.uncoveredIntro")}</p>
            <ul className="grid gap-x-6 gap-y-1 sm:grid-cols-2">
              {attention.uncovered.map((p) => (
                <li key={p.id}>
                  {specialtyName(p.specialtyCode, locale)} <span className="text-slate-600">· {p.university.name}</span>
                </li>
              ))}
            </ul>
            {attention.uncoveredTotal > attention.uncovered.length ? (
              <p className="mt-2 text-sm text-slate-700">
                {t("admin.dashboard.andMore", { count: attention.uncoveredTotal - attention.uncovered.length })}
              </p>
            ) : null}
          </>
        )}
      </Card>
    </div>
  );
}
