import { addDays, hospitalToday } from "~/domain/dates";
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
import { prisma, type Prisma } from "~/utils/db.server";
import { academicYearStart, evaluationSettings } from "./settings.server";

/**
 * The administrators' overview of evaluations (/admin/evaluations): for the rotations that ended in a
 * period, how many of each evaluation are due, overdue and done, per programme, department and tutor,
 * each figure leading to its rotations. For the residents' evaluations only the done mark is read: who
 * has answered, never what. Counted by the database (a groupBy per figure), whatever the number of rows.
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

/**
 * The six figures per group and for the whole period: one groupBy per figure (by department, by
 * supervising tutor, or by resident for the programmes, whose residents are then read once).
 */
export async function evaluationOverview(period: Period, by: OverviewGrouping, today: Date, locale: "it" | "en") {
  const settings = await evaluationSettings();
  const field = by === "department" ? "departmentId" : by === "tutor" ? "tutorId" : "residentId";
  const grouped = await Promise.all(
    FIGURES.map((figure) =>
      prisma.rotation.groupBy({ by: [field], where: figureWhere(figure, period, today, settings), _count: { _all: true } }),
    ),
  );
  // Per group key (department, tutor or resident) and figure.
  const byKey = new Map<string, Record<Figure, number>>();
  grouped.forEach((rows, index) => {
    for (const row of rows) {
      const key = (row as unknown as Record<string, string | null>)[field] ?? NO_TUTOR;
      const counts = byKey.get(key) ?? emptyCounts();
      counts[FIGURES[index]!] += row._count._all;
      byKey.set(key, counts);
    }
  });
  const keys = [...byKey.keys()].filter((key) => key !== NO_TUTOR);
  let names: Map<string, string>;
  let groupOf = (key: string) => key;
  if (by === "department") {
    const rows = await prisma.department.findMany({ where: { id: { in: keys } }, select: { id: true, name: true } });
    names = new Map(rows.map((row) => [row.id, row.name]));
  } else if (by === "tutor") {
    const rows = await prisma.user.findMany({ where: { id: { in: keys } }, select: { id: true, name: true } });
    names = new Map(rows.map((row) => [row.id, row.name]));
  } else {
    const residents = await prisma.resident.findMany({
      where: { id: { in: keys } },
      select: {
        id: true,
        programme: { select: { id: true, specialtyCode: true, university: { select: { shortName: true, name: true } } } },
      },
    });
    const programmeOf = new Map(residents.map((resident) => [resident.id, resident.programme]));
    groupOf = (key) => programmeOf.get(key)?.id ?? key;
    names = new Map(
      residents.map(({ programme }) => [
        programme.id,
        `${specialtyName(programme.specialtyCode, locale)} · ${programme.university.shortName ?? programme.university.name}`,
      ]),
    );
  }
  const groups = new Map<string, OverviewRow>();
  const total = emptyCounts();
  for (const [key, counts] of byKey) {
    const id = groupOf(key);
    const row = groups.get(id) ?? { id, name: key === NO_TUTOR ? "" : (names.get(id) ?? ""), counts: emptyCounts() };
    for (const figure of FIGURES) {
      row.counts[figure] += counts[figure];
      total[figure] += counts[figure];
    }
    groups.set(id, row);
  }
  const rows = [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, "it"));
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
