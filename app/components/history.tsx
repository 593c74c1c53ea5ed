import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { RecordName } from "~/domain/history";
import { useLocale } from "~/i18n/use-locale";
import { historyText, type HistoryTextEntry } from "./history-text";
import { Card } from "./page-header";

type Entry = HistoryTextEntry & { id: number };
type Text = ReturnType<typeof historyText>;

/** A history as the models read it (app/models/history.server.ts): its entries and the names they mention. */
export type HistoryData<E extends Entry = Entry> = { entries: E[]; names: Record<string, RecordName> };

/**
 * A list of changes: who changed what, when, with the values before and after, in the reader's words
 * (history-text.ts names every field and value of every kind of record). A history of many records
 * (/admin/history, /me/history) says what each entry is about with `describe`. `own` is the wording of
 * a resident's own history.
 */
export function History<E extends Entry>({
  history,
  label,
  own = false,
  describe,
}: {
  history: HistoryData<E>;
  /** The list's accessible name, when the page has several. */
  label?: string;
  own?: boolean;
  describe?: (entry: E, text: Text) => ReactNode;
}) {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const text = historyText({ t, locale, format, names: history.names, own });
  const show = (field: string, value: E["changes"][string][number], entry: E) => text.valueText(field, value, entry);

  if (history.entries.length === 0) return <p className="text-slate-600">{t("history.empty")}</p>;
  return (
    <ol className="space-y-4" aria-label={label}>
      {history.entries.map((entry) => (
        <li key={entry.id} className="min-w-0 border-l-4 border-slate-300 pl-3">
          {describe ? describe(entry, text) : null}
          <p className="text-sm">
            <span className="font-medium">{text.actionLabel(entry.action)}</span>
            {" · "}
            <time dateTime={new Date(entry.at).toISOString()}>{format.dateTime(entry.at)}</time>
            {" · "}
            {entry.actor ?? t("history.system")}
          </p>
          {Object.keys(entry.changes).length ? (
            <dl className="mt-1 grid gap-x-3 gap-y-1 text-sm sm:grid-cols-[minmax(8rem,auto)_1fr]">
              {Object.entries(entry.changes).map(([field, [before, after]]) => (
                <div key={field} className="contents">
                  <dt className="text-slate-600">{text.fieldLabel(field, entry)}</dt>
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

/** The history block of a record's own page (app/models/history.server.ts recordHistory). */
export function RecordHistory({ history }: { history: HistoryData }) {
  const { t } = useTranslation();
  return (
    <Card id="history-title" title={t("history.title")}>
      <History history={history} />
    </Card>
  );
}
