import { hospitalToday, toIsoDate } from "~/domain/dates";
import { PAGE_SIZE } from "~/domain/list-query";
import {
  progress,
  trainingYears,
  versionInForce,
  type CountedEntry,
  type Degree,
  type EntryStatus,
  type ResidentProgress,
} from "~/domain/logbook";
import { refuse } from "~/domain/refusal";
import { prisma } from "~/utils/db.server";
import { catalogueVersions } from "./logbook-catalogue.server";
import { isInCare } from "./rotation.server";
import { academicYearStart } from "./settings.server";

/**
 * How far residents have come in their logbook (issue 16, part 4): certified counts against the minimums
 * of the catalogue version in force for their training year (app/domain/logbook.ts `progress`), for one
 * resident (their matrix) and for a programme (who is behind schedule). Training years follow the
 * academic-year setting; only certified entries count, pending ones are counted apart.
 */

const residentSelect = {
  id: true,
  yearOfTraining: true,
  programmeId: true,
  user: { select: { name: true } },
  programme: { select: { specialtyCode: true } },
} as const;

async function progressOf(where: { id: string } | { userId: string }, today: Date): Promise<ResidentProgress | null> {
  const resident = await prisma.resident.findUnique({ where, select: residentSelect });
  if (!resident) return null;
  const [versions, start, entries] = await Promise.all([
    catalogueVersions(resident.programmeId),
    academicYearStart(),
    prisma.logbookEntry.findMany({
      where: { residentId: resident.id, status: { in: ["certified", "pending"] } },
      select: { date: true, count: true, degree: true, status: true, activity: { select: { code: true } } },
    }),
  ]);
  const year = trainingYears(resident.yearOfTraining, today, start).at(-1)!;
  const version = versionInForce(versions, year.start);
  const result = progress({
    activities: version?.activities ?? [],
    trainingYear: resident.yearOfTraining,
    year,
    today,
    entries: entries.map((e): CountedEntry => ({
      code: e.activity.code,
      degree: e.degree as Degree,
      date: e.date,
      count: e.count,
      status: e.status as EntryStatus,
    })),
  });
  return {
    resident: {
      id: resident.id,
      name: resident.user.name,
      yearOfTraining: resident.yearOfTraining,
      programmeId: resident.programmeId,
      specialtyCode: resident.programme.specialtyCode,
    },
    trainingYear: resident.yearOfTraining,
    year: { start: toIsoDate(year.start), end: toIsoDate(year.end) },
    catalogue: version ? { version: version.version, validFrom: toIsoDate(version.validFrom) } : null,
    rows: result.rows,
    behind: result.behind,
    behindCount: result.behindCount,
    reached: result.reached,
    share: result.share,
  };
}

/** A resident's progress (by their resident record), or a 404 refusal when there is no such resident. Four queries. */
export async function residentProgress(residentId: string, today = hospitalToday()): Promise<ResidentProgress> {
  const found = await progressOf({ id: residentId }, today);
  if (!found) refuse(null, "logbookProgress.notFound", { status: 404 });
  return found;
}

/**
 * A resident's progress for a tutor: only a resident in their care, exactly as /tutor/residents lists
 * them (rotating now or within 60 days in their departments, or under their supervision); anyone else is
 * a 404, as if they did not exist.
 */
export async function tutorResidentProgress(tutorId: string, residentId: string, today = hospitalToday()): Promise<ResidentProgress> {
  if (!(await isInCare(tutorId, residentId, today))) refuse(null, "logbookProgress.notFound", { status: 404 });
  return residentProgress(residentId, today);
}

/** The same, for the holder of a logbook extract (by their user id); null for someone who is not a resident. */
export async function residentProgressOfUser(userId: string, today = hospitalToday()): Promise<ResidentProgress | null> {
  return progressOf({ userId }, today);
}

export const PROGRESS_SORTS = ["name", "reached", "behind"] as const;
export type ProgressSort = (typeof PROGRESS_SORTS)[number];

export type ProgrammeProgressRow = {
  id: string;
  name: string;
  yearOfTraining: number;
  /** The share of the year's pro rata minimums reached (0…1). */
  reached: number;
  /** How many minimums are behind their pro rata count. */
  behindCount: number;
};

/**
 * A programme's residents and how far they are in their current training year: every resident, or only
 * those behind schedule; sorted by name, share reached or minimums behind; one page (or all, for the CSV).
 * Six queries whatever the number of residents: the training year's dates are the same for everyone
 * (the academic-year setting), so one catalogue version measures them all and one grouped read counts
 * their certified entries.
 */
export async function programmeProgress(
  programmeId: string,
  today: Date,
  query: { sort: ProgressSort; dir: "asc" | "desc"; page: number; show: "behind" | "all" },
  { all = false }: { all?: boolean } = {},
) {
  const programme = await prisma.programme.findUnique({
    where: { id: programmeId },
    select: { id: true, specialtyCode: true, university: { select: { name: true } } },
  });
  if (!programme) refuse(null, "logbookProgress.notFound", { status: 404 });
  const [start, versions, residents] = await Promise.all([
    academicYearStart(),
    catalogueVersions(programmeId),
    prisma.resident.findMany({
      where: { programmeId },
      select: { id: true, yearOfTraining: true, user: { select: { name: true } } },
    }),
  ]);
  const year = trainingYears(1, today, start)[0]!;
  const version = versionInForce(versions, year.start);
  const codeOf = new Map(versions.flatMap((v) => v.activities.map((a) => [a.id, a.code] as const)));
  const counts = version
    ? await prisma.logbookEntry.groupBy({
        by: ["residentId", "activityId", "degree"],
        where: { resident: { programmeId }, status: "certified", date: { gte: year.start, lte: year.end } },
        _sum: { count: true },
      })
    : [];
  const byResident = new Map<string, CountedEntry[]>();
  for (const c of counts) {
    const code = codeOf.get(c.activityId);
    if (!code) continue;
    const list = byResident.get(c.residentId) ?? [];
    list.push({ code, degree: c.degree as Degree, date: year.start, count: c._sum.count ?? 0, status: "certified" });
    byResident.set(c.residentId, list);
  }
  const rows = residents.map((r): ProgrammeProgressRow => {
    const result = progress({
      activities: version?.activities ?? [],
      trainingYear: r.yearOfTraining,
      year,
      today,
      entries: byResident.get(r.id) ?? [],
    });
    return { id: r.id, name: r.user.name, yearOfTraining: r.yearOfTraining, reached: result.reached, behindCount: result.behindCount };
  });
  const shown = query.show === "all" ? rows : rows.filter((r) => r.behindCount > 0);
  const sign = query.dir === "desc" ? -1 : 1;
  const byName = (a: ProgrammeProgressRow, b: ProgrammeProgressRow) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  shown.sort((a, b) => {
    const primary = query.sort === "reached" ? a.reached - b.reached : query.sort === "behind" ? a.behindCount - b.behindCount : 0;
    return sign * (primary || byName(a, b));
  });
  const page = all ? shown : shown.slice((query.page - 1) * PAGE_SIZE, query.page * PAGE_SIZE);
  return {
    programme,
    year: { start: toIsoDate(year.start), end: toIsoDate(year.end) },
    catalogue: version ? { version: version.version, validFrom: toIsoDate(version.validFrom) } : null,
    total: shown.length,
    residents: rows.length,
    rows: page,
  };
}
