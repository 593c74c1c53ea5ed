import { pageSlice } from "~/domain/list-query";
import { monthWindow, yearWindow, type YearMonth } from "~/domain/planning-board";
import { prisma } from "~/utils/db.server";
import { awaySpans } from "./away.server";

/**
 * The reads of the planning board. Each answer takes a small, fixed number of queries whatever the
 * number of rotations: the day-by-day arithmetic is done afterwards by app/domain/planning-board.ts.
 */
const notCancelled = { state: { not: "cancelled" } } as const;

const boardOrder = [{ startDate: "asc" }, { endDate: "asc" }, { id: "asc" }] as const;

/**
 * A department's month: the departments to choose from (those in use, plus the requested one even if
 * archived), every rotation, not cancelled, that meets the month (its dates and state only: the places
 * used each day count them all), the asked page of those rotations with their residents, and the days
 * those residents are away. An unknown department falls back to the first in use by name; null when
 * there is none. A page past the last is the last.
 */
export async function departmentMonth(requestedId: string | null, month: YearMonth, page = 1) {
  const departments = await prisma.department.findMany({
    where: requestedId ? { OR: [{ archivedAt: null }, { id: requestedId }] } : { archivedAt: null },
    select: { id: true, name: true, capacity: true, archivedAt: true },
    orderBy: { name: "asc" },
  });
  const department = departments.find((d) => d.id === requestedId) ?? departments.find((d) => d.archivedAt === null) ?? null;
  if (!department) {
    return {
      departments,
      department: null,
      spans: [],
      rotations: [],
      away: new Map<string, Array<{ start: Date; end: Date }>>(),
      page: 1,
      pages: 1,
    };
  }
  const window = monthWindow(month);
  const spans = await prisma.rotation.findMany({
    where: { departmentId: department.id, ...notCancelled, startDate: { lte: window.end }, endDate: { gte: window.start } },
    select: { id: true, startDate: true, endDate: true, state: true },
    orderBy: [...boardOrder],
  });
  // A page of the lists' size: a month grid of 25 rows stays quick to render and to read.
  const shown = pageSlice(spans, page);
  const ids = shown.items.map((r) => r.id);
  const rotations =
    ids.length === 0
      ? []
      : await prisma.rotation.findMany({
          where: { id: { in: ids } },
          select: {
            id: true,
            startDate: true,
            endDate: true,
            state: true,
            resident: { select: { id: true, user: { select: { name: true } }, programme: { select: { specialtyCode: true } } } },
          },
          orderBy: [...boardOrder],
        });
  const away = await awaySpans(
    rotations.map((r) => r.resident.id),
    window,
  );
  return { departments, department, spans, rotations, away, page: shown.page, pages: shown.pages };
}

const residentSelect = {
  id: true,
  stayStart: true,
  stayEnd: true,
  user: { select: { name: true } },
  programme: { select: { specialtyCode: true, university: { select: { name: true } } } },
} as const;

/**
 * A resident's year: the residents at the hospital that year to choose from (by name), the chosen one
 * with their stay, their rotations, not cancelled, that meet the year, and the days they are away. An unknown resident falls
 * back to the first by name.
 */
export async function residentYear(requestedId: string | null, year: number) {
  const window = yearWindow(year);
  const rotationsOfYear = {
    where: { ...notCancelled, startDate: { lte: window.end }, endDate: { gte: window.start } },
    select: {
      id: true,
      startDate: true,
      endDate: true,
      state: true,
      department: { select: { id: true, name: true } },
      tutor: { select: { name: true } },
    },
    orderBy: [{ startDate: "asc" as const }, { id: "asc" as const }],
  };
  const find = (id: string) => prisma.resident.findUnique({ where: { id }, select: { ...residentSelect, rotations: rotationsOfYear } });
  const [residents, requested] = await Promise.all([
    // Those at the hospital at some point of the year (and the one asked for): not every resident there ever was.
    prisma.resident.findMany({
      where: { OR: [{ stayStart: { lte: window.end }, stayEnd: { gte: window.start } }, ...(requestedId ? [{ id: requestedId }] : [])] },
      select: { id: true, user: { select: { name: true } } },
      orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
    }),
    requestedId ? find(requestedId) : null,
  ]);
  const first = residents[0];
  const resident = requested ?? (first ? await find(first.id) : null);
  const away = resident ? ((await awaySpans([resident.id], window)).get(resident.id) ?? []) : [];
  return { residents: residents.map((r) => ({ id: r.id, name: r.user.name })), resident, away };
}
