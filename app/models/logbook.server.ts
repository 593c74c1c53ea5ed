import { toIsoDate, hospitalToday } from "~/domain/dates";
import { logbookMonthId } from "~/domain/history";
import {
  monthOf,
  monthRange,
  monthState,
  outsideRotation,
  placeEntry,
  sameEntry,
  trainingYears,
  versionInForce,
  type Degree,
  type EntryStatus,
  type MonthState,
  type RotationSpan,
} from "~/domain/logbook";
import { notFound, refuse, Refused, type Refusal } from "~/domain/refusal";
import { prisma, type Prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { academicYearStart } from "./settings.server";

/**
 * The resident's own logbook (/me/logbook): what they log, correct and resubmit, and the months they
 * countersign. Every write checks the rules of app/domain/logbook.ts inside its transaction (the day in
 * a rotation, not in the future nor in a closed month; the tutor; the activity of their programme) and
 * records one audit event per entry. A resident reaches only their own record: every function takes
 * the signed-in user's id, never a resident id from the URL.
 */

type Tx = Prisma.TransactionClient;
type Db = Tx | typeof prisma;

/** One activity, count and degree of a day's entries. */
export type EntryLine = { activityId: string; count: number; degree: Degree; note: string | null; caseRef: string | null };
/** A day's entries under one supervising tutor. */
export type DayEntries = { date: Date; tutorId: string; lines: EntryLine[]; confirmDuplicate: boolean };

/** What of a rotation the logbook's rules read (`RotationSpan`). */
export const rotationSpan = { id: true, departmentId: true, tutorId: true, startDate: true, endDate: true, state: true } as const;

/** The signed-in user's resident record, or "not found": a person who is not a resident has no logbook. */
async function residentOf(db: Db, userId: string) {
  const resident = await db.resident.findUnique({ where: { userId }, select: { id: true, programmeId: true, yearOfTraining: true } });
  if (!resident) notFound();
  return resident;
}

/** The months of a resident that are closed (ended, every entry certified, not reopened). */
async function closedMonths(db: Db, residentId: string, today: Date): Promise<Set<string>> {
  const states = await monthStates(db, residentId, today);
  return new Set(states.filter((m) => m.closed).map((m) => m.month));
}

/** The state of every month in which a resident logged something, newest first, with its entry count. */
export async function monthStates(db: Db, residentId: string, today: Date) {
  const [dates, stored] = await Promise.all([
    db.logbookEntry.findMany({ where: { residentId }, select: { date: true, status: true } }),
    db.logbookMonth.findMany({ where: { residentId } }),
  ]);
  const byMonth = new Map<string, EntryStatus[]>();
  for (const e of dates) byMonth.set(monthOf(e.date), [...(byMonth.get(monthOf(e.date)) ?? []), e.status as EntryStatus]);
  return [...byMonth]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([month, statuses]): MonthState & { entries: number; pending: number; reopenReason: string | null } => {
      const row = stored.find((s) => s.month === month);
      return {
        ...monthState({ month, today, statuses, countersignedAt: row?.countersignedAt ?? null, reopenedAt: row?.reopenedAt ?? null }),
        entries: statuses.length,
        pending: statuses.filter((s) => s !== "certified").length,
        reopenReason: row?.reopenedAt ? row.reopenReason : null,
      };
    });
}

/**
 * Checks a day's lines against the rules and says where they go: the department of the day's rotation.
 * Refusals name the field they belong beside (`entries[2].activityId` for a line's own).
 */
async function placeLines(
  tx: Tx,
  resident: { id: string; programmeId: string },
  day: DayEntries,
  today: Date,
  { exceptId, prefix }: { exceptId?: string; prefix: (index: number) => string },
) {
  const [rotations, closed, activities, sameDay] = await Promise.all([
    tx.rotation.findMany({ where: { residentId: resident.id }, select: rotationSpan }),
    closedMonths(tx, resident.id, today),
    tx.logbookActivity.findMany({
      where: { id: { in: day.lines.map((l) => l.activityId) }, catalogue: { programmeId: resident.programmeId } },
      select: { id: true, code: true },
    }),
    tx.logbookEntry.findMany({
      where: { residentId: resident.id, date: day.date, ...(exceptId ? { id: { not: exceptId } } : {}) },
      select: { degree: true, date: true, activity: { select: { code: true } } },
    }),
  ]);
  const rotation = rotations.find((r) => r.state !== "cancelled" && r.startDate <= day.date && day.date <= r.endDate);
  const staff = rotation
    ? await tx.departmentTutor.findMany({ where: { departmentId: rotation.departmentId, userId: day.tutorId }, select: { userId: true } })
    : [];
  const placed = placeEntry({
    date: day.date,
    tutorId: day.tutorId,
    today,
    rotations,
    staff: new Set(staff.map((s) => `${rotation?.departmentId}:${s.userId}`)),
    closedMonths: closed,
  });
  const refusals: Refusal[] = [];
  if (placed.problem) refusals.push({ field: placed.problem.field, key: placed.problem.key });
  const codeOf = new Map(activities.map((a) => [a.id, a.code]));
  const seen = sameDay.map((e) => ({ activityCode: e.activity.code, date: e.date, degree: e.degree as Degree }));
  day.lines.forEach((line, index) => {
    const code = codeOf.get(line.activityId);
    if (!code) {
      refusals.push({ field: prefix(index) + "activityId", key: "myLogbook.activityUnknown" });
      return;
    }
    const entry = { activityCode: code, date: day.date, degree: line.degree };
    if (!day.confirmDuplicate && seen.some((other) => sameEntry(entry, other))) {
      // Beside the confirmation it asks for, not the activity: the form shows both once the server has said so.
      refusals.push({ field: "confirmDuplicate", key: "myLogbook.duplicate", values: { line: index + 1 } });
    }
    seen.push(entry);
  });
  if (refusals.length || placed.problem) throw new Refused(refusals, 409);
  return { departmentId: placed.rotation.departmentId };
}

const audited = (entry: EntryLine & { date: Date; tutorId: string | null; departmentId: string; status: string }) => ({
  activityId: entry.activityId,
  date: toIsoDate(entry.date),
  count: entry.count,
  degree: entry.degree,
  tutorId: entry.tutorId,
  departmentId: entry.departmentId,
  note: entry.note,
  caseRef: entry.caseRef,
  status: entry.status,
});

/**
 * Logs a day's entries, all or none, each awaiting the tutor's signature. A probable duplicate (the same
 * activity, day and degree as an entry already logged, or twice in the form) is refused until the
 * resident confirms it.
 */
export async function logEntries(userId: string, day: DayEntries, today = hospitalToday()): Promise<{ logged: number }> {
  return prisma.$transaction(async (tx) => {
    const resident = await residentOf(tx, userId);
    const { departmentId } = await placeLines(tx, resident, day, today, { prefix: (i) => `entries[${i}].` });
    for (const line of day.lines) {
      const data = { ...line, date: day.date, tutorId: day.tutorId, departmentId, status: "pending" };
      const created = await tx.logbookEntry.create({ data: { ...data, residentId: resident.id }, select: { id: true } });
      await recordAudit(tx, {
        actorId: userId,
        action: "create",
        entityType: "logbookEntry",
        entityId: created.id,
        before: null,
        after: audited(data),
      });
    }
    return { logged: day.lines.length };
  });
}

const ownEntry = {
  id: true,
  residentId: true,
  activityId: true,
  date: true,
  count: true,
  degree: true,
  tutorId: true,
  departmentId: true,
  note: true,
  caseRef: true,
  status: true,
  returnReason: true,
} satisfies Prisma.LogbookEntrySelect;

async function entryOf(tx: Tx, residentId: string, entryId: string) {
  const entry = await tx.logbookEntry.findFirst({ where: { id: entryId, residentId }, select: ownEntry });
  if (!entry) notFound();
  return { ...entry, degree: entry.degree as Degree };
}

/**
 * Changes a pending entry, or corrects a returned one and sends it back to the tutor ("resubmit"). A
 * certified entry is locked: only an administrator corrects it.
 */
export async function updateEntry(
  userId: string,
  entryId: string,
  input: { date: Date; tutorId: string; line: EntryLine; confirmDuplicate: boolean },
  today = hospitalToday(),
): Promise<{ resubmitted: boolean }> {
  return prisma.$transaction(async (tx) => {
    const resident = await residentOf(tx, userId);
    const entry = await entryOf(tx, resident.id, entryId);
    if (entry.status === "certified") refuse(null, "myLogbook.locked");
    // Its present day must not lie in a closed month either: a reopened month is open again.
    const closed = await closedMonths(tx, resident.id, today);
    if (closed.has(monthOf(entry.date))) refuse(null, "myLogbook.monthClosed");
    const { departmentId } = await placeLines(
      tx,
      resident,
      { date: input.date, tutorId: input.tutorId, lines: [input.line], confirmDuplicate: input.confirmDuplicate },
      today,
      { exceptId: entryId, prefix: () => "" },
    );
    const after = { ...input.line, date: input.date, tutorId: input.tutorId, departmentId, status: "pending" };
    await tx.logbookEntry.update({
      where: { id: entryId },
      data: { ...after, returnReason: null, decidedById: null, decidedAt: null },
    });
    const resubmitted = entry.status === "returned";
    await recordAudit(tx, {
      actorId: userId,
      action: resubmitted ? "resubmit" : "update",
      entityType: "logbookEntry",
      entityId: entryId,
      before: audited(entry),
      after: audited(after),
    });
    return { resubmitted };
  });
}

/** Withdraws an entry logged by mistake, while the tutor has not certified it; its history stays. */
export async function deleteEntry(userId: string, entryId: string, today = hospitalToday()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const resident = await residentOf(tx, userId);
    const entry = await entryOf(tx, resident.id, entryId);
    if (entry.status === "certified") refuse(null, "myLogbook.locked");
    if ((await closedMonths(tx, resident.id, today)).has(monthOf(entry.date))) refuse(null, "myLogbook.monthClosed");
    await tx.logbookEntry.delete({ where: { id: entryId } });
    await recordAudit(tx, {
      actorId: userId,
      action: "delete",
      entityType: "logbookEntry",
      entityId: entryId,
      before: audited(entry),
      after: null,
    });
  });
}

/** The resident countersigns a month that has ended with every entry certified. */
export async function countersignMonth(userId: string, month: string, today = hospitalToday(), now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const resident = await residentOf(tx, userId);
    const state = (await monthStates(tx, resident.id, today)).find((m) => m.month === month);
    if (!state?.awaitsCountersignature) refuse(null, "myLogbook.cannotCountersign");
    await tx.logbookMonth.upsert({
      where: { residentId_month: { residentId: resident.id, month } },
      create: { residentId: resident.id, month, countersignedAt: now },
      update: { countersignedAt: now, reopenedAt: null },
    });
    await recordAudit(tx, {
      actorId: userId,
      action: "countersign",
      entityType: "logbookMonth",
      entityId: logbookMonthId(resident.id, month),
      before: { countersignedAt: null },
      after: { countersignedAt: now.toISOString() },
    });
  });
}

/**
 * What the logging form offers: the activities of the catalogue in force for the resident's training
 * year, the ones they log most first; their rotations (the department and default tutor of a day) and
 * the tutors on those departments' staff.
 */
async function logChoices(resident: { id: string; programmeId: string; yearOfTraining: number }, today: Date) {
  const start = await academicYearStart();
  const year = trainingYears(resident.yearOfTraining, today, start).at(-1)!;
  const [versions, used, rotations] = await Promise.all([
    prisma.logbookCatalogue.findMany({
      where: { programmeId: resident.programmeId },
      select: {
        version: true,
        validFrom: true,
        activities: { orderBy: { position: "asc" }, select: { id: true, code: true, category: true, labelIt: true, labelEn: true } },
      },
    }),
    prisma.logbookEntry.groupBy({ by: ["activityId"], where: { residentId: resident.id }, _count: { _all: true } }),
    prisma.rotation.findMany({
      where: { residentId: resident.id, state: { not: "cancelled" }, startDate: { lte: today } },
      orderBy: { startDate: "desc" },
      select: {
        ...rotationSpan,
        department: { select: { name: true, tutors: { select: { user: { select: { id: true, name: true } } } } } },
        tutor: { select: { name: true } },
      },
    }),
  ]);
  const catalogue = versionInForce(versions, year.start);
  const usedIds = new Map(used.map((u) => [u.activityId, u._count._all]));
  // Most-used is by code, so that an activity keeps its place when a new catalogue version comes.
  const codeOf = new Map(versions.flatMap((v) => v.activities.map((a) => [a.id, a.code] as const)));
  const byCode = new Map<string, number>();
  for (const [id, n] of usedIds) byCode.set(codeOf.get(id) ?? id, (byCode.get(codeOf.get(id) ?? id) ?? 0) + n);
  const activities = (catalogue?.activities ?? []).map((a) => ({
    id: a.id,
    category: a.category,
    it: a.labelIt,
    en: a.labelEn,
    uses: byCode.get(a.code) ?? 0,
  }));
  return {
    activities,
    rotations: rotations.map((r) => ({
      id: r.id,
      start: toIsoDate(r.startDate),
      end: toIsoDate(r.endDate),
      department: r.department.name,
      tutorId: r.tutorId,
      tutors: [
        ...(r.tutorId && r.tutor ? [{ id: r.tutorId, name: r.tutor.name }] : []),
        ...r.department.tutors.map((t) => t.user).filter((u) => u.id !== r.tutorId),
      ].sort((a, b) => (a.id === r.tutorId ? -1 : b.id === r.tutorId ? 1 : a.name.localeCompare(b.name))),
    })),
  };
}

export const listedEntry = {
  id: true,
  date: true,
  count: true,
  degree: true,
  note: true,
  caseRef: true,
  status: true,
  returnReason: true,
  decidedAt: true,
  departmentId: true,
  decidedBy: { select: { name: true } },
  tutor: { select: { name: true } },
  department: { select: { name: true } },
  activity: { select: { labelIt: true, labelEn: true } },
} satisfies Prisma.LogbookEntrySelect;

export type ListedRow = Prisma.LogbookEntryGetPayload<{ select: typeof listedEntry }>;

export function listed(
  row: ListedRow,
  rotations: Array<{ id: string; departmentId: string; tutorId: string | null; startDate: Date; endDate: Date; state: string }>,
) {
  return {
    id: row.id,
    date: row.date,
    count: row.count,
    degree: row.degree as Degree,
    note: row.note,
    caseRef: row.caseRef,
    status: row.status as EntryStatus,
    returnReason: row.returnReason,
    decidedAt: row.decidedAt,
    decidedBy: row.decidedBy?.name ?? null,
    tutor: row.tutor?.name ?? null,
    department: row.department.name,
    activity: { it: row.activity.labelIt, en: row.activity.labelEn },
    outsideRotation: row.status !== "certified" && outsideRotation(row, rotations),
  };
}

/** The month asked for when it has entries, else the newest with entries; null when there is none. */
const chosenMonth = (months: Array<{ month: string }>, month: string | undefined) =>
  month && months.some((m) => m.month === month) ? month : (months[0]?.month ?? null);

/** The chosen month (or the newest with entries) and its entries as the pages list them, oldest or newest first. */
export async function monthEntries(
  residentId: string,
  months: Array<{ month: string }>,
  month: string | undefined,
  rotations: RotationSpan[],
  order: "asc" | "desc",
) {
  const chosen = chosenMonth(months, month);
  if (!chosen) return { month: null, entries: [] };
  const { start, end } = monthRange(chosen);
  const rows = await prisma.logbookEntry.findMany({
    where: { residentId, date: { gte: start, lte: end } },
    orderBy: [{ date: order }, { createdAt: order }],
    select: { ...listedEntry, activityId: true },
  });
  return { month: chosen, entries: rows.map((e) => ({ ...listed(e, rotations), activityId: e.activityId })) };
}

/**
 * The resident's logbook page: the logging form's choices, the entries returned to them and those whose
 * rotation moved (to act on, whatever their month), the months with their state, and one month's entries.
 * Returns null for a signed-in resident without a resident record yet.
 */
export async function myLogbook(userId: string, { month, today = hospitalToday() }: { month?: string; today?: Date } = {}) {
  const resident = await prisma.resident.findUnique({ where: { userId }, select: { id: true, programmeId: true, yearOfTraining: true } });
  if (!resident) return null;
  const [choices, months, rotations] = await Promise.all([
    logChoices(resident, today),
    monthStates(prisma, resident.id, today),
    prisma.rotation.findMany({ where: { residentId: resident.id }, select: rotationSpan }),
  ]);
  // The month's entries and those to act on (returned, or waiting outside any rotation) in one read, so
  // that their names and labels are looked up once rather than once per list.
  const chosen = chosenMonth(months, month);
  const range = chosen ? monthRange(chosen) : null;
  const rows = await prisma.logbookEntry.findMany({
    where: {
      residentId: resident.id,
      OR: [{ status: { in: ["returned", "pending"] } }, ...(range ? [{ date: { gte: range.start, lte: range.end } }] : [])],
    },
    orderBy: [{ date: "desc" }, { createdAt: "desc" }],
    select: { ...listedEntry, activityId: true },
  });
  const entries = rows.map((row) => ({ ...listed(row, rotations), activityId: row.activityId }));
  const oldestFirst = (list: typeof entries) => [...list].reverse();
  return {
    today: toIsoDate(today),
    ...choices,
    months,
    month: chosen,
    entries: range ? entries.filter((e) => e.date >= range.start && e.date <= range.end) : [],
    returned: oldestFirst(entries.filter((e) => e.status === "returned")),
    flagged: oldestFirst(entries.filter((e) => e.status === "pending" && e.outsideRotation)),
  };
}

/** One of the resident's own entries, with what its form offers when it can still change. */
export async function myEntry(userId: string, entryId: string, today = hospitalToday()) {
  const resident = await prisma.resident.findUnique({ where: { userId }, select: { id: true, programmeId: true, yearOfTraining: true } });
  if (!resident) notFound();
  const [entry, rotations, closed] = await Promise.all([
    prisma.logbookEntry.findFirst({
      where: { id: entryId, residentId: resident.id },
      select: { ...listedEntry, activityId: true, tutorId: true },
    }),
    prisma.rotation.findMany({ where: { residentId: resident.id }, select: rotationSpan }),
    closedMonths(prisma, resident.id, today),
  ]);
  if (!entry) notFound();
  const editable = entry.status !== "certified" && !closed.has(monthOf(entry.date));
  const choices = editable ? await logChoices(resident, today) : null;
  // An entry keeps the activity it was logged with, even from an older catalogue version.
  const activities =
    choices && !choices.activities.some((a) => a.id === entry.activityId)
      ? [{ id: entry.activityId, category: "", it: entry.activity.labelIt, en: entry.activity.labelEn, uses: 0 }, ...choices.activities]
      : (choices?.activities ?? []);
  return {
    today: toIsoDate(today),
    entry: { ...listed(entry, rotations), activityId: entry.activityId, tutorId: entry.tutorId },
    editable,
    activities,
    rotations: choices?.rotations ?? [],
  };
}
