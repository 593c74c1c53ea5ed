import { z } from "~/schemas/z";
import { listQuerySchema } from "./list-query";

const optionalText = (max: number) => z.string().trim().max(max, { error: "errors.tooLong" }).optional();

/** A university, as administrators enter it. Messages are translation keys. */
export const universitySchema = z.object({
  name: z.string({ error: "errors.required" }).trim().min(2, { error: "errors.nameTooShort" }).max(200, { error: "errors.tooLong" }),
  shortName: optionalText(20),
  city: z.string({ error: "errors.required" }).trim().min(2, { error: "errors.nameTooShort" }).max(100, { error: "errors.tooLong" }),
  contactOffice: optionalText(200),
  contactEmail: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, { error: "errors.emailInvalid" })
    .pipe(z.email({ error: "errors.emailInvalid" }))
    .optional(),
});
export type UniversityInput = z.output<typeof universitySchema>;

export const recordVersion = { version: z.string({ error: "errors.required" }).max(40) };

export const UNIVERSITY_SORTS = ["name", "city", "updatedAt"] as const;

/** The list's URL parameters; anything malformed falls back to the default. */
export const universityQuerySchema = listQuerySchema(UNIVERSITY_SORTS).extend({
  city: z.string().trim().max(100).catch(""),
  status: z.enum(["active", "archived", "all"]).catch("active"),
});
