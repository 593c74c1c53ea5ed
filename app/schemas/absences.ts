import { ABSENCE_SETTING_LIMITS, COUNT_MODES, PROTECTED_TYPES } from "~/domain/absences";
import { isoDate } from "./dates";
import { z } from "./z";

const id = z.string().trim().min(1).max(64);
/** Free text of a request or a decision: at most 500 characters. */
export const ABSENCE_TEXT_LENGTH = 500;
const reason = (required: string) =>
  z.string({ error: required }).trim().min(1, { error: required }).max(ABSENCE_TEXT_LENGTH, { error: "errors.tooLong" });

/** /me/absences: request leave, or cancel a request or leave not yet begun. */
export const myAbsenceSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("request"),
    startDate: isoDate,
    endDate: isoDate,
    note: z.string().trim().max(ABSENCE_TEXT_LENGTH, { error: "errors.tooLong" }).optional(),
  }),
  z.object({ intent: z.literal("cancel"), absenceId: id }),
]);

/**
 * /tutor/absences and /admin/absences: approve a request, or decline it with a reason. An administrator
 * approving beyond the yearly allowance gives a reason too (the model asks for it).
 */
export const decideLeaveSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("approve"),
    absenceId: id,
    reason: z.string().trim().max(ABSENCE_TEXT_LENGTH, { error: "errors.tooLong" }).optional(),
  }),
  z.object({ intent: z.literal("decline"), absenceId: id, reason: reason("absences.errors.reasonRequired") }),
]);

const number = (min: number, max: number, error: string) =>
  z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });

/** The absence settings on /admin/settings. */
export const absenceSettingsSchema = z
  .object({
    personalDays: number(
      ABSENCE_SETTING_LIMITS.personalDays.min,
      ABSENCE_SETTING_LIMITS.personalDays.max,
      "absences.settings.personalDaysInvalid",
    ),
    countMode: z.enum(COUNT_MODES, { error: "absences.settings.countModeInvalid" }),
    suspensionAfter: number(
      ABSENCE_SETTING_LIMITS.suspensionAfter.min,
      ABSENCE_SETTING_LIMITS.suspensionAfter.max,
      "absences.settings.suspensionAfterInvalid",
    ),
    retentionYears: number(
      ABSENCE_SETTING_LIMITS.retentionYears.min,
      ABSENCE_SETTING_LIMITS.retentionYears.max,
      "absences.settings.retentionYearsInvalid",
    ),
    patronMonth: number(1, 12, "absences.settings.patronDayInvalid"),
    patronDay: number(1, 31, "absences.settings.patronDayInvalid"),
  })
  .refine(({ patronMonth, patronDay }) => new Date(Date.UTC(2024, patronMonth - 1, patronDay)).getUTCDate() === patronDay, {
    error: "absences.settings.patronDayInvalid",
    path: ["patronDay"],
  });

/** /admin/residents/:residentId/absences: record a protected absence or leave after the fact, or withdraw one. */
export const residentAbsenceSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("record"),
    kind: z.enum(["protected", "personal"], { error: "absences.errors.kindRequired" }),
    protectedType: z.enum(PROTECTED_TYPES, { error: "absences.errors.typeRequired" }).optional(),
    startDate: isoDate,
    endDate: isoDate,
    reason: z.string().trim().max(ABSENCE_TEXT_LENGTH, { error: "errors.tooLong" }).optional(),
    /** A protected absence's supporting PDF (checked by the model: a PDF of at most 10 MB). */
    document: z.instanceof(File).optional(),
  }),
  z.object({ intent: z.literal("withdraw"), absenceId: id, reason: reason("absences.errors.reasonRequired") }),
  z.object({
    intent: z.literal("change"),
    absenceId: id,
    startDate: isoDate,
    endDate: isoDate,
    reason: reason("absences.errors.reasonRequired"),
  }),
]);
