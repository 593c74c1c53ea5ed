import { readAnswers, type EvaluationItem } from "~/domain/evaluations";
import { pageNumber } from "./list-query";
import { z } from "./z";

const id = z.string().trim().min(1).max(64);

/**
 * A resident's confidential evaluation of a rotation (/me/evaluations/:rotationId): one field per question,
 * `item.<key>`, checked as readAnswers checks them (every required question answered, ratings within the
 * scale, yes or no, texts within the limit), each problem beside its question.
 */
export function residentEvaluationSchema(items: readonly EvaluationItem[]) {
  return z
    .object({
      intent: z.literal("submit"),
      item: z.record(z.string(), z.string()).optional(),
    })
    .superRefine((value, context) => {
      const { errors } = readAnswers(items, (name) => value.item?.[name.slice("item.".length)], { complete: true });
      for (const [key, code] of Object.entries(errors))
        context.addIssue({ code: "custom", path: ["item", key], message: `evaluations.answerProblems.${code}` });
    });
}

/** A period's key as the results pages' addresses carry it ("2025", "2025-2"). */
export const periodKey = z.string().regex(/^\d{4}(-[12])?$/);

/** What /admin/evaluations/results shows: a released period, and a tutor's or a department's results in it. */
export const resultsQuerySchema = z.object({
  period: periodKey.optional().catch(undefined),
  tutor: id.optional().catch(undefined),
  department: id.optional().catch(undefined),
  /** A name to find among the period's tutors and departments, each list a page at a time. */
  q: z.string().trim().max(100).catch(""),
  tutorPage: pageNumber,
  departmentPage: pageNumber,
});

/** An administrator redacts one comment of one released answer. */
export const redactSchema = z.object({
  intent: z.literal("redact"),
  answerId: id,
  itemKey: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
});
