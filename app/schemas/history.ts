import { z } from "~/schemas/z";
import { parseIsoDate } from "~/domain/dates";
import { HISTORY_RECORD_TYPES } from "~/domain/history";
import { pageNumber } from "./list-query";

/** A day from an <input type="date">, kept as typed ("2026-03-01"); anything else means no limit. */
const day = z
  .string()
  .trim()
  .refine((value) => value === "" || parseIsoDate(value) !== null)
  .catch("");

/**
 * The administrators' history (/admin/history) in the URL: record type, record id, person who acted
 * (a user id, or "system" for changes nobody signed in made), action, days from and to, page.
 * Unknown or malformed values mean "no filter", as in every list.
 */
export const historyQuerySchema = z.object({
  type: z.enum(HISTORY_RECORD_TYPES).or(z.literal("")).catch(""),
  record: z.string().trim().max(100).catch(""),
  actor: z.string().trim().max(40).catch(""),
  action: z
    .string()
    .trim()
    .regex(/^[a-z-]{0,40}$/)
    .catch(""),
  from: day,
  to: day,
  page: pageNumber,
});
export type HistoryQuery = z.output<typeof historyQuerySchema>;

/** The value of the person filter for changes made by the system (no one signed in). */
export const SYSTEM_ACTOR = "system";

/** A resident's own history takes nothing but a page number: no id can be put in its URL. */
export const ownHistoryQuerySchema = z.object({ page: pageNumber });
