import { useTranslation } from "react-i18next";
import type { Answers, EvaluationItem } from "~/domain/evaluations";
import { answerText, FORM_LIMITS } from "~/domain/evaluations";
import type { Locale } from "~/i18n/locale";
import { ErrorList } from "./forms";

/**
 * A form's items as fields named `item.<key>` (what readAnswers, app/domain/evaluations.ts, reads): a
 * rating as one radio button per labelled point, yes/no as two, a text as a text area. Each item is its
 * own fieldset, so a screen reader announces the question with each choice; errors (message keys, per
 * item key) sit under their item. Read-only, it shows the answers as text.
 */
export function EvaluationFields({
  items,
  locale,
  values = {},
  errors = {},
  idPrefix = "item",
  readOnly = false,
}: {
  items: readonly EvaluationItem[];
  locale: Locale;
  values?: Answers;
  errors?: Record<string, string[] | undefined>;
  idPrefix?: string;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  if (readOnly) {
    const words = { yes: t("evaluationFields.yes"), no: t("evaluationFields.no"), notAnswered: t("evaluationFields.notAnswered") };
    return (
      <dl className="divide-y divide-slate-200">
        {items.map((item) => {
          const shown = answerText(item, values[item.key], locale, words);
          return (
            <div key={item.key} className="py-2 sm:grid sm:grid-cols-2 sm:gap-4">
              <dt className="font-medium">{item.label[locale]}</dt>
              <dd className="whitespace-pre-line break-words text-slate-800">{shown}</dd>
            </div>
          );
        })}
      </dl>
    );
  }
  return (
    <div className="space-y-5">
      {items.map((item) => {
        const id = `${idPrefix}-${item.key}`;
        const fieldErrors = errors[item.key];
        const invalid = fieldErrors?.length ? true : undefined;
        const errorId = `${id}-error`;
        const value = values[item.key];
        const legend = (
          <>
            {item.label[locale]}
            {item.required ? (
              <>
                <span className="text-red-800" aria-hidden="true">
                  {" "}
                  *
                </span>
                <span className="sr-only"> ({t("evaluationFields.required")})</span>
              </>
            ) : (
              <span className="font-normal text-slate-600"> ({t("evaluationFields.optional")})</span>
            )}
          </>
        );
        if (item.type === "text") {
          return (
            <div key={item.key}>
              <label htmlFor={id} className="block font-medium">
                {legend}
              </label>
              <textarea
                id={id}
                name={`item.${item.key}`}
                rows={3}
                maxLength={FORM_LIMITS.text}
                defaultValue={typeof value === "string" ? value : ""}
                aria-invalid={invalid}
                aria-describedby={invalid ? errorId : undefined}
                className="mt-1 w-full rounded border border-slate-400 px-3 py-2"
              />
              <ErrorList id={errorId} errors={fieldErrors} />
            </div>
          );
        }
        const choices =
          item.type === "rating"
            ? (item.scale?.[locale] ?? []).map((label, index) => ({ value: String(index + 1), label: `${index + 1} · ${label}` }))
            : [
                { value: "yes", label: t("evaluationFields.yes") },
                { value: "no", label: t("evaluationFields.no") },
              ];
        const current = typeof value === "number" ? String(value) : typeof value === "boolean" ? (value ? "yes" : "no") : "";
        return (
          <fieldset key={item.key} aria-invalid={invalid} aria-describedby={invalid ? errorId : undefined}>
            <legend className="font-medium">{legend}</legend>
            <div className={item.type === "rating" ? "mt-1 grid gap-1 sm:grid-cols-5" : "mt-1 flex flex-wrap gap-4"}>
              {choices.map((choice) => (
                <label key={choice.value} className="flex min-h-11 items-center gap-2 rounded border border-slate-300 px-3 py-2">
                  <input
                    type="radio"
                    name={`item.${item.key}`}
                    value={choice.value}
                    defaultChecked={current === choice.value}
                    className="h-5 w-5 shrink-0"
                  />
                  <span className="text-sm">{choice.label}</span>
                </label>
              ))}
            </div>
            <ErrorList id={errorId} errors={fieldErrors} />
          </fieldset>
        );
      })}
    </div>
  );
}
