import { z } from "~/schemas/z";
import { MAX_SERIES_SESSIONS, MAX_SESSION_MINUTES, parseTime, REPEATS, seriesLength, TEACHING_TYPES } from "~/domain/teaching";
import { isoDate, optionalIsoDate } from "./dates";
import { pageNumber } from "./list-query";

/**
 * The forms with which tutors log, move and cancel teaching sessions. Messages are translation keys;
 * "teaching.errors.tooManySessions" is shown with the number of sessions asked for (the form knows it).
 */
export const MIN_SESSION_MINUTES = 5;

const link = z
  .string()
  .trim()
  .max(500, { error: "teaching.errors.linkTooLong" })
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "https:" || url.protocol === "http:") && Boolean(url.hostname);
      } catch {
        return false;
      }
    },
    { error: "teaching.errors.linkInvalid" },
  );

const id = z.string().min(1).max(40);

/** What a session is, shared by the form that logs it and the one that edits it. */
const sessionFields = {
  title: z
    .string({ error: "teaching.errors.titleRequired" })
    .trim()
    .min(2, { error: "teaching.errors.titleTooShort" })
    .max(200, { error: "teaching.errors.titleTooLong" }),
  type: z.enum(TEACHING_TYPES, { error: "teaching.errors.typeRequired" }),
  date: isoDate,
  startTime: z
    .string({ error: "teaching.errors.timeRequired" })
    .trim()
    .refine((value) => parseTime(value) !== null, { error: "teaching.errors.timeInvalid" }),
  durationMinutes: z.coerce
    .number({ error: "teaching.errors.durationInvalid" })
    .int({ error: "teaching.errors.durationInvalid" })
    .min(MIN_SESSION_MINUTES, { error: "teaching.errors.durationTooShort" })
    .max(MAX_SESSION_MINUTES, { error: "teaching.errors.durationTooLong" }),
  place: z.string().trim().max(200, { error: "teaching.errors.placeTooLong" }).optional(),
  link: link.optional(),
  departmentId: id.optional(),
  programmeIds: z.array(id, { error: "teaching.errors.programmeRequired" }).min(1, { error: "teaching.errors.programmeRequired" }).max(100),
  coTutorIds: z.array(id).max(20, { error: "teaching.errors.tooManyCoTutors" }).default([]),
};

/** Logging one session, or a weekly or fortnightly series of them up to a last day (at most 52). */
export const teachingCreateSchema = z
  .object({
    ...sessionFields,
    repeat: z.enum(REPEATS, { error: "errors.required" }).default("once"),
    until: optionalIsoDate,
  })
  .superRefine((v, ctx) => {
    if (v.repeat === "once") return;
    const issue = (message: string) => ctx.addIssue({ code: "custom", path: ["until"], message });
    if (!(v.until instanceof Date)) return issue("teaching.errors.untilRequired");
    // The first day's own problems are reported on it; the last day is judged against a valid one only.
    if (!(v.date instanceof Date)) return;
    if (v.until < v.date) return issue("teaching.errors.untilBeforeDate");
    if (seriesLength(v.date, v.repeat, v.until) > MAX_SERIES_SESSIONS) issue("teaching.errors.tooManySessions");
  });
export type TeachingCreateInput = z.output<typeof teachingCreateSchema>;

/** Editing or moving one session (of a series or not): the same fields, and the version it was loaded at. */
export const teachingUpdateSchema = z.object({
  ...sessionFields,
  intent: z.literal("update"),
  version: z.string({ error: "errors.required" }).max(40),
});
export type TeachingUpdateInput = z.output<typeof teachingUpdateSchema>;

/** Cancelling one session: the session stays in the record with the reason. */
export const teachingCancelSchema = z.object({
  intent: z.literal("cancel"),
  version: z.string({ error: "errors.required" }).max(40),
  reason: z
    .string({ error: "teaching.errors.reasonRequired" })
    .trim()
    .min(1, { error: "teaching.errors.reasonRequired" })
    .max(500, { error: "teaching.errors.reasonTooLong" }),
});
export type TeachingCancelInput = z.output<typeof teachingCancelSchema>;

/** The tutor's list of sessions: which half (upcoming or past) and which page. */
export const teachingListQuerySchema = z.object({
  show: z.enum(["upcoming", "past"]).catch("upcoming"),
  page: pageNumber,
});
export type TeachingListQuery = z.output<typeof teachingListQuerySchema>;
