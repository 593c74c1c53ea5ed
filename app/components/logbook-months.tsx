import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Degree, EntryStatus, MonthState } from "~/domain/logbook";
import { useLocale } from "~/i18n/use-locale";

/** A month of a resident's logbook as the pages list it. */
export type LogbookMonth = MonthState & { entries: number; reopenReason: string | null };

/** An entry as the logbook pages list it (the model's `listed` shape). */
export type ListedEntry = {
  id: string;
  date: Date | string;
  count: number;
  degree: Degree;
  status: EntryStatus;
  note: string | null;
  caseRef: string | null;
  returnReason: string | null;
  decidedAt: Date | string | null;
  decidedBy: string | null;
  tutor: string | null;
  department: string;
  activity: { it: string; en: string };
  outsideRotation: boolean;
};

const STATUS_STYLE: Record<EntryStatus, string> = {
  pending: "bg-slate-100 text-slate-800",
  certified: "bg-green-100 text-green-900",
  returned: "bg-amber-100 text-amber-900",
};

/**
 * The months of a resident's logbook (newest first) as links, and below them the chosen month's state
 * and whatever the page shows of it (`children`): its entries, the countersignature or the reopening.
 */
export function LogbookMonths({
  months,
  month,
  none,
  children,
}: {
  months: LogbookMonth[];
  month: string | null;
  none: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { format } = useLocale();
  const monthName = (m: string) => format.monthYear(`${m}-01T00:00:00.000Z`);
  const current = months.find((m) => m.month === month);
  if (months.length === 0) return <p className="text-slate-700">{none}</p>;
  return (
    <div className="space-y-4">
      <nav aria-label={t("logbook.months")}>
        <ul className="flex flex-wrap gap-2">
          {months.map((m) => (
            <li key={m.month}>
              <Link
                to={`?month=${m.month}`}
                preventScrollReset
                aria-current={m.month === month ? "page" : undefined}
                className={`block rounded border px-3 py-2 text-sm ${m.month === month ? "border-blue-800 bg-blue-50 font-semibold" : "border-slate-300 bg-white"}`}
              >
                {monthName(m.month)} · {t("logbook.entriesCount", { count: m.entries })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {current ? (
        <section aria-labelledby="month-title">
          <h3 id="month-title" className="font-semibold">
            {monthName(current.month)}
          </h3>
          <p className="text-sm text-slate-700">
            {current.reopenReason
              ? t("logbook.monthStates.reopened", { reason: current.reopenReason })
              : current.countersigned
                ? t("logbook.monthStates.closed")
                : current.awaitsCountersignature
                  ? t("logbook.monthStates.awaits")
                  : t("logbook.monthStates.open")}
          </p>
          {children}
        </section>
      ) : null}
    </div>
  );
}

/** One entry: activity, day, count and degree, department, tutor, status and what the tutor decided. */
export function LogbookEntryLine({
  entry,
  href,
  linkLabel,
  children,
}: {
  entry: ListedEntry;
  href?: string;
  linkLabel?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p className="min-w-0 font-medium break-words">{entry.activity[locale]}</p>
        <span className={`rounded px-2 py-0.5 text-sm ${STATUS_STYLE[entry.status]}`}>{t(`logbook.statuses.${entry.status}`)}</span>
      </div>
      <p className="text-sm text-slate-700">
        {format.date(entry.date)} · {entry.count} × {t(`logbook.degreesShort.${entry.degree}`)} · {entry.department}
      </p>
      {entry.tutor ? <p className="text-sm text-slate-700">{t("logbook.tutorLine", { name: entry.tutor })}</p> : null}
      {entry.caseRef ? (
        <p className="text-sm break-words text-slate-700">
          {t("logbook.fields.caseRef")}: {entry.caseRef}
        </p>
      ) : null}
      {entry.note ? <p className="text-sm break-words text-slate-700">{entry.note}</p> : null}
      {entry.status === "certified" && entry.decidedBy && entry.decidedAt ? (
        <p className="text-sm text-slate-700">{t("logbook.certifiedBy", { name: entry.decidedBy, date: format.date(entry.decidedAt) })}</p>
      ) : null}
      {entry.status === "returned" && entry.returnReason ? (
        <p className="text-sm break-words text-amber-900">{t("logbook.returnedBecause", { reason: entry.returnReason })}</p>
      ) : null}
      {entry.outsideRotation ? <p className="text-sm text-red-800">{t("logbook.outsideRotation")}</p> : null}
      {href && linkLabel ? (
        <Link
          to={href}
          aria-label={`${linkLabel}: ${entry.activity[locale]}, ${format.date(entry.date)}`}
          className="mt-1 inline-block text-sm text-blue-800 underline"
        >
          {linkLabel}
        </Link>
      ) : null}
      {children}
    </li>
  );
}
