import { z } from "~/schemas/z";
import { ATTENDANCE_STATUSES, type AttendanceStatus } from "~/domain/teaching";

/** The longest reason a correction of confirmed attendance may give. */
export const MAX_CORRECTION_REASON = 500;

/** The name of a resident's radio group on the attendance sheet: `mark.<residentId>`. */
export const MARK_PREFIX = "mark.";
export const markField = (residentId: string) => `${MARK_PREFIX}${residentId}`;

const residentId = z.string().min(1).max(40);
const status = z.enum(ATTENDANCE_STATUSES);

/**
 * The marks of the sheet: every `mark.<residentId>` field that holds a known status. A row without a
 * choice sends nothing and is not marked; anything else in the form is ignored.
 */
export function marksFromForm(formData: FormData): Array<{ residentId: string; status: AttendanceStatus }> {
  const marks = new Map<string, AttendanceStatus>();
  for (const [name, value] of formData) {
    if (!name.startsWith(MARK_PREFIX)) continue;
    const id = residentId.safeParse(name.slice(MARK_PREFIX.length));
    const parsed = status.safeParse(value);
    if (id.success && parsed.success) marks.set(id.data, parsed.data);
  }
  return [...marks].map(([id, s]) => ({ residentId: id, status: s }));
}

/** The buttons of the sheet: save, confirm, mark the rest present, add a resident found by search, remove one added. */
export function sheetIntent(
  value: FormDataEntryValue | null,
): { kind: "save" | "confirm" | "all-present" } | { kind: "add" | "remove"; residentId: string } | null {
  const text = typeof value === "string" ? value : "";
  if (text === "save" || text === "confirm" || text === "all-present") return { kind: text };
  const match = /^(add|remove):(.{1,40})$/.exec(text);
  return match ? { kind: match[1] as "add" | "remove", residentId: match[2]! } : null;
}

/** A correction of confirmed attendance: one resident's new mark and the reason, which is required. */
export const correctionSchema = z.object({
  residentId: z.string({ error: "attendance.correction.residentRequired" }).min(1).max(40),
  status: z.enum(ATTENDANCE_STATUSES, { error: "attendance.correction.statusRequired" }),
  reason: z
    .string({ error: "attendance.correction.reasonRequired" })
    .trim()
    .min(1, { error: "attendance.correction.reasonRequired" })
    .max(MAX_CORRECTION_REASON, { error: "attendance.correction.reasonTooLong" }),
});
export type CorrectionInput = z.output<typeof correctionSchema>;
