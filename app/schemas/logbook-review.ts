import { LOGBOOK_LIMITS } from "~/domain/logbook";
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
