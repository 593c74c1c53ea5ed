import { hospitalToday, toIsoDate } from "~/domain/dates";
import {
  agreementRows,
  figureRows,
  lastAgreementChangeDay,
  latest,
  programmeRows,
  yearsCovered,
  type AgreementRow,
  type FigureRow,
  type OpenRegister,
  type ProgrammeRow,
  type YearTallies,
} from "~/domain/open-data";
import { sessionStart, type AcademicYear, type YearStart } from "~/domain/teaching";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { remembered } from "~/utils/read-cache.server";
import type { AuditEntity } from "./audit.server";
import { academicYearStart } from "./settings.server";

/**
 * The reads behind the open data (/open and its files), a fixed number of queries whatever the size
 * of the hospital, remembered until the data changes (read-cache.server.ts): anyone may ask for them. Each dataset comes with `lastModified`, the instant its content last changed, for
 * the caching headers: the latest change to the records it is built from (their updatedAt, or the
 * latest audit event of their kind, which also covers deletions), or the hospital's midnight of the
 * last day on which its content changed by itself (an agreement coming into or out of force, a new
 * academic year).
 */

export type OpenDataset<Row> = { rows: Row[]; lastModified: Date };

/** The hospital's midnight at the start of a day (stored as UTC midnight). */
const midnight = (day: Date | null) => (day ? sessionStart({ date: day, startTime: "00:00" }) : null);

/** The latest audit event of each kind of record: one query. */
async function lastAuditEvents(): Promise<(...kinds: AuditEntity[]) => Date | null> {
  const groups = await prisma.auditEvent.groupBy({ by: ["entityType"], _max: { at: true } });
  const at = new Map(groups.map((g) => [g.entityType, g._max.at]));
  return (...kinds) => latest(...kinds.map((kind) => at.get(kind)));
}

const universitySelect = { id: true, name: true, shortName: true, city: true, updatedAt: true } as const;
const programmeSelect = {
  id: true,
  universityId: true,
  specialtyCode: true,
  durationYears: true,
  archivedAt: true,
  updatedAt: true,
} as const;

/** Universities, programmes (archived ones too, for past years' figures) and signed agreements, and the audit: four queries. */
async function register(today: Date) {
  const [universities, programmes, agreements, audit] = await Promise.all([
    prisma.university.findMany({ select: universitySelect }),
    prisma.programme.findMany({ select: programmeSelect }),
    prisma.agreement.findMany({
      where: { signedOn: { not: null } },
      select: {
        id: true,
        universityId: true,
        facilityRole: true,
        startDate: true,
        endDate: true,
        signedOn: true,
        terminatedOn: true,
        createdAt: true,
        updatedAt: true,
        programmes: { select: { programmeId: true, posts: true } },
      },
    }),
    lastAuditEvents(),
  ]);
  const data: OpenRegister = { universities, programmes, agreements };
  const lastModified = latest(
    ...[...universities, ...programmes, ...agreements].map((row) => row.updatedAt),
    audit("university", "programme", "agreement"),
    midnight(lastAgreementChangeDay(agreements, today)),
  );
  return { data, lastModified };
}

/** The programmes hosted, with the posts agreements in force grant them today. */
export function openProgrammes(today = hospitalToday()): Promise<OpenDataset<ProgrammeRow>> {
  return remembered(`open-programmes:${toIsoDate(today)}`, async () => {
    const { data, lastModified } = await register(today);
    return { rows: programmeRows(data, today), lastModified };
  });
}

/** The agreements in force today, with the programmes they cover and their posts. */
export function openAgreements(today = hospitalToday()): Promise<OpenDataset<AgreementRow>> {
  return remembered(`open-agreements:${toIsoDate(today)}`, async () => {
    const { data, lastModified } = await register(today);
    return { rows: agreementRows(data, today), lastModified };
  });
}

export type OpenFigures = OpenDataset<FigureRow> & { years: AcademicYear[]; yearStart: YearStart };

/** Residents hosted and teaching hours delivered per programme, rotations per department, for the current academic year and the four before. */
export function openFigures(today = hospitalToday()): Promise<OpenFigures> {
  // Five years of stays, rotations and teaching: seconds at national scale, and anyone may ask.
  return remembered(`open-figures:${toIsoDate(today)}`, () => figuresOn(today));
}

/**
 * Each year's counts, by the database: one statement per measure, a column per year, whatever the number
 * of stays, rotations and sessions (read into JavaScript, five national years took 8 s). The conditions are
 * those of yearTallies (app/domain/open-data.ts), which the model test holds them to: a stay or a rotation
 * not cancelled counts in a year it meets by a day; a delivered session's minutes count once for each
 * programme it is meant for, in the year of its date. Each measure is remembered apart, so that a rotation
 * changed counts the rotations again, not the stays and the sessions (0.2 and 0.7 s at national size).
 */
async function talliesOf(years: AcademicYear[]): Promise<YearTallies[]> {
  const from = years[0]!.start;
  const to = years[years.length - 1]!.end;
  const perYear = (amount: (year: AcademicYear) => Prisma.Sql) =>
    Prisma.join(years.map((year, i) => Prisma.sql`SUM(${amount(year)}) AS ${Prisma.raw(`"y${i}"`)}`));
  const meets = (start: Prisma.Sql, end: Prisma.Sql) => (year: AcademicYear) =>
    Prisma.sql`CASE WHEN ${start} <= ${year.end} AND ${end} >= ${year.start} THEN 1 ELSE 0 END`;
  type Counted = { key: string } & Record<string, number | bigint | null>;
  const span = `${toIsoDate(from)}:${toIsoDate(to)}`;
  // One after the other, and before the page's other reads: a remembered read notes the tables of every
  // statement sent while it runs (read-cache.server.ts), so each measure would otherwise depend on all.
  const hosted = await remembered(
    `open-figures:hosted:${span}`,
    () => prisma.$queryRaw<Counted[]>`
      SELECT "programmeId" AS "key", ${perYear(meets(Prisma.sql`"stayStart"`, Prisma.sql`"stayEnd"`))}
      FROM "Resident" WHERE "stayStart" <= ${to} AND "stayEnd" >= ${from}
      GROUP BY "programmeId"`,
  );
  const minutes = await remembered(
    `open-figures:minutes:${span}`,
    () => prisma.$queryRaw<Counted[]>`
      SELECT tp."programmeId" AS "key",
        ${perYear((year) => Prisma.sql`CASE WHEN s."date" >= ${year.start} AND s."date" <= ${year.end} THEN s."durationMinutes" ELSE 0 END`)}
      FROM "TeachingSession" s JOIN "TeachingProgramme" tp ON tp."sessionId" = s."id"
      WHERE s."cancelledAt" IS NULL AND s."confirmedAt" IS NOT NULL AND s."date" >= ${from} AND s."date" <= ${to}
      GROUP BY tp."programmeId"`,
  );
  const rotations = await remembered(
    `open-figures:rotations:${span}`,
    () => prisma.$queryRaw<Counted[]>`
      SELECT "departmentId" AS "key", ${perYear(meets(Prisma.sql`"startDate"`, Prisma.sql`"endDate"`))}
      FROM "Rotation" WHERE "state" <> 'cancelled' AND "startDate" <= ${to} AND "endDate" >= ${from}
      GROUP BY "departmentId"`,
  );
  // A key with nothing in a year is left out of that year, as the domain's tally leaves it.
  const ofYear = (rows: Counted[], i: number) =>
    new Map(rows.map((row) => [row.key, Number(row[`y${i}`] ?? 0)] as const).filter(([, n]) => n > 0));
  return years.map((_, i) => ({ hosted: ofYear(hosted, i), minutes: ofYear(minutes, i), rotations: ofYear(rotations, i) }));
}

async function figuresOn(today: Date): Promise<OpenFigures> {
  const [yearStart, settings] = await Promise.all([academicYearStart(), prisma.setting.aggregate({ _max: { updatedAt: true } })]);
  const years = yearsCovered(today, yearStart);
  const tallies = await talliesOf(years);
  const [universities, programmes, departments, residentsChanged, rotationsChanged, sessionsChanged, audit] = await Promise.all([
    prisma.university.findMany({ select: universitySelect }),
    prisma.programme.findMany({ select: programmeSelect }),
    prisma.department.findMany({ select: { id: true, name: true, archivedAt: true, updatedAt: true } }),
    // Changes to rows the window no longer holds (a stay moved out of it, a rotation cancelled) count too.
    // The latest first through each table's index by "updatedAt": Prisma's _max reads every row.
    prisma.resident.findFirst({ orderBy: { updatedAt: "desc" }, select: { updatedAt: true } }),
    prisma.rotation.findFirst({ orderBy: { updatedAt: "desc" }, select: { updatedAt: true } }),
    prisma.teachingSession.findFirst({ orderBy: { updatedAt: "desc" }, select: { updatedAt: true } }),
    lastAuditEvents(),
  ]);
  const rows = figureRows(years, { universities, programmes, departments, tallies });
  const lastModified = latest(
    ...[...universities, ...programmes, ...departments].map((row) => row.updatedAt),
    residentsChanged?.updatedAt,
    rotationsChanged?.updatedAt,
    sessionsChanged?.updatedAt,
    settings._max.updatedAt,
    audit("university", "programme", "department", "resident", "rotation", "teaching", "setting"),
    // A new academic year changes the years covered.
    midnight(years[years.length - 1]!.start),
  );
  return { rows, lastModified, years, yearStart };
}
