import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ImportProblem, ImportRow, ImportSummary } from "~/domain/resident-import";
import { specialtyName } from "~/domain/specialties";
import { useLocale } from "~/i18n/use-locale";
import { ScrollRegion } from "./list";

export type StreamState =
  | { stage: "idle" }
  | { stage: "uploading" | "checking" | "writing"; done: number; total: number }
  | { stage: "finishing" }
  | { stage: "failed" };

type FinalEvent = Record<string, unknown>;

/**
 * Posts a form to an endpoint that answers with progress lines (app/utils/progress-stream.server.ts)
 * and follows them: bytes sent while uploading, then rows checked or written. The last line is handed
 * to `onFinal` (a page to go to, or the errors to show).
 */
export function useProgressSubmit(onFinal: (event: FinalEvent) => void) {
  const [state, setState] = useState<StreamState>({ stage: "idle" });
  const final = useRef(onFinal);
  final.current = onFinal;
  const submit = useCallback((url: string, body: FormData) => {
    const xhr = new XMLHttpRequest();
    let consumed = 0;
    let last: FinalEvent | null = null;
    const read = () => {
      const fresh = xhr.responseText.slice(consumed);
      const end = fresh.lastIndexOf("\n");
      if (end === -1) return;
      consumed += end + 1;
      for (const line of fresh.slice(0, end).split("\n")) {
        if (!line.trim()) continue;
        const event = JSON.parse(line) as FinalEvent;
        if (event.stage === "checking" || event.stage === "writing") setState(event as StreamState);
        else last = event;
      }
    };
    xhr.open("POST", url);
    xhr.setRequestHeader("Accept", "application/x-ndjson");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable)
        setState(e.loaded < e.total ? { stage: "uploading", done: e.loaded, total: e.total } : { stage: "finishing" });
    };
    xhr.onprogress = read;
    xhr.onload = () => {
      try {
        read();
      } catch {
        last = null;
      }
      if (last && !("error" in last)) {
        setState({ stage: "finishing" });
        final.current(last);
      } else setState({ stage: "failed" });
    };
    xhr.onerror = () => setState({ stage: "failed" });
    setState({ stage: "uploading", done: 0, total: 1 });
    xhr.send(body);
  }, []);
  return { state, submit, busy: state.stage !== "idle" && state.stage !== "failed" };
}

/** The progress of an upload, check or write, announced politely to screen readers. */
export function ProgressReport({ state }: { state: StreamState }) {
  const { t } = useTranslation();
  const { format } = useLocale();
  if (state.stage === "idle") return null;
  if (state.stage === "failed") {
    return (
      <p role="alert" className="rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
        {t("residentImport.progress.failed")}
      </p>
    );
  }
  const label =
    state.stage === "uploading"
      ? t("residentImport.progress.uploading")
      : state.stage === "finishing"
        ? t("residentImport.progress.finishing")
        : t(`residentImport.progress.${state.stage}`, { done: format.number(state.done), total: format.number(state.total) });
  const measured = state.stage !== "finishing";
  return (
    <div role="status" className="space-y-1">
      <p className="text-sm font-medium">{label}</p>
      <progress
        aria-label={label}
        className="h-3 w-full"
        max={measured ? state.total : undefined}
        value={measured ? state.done : undefined}
      />
    </div>
  );
}

/** The counts of what a file would do, or did. */
export function ImportSummaryFigures({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation();
  const { format } = useLocale();
  const keys = ["rows", "create", "attach", "update", "unchanged", "invalid"] as const;
  return (
    <dl aria-label={t("residentImport.summaryLabel")} className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {keys.map((key) => (
        <div
          key={key}
          className={`rounded-lg border bg-white p-3 shadow-sm ${key === "invalid" && summary.invalid > 0 ? "border-red-700" : "border-slate-200"}`}
        >
          <dt className="text-sm text-slate-700">{t(`residentImport.summary.${key}`)}</dt>
          <dd className={`text-2xl font-semibold ${key === "invalid" && summary.invalid > 0 ? "text-red-800" : "text-blue-900"}`}>
            {format.number(summary[key])}
          </dd>
        </div>
      ))}
    </dl>
  );
}

const ACTION_STYLES: Record<ImportRow["action"], string> = {
  create: "bg-green-100 text-green-900",
  attach: "bg-green-100 text-green-900",
  update: "bg-blue-100 text-blue-900",
  unchanged: "bg-slate-100 text-slate-800",
  invalid: "bg-red-100 text-red-900",
};

export function useProblemText() {
  const { t } = useTranslation();
  return (problem: ImportProblem) =>
    t(`residentImport.problems.${problem.code}`, { column: t(`residentImport.columns.${problem.column}`), ...problem.values });
}

/** What a row would do: its badge, the fields it changes, and every problem it has. */
function RowOutcome({ row }: { row: ImportRow }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  return (
    <>
      <span className={`rounded px-2 py-0.5 text-xs font-medium ${ACTION_STYLES[row.action]}`}>
        {t(`residentImport.actions.${row.action}`)}
      </span>
      {row.action === "update" ? (
        <span className="mt-1 block text-xs text-slate-700">
          {t("residentImport.changes", { fields: row.changed.map((field) => t(`residentImport.fields.${field}`)).join(", ") })}
        </span>
      ) : null}
      {row.problems.length ? (
        <ul className="mt-1 list-disc space-y-0.5 pl-4 text-red-900">
          {row.problems.map((problem) => (
            <li key={`${problem.column}-${problem.code}`}>{problemText(problem)}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function useRowText() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  return (row: ImportRow) => ({
    contact: [row.values.studentNumber, row.values.email].filter(Boolean).join(" · "),
    programme: row.values.specialtyCode ? specialtyName(row.values.specialtyCode, locale) : "—",
    year: row.values.yearOfTraining ? t("residents.yearValue", { year: row.values.yearOfTraining }) : null,
    stay: `${row.values.stayStart ? format.date(row.values.stayStart) : "—"} – ${row.values.stayEnd ? format.date(row.values.stayEnd) : "—"}`,
  });
}

/**
 * The rows of the file: who each is, what it would do, and every problem it has. A table from tablet
 * width up; on a phone one card per row, so that the problems are read without scrolling sideways.
 */
export function ImportRows({ rows }: { rows: ImportRow[] }) {
  const { t } = useTranslation();
  const text = useRowText();
  return (
    <>
      <ul aria-label={t("residentImport.tableCaption")} className="space-y-3 sm:hidden">
        {rows.map((row) => {
          const shown = text(row);
          return (
            <li
              key={row.line}
              className={`rounded-lg border p-3 text-sm ${row.action === "invalid" ? "border-red-300 bg-red-50" : "border-slate-200 bg-white"}`}
            >
              <p className="text-xs text-slate-700">
                {t("residentImport.line")} {row.line}
              </p>
              <p className="font-medium">{row.values.name || "—"}</p>
              <p className="text-xs text-slate-700">{shown.contact}</p>
              <p>
                {shown.programme}
                {shown.year ? ` · ${shown.year}` : ""}
              </p>
              <p className="mb-1">{shown.stay}</p>
              <RowOutcome row={row} />
            </li>
          );
        })}
      </ul>
      <div className="hidden sm:block">
        <ScrollRegion label={t("residentImport.tableCaption")} className="rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("residentImport.tableCaption")}</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("residentImport.line")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("residentImport.resident")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("residentImport.programme")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("residentImport.stay")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("residentImport.what")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const shown = text(row);
                return (
                  <tr key={row.line} className={`border-t border-slate-100 align-top ${row.action === "invalid" ? "bg-red-50" : ""}`}>
                    <th scope="row" className="px-3 py-2 font-normal">
                      {row.line}
                    </th>
                    <td className="px-3 py-2">
                      {row.values.name || "—"}
                      <span className="block text-xs text-slate-700">{shown.contact}</span>
                    </td>
                    <td className="px-3 py-2">
                      {shown.programme}
                      {shown.year ? <span className="block text-xs text-slate-700">{shown.year}</span> : null}
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">{shown.stay}</td>
                    <td className="px-3 py-2">
                      <RowOutcome row={row} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      </div>
    </>
  );
}
