import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Form } from "@remix-run/react";
import type { ItemResult } from "~/domain/evaluations";
import { useLocale } from "~/i18n/use-locale";

/**
 * The released results of the residents' evaluations for one tutor or department in one period, item by
 * item: a rating's mean and how many chose each point, a yes/no's counts, the comments (a redacted one as
 * "[redacted]", never its text). The administrators' page puts a redact button beside each comment.
 */
export type ResultItemView =
  | Exclude<ItemResult, { type: "text" }>
  | (Omit<Extract<ItemResult, { type: "text" }>, "comments"> & { comments: Array<{ answerId?: string; text: string | null }> });

/** The choice of a released period, by its key in the address (?period=…); `children` adds fields to the same form. */
export function PeriodChooser({
  periods,
  chosen,
  children,
}: {
  periods: Array<{ key: string; label: string; half: 1 | 2 | null }>;
  chosen: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const periodName = usePeriodName();
  return (
    <Form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-col">
        <label htmlFor="period" className="text-sm font-medium">
          {t("residentEvaluations.results.period")}
        </label>
        <select id="period" name="period" defaultValue={chosen} className="mt-1 rounded border border-slate-400 px-3 py-2">
          {periods.map((p) => (
            <option key={p.key} value={p.key}>
              {periodName(p)}
            </option>
          ))}
        </select>
      </div>
      {children}
      <button type="submit" className="rounded bg-slate-800 px-4 py-2 text-white hover:bg-slate-700">
        {t("residentEvaluations.results.show")}
      </button>
    </Form>
  );
}

/** A period in words: "Academic year 2025/26", or one of its halves. */
export function usePeriodName() {
  const { t } = useTranslation();
  return (period: { label: string; half: 1 | 2 | null }) =>
    t(
      period.half === 1
        ? "residentEvaluations.period.half1"
        : period.half === 2
          ? "residentEvaluations.period.half2"
          : "residentEvaluations.period.year",
      {
        label: period.label,
      },
    );
}

export function EvaluationResultItems({
  items,
  idPrefix,
  redact,
}: {
  items: ResultItemView[];
  idPrefix: string;
  /** What goes beside a comment still shown (the administrators' redact button). */
  redact?: (answerId: string, itemKey: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  return (
    <div className="space-y-6">
      {items.map((item) => {
        const id = `${idPrefix}-${item.key}`;
        return (
          <section key={item.key} aria-labelledby={id} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h3 id={id} className="break-words font-semibold">
              {item.label[locale]}
            </h3>
            {item.type === "rating" ? (
              <>
                <p className="mt-1 text-slate-800">
                  {item.mean === null
                    ? t("residentEvaluations.results.noRating")
                    : t("residentEvaluations.results.mean", { mean: format.decimal(item.mean), points: item.counts.length })}{" "}
                  · {t("residentEvaluations.results.answered", { count: item.answered })}
                </p>
                <table className="mt-2 w-full max-w-md text-left text-sm">
                  <caption className="sr-only">{t("residentEvaluations.results.distribution", { question: item.label[locale] })}</caption>
                  <thead>
                    <tr className="border-b border-slate-300">
                      <th scope="col" className="py-1 pr-3">
                        {t("residentEvaluations.results.point")}
                      </th>
                      <th scope="col" className="py-1 text-right">
                        {t("residentEvaluations.results.chosen")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {item.counts.map((count, index) => (
                      <tr key={index} className="border-b border-slate-100">
                        <th scope="row" className="py-1 pr-3 font-normal">
                          {index + 1} · {item.scale[locale][index] ?? ""}
                        </th>
                        <td className="py-1 text-right tabular-nums">{format.number(count)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            ) : item.type === "yesno" ? (
              <p className="mt-1 text-slate-800">{t("residentEvaluations.results.yesNo", { yes: item.yes, no: item.no })}</p>
            ) : item.comments.length === 0 ? (
              <p className="mt-1 text-slate-700">{t("residentEvaluations.results.noComments")}</p>
            ) : (
              <ul aria-label={t("residentEvaluations.results.comments")} className="mt-2 divide-y divide-slate-200">
                {item.comments.map((comment, index) => (
                  <li key={comment.answerId ?? index} className="space-y-2 py-2">
                    {comment.text === null ? (
                      <p className="italic text-slate-600">{t("residentEvaluations.results.redacted")}</p>
                    ) : (
                      <>
                        <p className="whitespace-pre-line break-words">{comment.text}</p>
                        {redact && comment.answerId ? redact(comment.answerId, item.key) : null}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
