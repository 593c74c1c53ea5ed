import { addDays, hospitalToday, toIsoDate } from "~/domain/dates";
import {
  dueOn,
  evaluationState,
  FIGURES,
  NO_TUTOR,
  openBy,
  OVERVIEW_GROUPINGS,
  type EvaluationSettings,
  type EvaluationState,
  type Figure,
  type OverviewGrouping,
  type OverviewKind,
  type OverviewState,
} from "~/domain/evaluations";
import { PAGE_SIZE } from "~/domain/list-query";
import { specialtyName } from "~/domain/specialties";
import { academicYearOf } from "~/domain/teaching";
import { optionalDay } from "~/schemas/dates";
import { pageNumber } from "~/schemas/list-query";
import { z } from "~/schemas/z";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { remembered } from "~/utils/read-cache.server";
import { academicYearStart, evaluationSettings } from "./settings.server";
import { compareItalian } from "~/domain/collation";

/**
 * The administrators' overview of evaluations (/admin/evaluations): for the rotations that ended in a
 * period, how many of each evaluation are due, overdue and done, per programme, department and tutor,
 * each figure leading to its rotations. For the residents' evaluations only the done mark is read: who
 * has answered, never what. Counted by the database in one statement, whatever the number of rows.
 */

const querySchema = z
  .object({
    from: optionalDay,
    to: optionalDay,
    by: z.enum(OVERVIEW_GROUPINGS).catch("programme"),
    id: z.string().trim().max(40).catch(""),
    figure: z.enum(FIGURES as [Figure, ...Figure[]]).catch("tutor-overdue"),
    page: pageNumber,
  })
  .superRefine((v, ctx) => {
    if (Boolean(v.from) !== Boolean(v.to))
      ctx.addIssue({ code: "custom", path: [v.from ? "to" : "from"], message: "evaluationOverview.periodIncomplete" });
    if (v.from instanceof Date && v.to instanceof Date && v.to < v.from)
      ctx.addIssue({ code: "custom", path: ["to"], message: "evaluationOverview.periodOrder" });
  });

/**
 * The overview's address: the rotations' last days (both, or neither for the current academic year), the
 * grouping, and for a figure's list which group, which figure and which page. Messages are catalogue keys.
 */
export async function readOverviewQuery(url: URL, now = new Date()) {
  const start = await academicYearStart();
  const today = hospitalToday(now);
  const year = academicYearOf(today, start);
  const raw = Object.fromEntries(url.searchParams);
  const values = { from: raw.from ?? "", to: raw.to ?? "" };
  const parsed = querySchema.safeParse(raw);
  if (!parsed.success) {
    const errors: { from?: string[]; to?: string[] } = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "to" ? "to" : "from";
      errors[field] = [...(errors[field] ?? []), issue.message];
    }
    return { ok: false as const, values, errors, year: { from: year.start, to: year.end, label: year.label } };
  }
  const { from, to, ...rest } = parsed.data;
  return {
    ok: true as const,
    values,
    today,
    period: { from: from ?? year.start, to: to ?? year.end },
    year: { from: year.start, to: year.end, label: year.label },
    ...rest,
  };
}

type Period = { from: Date; to: Date };

/** The rotations of a figure: confirmed, ended in the period, opened by today, in the figure's state. */
function figureWhere(figure: Figure, period: Period, today: Date, settings: EvaluationSettings): Prisma.RotationWhereInput {
  const [kind, state] = figure.split("-") as [OverviewKind, OverviewState];
  const open = openBy(today, settings);
  const ended = { gte: period.from, lte: period.to < open.endOnOrBefore ? period.to : open.endOnOrBefore };
  const done: Prisma.RotationWhereInput =
    kind === "tutor" ? { tutorEvaluation: { signedAt: { not: null } } } : { evaluationSubmission: { isNot: null } };
  const notDone: Prisma.RotationWhereInput =
    kind === "tutor"
      ? { OR: [{ tutorEvaluation: { is: null } }, { tutorEvaluation: { signedAt: null } }] }
      : { evaluationSubmission: { is: null } };
  // Overdue once the day after its due day has come: ended more than dueDays before today.
  const lastOnTime = addDays(today, -settings.dueDays);
  const byState: Prisma.RotationWhereInput =
    state === "done"
      ? done
      : state === "overdue"
        ? { AND: [notDone, { endDate: { lt: lastOnTime } }] }
        : { AND: [notDone, { endDate: { gte: lastOnTime } }] };
  return { AND: [{ state: "confirmed", startDate: { lte: open.startOnOrBefore }, endDate: ended }, byState] };
}

export type OverviewRow = { id: string; name: string; counts: Record<Figure, number> };

const emptyCounts = () => Object.fromEntries(FIGURES.map((figure) => [figure, 0])) as Record<Figure, number>;

/** The column a grouping counts by: the rotation's department or supervising tutor, or its resident's programme. */
const GROUP_KEY: Record<OverviewGrouping, Prisma.Sql> = {
  department: Prisma.raw(`ro."departmentId"`),
  tutor: Prisma.raw(`ro."tutorId"`),
  programme: Prisma.raw(`re."programmeId"`),
};

type CountRow = { key: string | null } & Record<Figure, number | bigint | null>;

/**
 * The six figures of each group, counted by the database in one pass over the period's rotations (each
 * joined to its tutor's evaluation and the resident's done mark by their unique keys), whatever the
 * number of rows: the rules are figureWhere's, written once more as conditions on the joined row (the
 * model test holds the two, and evaluationState, together).
 */
async function countFigures(period: Period, by: OverviewGrouping, today: Date, settings: EvaluationSettings): Promise<CountRow[]> {
  const open = openBy(today, settings);
  const lastEnd = period.to < open.endOnOrBefore ? period.to : open.endOnOrBefore;
  const lastOnTime = addDays(today, -settings.dueDays);
  const tutorDone = Prisma.sql`te."signedAt" IS NOT NULL`;
  const residentDone = Prisma.sql`es."rotationId" IS NOT NULL`;
  const late = Prisma.sql`ro."endDate" < ${lastOnTime}`;
  const count = (when: Prisma.Sql) => Prisma.sql`SUM(CASE WHEN ${when} THEN 1 ELSE 0 END)`;
  return prisma.$queryRaw<CountRow[]>`
    SELECT ${GROUP_KEY[by]} AS "key",
      ${count(Prisma.sql`NOT (${tutorDone}) AND NOT (${late})`)} AS "tutor-due",
      ${count(Prisma.sql`NOT (${tutorDone}) AND ${late}`)} AS "tutor-overdue",
      ${count(tutorDone)} AS "tutor-done",
      ${count(Prisma.sql`NOT (${residentDone}) AND NOT (${late})`)} AS "resident-due",
      ${count(Prisma.sql`NOT (${residentDone}) AND ${late}`)} AS "resident-overdue",
      ${count(residentDone)} AS "resident-done"
    FROM "Rotation" ro
    JOIN "Resident" re ON re."id" = ro."residentId"
    LEFT JOIN "TutorEvaluation" te ON te."rotationId" = ro."id"
    LEFT JOIN "EvaluationSubmission" es ON es."rotationId" = ro."id"
    WHERE ro."state" = 'confirmed' AND ro."startDate" <= ${open.startOnOrBefore}
      AND ro."endDate" >= ${period.from} AND ro."endDate" <= ${lastEnd}
    GROUP BY ${GROUP_KEY[by]}`;
}

/** The names of a grouping's keys: departments, tutors, or programmes (specialty · university). */
async function groupNames(by: OverviewGrouping, keys: string[], locale: "it" | "en"): Promise<Map<string, string>> {
  if (by === "department") {
    const rows = await prisma.department.findMany({ where: { id: { in: keys } }, select: { id: true, name: true } });
    return new Map(rows.map((row) => [row.id, row.name]));
  }
  if (by === "tutor") {
    const rows = await prisma.user.findMany({ where: { id: { in: keys } }, select: { id: true, name: true } });
    return new Map(rows.map((row) => [row.id, row.name]));
  }
  const programmes = await prisma.programme.findMany({
    where: { id: { in: keys } },
    select: { id: true, specialtyCode: true, university: { select: { shortName: true, name: true } } },
  });
  return new Map(
    programmes.map((programme) => [
      programme.id,
      `${specialtyName(programme.specialtyCode, locale)} · ${programme.university.shortName ?? programme.university.name}`,
    ]),
  );
}

/**
 * The six figures per group (department, supervising tutor or programme) and for the whole period. Three
 * queries, remembered until a table they read changes: a national year is some 40,000 rotations, each
 * looked up in three indexes, half a second of SQLite's time.
 */
export function evaluationOverview(period: Period, by: OverviewGrouping, today: Date, locale: "it" | "en") {
  return remembered(`evaluation-overview:${toIsoDate(period.from)}:${toIsoDate(period.to)}:${by}:${toIsoDate(today)}:${locale}`, () =>
    countedOverview(period, by, today, locale),
  );
}

async function countedOverview(period: Period, by: OverviewGrouping, today: Date, locale: "it" | "en") {
  const settings = await evaluationSettings();
  const counted = await countFigures(period, by, today, settings);
  const names = await groupNames(
    by,
    counted.flatMap((row) => (row.key === null ? [] : [row.key])),
    locale,
  );
  const total = emptyCounts();
  const rows: OverviewRow[] = counted.map((row) => {
    const counts = emptyCounts();
    for (const figure of FIGURES) {
      counts[figure] = Number(row[figure] ?? 0);
      total[figure] += counts[figure];
    }
    return row.key === null ? { id: NO_TUTOR, name: "", counts } : { id: row.key, name: names.get(row.key) ?? "", counts };
  });
  rows.sort((a, b) => compareItalian(a.name, b.name));
  return { rows, total };
}

export type FigureRotation = {
  rotationId: string;
  resident: string;
  department: string;
  tutor: string | null;
  startDate: Date;
  endDate: Date;
  dueOn: Date;
  state: EvaluationState;
};

/** The rotations behind a figure, a page at a time: whose evaluation, never what it says. Three queries. */
export async function figureRotations(period: Period, by: OverviewGrouping, id: string, figure: Figure, page: number, today: Date) {
  const settings = await evaluationSettings();
  const group: Prisma.RotationWhereInput =
    id === ""
      ? {}
      : by === "department"
        ? { departmentId: id }
        : by === "tutor"
          ? { tutorId: id === NO_TUTOR ? null : id }
          : { resident: { programmeId: id } };
  const where: Prisma.RotationWhereInput = { AND: [figureWhere(figure, period, today, settings), group] };
  const [total, rows] = await Promise.all([
    prisma.rotation.count({ where }),
    prisma.rotation.findMany({
      where,
      orderBy: [{ endDate: "asc" }, { id: "asc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        state: true,
        startDate: true,
        endDate: true,
        resident: { select: { user: { select: { name: true } } } },
        department: { select: { name: true } },
        tutor: { select: { name: true } },
        tutorEvaluation: { select: { signedAt: true } },
        evaluationSubmission: { select: { rotationId: true } },
      },
    }),
  ]);
  const kind = figure.startsWith("tutor") ? "tutor" : "resident";
  const rotations: FigureRotation[] = rows.map((row) => ({
    rotationId: row.id,
    resident: row.resident.user.name,
    department: row.department.name,
    tutor: row.tutor?.name ?? null,
    startDate: row.startDate,
    endDate: row.endDate,
    dueOn: dueOn(row, settings),
    state: evaluationState(
      row,
      kind === "tutor" ? Boolean(row.tutorEvaluation?.signedAt) : row.evaluationSubmission !== null,
      today,
      settings,
    ),
  }));
  return { total, rotations };
}
