import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AuditValue } from "~/domain/audit";
import { useLocale } from "~/i18n/use-locale";

type Entry = { id: number; at: Date | string; action: string; actor: string | null; changes: Record<string, [AuditValue, AuditValue]> };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A record's history: who changed what, when, with the values before and after. The page names its
 * fields (`fieldLabel`) and may render its own values (`formatValue`, e.g. an id as a name). A history
 * of many records (/admin/history) says what each entry is about with `describe`; both functions are
 * also given the entry.
 */
export function History<E extends Entry>({
  entries,
  fieldLabel,
  formatValue,
  describe,
  label,
}: {
  entries: E[];
  fieldLabel: (field: string, entry: E) => string;
  formatValue?: (field: string, value: AuditValue, entry: E) => string | null;
  describe?: (entry: E) => ReactNode;
  /** The list's accessible name, when the page has several. */
  label?: string;
}) {
  const { t } = useTranslation();
  const { format } = useLocale();
  const show = (field: string, value: AuditValue, entry: E): string => {
    const custom = formatValue?.(field, value, entry);
    if (custom !== undefined && custom !== null) return custom;
    if (value === null || value === "") return "—";
    if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
    if (typeof value === "number") return format.number(value);
    if (typeof value === "string" && ISO_DAY.test(value)) return format.date(value);
    if (typeof value === "string" && ISO_TIME.test(value)) return format.dateTime(value);
    if (Array.isArray(value)) return value.map((v) => show(field, v, entry)).join(", ") || "—";
    if (typeof value === "object")
      return Object.entries(value)
        .map(([k, v]) => `${k}: ${show(field, v, entry)}`)
        .join(", ");
    return String(value);
  };

  if (entries.length === 0) return <p className="text-slate-600">{t("history.empty")}</p>;
  return (
    <ol className="space-y-4" aria-label={label}>
      {entries.map((entry) => (
        <li key={entry.id} className="min-w-0 border-l-4 border-slate-300 pl-3">
          {describe ? describe(entry) : null}
          <p className="text-sm">
            <span className="font-medium">{t(`history.actions.${entry.action}` as never, { defaultValue: entry.action })}</span>
            {" · "}
            <time dateTime={new Date(entry.at).toISOString()}>{format.dateTime(entry.at)}</time>
            {" · "}
            {entry.actor ?? t("history.system")}
          </p>
          {Object.keys(entry.changes).length ? (
            <dl className="mt-1 grid gap-x-3 gap-y-1 text-sm sm:grid-cols-[minmax(8rem,auto)_1fr]">
              {Object.entries(entry.changes).map(([field, [before, after]]) => (
                <div key={field} className="contents">
                  <dt className="text-slate-600">{fieldLabel(field, entry)}</dt>
                  <dd className="break-words">
                    {entry.action === "create" ? (
                      show(field, after, entry)
                    ) : (
                      <>
                        <del className="text-red-800">{show(field, before, entry)}</del>
                        <span aria-hidden="true"> → </span>
                        <span className="sr-only"> {t("history.changedTo")} </span>
                        <ins className="text-green-800 no-underline">{show(field, after, entry)}</ins>
                      </>
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
