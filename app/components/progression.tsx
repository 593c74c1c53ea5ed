import { useTranslation } from "react-i18next";
import type { Outcome } from "~/domain/training-calendar";
import { Card } from "./page-header";

/**
 * Year progression on the page: what tells whether a resident is ready to move on, an outcome in words,
 * and a resident's training calendar (on their record and on their own home page). Dates arrive as ISO
 * text after the loader, and the catalogue's {{…, date}} formats them.
 */

type When = Date | string;

export type ReadinessView = {
  rotations: { done: number; total: number };
  evaluations: { signed: number; due: number };
  owedDays: number;
  personalDays: number;
  teachingHours: number;
  logbook: { reached: number; behind: number } | null;
  suspension: { totalDays: number; maximumDays: number; warn: boolean };
};

/** The figures that tell whether a resident is ready to move on, as a description list. */
export function Readiness({ row, label }: { row: ReadinessView; label: string }) {
  const { t } = useTranslation();
  const item = (term: string, value: string, warn = false) => (
    <div className="flex justify-between gap-3 border-b border-slate-100 py-1">
      <dt className="text-slate-700">{term}</dt>
      <dd className={`text-right font-medium tabular-nums ${warn ? "text-red-800" : ""}`}>{value}</dd>
    </div>
  );
  return (
    <dl aria-label={label} className="text-sm">
      {item(t("progression.rotations"), t("progression.rotationsValue", { done: row.rotations.done, total: row.rotations.total }))}
      {item(
        t("progression.evaluations"),
        t("progression.rotationsValue", { done: row.evaluations.signed, total: row.evaluations.due }),
        row.evaluations.signed < row.evaluations.due,
      )}
      {item(
        t("progression.owed"),
        row.owedDays ? t("progression.owedDays", { count: row.owedDays }) : t("progression.owedNone"),
        row.owedDays > 0,
      )}
      {item(
        t("progression.suspended"),
        t("progression.suspendedValue", { days: row.suspension.totalDays, maximum: row.suspension.maximumDays }),
        row.suspension.warn,
      )}
      {item(t("progression.personalDays"), t("progression.owedDays", { count: row.personalDays }))}
      {item(t("progression.teachingHours"), t("progression.hours", { hours: row.teachingHours }))}
      {item(
        t("progression.logbook"),
        row.logbook
          ? t("progression.logbookValue", { reached: Math.round(row.logbook.reached * 100), behind: row.logbook.behind })
          : t("progression.logbookNone"),
        Boolean(row.logbook?.behind),
      )}
    </dl>
  );
}

export type OutcomeView = {
  outcome: string;
  trainingYear: number;
  decidedOn: When;
  suspendedTo: When | null;
  examDate: When | null;
  grade: number | null;
  honours: boolean;
  note: string | null;
};

const TONE: Record<Outcome, string> = {
  admitted: "bg-green-100 text-green-900",
  repeats: "bg-amber-100 text-amber-950",
  "not-admitted": "bg-red-100 text-red-900",
  suspended: "bg-slate-200 text-slate-900",
};

/** An outcome in words: the decision, its day, and the diploma or the suspension it carries. */
export function OutcomeText({ outcome }: { outcome: OutcomeView }) {
  const { t } = useTranslation();
  const kind = outcome.outcome as Outcome;
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span className={`rounded px-2 py-0.5 text-sm font-medium ${TONE[kind] ?? ""}`}>
        {t(`progression.outcomes.${kind}`)} · {t("progression.trainingYear", { year: outcome.trainingYear })}
      </span>
      <span className="text-sm text-slate-700">
        {outcome.suspendedTo
          ? t("progression.yearDates", { from: outcome.decidedOn, to: outcome.suspendedTo })
          : t("progression.from", { day: outcome.decidedOn })}
      </span>
      {outcome.examDate && outcome.grade !== null ? (
        <span className="text-sm">
          {t("progression.diploma", { day: outcome.examDate, grade: outcome.grade })}
          {outcome.honours ? ` ${t("progression.honours")}` : ""}
        </span>
      ) : null}
      {outcome.note ? <span className="basis-full text-sm break-words text-slate-700">{outcome.note}</span> : null}
    </span>
  );
}

export type CalendarView = {
  contractStart: When | null;
  calendar: {
    years: Array<{ year: number; start: When; end: When; suspendedDays: number; outcome: string | null; repeated: boolean }>;
    expectedEnd: When;
    endedOn: When | null;
  } | null;
  current: { year: number; start: When; end: When };
  owedToday: number;
  outcomes: OutcomeView[];
};

/** A resident's training calendar: the contract, the year running, the expected end, each year and the outcomes. */
export function TrainingCalendarCard({ view }: { view: CalendarView }) {
  const { t } = useTranslation();
  const { calendar } = view;
  return (
    <Card id="training-calendar" title={t("progression.calendar.title")}>
      <div className="space-y-3">
        <p>
          {view.contractStart
            ? t("progression.calendar.contract", { day: view.contractStart })
            : t("progression.calendar.unknown", { year: view.current.year })}{" "}
          {t("progression.calendar.current", { year: view.current.year, from: view.current.start, to: view.current.end })}
        </p>
        {calendar ? (
          <p className="font-medium">
            {calendar.endedOn
              ? t("progression.calendar.ended", { day: calendar.endedOn })
              : t("progression.calendar.expectedEnd", { day: calendar.expectedEnd })}
          </p>
        ) : null}
        {view.owedToday > 0 ? (
          <p className="rounded border-l-4 border-amber-600 bg-amber-50 p-2 text-amber-950">
            {t("progression.calendar.owed", { count: view.owedToday })}
          </p>
        ) : null}
        {calendar ? (
          <div>
            <h3 className="font-semibold">{t("progression.calendar.years")}</h3>
            <ol className="mt-1 space-y-1 text-sm">
              {calendar.years.map((y, i) => (
                <li key={i} className="flex flex-wrap gap-x-2">
                  <span className="font-medium">{t("progression.calendar.yearRow", { year: y.year })}</span>
                  <span>{t("progression.yearDates", { from: y.start, to: y.end })}</span>
                  {y.repeated ? <span className="text-slate-700">({t("progression.calendar.repeated")})</span> : null}
                  {y.suspendedDays ? (
                    <span className="text-slate-700">({t("progression.calendar.moved", { count: y.suspendedDays })})</span>
                  ) : null}
                  {y.outcome ? <span>· {t(`progression.outcomes.${y.outcome as Outcome}`)}</span> : null}
                </li>
              ))}
            </ol>
          </div>
        ) : null}
        <div>
          <h3 className="font-semibold">{t("progression.calendar.outcomesTitle")}</h3>
          {view.outcomes.length === 0 ? (
            <p className="text-sm text-slate-700">{t("progression.calendar.noOutcomes")}</p>
          ) : (
            <ul className="mt-1 space-y-2">
              {view.outcomes.map((o, i) => (
                <li key={i}>
                  <OutcomeText outcome={o} />
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Card>
  );
}
