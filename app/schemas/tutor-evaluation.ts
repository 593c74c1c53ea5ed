import { z } from "./z";

/** How long a resident's comment and an administrator's reason may be. */
export const TUTOR_EVALUATION_LIMITS = { comment: 2000, reason: 500 } as const;

const id = z.string().trim().min(1).max(64);

/**
 * The tutor's form (/tutor/evaluations/:rotationId): which button was pressed. Its answers are fields
 * named `item.<key>`, read against the form's items by readAnswers (app/domain/evaluations.ts).
 */
export const tutorEvaluationSchema = z.object({ intent: z.enum(["draft", "sign"]) });

/** The resident's acknowledgement of a signed evaluation about them, with an optional comment (/me/evaluations). */
export const acknowledgeSchema = z.object({
  intent: z.literal("acknowledge"),
  rotationId: id,
  comment: z.string().trim().max(TUTOR_EVALUATION_LIMITS.comment).optional(),
});

/** An administrator reopens a signed evaluation with a reason, or names someone else to fill it. */
export const adminTutorEvaluationSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("reopen"),
    reason: z
      .string({ error: "tutorEvaluations.reasonRequired" })
      .trim()
      .min(1, { error: "tutorEvaluations.reasonRequired" })
      .max(TUTOR_EVALUATION_LIMITS.reason),
  }),
  z.object({
    intent: z.literal("assign"),
    userId: z.string({ error: "tutorEvaluations.chooseTutor" }).trim().min(1, { error: "tutorEvaluations.chooseTutor" }).max(64),
  }),
]);
