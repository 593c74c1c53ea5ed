import { specialty } from "~/domain/specialties";
import { z } from "~/schemas/z";
import { isoDate } from "./dates";
import { listQuerySchema } from "./list-query";

/** A resident's training record at the hospital. Messages are translation keys. */
export const residentRecordFields = {
  programmeId: z.string({ error: "residents.programmeRequired" }).min(1).max(40),
  yearOfTraining: z.coerce
    .number({ error: "residents.yearInvalid" })
    .int({ error: "residents.yearInvalid" })
    .min(1, { error: "residents.yearInvalid" })
    .max(6, { error: "residents.yearInvalid" }),
  studentNumber: z.string({ error: "errors.required" }).trim().min(1, { error: "errors.required" }).max(30, { error: "errors.tooLong" }),
  stayStart: isoDate,
  stayEnd: isoDate,
  tutorId: z.string().max(40).optional(),
  insurancePolicy: z.string().trim().max(60, { error: "errors.tooLong" }).optional(),
  insuranceExpiry: isoDate.optional(),
  contractStart: isoDate.optional(),
};

export const residentRecordSchema = z
  .object(residentRecordFields)
  .refine((v) => v.stayEnd >= v.stayStart, { path: ["stayEnd"], error: "residents.stayEndBeforeStart" });
export type ResidentRecordInput = z.output<typeof residentRecordSchema>;

export const RESIDENT_SORTS = ["name", "stayStart", "stayEnd"] as const;

export const residentQuerySchema = listQuerySchema(RESIDENT_SORTS).extend({
  // Specialty and university, not the programme: a national network has thousands of programmes,
  // too many for one list of choices, and the two together name one programme.
  specialty: z
    .string()
    .max(60)
    .refine((code) => specialty(code) !== undefined)
    .or(z.literal(""))
    .catch(""),
  university: z.string().max(40).catch(""),
  year: z.coerce.number().int().min(1).max(6).or(z.literal("")).catch(""),
  present: z.enum(["", "today"]).catch(""),
});
