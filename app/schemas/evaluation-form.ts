import { z } from "~/schemas/z";
import { FORM_LIMITS, ITEM_TYPES, PERIOD_MODES, SETTING_LIMITS, type EvaluationItem } from "~/domain/evaluations";

/**
 * A form's editor as submitted: rows `items.<n>.<field>` (key, type, the wording in both languages,
 * required, the scale's points one per line in each language, remove). A row left blank, or marked to
 * remove, is dropped; the rest become items, checked by the domain's itemProblems. Raw rows come back
 * with a refusal so that nothing typed is lost.
 */
const text = (max: number) =>
  z
    .string()
    .max(max * 4)
    .catch("")
    .transform((value) => value.trim().slice(0, max));
const row = z.object({
  key: text(40),
  type: z.enum(ITEM_TYPES).catch("rating"),
  labelIt: text(FORM_LIMITS.label + 1),
  labelEn: text(FORM_LIMITS.label + 1),
  required: z.string().optional().catch(undefined),
  scaleIt: text(2000),
  scaleEn: text(2000),
  remove: z.string().optional().catch(undefined),
});
export type FormRow = z.output<typeof row>;

/** The editor's rows (at most the form's limit and a few spare), in order. */
export function readFormRows(formData: FormData): FormRow[] {
  const rows: FormRow[] = [];
  for (let index = 0; index < FORM_LIMITS.items + 5; index++) {
    if (!formData.has(`items.${index}.key`)) break;
    const field = (name: string) => formData.get(`items.${index}.${name}`) ?? undefined;
    rows.push(
      row.parse({
        key: field("key"),
        type: field("type"),
        labelIt: field("labelIt"),
        labelEn: field("labelEn"),
        required: field("required"),
        scaleIt: field("scaleIt"),
        scaleEn: field("scaleEn"),
        remove: field("remove"),
      }),
    );
  }
  return rows;
}

const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** The items the rows make: blank and removed rows dropped, scales only for ratings. */
export function itemsOf(rows: readonly FormRow[]): EvaluationItem[] {
  return rows
    .filter((r) => !r.remove && (r.key || r.labelIt || r.labelEn))
    .map((r) => ({
      key: r.key,
      type: r.type,
      label: { it: r.labelIt, en: r.labelEn },
      required: r.required === "on",
      ...(r.type === "rating" ? { scale: { it: lines(r.scaleIt), en: lines(r.scaleEn) } } : {}),
    }));
}

/** An item as the editor's row. */
export function rowOf(item: EvaluationItem): FormRow {
  return {
    key: item.key,
    type: item.type,
    labelIt: item.label.it,
    labelEn: item.label.en,
    required: item.required ? "on" : undefined,
    scaleIt: item.scale?.it.join("\n") ?? "",
    scaleEn: item.scale?.en.join("\n") ?? "",
    remove: undefined,
  };
}

/** When evaluations open and are due, and how answers are gathered (/admin/settings). */
const days = (min: number, max: number, error: string) => z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
export const evaluationSettingsSchema = z.object({
  openDays: days(SETTING_LIMITS.openDays.min, SETTING_LIMITS.openDays.max, "evaluationForms.settings.openDaysInvalid"),
  dueDays: days(SETTING_LIMITS.dueDays.min, SETTING_LIMITS.dueDays.max, "evaluationForms.settings.dueDaysInvalid"),
  period: z.enum(PERIOD_MODES, { error: "evaluationForms.settings.periodInvalid" }),
});

/** Giving a programme its own form for the tutors' evaluations. */
export const programmeFormSchema = z.object({
  programmeId: z.string({ error: "evaluations.noSuchProgramme" }).trim().min(1, { error: "evaluations.noSuchProgramme" }).max(40),
});
