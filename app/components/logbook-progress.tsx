import { useTranslation } from "react-i18next";
import { ScrollRegion } from "~/components/list";
import { DEGREES, type Degree, type ProgressRow, type ResidentProgress } from "~/domain/logbook";
import { useLocale } from "~/i18n/use-locale";

/**
 * A resident's logbook progress (issue 16, part 4): for the current training year and for the whole
 * programme, a table of the catalogue's activities (by category) × the three degrees of responsibility,
 * each cell certified / minimum with the entries awaiting certification apart, and what is still
 * missing in words. Its one prop is what `residentProgress` returns. On a phone each table scrolls
 * sideways in a labelled region that a keyboard can focus.
 */
export function LogbookProgress({ progress, id = "logbook-progress" }: { progress: ResidentProgress; id?: string }) {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const label = (row: ProgressRow) => (locale === "it" ? row.labelIt : row.labelEn);
  const day = (iso: string) => format.date(`${iso}T12:00:00.000Z`);
  const missing = (which: "missingYear" | "missingWhole") =>
    progress.rows.flatMap((row) =>
      DEGREES.flatMap((degree) => {
        const count = row[which][degree];
        return count
          ? [t("logbookProgress.missingItem", { count, activity: label(row), degree: t(`logbook.degreesShort.${degree}`) })]
          : [];
      }),
    );
  const missingYear = missing("missingYear");
  const missingWhole = missing("missingWhole");
  return (
    <section aria-labelledby={`${id}-title`} className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {t("logbookProgress.year", { year: progress.trainingYear, start: day(progress.year.start), end: day(progress.year.end) })}
      </h2>
      {progress.catalogue ? (
        <>
          <div className="space-y-1 text-sm text-slate-700">
            <p>{t("logbookProgress.catalogue", { version: progress.catalogue.version, from: day(progress.catalogue.validFrom) })}</p>
            <p>{t("logbookProgress.elapsed", { share: format.percent(progress.share), reached: format.percent(progress.reached) })}</p>
            <p className={progress.behind ? "font-semibold text-red-800" : "font-semibold text-teal-800"}>
              {progress.behind ? t("logbookProgress.behind", { count: progress.behindCount }) : t("logbookProgress.onSchedule")}
            </p>
          </div>
          <div className="space-y-2">
            <p>
              {missingYear.length
                ? t("logbookProgress.missingYear", { list: missingYear.join("; ") })
                : t("logbookProgress.nothingMissingYear")}
            </p>
            <p>
              {missingWhole.length
                ? t("logbookProgress.missingWhole", { list: missingWhole.join("; ") })
                : t("logbookProgress.nothingMissingWhole")}
            </p>
          </div>
          <Matrix
            caption={t("logbookProgress.yearTable", { year: progress.trainingYear })}
            rows={progress.rows}
            label={label}
            cell={(row, degree) => row.cells[degree].year}
          />
          <Matrix
            caption={t("logbookProgress.wholeTable")}
            rows={progress.rows}
            label={label}
            cell={(row, degree) => row.cells[degree].whole}
          />
        </>
      ) : (
        <p>{t("logbookProgress.noCatalogue")}</p>
      )}
    </section>
  );
}

type Counts = { done: number; minimum: number; pending: number; expected?: number };

function Matrix({
  caption,
  rows,
  label,
  cell,
}: {
  caption: string;
  rows: ProgressRow[];
  label: (row: ProgressRow) => string;
  cell: (row: ProgressRow, degree: Degree) => Counts;
}) {
  const { t } = useTranslation();
  const { format } = useLocale();
  const categories = [...new Set(rows.map((r) => r.category))];
  return (
    <ScrollRegion label={t("logbookProgress.tableLabel", { table: caption })} className="rounded border border-slate-200">
      <table className="w-full min-w-[20rem] text-left text-sm">
        <caption className="bg-slate-50 px-3 py-2 text-left font-semibold">{caption}</caption>
        <thead className="bg-slate-100">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("logbookProgress.activity")}
            </th>
            {DEGREES.map((degree) => (
              <th key={degree} scope="col" className="px-2 py-2 text-right">
                <abbr title={t(`logbook.degrees.${degree}`)} className="no-underline">
                  {t(`logbook.degreesShort.${degree}`)}
                </abbr>
              </th>
            ))}
          </tr>
        </thead>
        {categories.map((category) => (
          <tbody key={category}>
            <tr className="border-t border-slate-200 bg-slate-50">
              <th scope="rowgroup" colSpan={4} className="px-3 py-1 text-xs font-semibold tracking-wide text-slate-700 uppercase">
                {category}
              </th>
            </tr>
            {rows
              .filter((r) => r.category === category)
              .map((row) => (
                <tr key={row.code} className="border-t border-slate-100">
                  <th scope="row" className="px-3 py-2 font-normal break-words">
                    {label(row)}
                  </th>
                  {DEGREES.map((degree) => {
                    const counts = cell(row, degree);
                    const behind = counts.expected !== undefined && counts.done < counts.expected;
                    return (
                      <td key={degree} className="px-2 py-2 text-right whitespace-nowrap">
                        <span className={behind ? "font-semibold text-red-800" : undefined}>
                          {format.number(counts.done)} / {format.number(counts.minimum)}
                        </span>
                        {behind ? <span className="block text-xs text-red-800">{t("logbookProgress.behindMark")}</span> : null}
                        {counts.pending ? (
                          <span className="block text-xs text-slate-600">{t("logbookProgress.pending", { count: counts.pending })}</span>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
          </tbody>
        ))}
      </table>
    </ScrollRegion>
  );
}
