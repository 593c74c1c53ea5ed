import { DEFAULT_YEAR_START, formatYearStart, parseYearStart, type YearStart } from "~/domain/teaching";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

/**
 * Settings an administrator changes without a deployment, kept in the Setting table: the day the
 * academic year starts (docs/domain.md: contracts have started around November in recent years), and
 * the hour of the day, in the hospital, when the daily checks run and the digests go out.
 */
const ACADEMIC_YEAR_START = "academicYearStart";
const DIGEST_HOUR = "notifications.digestHour";

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
