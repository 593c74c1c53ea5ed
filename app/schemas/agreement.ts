import { z } from "~/schemas/z";
import { AGREEMENT_STATUSES, FACILITY_ROLES } from "~/domain/agreement-status";
import { isoDate, optionalIsoDate } from "./dates";
import { listQuerySchema } from "./list-query";

/**
 * The agreement form. Each programme of the university is a row; a row with posts is covered, an
 * empty one is not. Messages are translation keys.
 */
export const agreementSchema = z
  .object({
    universityId: z.string({ error: "errors.required" }).min(1).max(40),
    facilityRole: z.enum(FACILITY_ROLES, { error: "errors.required" }),
    startDate: isoDate,
    endDate: isoDate,
    signedOn: optionalIsoDate,
    notes: z.string().trim().max(2000, { error: "errors.tooLong" }).optional(),
    coverage: z
      .array(
        z.object({
          programmeId: z.string().min(1).max(40),
          posts: z.coerce
            .number({ error: "agreements.postsInvalid" })
            .int({ error: "agreements.postsInvalid" })
            .min(1, { error: "agreements.postsTooFew" })
            .max(500, { error: "agreements.postsTooMany" })
            .optional(),
        }),
      )
      .max(200)
      .default([]),
  })
  .refine((v) => v.endDate > v.startDate, { path: ["endDate"], error: "agreements.endBeforeStart" })
  .refine((v) => v.coverage.some((row) => row.posts !== undefined), { path: ["coverage"], error: "agreements.noProgrammes" });

export type AgreementInput = z.output<typeof agreementSchema>;

/** The covered rows only. */
export function coveredRows(input: AgreementInput): Array<{ programmeId: string; posts: number }> {
  return input.coverage.flatMap((row) => (row.posts === undefined ? [] : [{ programmeId: row.programmeId, posts: row.posts }]));
}

export const terminateSchema = z.object({
  intent: z.literal("terminate"),
  terminatedOn: isoDate,
  terminationReason: z
    .string({ error: "errors.required" })
    .trim()
    .min(3, { error: "agreements.reasonTooShort" })
    .max(1000, { error: "errors.tooLong" }),
});

export const AGREEMENT_SORTS = ["endDate", "startDate", "updatedAt"] as const;

export const agreementQuerySchema = listQuerySchema(AGREEMENT_SORTS).extend({
  university: z.string().max(40).catch(""),
  status: z.enum(AGREEMENT_STATUSES).or(z.literal("")).catch(""),
  role: z.enum(FACILITY_ROLES).or(z.literal("")).catch(""),
});
