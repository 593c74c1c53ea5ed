import { DEFAULT_YEAR_START, formatYearStart, parseYearStart, type YearStart } from "~/domain/teaching";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

/**
 * Settings an administrator changes without a deployment, kept in the Setting table. Today: the day
 * the academic year starts (docs/domain.md: contracts have started around November in recent years).
 */
const ACADEMIC_YEAR_START = "academicYearStart";

export async function academicYearStart(): Promise<YearStart> {
  const row = await prisma.setting.findUnique({ where: { key: ACADEMIC_YEAR_START }, select: { value: true } });
  return parseYearStart(row?.value) ?? DEFAULT_YEAR_START;
}

export async function setAcademicYearStart(start: YearStart, actorId: string): Promise<void> {
  const value = formatYearStart(start);
  await prisma.$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: ACADEMIC_YEAR_START }, select: { value: true } });
    await tx.setting.upsert({ where: { key: ACADEMIC_YEAR_START }, create: { key: ACADEMIC_YEAR_START, value }, update: { value } });
    await recordAudit(tx, {
      actorId,
      action: "update",
      entityType: "setting",
      entityId: ACADEMIC_YEAR_START,
      before: { value: before?.value ?? formatYearStart(DEFAULT_YEAR_START) },
      after: { value },
    });
  });
}
