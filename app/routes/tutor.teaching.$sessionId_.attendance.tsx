import { FormProvider, getFormProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { ErrorList, FormErrors, SubmitButton, useSchemaForm } from "~/components/forms";
import { History } from "~/components/history";
import { Card } from "~/components/page-header";
import type { AuditValue } from "~/domain/audit";
import { specialtyName } from "~/domain/specialties";
import { ATTENDANCE_STATUSES, HOSPITAL_TIME_ZONE, type AttendanceStatus } from "~/domain/teaching";
import { useLocale } from "~/i18n/use-locale";
import {
  assertTeaches,
  attendanceHistory,
  attendanceSheet,
  AttendanceRulesError,
  correctAttendance,
  saveAttendance,
  searchPresentResidents,
  SessionNotFoundError,
  type AttendanceRefusal,
  type Mark,
  type SheetRow,
} from "~/models/attendance.server";
import { correctionSchema, markField, marksFromForm, sheetIntent } from "~/schemas/attendance";
import { withToast } from "~/utils/flash.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";

/**
 * Attendance at a teaching session, on a phone: the residents expected with three large buttons each
 * (real radio buttons, so the sheet works without JavaScript), a search for anyone else at the hospital
 * that day, save and confirm; once confirmed, a read-only sheet, corrections with a reason and the
 * history. Only the session's own tutors reach it; anyone else is told it does not exist.
 */
export const handle = { policy: "tutor" };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, "attendance.pageTitle", { title: data?.session.title ?? "" });

/** A session the user does not teach is "not found", never "forbidden": its existence is not revealed. */
async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    invariantResponse(!(error instanceof SessionNotFoundError), "Teaching session not found", 404);
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "tutor");
  const sheet = await orNotFound(attendanceSheet(params.sessionId ?? "", user.id));
  const query = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 80);
  const editable = !sheet.confirmed && sheet.blocked.length === 0;
  const [results, history] = await Promise.all([
    editable && query.length >= 2 ? searchPresentResidents(sheet.session.id, user.id, query, sheet.rows.map((r) => r.id)) : Promise.resolve(null),
    attendanceHistory(sheet.session.id),
  ]);
  return { ...sheet, editable, query, results, history };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "tutor");
  const sessionId = params.sessionId ?? "";
  await orNotFound(assertTeaches(sessionId, user.id));
  const formData = await request.formData();
  const here = `/tutor/teaching/${sessionId}/attendance`;

  if (formData.get("intent") === "correct") {
    const submission = parseWithZod(formData, { schema: correctionSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), problems: null, marks: null }, { status: 400 });
    try {
      await orNotFound(correctAttendance(sessionId, user.id, [{ residentId: submission.value.residentId, status: submission.value.status }], submission.value.reason));
    } catch (error) {
      if (error instanceof AttendanceRulesError) return data({ result: submission.reply(), problems: error.problems, marks: null }, { status: 409 });
      throw error;
    }
    throw redirect(here, { headers: await withToast({ kind: "success", message: "attendance.corrected" }) });
  }

  const intent = sheetIntent(formData.get("intent"));
  invariantResponse(intent, "Unknown action", 400);
  let marks: Mark[] = marksFromForm(formData);
  if (intent.kind === "add") marks = [...marks.filter((m) => m.residentId !== intent.residentId), { residentId: intent.residentId, status: "present" }];
  if (intent.kind === "remove") marks = marks.filter((m) => m.residentId !== intent.residentId);
  if (intent.kind === "all-present") {
    // Without JavaScript the shortcut is a round trip: the rows not marked yet become present.
    const sheet = await orNotFound(attendanceSheet(sessionId, user.id));
    const marked = new Set(marks.map((m) => m.residentId));
    marks = [...marks, ...sheet.rows.filter((r) => r.present && !marked.has(r.id)).map((r) => ({ residentId: r.id, status: "present" as const }))];
  }
  try {
    await orNotFound(saveAttendance(sessionId, user.id, marks, { confirm: intent.kind === "confirm" }));
  } catch (error) {
    if (error instanceof AttendanceRulesError) return data({ result: null, problems: error.problems, marks }, { status: 409 });
    throw error;
  }
  const message = intent.kind === "confirm" ? "attendance.confirmed" : intent.kind === "add" ? "attendance.added" : "attendance.saved";
  throw redirect(here, { headers: await withToast({ kind: "success", message }) });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Problem = AttendanceRefusal;

const TAGS = { it: "it-IT", en: "en-GB" } as const;

/** The refusals in words: the day and time in the hospital's clock. */
function useProblemText() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (problem: Problem): string => {
    switch (problem.rule) {
      case "future": {
        const at = new Date(problem.startsAt);
        const time = new Intl.DateTimeFormat(TAGS[locale], { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: HOSPITAL_TIME_ZONE }).format(at);
        const day = new Intl.DateTimeFormat(TAGS[locale], { day: "numeric", month: "long", timeZone: HOSPITAL_TIME_ZONE }).format(at);
        return t("attendance.problems.future", { time, day });
      }
      case "notPresent":
        return t("attendance.problems.notPresent", { name: problem.name || "—" });
      case "unmarked":
        return t("attendance.problems.unmarked", { count: problem.count });
      default:
        return t(`attendance.problems.${problem.rule}`);
    }
  };
}

function ProblemList({ problems, title }: { problems: Problem[]; title?: string }) {
  const text = useProblemText();
  return (
    <div role="alert" className="rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
      {title ? <p className="font-medium">{title}</p> : null}
      <ul className={title ? "mt-1 list-disc space-y-1 pl-5" : "space-y-1"}>
        {problems.map((p, i) => (
          <li key={i}>{text(p)}</li>
        ))}
      </ul>
    </div>
  );
}

/** "45 minutes", "2 h", "1 h 30 min". */
function useDurationText() {
  const { t } = useTranslation();
  return (minutes: number): string => {
    if (minutes < 60) return t("attendance.minutes", { count: minutes });
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return rest === 0 ? t("attendance.hours", { hours }) : t("attendance.hoursMinutes", { hours, minutes: rest });
  };
}

function SessionHeader({ sheet }: { sheet: LoaderData }) {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { session } = sheet;
  const duration = useDurationText();
  const day = new Intl.DateTimeFormat(TAGS[locale], { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(session.date));
  return (
    <header className="space-y-2">
      <p>
        <Link to={`/tutor/teaching/${session.id}`} className="inline-flex min-h-11 items-center text-blue-800 underline">
          {t("attendance.backToSession")}
        </Link>
      </p>
      <p className="text-sm font-medium uppercase tracking-wide text-slate-600">{t("attendance.title")}</p>
      <h1 className="text-2xl font-semibold break-words">{session.title}</h1>
      <p className="text-lg">{t("attendance.when", { day, time: session.startTime, duration: duration(session.durationMinutes) })}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        {session.place ? (
          <>
            <dt className="text-slate-600">{t("attendance.place")}</dt>
            <dd className="break-words">{session.place}</dd>
          </>
        ) : null}
        {session.department ? (
          <>
            <dt className="text-slate-600">{t("attendance.department")}</dt>
            <dd>{session.department.name}</dd>
          </>
        ) : null}
        <dt className="text-slate-600">{t("attendance.tutors")}</dt>
        <dd>{session.tutors.map((tutor) => tutor.name).join(", ")}</dd>
        {session.programmes.length ? (
          <>
            <dt className="text-slate-600">{t("attendance.programmes")}</dt>
            <dd>{session.programmes.map((p) => `${specialtyName(p.specialtyCode, locale)} (${p.university})`).join(", ")}</dd>
          </>
        ) : null}
      </dl>
      <p>
        {session.confirmedAt ? (
          <span className="inline-block rounded bg-green-100 px-2 py-1 text-sm text-green-900">
            {session.confirmedBy
              ? t("attendance.statusConfirmed", { date: format.dateTime(session.confirmedAt), name: session.confirmedBy.name })
              : t("attendance.statusConfirmedBy", { date: format.dateTime(session.confirmedAt) })}
          </span>
        ) : sheet.blocked.length ? null : (
          <span className="inline-block rounded bg-amber-100 px-2 py-1 text-sm text-amber-900">{t("attendance.statusDraft")}</span>
        )}
      </p>
    </header>
  );
}

function RowDetails({ row }: { row: SheetRow }) {
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
function StatusChoice({ name, value, onChange }: { name: string; value: AttendanceStatus | null; onChange?: (status: AttendanceStatus) => void }) {
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

function Summary({ rows, marks }: { rows: SheetRow[]; marks: Record<string, AttendanceStatus | undefined> }) {
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

function Sheet({ sheet, submitted }: { sheet: LoaderData; submitted: Mark[] | null }) {
  const { t } = useTranslation();
  const initial = Object.fromEntries((submitted ?? sheet.rows.filter((r) => r.status).map((r) => ({ residentId: r.id, status: r.status! }))).map((m) => [m.residentId, m.status]));
  const [marks, setMarks] = useState<Record<string, AttendanceStatus | undefined>>(initial);
  const set = (id: string, status: AttendanceStatus) => setMarks((current) => ({ ...current, [id]: status }));
  const markAll = (event: React.MouseEvent) => {
    event.preventDefault();
    setMarks((current) => Object.fromEntries(sheet.rows.map((r) => [r.id, current[r.id] ?? (r.present ? "present" : undefined)])));
  };
  return (
    <Form method="post" id={SHEET_FORM} className="space-y-4">
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

function Search({ sheet }: { sheet: LoaderData }) {
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

function ReadOnlyList({ rows }: { rows: SheetRow[] }) {
  const { t } = useTranslation();
  const styles: Record<AttendanceStatus, string> = { present: "bg-green-100 text-green-900", absent: "bg-red-100 text-red-900", excused: "bg-amber-100 text-amber-900" };
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

function Correction({ sheet, lastResult }: { sheet: LoaderData; lastResult: SubmissionResult<string[]> | null | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(correctionSchema, { id: "attendance-correction", lastResult });
  return (
    <Card id="correction-title" title={t("attendance.correction.title")}>
      <p className="text-sm text-slate-700">{t("attendance.correction.intro")}</p>
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
          <input type="hidden" name="intent" value="correct" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <div className="flex flex-col">
            <label htmlFor={fields.residentId.id} className="text-sm font-medium text-slate-800">
              {t("attendance.correction.resident")}
            </label>
            <select {...getSelectProps(fields.residentId)} key={fields.residentId.key} className="mt-1 min-h-11 w-full min-w-0 rounded border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700">
              <option value="">{t("attendance.correction.chooseResident")}</option>
              {sheet.rows.map((r) => (
                <option key={r.id} value={r.id}>
                  {`${r.name} · ${r.status ? t(`attendance.statuses.${r.status}`) : t("attendance.notMarked")}`}
                </option>
              ))}
            </select>
            <ErrorList id={fields.residentId.errorId} errors={fields.residentId.errors} />
          </div>
          <fieldset aria-describedby={fields.status.errors ? fields.status.errorId : undefined}>
            <legend className="mb-1 text-sm font-medium text-slate-800">{t("attendance.correction.status")}</legend>
            <StatusChoice name={fields.status.name} value={(fields.status.initialValue as AttendanceStatus | undefined) ?? null} key={fields.status.key} />
            <ErrorList id={fields.status.errorId} errors={fields.status.errors} />
          </fieldset>
          <div className="flex flex-col">
            <label htmlFor={fields.reason.id} className="text-sm font-medium text-slate-800">
              {t("attendance.correction.reason")}
            </label>
            <p id={`${fields.reason.id}-hint`} className="text-sm text-slate-600">
              {t("attendance.correction.reasonHint")}
            </p>
            <textarea
              {...getTextareaProps(fields.reason, { ariaDescribedBy: `${fields.reason.id}-hint` })}
              key={fields.reason.key}
              rows={3}
              className="mt-1 rounded border border-slate-400 px-3 py-2 text-base aria-[invalid=true]:border-red-700"
            />
            <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
          </div>
          <SubmitButton intent="correct">
            <span className="inline-flex min-h-7 items-center">{t("attendance.correction.submit")}</span>
          </SubmitButton>
        </Form>
      </FormProvider>
    </Card>
  );
}

function Notice({ children }: { children: ReactNode }) {
  return <div className="rounded border-l-4 border-amber-700 bg-amber-50 p-3 text-amber-950">{children}</div>;
}

export default function Attendance() {
  const { t } = useTranslation();
  const sheet = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const text = useProblemText();
  const { session, history } = sheet;
  // The sheet starts again from the database whenever what is saved there changes.
  const sheetKey = `${String(session.confirmedAt)}|${sheet.rows.map((r) => `${r.id}:${r.status ?? ""}`).join(",")}`;
  const fieldLabel = (field: string) =>
    field === "reason" ? t("attendance.history.reason") : field === "confirmedAt" ? t("attendance.history.confirmedAt") : (history.names[field] ?? t("attendance.history.resident"));
  const formatValue = (field: string, value: AuditValue) =>
    field !== "reason" && (value === "present" || value === "absent" || value === "excused") ? t(`attendance.statuses.${value}`) : null;
  const cancelled = sheet.blocked.some((p) => p.rule === "cancelled");

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <SessionHeader sheet={sheet} />
      {actionData?.problems?.length ? <ProblemList problems={actionData.problems} title={t("attendance.problemsTitle")} /> : null}
      {sheet.blocked.length ? (
        <Notice>
          {cancelled ? (
            <p>{session.cancelReason ? t("attendance.cancelledBecause", { reason: session.cancelReason }) : t("attendance.cancelled")}</p>
          ) : (
            <ul className="space-y-1">
              {sheet.blocked.map((p, i) => (
                <li key={i}>{text(p)}</li>
              ))}
            </ul>
          )}
        </Notice>
      ) : null}
      {sheet.editable ? (
        <>
          <Sheet key={sheetKey} sheet={sheet} submitted={actionData?.marks ?? null} />
          <Search sheet={sheet} />
        </>
      ) : cancelled ? null : (
        <ReadOnlyList rows={sheet.rows} />
      )}
      {sheet.confirmed && !cancelled ? <Correction sheet={sheet} lastResult={actionData?.result} /> : null}
      <Card id="history-title" title={t("history.title")}>
        <History entries={history.entries} fieldLabel={fieldLabel} formatValue={formatValue} />
      </Card>
    </div>
  );
}
