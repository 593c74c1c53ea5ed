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
