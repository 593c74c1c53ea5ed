import { z } from "~/schemas/z";
import { CERTIFICATE_KINDS } from "~/domain/certificate";
import { LOCALES } from "~/i18n/locale";
import { isoDate } from "./dates";

/** Who a certificate is for: the form on a resident's or a tutor's page names them. */
export const certificateHolderSchema = z.object({
  kind: z.enum(CERTIFICATE_KINDS),
  holderId: z.string().trim().min(1).max(64),
});

/** The period and language of a certificate, from the issuing form. */
export const certificateRequestSchema = z.object({
  from: isoDate,
  to: isoDate,
  locale: z.enum(LOCALES, { error: "certificates.notIssued.language" }),
});

/** The rotation a logbook extract covers: empty for the whole period. */
export const extractRotationSchema = z.union([z.literal(""), z.string().trim().min(1).max(64)]);

/** What a logbook extract covers besides its period: one rotation instead, and the signed evaluations (a checkbox). */
export const extractOptionsSchema = z.object({
  rotationId: extractRotationSchema,
  evaluations: z
    .literal("on")
    .optional()
    .transform((value) => value === "on"),
});

/** The period (or rotation) of a resident's certified entries as CSV; without one, the current academic year. */
export const extractQuerySchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  rotationId: extractRotationSchema.optional(),
});
