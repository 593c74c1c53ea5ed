import { MAX_GRADE, OUTCOMES } from "~/domain/training-calendar";
import { isoDate } from "./dates";
import { z } from "./z";

/** The school's outcome on /admin/progression/:residentId; what depends on the outcome is checked by the model. */
export const outcomeSchema = z.object({
  outcome: z.enum(OUTCOMES, { error: "progression.errors.outcomeRequired" }),
  decidedOn: isoDate,
  suspendedTo: isoDate.optional(),
  examDate: isoDate.optional(),
  grade: z.coerce
    .number({ error: "progression.errors.gradeInvalid" })
    .int({ error: "progression.errors.gradeInvalid" })
    .min(0, { error: "progression.errors.gradeInvalid" })
    .max(MAX_GRADE, { error: "progression.errors.gradeInvalid" })
    .optional(),
  honours: z
    .literal("on")
    .optional()
    .transform((value) => value === "on"),
  note: z.string().trim().max(500, { error: "errors.tooLong" }).optional(),
});

/** The round in the address: a programme and the year an academic year starts in; anything else falls back. */
export const roundQuerySchema = z.object({
  university: z.string().max(40).catch(""),
  programme: z.string().max(40).catch(""),
  year: z.coerce.number().int().min(1990).max(2200).optional().catch(undefined),
});
