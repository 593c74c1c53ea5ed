import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { LeaveState, ProtectedType } from "~/domain/absences";
import { useLocale } from "~/i18n/use-locale";
import { ErrorList, ProblemList, SubmitButton } from "./forms";
import { Pagination } from "./pagination";

const STATE_STYLES: Record<LeaveState | "recorded", string> = {
  requested: "bg-amber-100 text-amber-900",
  approved: "bg-green-100 text-green-900",
  declined: "bg-red-100 text-red-900",
  cancelled: "bg-slate-200 text-slate-900",
  recorded: "bg-slate-200 text-slate-900",
};

export function AbsenceState({ state }: { state: LeaveState | "recorded" }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-semibold ${STATE_STYLES[state]}`}>
      {t(`absences.states.${state}`)}
    </span>
  );
}

/** "3 – 7 March 2070". */
export function useAbsenceDates() {
  const { t } = useTranslation();
  const { format } = useLocale();
  return (row: { startDate: Date | string; endDate: Date | string }) =>
    t("absences.dates", { from: format.date(row.startDate), to: format.date(row.endDate) });
}

export type LeaveRequestView = {
  id: string;
  resident: string;
  startDate: Date | string;
  endDate: Date | string;
  days: number;
  note: string | null;
  department: string | null;
  left: number;
  exceeds: boolean;
};

type DecisionReply =
  { absenceId?: string; problems?: string[]; result?: { error?: Record<string, string[] | null> | null } | null } | undefined;

/** The pages of a list of waiting requests ("Page 1 of 2 · 26 requests, soonest first"), when it has more than one. */
export function LeaveRequestPages({
  list,
  param,
  of,
}: {
  list: { page: number; pages: number; count: number };
  param?: string;
  of?: string;
}) {
  const { t } = useTranslation();
  if (list.pages <= 1) return null;
  return (
    <Pagination
      page={list.page}
      pages={list.pages}
      total={list.count}
      param={param}
      of={of}
      summary={t("absences.decide.pageOf", { page: list.page, pages: list.pages, count: list.count })}
    />
  );
}

/**
 * The requests waiting for a decision, each with its approve and decline form (the tutors' and the
 * administrators' pages). The reason, needed to decline, stays typed when a decision is refused.
 */
export function LeaveRequests({ requests, allowance, reply }: { requests: LeaveRequestView[]; allowance: number; reply: DecisionReply }) {
  const { t } = useTranslation();
  const dates = useAbsenceDates();
  if (requests.length === 0) return <p className="text-slate-600">{t("absences.decide.noneWaiting")}</p>;
  return (
    <ul className="space-y-4">
      {requests.map((request) => {
        const mine = reply?.absenceId === request.id ? reply : undefined;
        const reasonErrors = mine?.result?.error?.reason ?? undefined;
        const problems = [...(mine?.problems ?? []), ...(mine?.result?.error?.[""] ?? [])];
        const id = `request-${request.id}`;
        return (
          <li key={request.id} aria-labelledby={`${id}-title`} className="rounded border border-slate-200 p-4">
            <h3 id={`${id}-title`} className="break-words font-semibold">
              {request.resident} · {dates(request)}
            </h3>
            <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
              <div>
                <dt className="inline text-slate-600">{t("absences.decide.daysCounted")}: </dt>
                <dd className="inline">{t("absences.days", { count: request.days })}</dd>
              </div>
              <div>
                <dt className="inline text-slate-600">{t("absences.decide.leftBefore")}: </dt>
                <dd className="inline">{t("absences.days", { count: request.left })}</dd>
              </div>
              <div>
                <dt className="inline text-slate-600">{t("absences.decide.department")}: </dt>
                <dd className="inline">{request.department ?? t("absences.decide.noRotation")}</dd>
              </div>
              {request.note ? (
                <div className="sm:col-span-2">
                  <dt className="inline text-slate-600">{t("absences.decide.note")}: </dt>
                  <dd className="inline break-words">{request.note}</dd>
                </div>
              ) : null}
            </dl>
            {request.exceeds ? (
              <p className="mt-2 rounded border-l-4 border-amber-600 bg-amber-50 p-2 text-sm">
                {t("absences.decide.exceeds", { allowance })}
              </p>
            ) : null}
            <Form method="post" className="mt-3 space-y-3">
              <input type="hidden" name="absenceId" value={request.id} />
              {problems.length ? <ProblemList problems={problems} /> : null}
              <div className="flex flex-col">
                <label htmlFor={`${id}-reason`} className="text-sm font-medium text-slate-800">
                  {t("absences.decide.reason")}
                </label>
                <p id={`${id}-reason-hint`} className="text-sm text-slate-600">
                  {t("absences.decide.reasonHint")}
                </p>
                <input
                  id={`${id}-reason`}
                  name="reason"
                  maxLength={500}
                  aria-invalid={reasonErrors?.length ? true : undefined}
                  aria-describedby={`${id}-reason-hint${reasonErrors?.length ? ` ${id}-reason-error` : ""}`}
                  className="mt-1 rounded border border-slate-400 px-3 py-2 text-base aria-[invalid=true]:border-red-700"
                />
                <ErrorList id={`${id}-reason-error`} errors={reasonErrors} />
              </div>
              <div className="flex flex-wrap gap-2">
                <SubmitButton name="intent" value="approve">
                  {t("absences.decide.approve")}
                </SubmitButton>
                <SubmitButton name="intent" value="decline" variant="secondary">
                  {t("absences.decide.decline")}
                </SubmitButton>
              </div>
            </Form>
          </li>
        );
      })}
    </ul>
  );
}

type SuspensionView = { start: Date | string; end: Date | string; workingDays: number; days: number };

/** The suspensions of training and the expected end of the stay they move (the resident's and the administrators' pages). */
export function Suspensions({
  suspensions,
  suspendedDays,
  expectedEnd,
  plannedEnd,
  use,
}: {
  suspensions: SuspensionView[];
  suspendedDays: number;
  expectedEnd: Date | string;
  plannedEnd: Date | string;
  /** How much of the programme's maximum the suspensions use: a warning from 80%. */
  use: { totalDays: number; maximumDays: number; percent: number; warn: boolean };
}) {
  const { t } = useTranslation();
  const { format } = useLocale();
  return (
    <div className="space-y-2">
      <ul className="list-disc space-y-1 pl-5">
        {suspensions.map((s) => (
          <li key={String(s.start)}>
            {t("absences.record.suspension", {
              from: format.date(s.start),
              to: format.date(s.end),
              workingDays: s.workingDays,
              days: s.days,
            })}
          </li>
        ))}
      </ul>
      <p className="font-medium">
        {t("absences.record.expectedEnd", { day: format.date(expectedEnd), planned: format.date(plannedEnd), days: suspendedDays })}
      </p>
      {use.warn ? (
        <p className="rounded border-l-4 border-amber-600 bg-amber-50 p-2 text-amber-950">
          {t("absences.record.suspensionWarning", { days: use.totalDays, maximum: use.maximumDays, percent: use.percent })}
        </p>
      ) : null}
    </div>
  );
}

type AbsenceItemView = {
  kind: "personal" | "protected";
  protectedType: ProtectedType | null;
  startDate: Date | string;
  endDate: Date | string;
  state: LeaveState | "recorded";
  days: number;
  note: string | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: Date | string | null;
  document?: { fileName: string; size: number } | null;
};

/** One absence of a list (the resident's and the administrators' pages), with its type: never on a tutor's page. `children`: its actions. */
export function AbsenceItem({
  absence,
  documentHref,
  children,
}: {
  absence: AbsenceItemView;
  /** Where its supporting PDF downloads from, for the reader's role. */
  documentHref?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { format } = useLocale();
  const dates = useAbsenceDates();
  return (
    <li className="space-y-1 py-3">
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{dates(absence)}</span>
        <AbsenceState state={absence.state} />
      </p>
      <p className="text-sm text-slate-700">
        {absence.protectedType ? t(`absences.types.${absence.protectedType}`) : t(`absences.kinds.${absence.kind}`)} ·{" "}
        {t("absences.days", { count: absence.days })}
      </p>
      {absence.note ? <p className="break-words text-sm text-slate-700">{absence.note}</p> : null}
      {absence.decidedBy && absence.decidedAt ? (
        <p className="text-sm text-slate-600">
          {t("absences.mine.decidedBy", { name: absence.decidedBy, day: format.date(absence.decidedAt) })}
        </p>
      ) : null}
      {absence.reason ? (
        <p className="break-words text-sm text-slate-700">{t("absences.mine.reason", { reason: absence.reason })}</p>
      ) : null}
      {absence.document && documentHref ? (
        <p className="text-sm">
          <a href={documentHref} download className="break-words text-blue-800 underline">
            {t("absences.record.documentDownload", {
              name: absence.document.fileName,
              size: `${format.number(Math.ceil(absence.document.size / 1024))} KB`,
            })}
          </a>
        </p>
      ) : null}
      {children}
    </li>
  );
}
