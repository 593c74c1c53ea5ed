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
