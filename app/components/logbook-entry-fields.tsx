import { getInputProps, getSelectProps, getTextareaProps, useField, type SubmissionResult } from "@conform-to/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DEGREES, LOGBOOK_LIMITS } from "~/domain/logbook";
import { decodeMessage } from "~/domain/refusal";
import type { Locale } from "~/i18n/locale";
import { ErrorList } from "./forms";

/** An activity the form offers: its labels, category and how often the resident logged it. */
export type ActivityChoice = { id: string; category: string; it: string; en: string; uses: number };
/** A rotation the form knows: its days ("YYYY-MM-DD"), department and tutors (the supervising one first). */
export type RotationChoice = {
  id: string;
  start: string;
  end: string;
  department: string;
  tutorId: string | null;
  tutors: Array<{ id: string; name: string }>;
};

/** A field of the page's form, by name: each component subscribes to its own fields. */
type FieldRef = { name: string; formId: string };

const control = "mt-1 w-full min-w-0 rounded border border-slate-400 px-3 py-2 text-base aria-[invalid=true]:border-red-700";
const label = "text-sm font-medium text-slate-800";
/** How many of the most used activities are offered first. */
const MOST_USED = 5;

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

/**
 * The day of the entries and their supervising tutor. The tutors offered follow the day: the rotation
 * that covers it names its department and its supervising tutor (chosen by default), then the other
 * tutors of the department. The server checks the same again.
 */
export function DayFields({
  date,
  tutorId,
  rotations,
  today,
}: {
  date: FieldRef;
  tutorId: FieldRef;
  rotations: RotationChoice[];
  today: string;
}) {
  const { t } = useTranslation();
  const [dateMeta] = useField<string | undefined>(date.name, { formId: date.formId });
  const [tutorMeta] = useField<string | undefined>(tutorId.name, { formId: tutorId.formId });
  const [day, setDay] = useState<string>(String(dateMeta.initialValue ?? today));
  const rotation = rotations.find((r) => r.start <= day && day <= r.end) ?? null;
  const chosen = String(tutorMeta.initialValue ?? "");
  const tutors = rotation?.tutors ?? [];
  const tutorDefault = tutors.some((u) => u.id === chosen) ? chosen : (rotation?.tutorId ?? tutors[0]?.id ?? "");
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div className="flex flex-col">
        <label htmlFor={dateMeta.id} className={label}>
          {t("myLogbook.log.date")}
        </label>
        <input
          {...getInputProps(dateMeta, { type: "date", ariaDescribedBy: `${dateMeta.id}-place` })}
          key={dateMeta.key}
          max={today}
          onChange={(event) => setDay(event.currentTarget.value)}
          className={control}
        />
        <p id={`${dateMeta.id}-place`} className="mt-1 text-sm text-slate-700">
          {rotation ? t("myLogbook.log.department", { name: rotation.department }) : t("myLogbook.log.noRotationOn")}
        </p>
        <ErrorList id={dateMeta.errorId} errors={dateMeta.errors} />
      </div>
      <div className="flex flex-col">
        <label htmlFor={tutorMeta.id} className={label}>
          {t("myLogbook.log.tutor")}
        </label>
        <p id={`${tutorMeta.id}-hint`} className="text-sm text-slate-600">
          {t("myLogbook.log.tutorHint")}
        </p>
        <select
          {...getSelectProps(tutorMeta, { ariaDescribedBy: `${tutorMeta.id}-hint` })}
          // A new rotation brings its own tutors, its supervising tutor chosen.
          key={`${tutorMeta.key ?? ""}-${rotation?.id ?? "none"}`}
          defaultValue={tutorDefault}
          className={control}
        >
          {tutors.map((tutor) => (
            <option key={tutor.id} value={tutor.id}>
              {tutor.name}
            </option>
          ))}
        </select>
        <ErrorList id={tutorMeta.errorId} errors={tutorMeta.errors} />
      </div>
    </div>
  );
}

/**
 * One activity of the day: which (searchable, the most used first), how many, the degree of
 * responsibility, and behind a disclosure an optional note and anonymous case reference.
 */
export function LineFields({
  line,
  activities,
  locale,
  legend,
}: {
  line: Record<"activityId" | "count" | "degree" | "note" | "caseRef", FieldRef>;
  activities: ActivityChoice[];
  locale: Locale;
  legend?: string;
}) {
  const { t } = useTranslation();
  const [activity] = useField<string | undefined>(line.activityId.name, { formId: line.activityId.formId });
  const [count] = useField<string | undefined>(line.count.name, { formId: line.count.formId });
  const [degree] = useField<string | undefined>(line.degree.name, { formId: line.degree.formId });
  const [note] = useField<string | undefined>(line.note.name, { formId: line.note.formId });
  const [caseRef] = useField<string | undefined>(line.caseRef.name, { formId: line.caseRef.formId });
  const [query, setQuery] = useState("");
  const found = query ? activities.filter((a) => fold(`${a[locale]} ${a.category}`).includes(fold(query))) : activities;
  const mostUsed = [...found]
    .filter((a) => a.uses > 0)
    .sort((a, b) => b.uses - a.uses)
    .slice(0, MOST_USED);
  const categories = new Map<string, ActivityChoice[]>();
  for (const a of found) if (!mostUsed.includes(a)) categories.set(a.category, [...(categories.get(a.category) ?? []), a]);
  const moreOpen = Boolean(note.errors?.length || caseRef.errors?.length || note.initialValue || caseRef.initialValue);
  return (
    <fieldset className="min-w-0 space-y-3 rounded border border-slate-200 p-3">
      {legend ? <legend className="px-1 text-sm font-semibold">{legend}</legend> : null}
      <div className="flex flex-col">
        <label htmlFor={`${activity.id}-find`} className={label}>
          {t("myLogbook.log.find")}
        </label>
        <input
          id={`${activity.id}-find`}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          aria-controls={activity.id}
          autoComplete="off"
          className={control}
        />
      </div>
      <div className="flex flex-col">
        <label htmlFor={activity.id} className={label}>
          {t("myLogbook.log.activity")}
        </label>
        <select {...getSelectProps(activity)} key={activity.key} className={control}>
          {mostUsed.length ? (
            <optgroup label={t("myLogbook.log.mostUsed")}>
              {mostUsed.map((a) => (
                <option key={a.id} value={a.id}>
                  {a[locale]}
                </option>
              ))}
            </optgroup>
          ) : null}
          {[...categories].map(([category, list]) => {
            const options = list.map((a) => (
              <option key={a.id} value={a.id}>
                {a[locale]}
              </option>
            ));
            return category ? (
              <optgroup key={category} label={category}>
                {options}
              </optgroup>
            ) : (
              options
            );
          })}
        </select>
        <ErrorList id={activity.errorId} errors={activity.errors} />
      </div>
      <div className="grid gap-3 sm:grid-cols-[8rem_1fr]">
        <div className="flex flex-col">
          <label htmlFor={count.id} className={label}>
            {t("myLogbook.log.count")}
          </label>
          <input
            {...getInputProps(count, { type: "number" })}
            key={count.key}
            min={1}
            max={LOGBOOK_LIMITS.maxCount}
            inputMode="numeric"
            className={control}
          />
          <ErrorList id={count.errorId} errors={count.errors} />
        </div>
        <fieldset aria-describedby={degree.errors?.length ? degree.errorId : undefined} className="min-w-0">
          <legend className={label}>{t("myLogbook.log.degree")}</legend>
          <div className="mt-1 grid gap-1">
            {DEGREES.map((value) => (
              <label key={value} className="flex items-start gap-2 rounded border border-slate-200 px-3 py-2">
                <input
                  type="radio"
                  name={degree.name}
                  form={degree.formId}
                  value={value}
                  defaultChecked={degree.initialValue === value}
                  className="mt-1 h-4 w-4 shrink-0"
                />
                <span>{t(`logbook.degrees.${value}`)}</span>
              </label>
            ))}
          </div>
          <ErrorList id={degree.errorId} errors={degree.errors} />
        </fieldset>
      </div>
      <details open={moreOpen}>
        <summary className="cursor-pointer text-sm text-blue-800 underline">{t("myLogbook.log.more")}</summary>
        <div className="mt-2 space-y-3">
          <div className="flex flex-col">
            <label htmlFor={note.id} className={label}>
              {t("myLogbook.log.note")}
            </label>
            <p id={`${note.id}-hint`} className="text-sm text-slate-600">
              {t("myLogbook.log.noteHint", { max: LOGBOOK_LIMITS.noteLength })}
            </p>
            <textarea
              {...getTextareaProps(note, { ariaDescribedBy: `${note.id}-hint` })}
              key={note.key}
              rows={2}
              maxLength={LOGBOOK_LIMITS.noteLength}
              className={control}
            />
            <ErrorList id={note.errorId} errors={note.errors} />
          </div>
          <div className="flex flex-col">
            <label htmlFor={caseRef.id} className={label}>
              {t("myLogbook.log.caseRef")}
            </label>
            <p id={`${caseRef.id}-hint`} className="text-sm text-slate-600">
              {t("myLogbook.log.caseRefHint")}
            </p>
            <input
              {...getInputProps(caseRef, { type: "text", ariaDescribedBy: `${caseRef.id}-hint` })}
              key={caseRef.key}
              maxLength={LOGBOOK_LIMITS.caseRefLength}
              autoComplete="off"
              className={control}
            />
            <ErrorList id={caseRef.errorId} errors={caseRef.errors} />
          </div>
        </div>
      </details>
    </fieldset>
  );
}

/**
 * Shown when the server refused a probable duplicate: the resident confirms it is not one. It follows the
 * server's reply, not the live errors, so that ticking it (which revalidates the form) keeps it there.
 */
export function ConfirmDuplicate({ result, lines = 1 }: { result: SubmissionResult<string[]> | null | undefined; lines?: number }) {
  const { t } = useTranslation();
  const duplicates = (result?.error?.confirmDuplicate ?? []).filter((e) => e.startsWith("myLogbook.duplicate"));
  if (!duplicates.length) return null;
  return (
    <div role="alert" className="space-y-2 rounded border-l-4 border-amber-600 bg-amber-50 p-3">
      <ul className="space-y-1">
        {duplicates.map((message) => {
          const { line } = decodeMessage(message).values;
          return (
            <li key={message}>
              {lines > 1 ? `${t("myLogbook.log.line", { number: line })}: ` : null}
              {t("myLogbook.duplicate")}
            </li>
          );
        })}
      </ul>
      <label className="flex items-start gap-2">
        <input type="checkbox" name="confirmDuplicate" value="yes" className="mt-1 h-5 w-5 shrink-0" />
        <span>{t("myLogbook.log.confirmDuplicate")}</span>
      </label>
    </div>
  );
}
