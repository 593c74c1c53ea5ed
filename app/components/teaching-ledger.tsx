import { useTranslation } from "react-i18next";
import { useLocale } from "~/i18n/use-locale";
import { Stat, StatGrid } from "./page-header";

type Figures = { sessions: number; hours: number; attendanceRate: number | null };
export type TeachingLedgerView = {
  /** The current academic year, then the previous one. */
  years: Array<Figures & { label: string }>;
  total: Figures;
  unconfirmed: { count: number };
};

/** A share (0.87) as a percentage in the reader's language ("87%"). */
export function usePercent(): (share: number | null) => string {
  const { t } = useTranslation();
  const { format } = useLocale();
  return (share) => (share === null ? t("teaching.ledger.noRate") : format.percent(share));
}

/**
 * The tutor's ledger: this academic year's figures at a glance (with the attendance waiting to be
 * confirmed), then sessions, hours and attendance for this year, the previous one and all years.
 */
export function TeachingLedger({ ledger, toConfirmHref }: { ledger: TeachingLedgerView; toConfirmHref: string }) {
  const { t } = useTranslation();
  const { format } = useLocale();
  const percent = usePercent();
  const [current] = ledger.years;
  const rows = [
    ...ledger.years.map((y) => ({ ...y, key: y.label })),
    { ...ledger.total, key: "all", label: t("teaching.ledger.allYears") },
  ];
  return (
    <div className="space-y-4">
      {current ? (
        <StatGrid label={t("teaching.ledger.figures")}>
          <Stat label={t("teaching.ledger.hoursYear", { year: current.label })} value={format.number(current.hours)} />
          <Stat label={t("teaching.ledger.sessionsYear", { year: current.label })} value={format.number(current.sessions)} />
          <Stat label={t("teaching.ledger.rateYear", { year: current.label })} value={percent(current.attendanceRate)} />
          <Stat label={t("teaching.ledger.toConfirm")} value={format.number(ledger.unconfirmed.count)} to={toConfirmHref} />
        </StatGrid>
      ) : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="px-3 pt-3 text-left font-semibold">{t("teaching.ledger.tableCaption")}</caption>
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="px-3 py-2">
                {t("teaching.ledger.year")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("teaching.ledger.sessions")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("teaching.ledger.hours")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("teaching.ledger.rate")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className="border-b border-slate-100 last:border-0">
                <th scope="row" className="px-3 py-2 font-medium">
                  {row.label}
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{format.number(row.sessions)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{format.number(row.hours)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{percent(row.attendanceRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="px-3 pb-3 text-xs text-slate-600">{t("teaching.ledger.explain")}</p>
      </div>
    </div>
  );
}
