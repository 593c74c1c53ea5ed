import { DEGREES, LOGBOOK_LIMITS, patientIdentifiers } from "~/domain/logbook";
import { isoDate } from "./dates";
import { z } from "./z";

const id = z.string({ error: "errors.required" }).trim().min(1, { error: "errors.required" }).max(64);

/** Free text that must never identify a patient: a fiscal code, or a date of birth next to a name. */
const anonymous = (max: number, key: string) =>
  z
    .string()
    .trim()
    .max(max, { error: "errors.tooLong" })
    .refine((text) => patientIdentifiers(text).length === 0, { error: key })
    .optional();

/** One line of a day's entries: an activity, how many, the degree of responsibility, a note and an anonymous case. */
export const entryLine = z.object({
  activityId: id,
  count: z.coerce
    .number({ error: "myLogbook.countRange" })
    .int({ error: "myLogbook.countRange" })
    .min(1, { error: "myLogbook.countRange" })
    .max(LOGBOOK_LIMITS.maxCount, { error: "myLogbook.countRange" }),
  degree: z.enum(DEGREES, { error: "myLogbook.degreeRequired" }),
  note: anonymous(LOGBOOK_LIMITS.noteLength, "myLogbook.noteIdentifies"),
  caseRef: anonymous(LOGBOOK_LIMITS.caseRefLength, "myLogbook.caseRefIdentifies"),
});

const day = { date: isoDate, tutorId: id, confirmDuplicate: z.literal("yes").optional() };
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** A day's entries: one form, several lines, one day and tutor. */
export const logDaySchema = z.object({
  intent: z.literal("log"),
  ...day,
  entries: z.array(entryLine).min(1, { error: "myLogbook.noLines" }).max(LOGBOOK_LIMITS.entriesPerSubmission),
});

/** /me/logbook: log a day's entries, or countersign a month. */
export const logSchema = z.discriminatedUnion("intent", [logDaySchema, z.object({ intent: z.literal("countersign"), month })]);

/** An entry's own form: its day, tutor and line. */
export const entryFormSchema = z.object({ intent: z.literal("update"), ...day, ...entryLine.shape });

/** /me/logbook/:entryId: change (or correct and resubmit) the entry, or withdraw it. */
export const entrySchema = z.discriminatedUnion("intent", [entryFormSchema, z.object({ intent: z.literal("delete") })]);
