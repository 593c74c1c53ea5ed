import { z } from "~/schemas/z";
import { SPECIALTIES } from "~/domain/specialties";
import { listQuerySchema } from "./list-query";

const codes = SPECIALTIES.map((s) => s.code) as [string, ...string[]];

/** A programme (school of specialization), as administrators enter it. Messages are translation keys. */
export const programmeSchema = z.object({
  specialtyCode: z.enum(codes, { error: "programmes.specialtyRequired" }),
  universityId: z.string({ error: "programmes.universityRequired" }).min(1).max(40),
  directorName: z
    .string({ error: "errors.required" })
    .trim()
    .min(2, { error: "errors.nameTooShort" })
    .max(120, { error: "errors.nameTooLong" }),
  directorEmail: z
    .string({ error: "errors.required" })
    .trim()
    .toLowerCase()
    .max(254, { error: "errors.emailInvalid" })
    .pipe(z.email({ error: "errors.emailInvalid" })),
  /** Empty means the specialty's standard length. */
  durationYears: z.coerce
    .number({ error: "programmes.durationInvalid" })
    .int({ error: "programmes.durationInvalid" })
    .min(1, { error: "programmes.durationInvalid" })
    .max(6, { error: "programmes.durationInvalid" })
    .optional(),
  /** Empty means a year (365 days). */
  maxSuspensionDays: z.coerce
    .number({ error: "programmes.maxSuspensionInvalid" })
    .int({ error: "programmes.maxSuspensionInvalid" })
    .min(1, { error: "programmes.maxSuspensionInvalid" })
    .max(3650, { error: "programmes.maxSuspensionInvalid" })
    .optional(),
});
export type ProgrammeInput = z.output<typeof programmeSchema>;

export const PROGRAMME_SORTS = ["specialty", "university", "updatedAt"] as const;

export const programmeQuerySchema = listQuerySchema(PROGRAMME_SORTS).extend({
  university: z.string().max(40).catch(""),
  specialty: z.enum(codes).or(z.literal("")).catch(""),
  status: z.enum(["active", "archived", "all"]).catch("active"),
});
