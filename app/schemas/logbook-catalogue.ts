import { CATALOGUE_FILE_LIMITS } from "~/domain/logbook-catalogue";
import { isoDate } from "./dates";
import { z } from "./z";

/**
 * The catalogue page's writes (/admin/programmes/:programmeId/logbook): apply a previewed file (its text
 * comes back in a hidden field and is read again on the server) or copy another programme's catalogue,
 * each as a new version from a first day. The preview's upload is read by the route (a file, not a field).
 */
export const catalogueSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("apply"),
    csv: z
      .string({ error: "logbookCatalogue.errors.empty" })
      .min(1, { error: "logbookCatalogue.errors.empty" })
      .max(CATALOGUE_FILE_LIMITS.bytes),
    validFrom: isoDate,
  }),
  z.object({
    intent: z.literal("copy"),
    fromProgrammeId: z.string({ error: "logbookCatalogue.chooseProgramme" }).trim().min(1).max(64),
    validFrom: isoDate,
  }),
]);
