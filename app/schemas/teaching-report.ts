import { z } from "~/schemas/z";
import { lastDayOfLongestPeriod, REPORT_FIGURES, REPORT_GROUPINGS } from "~/domain/teaching-report";
import { optionalDay } from "./dates";
import { pageNumber } from "./list-query";

/**
 * The report's address: a period (both days, or neither for the current academic year, which only
 * the server knows), the grouping shown, and for the sessions behind a figure which group and figure.
 * Messages are translation keys.
 */
export const reportQuerySchema = z
  .object({
    from: optionalDay,
    to: optionalDay,
    by: z.enum(REPORT_GROUPINGS).catch("programme"),
    page: pageNumber,
  })
  .superRefine((v, ctx) => {
    if (v.from && !v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "teachingReport.errors.periodIncomplete" });
    if (!v.from && v.to) ctx.addIssue({ code: "custom", path: ["from"], message: "teachingReport.errors.periodIncomplete" });
    // A day that did not parse has its issue already, and no date to compare (zod still runs this).
    if (!(v.from instanceof Date) || !(v.to instanceof Date)) return;
    if (v.to < v.from) ctx.addIssue({ code: "custom", path: ["to"], message: "teachingReport.errors.periodOrder" });
    else if (v.to > lastDayOfLongestPeriod(v.from))
      ctx.addIssue({ code: "custom", path: ["to"], message: "teachingReport.errors.periodTooLong" });
  });
export type ReportQueryInput = z.output<typeof reportQuerySchema>;

export const sessionsQuerySchema = z.object({
  /** The group's id; empty for every delivered session of the period. */
  id: z.string().trim().max(40).catch(""),
  figure: z.enum(REPORT_FIGURES).catch("delivered"),
  page: pageNumber,
});
