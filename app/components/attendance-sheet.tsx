import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { specialtyName } from "~/domain/specialties";
import { ATTENDANCE_STATUSES, defaultMark, type AttendanceStatus, type ExpectedReason } from "~/domain/teaching";
import { useLocale } from "~/i18n/use-locale";
import { markField } from "~/schemas/attendance";
import { SubmitButton } from "./forms";
import { Card } from "./page-header";

/**
 * The attendance sheet on a phone: the residents expected with three large buttons each (real radio
 * buttons, so the sheet works without JavaScript), a running count, save and confirm; a search for
 * anyone else at the hospital that day; and, once confirmed, the same list read-only.
 */

/** One resident on the sheet (SheetRow in app/models/attendance.server.ts). */
export type AttendanceRow = {
  id: string;
  name: string;
  yearOfTraining: number;
  specialtyCode: string;
  university: string;
  reasons: Array<ExpectedReason | "added">;
  status: AttendanceStatus | null;
  /** At the hospital on the session's day. */
  present: boolean;
  /** Away that day on approved leave or a recorded absence (never which): excused unless marked otherwise. */
  away: boolean;
};
/** A mark as the sheet sends it. */
export type AttendanceMark = { residentId: string; status: AttendanceStatus };
/** The rows of the sheet, and the search for anyone else with its results (null when nothing was searched). */
export type AttendanceSheetView = { rows: AttendanceRow[]; version: string; query: string; results: AttendanceRow[] | null };

function RowDetails({ row }: { row: AttendanceRow }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (
    <p className="text-sm text-slate-700">
      {specialtyName(row.specialtyCode, locale)} · {t("attendance.year", { year: row.yearOfTraining })} · {row.university}
      <span className="mt-1 flex flex-wrap gap-1">
        {row.reasons.map((reason) => (
          <span key={reason} className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-800">
            {t(`attendance.reasons.${reason}`)}
          </span>
        ))}
        {row.away ? <span className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-950">{t("attendance.away")}</span> : null}
        {row.present ? null : <span className="rounded bg-red-100 px-2 py-0.5 text-xs text-red-900">{t("attendance.outsideStay")}</span>}
      </span>
    </p>
  );
}

const CHECKED: Record<AttendanceStatus, string> = {
  present: "has-[:checked]:border-green-800 has-[:checked]:bg-green-800 has-[:checked]:text-white",
  absent: "has-[:checked]:border-red-800 has-[:checked]:bg-red-800 has-[:checked]:text-white",
  excused: "has-[:checked]:border-amber-800 has-[:checked]:bg-amber-800 has-[:checked]:text-white",
};

/** Three large buttons that are a real radio group: tappable, keyboard-operable, and sent with the form. */
export function StatusChoice({
  name,
  value,
  onChange,
}: {
  name: string;
  value: AttendanceStatus | null;
  onChange?: (status: AttendanceStatus) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="grid grid-cols-3 gap-2">
      {ATTENDANCE_STATUSES.map((status) => (
        <label
          key={status}
          className={`relative flex min-h-12 items-center justify-center rounded-lg border-2 border-slate-400 bg-white px-1 text-center font-medium text-slate-900 select-none has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-blue-700 ${CHECKED[status]}`}
        >
          <input
            type="radio"
            name={name}
            value={status}
            {...(onChange ? { checked: value === status, onChange: () => onChange(status) } : { defaultChecked: value === status })}
            className="absolute inset-0 h-full w-full cursor-pointer appearance-none opacity-0"
          />
          {t(`attendance.statuses.${status}`)}
        </label>
      ))}
    </div>
  );
}

function Summary({ rows, marks }: { rows: AttendanceRow[]; marks: Record<string, AttendanceStatus | undefined> }) {
  const { t } = useTranslation();
  const count = (status: AttendanceStatus) => rows.filter((r) => marks[r.id] === status).length;
  return (
    <p aria-live="polite" className="text-sm">
      <span className="sr-only">{t("attendance.summaryTitle")}: </span>
      {t("attendance.summary", {
        expected: rows.length,
        present: count("present"),
        absent: count("absent"),
        excused: count("excused"),
        unmarked: rows.filter((r) => !marks[r.id]).length,
      })}
    </p>
  );
}

const SHEET_FORM = "attendance-sheet";

export function Sheet({ sheet, submitted }: { sheet: AttendanceSheetView; submitted: AttendanceMark[] | null }) {
  const { t } = useTranslation();
  // What is saved, with what this person sent over it when it was refused (a rule, or a co-tutor's save
  // in between: then both are on the sheet to check).
  // A resident away on an approved absence starts excused.
  const initial = Object.fromEntries(
    [...sheet.rows.flatMap((r) => (r.status ? [{ residentId: r.id, status: r.status }] : [])), ...(submitted ?? [])].map((m) => [
      m.residentId,
      m.status,
    ]),
  );
  for (const row of sheet.rows) if (row.away && !initial[row.id]) initial[row.id] = "excused";
  const [marks, setMarks] = useState<Record<string, AttendanceStatus | undefined>>(initial);
  const set = (id: string, status: AttendanceStatus) => setMarks((current) => ({ ...current, [id]: status }));
  const markAll = (event: React.MouseEvent) => {
    event.preventDefault();
    setMarks((current) => Object.fromEntries(sheet.rows.map((r) => [r.id, current[r.id] ?? defaultMark(r)])));
  };
  return (
    <Form method="post" id={SHEET_FORM} className="space-y-4">
      <input type="hidden" name="version" value={sheet.version} />
      <section aria-labelledby="list-title" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <div>
            <h2 id="list-title" className="text-lg font-semibold">
              {t("attendance.listTitle")}
            </h2>
            <p className="text-sm text-slate-700">{t("attendance.listIntro")}</p>
          </div>
          {sheet.rows.length ? (
            <div>
              <button
                type="submit"
                name="intent"
                value="all-present"
                onClick={markAll}
                aria-describedby="mark-all-hint"
                className="min-h-11 rounded border-2 border-green-800 bg-white px-4 py-2 font-medium text-green-900 hover:bg-green-50"
              >
                {t("attendance.markAllPresent")}
              </button>
              <p id="mark-all-hint" className="mt-1 text-xs text-slate-600">
                {t("attendance.markAllHint")}
              </p>
            </div>
          ) : null}
        </div>
        {sheet.rows.length === 0 ? <p className="rounded border border-slate-200 bg-white p-4">{t("attendance.none")}</p> : null}
        <ul className="space-y-3">
          {sheet.rows.map((row) => (
            <li key={row.id} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
              <fieldset className="min-w-0 space-y-2">
                <legend className="float-left w-full text-base font-semibold break-words">{row.name}</legend>
                <div className="clear-both">
                  <RowDetails row={row} />
                </div>
                <StatusChoice name={markField(row.id)} value={marks[row.id] ?? null} onChange={(status) => set(row.id, status)} />
                {row.reasons.includes("added") ? (
                  <button type="submit" name="intent" value={`remove:${row.id}`} className="min-h-11 text-sm text-red-800 underline">
                    {t("attendance.remove", { name: row.name })}
                  </button>
                ) : null}
              </fieldset>
            </li>
          ))}
        </ul>
      </section>
      <p className="text-sm text-slate-600">{t("attendance.confirmHint")}</p>
      <div className="sticky bottom-0 z-10 -mx-4 space-y-2 border-t border-slate-300 bg-white px-4 py-3 shadow-[0_-2px_6px_rgba(0,0,0,0.08)] sm:mx-0 sm:rounded-lg sm:border">
        <Summary rows={sheet.rows} marks={marks} />
        <div className="grid grid-cols-2 gap-2">
          <SubmitButton name="intent" value="save" variant="secondary">
            <span className="inline-flex min-h-7 items-center">{t("attendance.save")}</span>
          </SubmitButton>
          <SubmitButton name="intent" value="confirm">
            <span className="inline-flex min-h-7 items-center">{t("attendance.confirm")}</span>
          </SubmitButton>
        </div>
      </div>
    </Form>
  );
}

export function Search({ sheet }: { sheet: AttendanceSheetView }) {
  const { t } = useTranslation();
  return (
    <Card id="search-title" title={t("attendance.searchTitle")}>
      <Form method="get" role="search" aria-labelledby="search-title" className="space-y-2">
        <label htmlFor="attendance-q" className="block text-sm font-medium">
          {t("attendance.searchLabel")}
        </label>
        <p id="attendance-q-hint" className="text-sm text-slate-600">
          {t("attendance.searchHint")}
        </p>
        <div className="flex gap-2">
          <input
            id="attendance-q"
            name="q"
            type="search"
            defaultValue={sheet.query}
            aria-describedby="attendance-q-hint"
            autoComplete="off"
            className="min-h-11 min-w-0 flex-1 rounded border border-slate-400 px-3 py-2 text-base"
          />
          <button type="submit" className="min-h-11 rounded bg-slate-800 px-4 py-2 text-white hover:bg-slate-700">
            {t("attendance.search")}
          </button>
        </div>
      </Form>
      {sheet.query && sheet.query.length < 2 ? <p className="mt-3 text-sm">{t("attendance.searchTooShort")}</p> : null}
      {sheet.results ? (
        sheet.results.length === 0 ? (
          <p className="mt-3 text-sm">{t("attendance.searchNoResults", { query: sheet.query })}</p>
        ) : (
          <ul aria-label={t("attendance.searchResults")} className="mt-3 divide-y divide-slate-200">
            {sheet.results.map((row) => (
              <li key={row.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div className="min-w-0">
                  <p className="font-medium break-words">{row.name}</p>
                  <RowDetails row={{ ...row, reasons: [] }} />
                </div>
                {/* Part of the sheet's form: adding keeps the marks made so far. */}
                <button
                  type="submit"
                  form={SHEET_FORM}
                  name="intent"
                  value={`add:${row.id}`}
                  className="min-h-11 rounded bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900"
                >
                  {t("attendance.add", { name: row.name })}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </Card>
  );
}

export function ReadOnlyList({ rows }: { rows: AttendanceRow[] }) {
  const { t } = useTranslation();
  const styles: Record<AttendanceStatus, string> = {
    present: "bg-green-100 text-green-900",
    absent: "bg-red-100 text-red-900",
    excused: "bg-amber-100 text-amber-900",
  };
  return (
    <section aria-labelledby="list-title" className="space-y-3">
      <h2 id="list-title" className="text-lg font-semibold">
        {t("attendance.listTitle")}
      </h2>
      {rows.length === 0 ? <p className="rounded border border-slate-200 bg-white p-4">{t("attendance.none")}</p> : null}
      <ul className="space-y-2">
        {rows.map((row) => (
          <li key={row.id} className="flex flex-wrap items-start justify-between gap-2 rounded-lg border border-slate-200 bg-white p-3">
            <div className="min-w-0">
              <p className="font-semibold break-words">{row.name}</p>
              <RowDetails row={row} />
            </div>
            <span className={`rounded px-2 py-1 text-sm font-medium ${row.status ? styles[row.status] : "bg-slate-100 text-slate-800"}`}>
              {row.status ? t(`attendance.statuses.${row.status}`) : t("attendance.notMarked")}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
