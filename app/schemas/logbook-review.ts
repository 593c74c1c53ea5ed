import { DEGREES, LOGBOOK_LIMITS } from "~/domain/logbook";
import { isoDate } from "./dates";
import { z } from "./z";

const id = z.string().trim().min(1).max(64);

/** The tutor's decisions on /tutor/logbook: certify a selection or a resident's month, or return one entry. */
export const reviewSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("certify"), entryIds: z.array(id).min(1, { error: "logbookReview.noneChosen" }).max(500) }),
  z.object({ intent: z.literal("certify-month"), residentId: id, month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }),
  z.object({
    intent: z.literal("return"),
    entryId: id,
    reason: z
      .string({ error: "logbookReview.reasonRequired" })
      .trim()
      .min(1, { error: "logbookReview.reasonRequired" })
      .max(LOGBOOK_LIMITS.reasonLength),
  }),
]);

/** An administrator's correction of a certified entry, or the reopening of a closed month. */
export const adminLogbookSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("correct"),
    entryId: id,
    activityId: id,
    date: isoDate,
    count: z.coerce.number().int().min(1).max(LOGBOOK_LIMITS.maxCount),
    degree: z.enum(DEGREES),
    note: z.string().trim().max(LOGBOOK_LIMITS.noteLength).optional(),
    reason: z
      .string({ error: "logbookReview.reasonRequired" })
      .trim()
      .min(1, { error: "logbookReview.reasonRequired" })
      .max(LOGBOOK_LIMITS.reasonLength),
  }),
  z.object({
    intent: z.literal("reopen"),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    reason: z
      .string({ error: "logbookReview.reasonRequired" })
      .trim()
      .min(1, { error: "logbookReview.reasonRequired" })
      .max(LOGBOOK_LIMITS.reasonLength),
  }),
]);
