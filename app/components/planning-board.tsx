import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { DayLoad, YearMonthRow } from "~/domain/planning-board";
import { isWeekend } from "~/domain/planning-board";
import { formatters } from "~/i18n/format";
import type { Locale } from "~/i18n/locale";
import { ScrollRegion } from "./list";

/**
 * The planning board's grids: a department's month (one row per rotation, one column per day, places
 * used and free below) and a resident's year (one row per month). Never colour alone: every filled
 * cell also says in words what it means, for screen readers, and planned days are hatched.
 */

/** White stripes over a cell's colour: planned days, lighter and visibly different from confirmed ones. */
const HATCHED = "bg-[repeating-linear-gradient(135deg,transparent_0_3px,rgb(255_255_255/0.65)_3px_6px)]";
/** Grey stripes: the days outside a resident's stay at the hospital. */
const OUTSIDE = "bg-slate-200 bg-[repeating-linear-gradient(45deg,transparent_0_4px,rgb(100_116_139/0.35)_4px_5px)]";
const WEEKEND = "bg-slate-100";
/** Days away on approved leave or a recorded absence: amber, with a letter so colour is never alone. */
const AWAY = "bg-amber-300 text-amber-950";

/** Colours of the rotations of a year, cycled; dark text stays readable on each. */
const TONES = [
  "bg-sky-200 text-sky-950",
  "bg-amber-200 text-amber-950",
  "bg-emerald-200 text-emerald-950",
  "bg-violet-200 text-violet-950",
  "bg-rose-200 text-rose-950",
  "bg-teal-200 text-teal-950",
];
export const toneOf = (index: number) => TONES[index % TONES.length]!;

/** A month's name and year in the reader's language ("March 2026", "marzo 2026"). */
export function monthLabel(locale: Locale, year: number, month: number, style: "long" | "short" = "long") {
  const format = formatters(locale);
  return (style === "long" ? format.monthYear : format.monthYearShort)(Date.UTC(year, month - 1, 1));
}

const rowHeader = "sticky left-0 z-10 border-r border-slate-200 bg-white px-2 py-1 text-left align-top font-normal";

export type BoardRowView = {
  id: string;
  name: string;
  programme: string;
  dates: string;
  planned: boolean;
  days: boolean[];
  /** For each day, whether the resident is away (approved leave or a recorded absence; never which). */
  away: boolean[];
};

export function DepartmentMonthGrid({
  caption,
  days,
  rows,
  load,
  locale,
}: {
  caption: string;
  days: Date[];
  rows: BoardRowView[];
  load: DayLoad[];
  locale: Locale;
}) {
  const { t } = useTranslation();
  const format = formatters(locale);
  return (
    <ScrollRegion label={caption} className="relative rounded-lg border border-slate-200 bg-white">
      <table className="border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className={`${rowHeader} min-w-40 font-semibold`}>
              {t("board.resident")}
            </th>
            {days.map((day) => (
              <th
                key={day.getTime()}
                scope="col"
                className={`min-w-7 px-0.5 py-1 text-center text-xs font-semibold ${isWeekend(day) ? WEEKEND : ""}`}
              >
                <span aria-hidden="true" className="block leading-tight">
                  {day.getUTCDate()}
                  <br />
                  <span className="font-normal text-slate-700">{format.weekdayInitial(day)}</span>
                </span>
                <span className="sr-only">{format.weekdayDay(day)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-slate-100">
              <th scope="row" className={rowHeader}>
                <Link to={`/admin/rotations/${row.id}`} className="font-medium text-blue-800 underline">
                  {row.name}
                </Link>
                <span className="block text-xs text-slate-700">{row.programme}</span>
                <span className="block whitespace-nowrap text-xs text-slate-700">{row.dates}</span>
              </th>
              {row.days.map((present, i) => {
                const day = days[i]!;
                if (!present) return <td key={i} className={`border-l border-slate-100 ${isWeekend(day) ? WEEKEND : ""}`} />;
                if (row.away[i])
                  return (
                    <td key={i} className={`border-l border-white text-center text-xs font-bold ${AWAY}`}>
                      <span aria-hidden="true">{t("board.awayLetter")}</span>
                      <span className="sr-only">{t("board.away")}</span>
                    </td>
                  );
                return (
                  <td key={i} className={`border-l border-white bg-blue-700 ${row.planned ? HATCHED : ""}`}>
                    <span className="sr-only">{row.planned ? t("board.planned") : t("board.present")}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t-2 border-slate-300">
          <tr>
            <th scope="row" className={`${rowHeader} font-semibold`}>
              {t("board.used")}
            </th>
            {load.map((l) => (
              <td
                key={l.day.getTime()}
                className={`px-0.5 py-1 text-center tabular-nums ${l.over ? "bg-red-700 font-bold text-white" : isWeekend(l.day) ? WEEKEND : ""}`}
              >
                {l.used}
                {l.over ? (
                  <>
                    <span aria-hidden="true">!</span>
                    <span className="sr-only"> ({t("board.overCapacity")})</span>
                  </>
                ) : null}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row" className={`${rowHeader} font-semibold`}>
              {t("board.free")}
            </th>
            {load.map((l) => (
              <td
                key={l.day.getTime()}
                className={`px-0.5 py-1 text-center tabular-nums ${l.over ? "font-bold text-red-800" : ""} ${isWeekend(l.day) ? WEEKEND : ""}`}
              >
                {l.free}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </ScrollRegion>
  );
}

function Swatch({ className, label }: { className: string; label: string }) {
  return (
    <li className="flex items-center gap-2">
      <span aria-hidden="true" className={`inline-block h-4 w-6 rounded-sm border border-slate-400 ${className}`} />
      {label}
    </li>
  );
}

/** What the colours and patterns of a department's month mean. */
export function DepartmentMonthKey() {
  const { t } = useTranslation();
  return (
    <ul aria-label={t("board.key")} className="mt-3 flex flex-wrap gap-x-5 gap-y-2 text-sm">
      <Swatch className="bg-blue-700" label={t("board.keyConfirmed")} />
      <Swatch className={`bg-blue-700 ${HATCHED}`} label={t("board.keyPlanned")} />
      <Swatch className={WEEKEND} label={t("board.keyWeekend")} />
      <Swatch className={AWAY} label={t("board.keyAway")} />
      <Swatch className="bg-red-700" label={t("board.keyOver")} />
    </ul>
  );
}

export type YearRotationView = { key: number; department: string; planned: boolean };

export function ResidentYearGrid({
  caption,
  rows,
  rotations,
  locale,
}: {
  caption: string;
  rows: YearMonthRow[];
  /** The rotations the cells refer to, by index. */
  rotations: YearRotationView[];
  locale: Locale;
}) {
  const { t } = useTranslation();
  const format = formatters(locale);
  return (
    <ScrollRegion label={caption} className="relative rounded-lg border border-slate-200 bg-white">
      <table className="border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className={`${rowHeader} min-w-24 font-semibold`}>
              {t("board.monthOf")}
            </th>
            {Array.from({ length: 31 }, (_, i) => (
              <th key={i} scope="col" className="min-w-7 px-0.5 py-1 text-center text-xs font-semibold">
                <span className="sr-only">{t("board.dayOf")} </span>
                {i + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.month.month} className="border-b border-slate-100">
              <th scope="row" className={`${rowHeader} whitespace-nowrap capitalize`}>
                {format.month(Date.UTC(row.month.year, row.month.month - 1, 1))}
              </th>
              {row.cells.map((cell, i) => {
                if (!cell) return <td key={i} className="bg-slate-300" />;
                const here = cell.rotations.map((index) => rotations[index]).filter((r): r is YearRotationView => Boolean(r));
                const first = here[0];
                if (cell.away)
                  return (
                    <td key={i} className={`h-7 border-l border-white text-center text-xs font-bold ${AWAY}`}>
                      <span aria-hidden="true">{t("board.awayLetter")}</span>
                      <span className="sr-only">{[t("board.away"), ...here.map((r) => r.department)].join("; ")}</span>
                    </td>
                  );
                if (!first) {
                  return (
                    <td key={i} className={`h-7 border-l border-slate-100 ${cell.inStay ? (isWeekend(cell.day) ? WEEKEND : "") : OUTSIDE}`}>
                      {cell.inStay ? null : <span className="sr-only">{t("board.outsideStay")}</span>}
                    </td>
                  );
                }
                return (
                  <td
                    key={i}
                    className={`h-7 border-l border-white text-center text-xs font-semibold ${toneOf(first.key - 1)} ${first.planned ? HATCHED : ""}`}
                  >
                    <span aria-hidden="true">{here.map((r) => r.key).join(",")}</span>
                    <span className="sr-only">
                      {here.map((r) => `${r.department}${r.planned ? ` (${t("board.planned")})` : ""}`).join("; ")}
                      {cell.inStay ? "" : ` (${t("board.outsideStay")})`}
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** What the patterns of a resident's year mean (the rotations have their own list). */
export function ResidentYearKey() {
  const { t } = useTranslation();
  return (
    <ul aria-label={t("board.key")} className="mt-3 flex flex-wrap gap-x-5 gap-y-2 text-sm">
      <Swatch className={toneOf(0)} label={t("board.keyConfirmed")} />
      <Swatch className={`${toneOf(0)} ${HATCHED}`} label={t("board.keyPlanned")} />
      <Swatch className="bg-white" label={t("board.keyFree")} />
      <Swatch className={OUTSIDE} label={t("board.keyOutsideStay")} />
      <Swatch className={AWAY} label={t("board.keyAway")} />
    </ul>
  );
}
