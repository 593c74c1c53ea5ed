import { DEFAULT_EVALUATION_SETTINGS, PERIOD_MODES, SETTING_LIMITS, type EvaluationSettings, type PeriodMode } from "~/domain/evaluations";
import { ABSENCE_SETTING_LIMITS, COUNT_MODES, DEFAULT_ABSENCE_SETTINGS, type AbsenceSettings, type CountMode } from "~/domain/absences";
import { DEFAULT_YEAR_START, formatYearStart, parseYearStart, type YearStart } from "~/domain/teaching";
import { formatDayOfYear, parseDayOfYear, type DayOfYear } from "~/domain/dates";
import { DEFAULT_PATRON_DAY, isWorkingDay } from "~/domain/working-days";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

/**
 * Settings an administrator changes without a deployment, kept in the Setting table: the day the
 * academic year starts (docs/domain.md: contracts have started around November in recent years), and
 * the hour of the day, in the hospital, when the daily checks run and the digests go out.
 */
const ACADEMIC_YEAR_START = "academicYearStart";
const DIGEST_HOUR = "notifications.digestHour";
const EVALUATION_OPEN_DAYS = "evaluations.openDays";
const EVALUATION_DUE_DAYS = "evaluations.dueDays";
const EVALUATION_PERIOD = "evaluations.period";
const ABSENCE_PERSONAL_DAYS = "absences.personalDays";
const ABSENCE_COUNT_MODE = "absences.countMode";
const ABSENCE_SUSPENSION_AFTER = "absences.suspensionAfter";
const ABSENCE_RETENTION_YEARS = "absences.retentionYears";
const PATRON_DAY = "calendar.patronDay";

/** The digests' hour when none is set: early morning, before the wards' rounds. */
export const DEFAULT_DIGEST_HOUR = 7;

export async function digestHour(): Promise<number> {
  const row = await prisma.setting.findUnique({ where: { key: DIGEST_HOUR }, select: { value: true } });
  const hour = Number(row?.value);
  return row && Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : DEFAULT_DIGEST_HOUR;
}

export async function setDigestHour(hour: number, actorId: string): Promise<void> {
  await saveSetting(DIGEST_HOUR, String(hour), String(DEFAULT_DIGEST_HOUR), actorId);
}

export async function academicYearStart(): Promise<YearStart> {
  const row = await prisma.setting.findUnique({ where: { key: ACADEMIC_YEAR_START }, select: { value: true } });
  return parseYearStart(row?.value) ?? DEFAULT_YEAR_START;
}

export async function setAcademicYearStart(start: YearStart, actorId: string): Promise<void> {
  await saveSetting(ACADEMIC_YEAR_START, formatYearStart(start), formatYearStart(DEFAULT_YEAR_START), actorId);
}

/** When evaluations open and are due, and how long the residents' answers are gathered before release. */
export async function evaluationSettings(): Promise<EvaluationSettings> {
  const rows = await prisma.setting.findMany({
    where: { key: { in: [EVALUATION_OPEN_DAYS, EVALUATION_DUE_DAYS, EVALUATION_PERIOD] } },
    select: { key: true, value: true },
  });
  const value = (key: string) => rows.find((row) => row.key === key)?.value;
  const days = (key: string, limits: { min: number; max: number }, fallback: number) => {
    const number = Number(value(key));
    return value(key) !== undefined && Number.isInteger(number) && number >= limits.min && number <= limits.max ? number : fallback;
  };
  const period = value(EVALUATION_PERIOD);
  return {
    openDays: days(EVALUATION_OPEN_DAYS, SETTING_LIMITS.openDays, DEFAULT_EVALUATION_SETTINGS.openDays),
    dueDays: days(EVALUATION_DUE_DAYS, SETTING_LIMITS.dueDays, DEFAULT_EVALUATION_SETTINGS.dueDays),
    period: PERIOD_MODES.includes(period as PeriodMode) ? (period as PeriodMode) : DEFAULT_EVALUATION_SETTINGS.period,
  };
}

export async function setEvaluationSettings(settings: EvaluationSettings, actorId: string): Promise<void> {
  const defaults = DEFAULT_EVALUATION_SETTINGS;
  await saveSetting(EVALUATION_OPEN_DAYS, String(settings.openDays), String(defaults.openDays), actorId);
  await saveSetting(EVALUATION_DUE_DAYS, String(settings.dueDays), String(defaults.dueDays), actorId);
  await saveSetting(EVALUATION_PERIOD, settings.period, defaults.period, actorId);
}

/** The rules of residents' absences and the hospital's patron-saint day, with the legal values by default. */
export type AbsenceCalendar = AbsenceSettings & { patronDay: DayOfYear };

export async function absenceSettings(): Promise<AbsenceCalendar> {
  const rows = await prisma.setting.findMany({
    where: { key: { in: [ABSENCE_PERSONAL_DAYS, ABSENCE_COUNT_MODE, ABSENCE_SUSPENSION_AFTER, ABSENCE_RETENTION_YEARS, PATRON_DAY] } },
    select: { key: true, value: true },
  });
  const value = (key: string) => rows.find((row) => row.key === key)?.value;
  const whole = (key: string, limits: { min: number; max: number }, fallback: number) => {
    const number = Number(value(key));
    return value(key) !== undefined && Number.isInteger(number) && number >= limits.min && number <= limits.max ? number : fallback;
  };
  const mode = value(ABSENCE_COUNT_MODE);
  const defaults = DEFAULT_ABSENCE_SETTINGS;
  return {
    personalDays: whole(ABSENCE_PERSONAL_DAYS, ABSENCE_SETTING_LIMITS.personalDays, defaults.personalDays),
    countMode: COUNT_MODES.includes(mode as CountMode) ? (mode as CountMode) : defaults.countMode,
    suspensionAfter: whole(ABSENCE_SUSPENSION_AFTER, ABSENCE_SETTING_LIMITS.suspensionAfter, defaults.suspensionAfter),
    retentionYears: whole(ABSENCE_RETENTION_YEARS, ABSENCE_SETTING_LIMITS.retentionYears, defaults.retentionYears),
    patronDay: parseDayOfYear(value(PATRON_DAY)) ?? DEFAULT_PATRON_DAY,
  };
}

export async function setAbsenceSettings(settings: AbsenceCalendar, actorId: string): Promise<void> {
  const defaults = DEFAULT_ABSENCE_SETTINGS;
  await saveSetting(ABSENCE_PERSONAL_DAYS, String(settings.personalDays), String(defaults.personalDays), actorId);
  await saveSetting(ABSENCE_COUNT_MODE, settings.countMode, defaults.countMode, actorId);
  await saveSetting(ABSENCE_SUSPENSION_AFTER, String(settings.suspensionAfter), String(defaults.suspensionAfter), actorId);
  await saveSetting(ABSENCE_RETENTION_YEARS, String(settings.retentionYears), String(defaults.retentionYears), actorId);
  await saveSetting(PATRON_DAY, formatDayOfYear(settings.patronDay), formatDayOfYear(DEFAULT_PATRON_DAY), actorId);
}

/** Whether a day is a working day under the settings' patron-saint day. */
export function workingDayOf(settings: Pick<AbsenceCalendar, "patronDay">): (date: Date) => boolean {
  return (date) => isWorkingDay(date, settings.patronDay);
}

/** Writes a setting with its audit event, whose "before" is the default when it was never set. */
async function saveSetting(key: string, value: string, fallback: string, actorId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key }, select: { value: true } });
    await tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
    await recordAudit(tx, {
      actorId,
      action: "update",
      entityType: "setting",
      entityId: key,
      before: { value: before?.value ?? fallback },
      after: { value },
    });
  });
}
