import { z } from "~/schemas/z";
import { parseIsoDate } from "~/domain/dates";

/** A calendar day from an <input type="date"> ("2026-11-23"), as UTC midnight. */
export const isoDate = z.string({ error: "errors.required" }).transform((value, ctx) => {
  const date = parseIsoDate(value);
  if (!date) {
    ctx.issues.push({ code: "custom", message: "errors.dateInvalid", input: value });
    return z.NEVER;
  }
  return date;
});

export const optionalIsoDate = isoDate.optional();

/** A day from a page's address, or null when absent or empty ("2026-11-23", at most 20 characters). */
export const optionalDay = z
  .string()
  .trim()
  .max(20, { error: "errors.dateInvalid" })
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const date = parseIsoDate(value);
    if (!date) {
      ctx.issues.push({ code: "custom", message: "errors.dateInvalid", input: value });
      return z.NEVER;
    }
    return date;
  });
