import { hospitalToday, toIsoDate } from "~/domain/dates";
import { parseMinimums, versionInForce, type CatalogueActivity } from "~/domain/logbook";
import { CATALOGUE_FILE_LIMITS, parseCatalogueRows, type ParsedCatalogue } from "~/domain/logbook-catalogue";
import { notFound, refuse, Refused } from "~/domain/refusal";
import { parseCsv } from "~/utils/csv";
import { prisma, type Prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

/**
 * Programmes' logbook catalogues: versions of activities with their minimum counts (app/domain/logbook.ts).
 * A version is never changed once written; a change is a new version.
 */

export type CatalogueVersion = {
  id: string;
  version: number;
  validFrom: Date;
  createdAt: Date;
  activities: Array<CatalogueActivity & { id: string }>;
};

/** Every version of a programme's catalogue with its activities in order, oldest first. */
export async function catalogueVersions(programmeId: string): Promise<CatalogueVersion[]> {
  const rows = await prisma.logbookCatalogue.findMany({
    where: { programmeId },
    orderBy: { version: "asc" },
    select: {
      id: true,
      version: true,
      validFrom: true,
      createdAt: true,
      activities: {
        orderBy: { position: "asc" },
        select: { id: true, code: true, category: true, labelIt: true, labelEn: true, minimums: true },
      },
    },
  });
  return rows.map((row) => ({ ...row, activities: row.activities.map((a) => ({ ...a, minimums: parseMinimums(a.minimums) })) }));
}

export type CatalogueSummary = { version: number; validFrom: Date; createdAt: Date; createdBy: string | null; activities: number };

/**
 * What the catalogue page shows: every version of a programme's catalogue (newest first), the one in
 * force today, and the chosen version with its activities (the one in force unless told).
 */
export async function catalogueOf(programmeId: string, version?: number, today = hospitalToday()) {
  const rows = await prisma.logbookCatalogue.findMany({
    where: { programmeId },
    orderBy: { version: "desc" },
    select: {
      version: true,
      validFrom: true,
      createdAt: true,
      createdBy: { select: { name: true } },
      _count: { select: { activities: true } },
    },
  });
  const versions: CatalogueSummary[] = rows.map((r) => ({
    version: r.version,
    validFrom: r.validFrom,
    createdAt: r.createdAt,
    createdBy: r.createdBy?.name ?? null,
    activities: r._count.activities,
  }));
  const inForce = versionInForce(versions, today)?.version ?? null;
  const wanted = version !== undefined && versions.some((v) => v.version === version) ? version : inForce;
  const chosen = wanted === null ? null : await versionActivities(programmeId, wanted);
  return { versions, inForce, chosen: chosen && { version: wanted!, activities: chosen } };
}

/** The activities of one version of a programme's catalogue, in order; null when there is no such version. */
export async function versionActivities(programmeId: string, version: number): Promise<CatalogueActivity[] | null> {
  const row = await prisma.logbookCatalogue.findUnique({
    where: { programmeId_version: { programmeId, version } },
    select: {
      activities: {
        orderBy: { position: "asc" },
        select: { code: true, category: true, labelIt: true, labelEn: true, minimums: true },
      },
    },
  });
  return row && row.activities.map((a) => ({ ...a, minimums: parseMinimums(a.minimums) }));
}

/** The activities of the version of a programme's catalogue in force today, or null when it has none. */
export async function activitiesInForce(programmeId: string, today = hospitalToday()): Promise<CatalogueActivity[] | null> {
  const versions = await prisma.logbookCatalogue.findMany({ where: { programmeId }, select: { version: true, validFrom: true } });
  const inForce = versionInForce(versions, today);
  return inForce ? versionActivities(programmeId, inForce.version) : null;
}

/** The programme a catalogue page is about: its specialty, university and length; null when there is none. */
export function catalogueProgramme(id: string) {
  return prisma.programme.findUnique({
    where: { id },
    select: { id: true, specialtyCode: true, durationYears: true, university: { select: { name: true } } },
  });
}

/** The programmes other than this one that have a catalogue to copy from, with their university. */
export async function programmesWithCatalogue(exceptId: string) {
  return prisma.programme.findMany({
    where: { id: { not: exceptId }, logbookCatalogues: { some: {} } },
    orderBy: [{ specialtyCode: "asc" }, { university: { name: "asc" } }],
    select: { id: true, specialtyCode: true, university: { select: { name: true } } },
  });
}

/**
 * Reads a catalogue file's text into activities or every line's problems. A file that is not text, or
 * larger than any catalogue, is refused beside the file field.
 */
export function readCatalogueFile(text: string): ParsedCatalogue {
  if (Buffer.byteLength(text) > CATALOGUE_FILE_LIMITS.bytes) {
    refuse("file", "logbookCatalogue.errors.tooLarge", { values: { max: CATALOGUE_FILE_LIMITS.bytes / 1024 }, status: 413 });
  }
  if (text.includes("\u0000")) refuse("file", "logbookCatalogue.errors.notText", { status: 400 });
  return parseCatalogueRows(parseCsv(text));
}

type Tx = Prisma.TransactionClient;

/**
 * Writes activities as the programme's next version, in force from `validFrom`, which must come after
 * the latest version's first day (an earlier one would rewrite what was measured); one audit event.
 */
async function writeVersion(
  tx: Tx,
  input: { actorId: string; action: "create" | "copy"; programmeId: string; validFrom: Date; activities: CatalogueActivity[] },
) {
  const latest = await tx.logbookCatalogue.findFirst({
    where: { programmeId: input.programmeId },
    orderBy: { version: "desc" },
    select: { version: true, validFrom: true },
  });
  if (latest && input.validFrom <= latest.validFrom) {
    refuse("validFrom", "logbookCatalogue.validFromNotAfter", { values: { day: toIsoDate(latest.validFrom), version: latest.version } });
  }
  const version = (latest?.version ?? 0) + 1;
  const catalogue = await tx.logbookCatalogue.create({
    data: {
      programmeId: input.programmeId,
      version,
      validFrom: input.validFrom,
      createdById: input.actorId,
      activities: {
        create: input.activities.map((a, position) => ({
          code: a.code,
          category: a.category,
          labelIt: a.labelIt,
          labelEn: a.labelEn,
          position,
          minimums: JSON.stringify(a.minimums),
        })),
      },
    },
    select: { id: true, version: true },
  });
  await recordAudit(tx, {
    actorId: input.actorId,
    action: input.action,
    entityType: "logbookCatalogue",
    entityId: catalogue.id,
    before: null,
    after: { programmeId: input.programmeId, version, validFrom: input.validFrom, activities: input.activities.length },
  });
  return catalogue;
}

/** Two administrators wrote a version of the same catalogue at once: the second is told, nothing of it stays. */
function versionTaken(error: unknown): never {
  if (error instanceof Refused) throw error;
  if (error && typeof error === "object" && "code" in error && error.code === "P2002") refuse(null, "logbookCatalogue.changedMeanwhile");
  throw error;
}

async function requireProgramme(id: string) {
  const programme = await prisma.programme.findUnique({ where: { id }, select: { id: true } });
  if (!programme) notFound();
}

/**
 * Imports a catalogue file as the programme's next version, all or nothing: the file is read again here
 * (the preview's text comes back from the browser), and a file with any line's problem writes nothing.
 */
export async function importCatalogue(actorId: string, programmeId: string, csvText: string, validFrom: Date) {
  await requireProgramme(programmeId);
  const parsed = readCatalogueFile(csvText);
  if (parsed.errors.length) refuse("file", "logbookCatalogue.fileHasErrors", { values: { count: parsed.errors.length }, status: 400 });
  return prisma
    .$transaction((tx) => writeVersion(tx, { actorId, action: "create", programmeId, validFrom, activities: parsed.activities }))
    .catch(versionTaken);
}

/** Copies the version of another programme's catalogue in force today as this programme's next version. */
export async function copyCatalogue(actorId: string, programmeId: string, fromProgrammeId: string, validFrom: Date) {
  await requireProgramme(programmeId);
  if (fromProgrammeId === programmeId) refuse("fromProgrammeId", "logbookCatalogue.copyFromItself", { status: 400 });
  const activities = await activitiesInForce(fromProgrammeId);
  if (!activities?.length) refuse("fromProgrammeId", "logbookCatalogue.nothingToCopy", { status: 400 });
  return prisma.$transaction((tx) => writeVersion(tx, { actorId, action: "copy", programmeId, validFrom, activities })).catch(versionTaken);
}
