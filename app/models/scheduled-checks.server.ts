import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { addDays, hospitalToday, toIsoDate } from "~/domain/dates";
import { digestModesOn, isCategory } from "~/domain/notifications";
import {
  agreementNotice,
  AGREEMENT_WARNINGS,
  attendanceReminderDue,
  ATTENDANCE_REMINDER_MS,
  ATTENDANCE_REMINDER_USEFUL_MS,
  comingUp,
  LEADS,
  loggedComingDue,
  within,
  type Window,
} from "~/domain/schedule";
import { dueOn, opensOn } from "~/domain/evaluations";
import { sessionEnd } from "~/domain/teaching";
import { prisma, type Prisma } from "~/utils/db.server";
import { insertRecords } from "./bulk.server";
import { eraseExpiredAbsenceTypes } from "./absence.server";
import { brokenRotationIds } from "./broken-rotations.server";
import { administratorIds, notifyEach, outboxRow, type NotificationEvent, type OutboxRow } from "./notification.server";
import { pruneSent, retentionCutoff } from "./outbox.server";
import { releaseClosedPeriods } from "./resident-evaluation.server";
import { evaluationSettings } from "./settings.server";

/**
 * The scheduled checks' reads and writes: what each occasion finds, and the notifications it queues.
 * An occasion is claimed by inserting its ScheduledRun row, so that no two processes (WEB_CONCURRENCY,
 * several servers) ever run it both; app/services/scheduler.server.ts decides when.
 */

/**
 * How much each step of a run does before the server gets its turn again. The driver is synchronous, so
 * a daily run for the whole country must go in pieces, each well under the 50 ms the event loop may wait.
 * `npm run bench` times a week's catch-up at national size: 60 people written per transaction and 100
 * rows read per statement gave 4.6–5.0 s with the loop at most 33–40 ms late; 100 people a transaction
 * was a little faster (4.3–4.8 s) but let it wait up to 55 ms.
 */
const BATCH = 60;
/** Rows read per statement. */
const READ_BATCH = 100;

/**
 * Rows of each of `days`, read a page of READ_BATCH at a time in id order (`read` gets the day and the
 * last id of the page before), the server served between pages.
 */
async function readByDay<T extends { id: string }>(days: readonly Date[], read: (day: Date, after: string) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (const day of days) {
    for (let after = ""; ;) {
      const page = await read(day, after);
      rows.push(...page);
      await yieldToEventLoop();
      if (page.length < READ_BATCH) break;
      after = page.at(-1)!.id;
    }
  }
  return rows;
}

/** The days from `from` to `to`, both included. */
function daysFrom(from: Date, to: Date): Date[] {
  const days: Date[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Runs `read` on `ids` a piece at a time, the server served between pieces. */
async function readInPieces<T>(ids: readonly string[], read: (piece: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let start = 0; start < ids.length; start += READ_BATCH) {
    rows.push(...(await read(ids.slice(start, start + READ_BATCH))));
    await yieldToEventLoop();
  }
  return rows;
}

// ─── Occasions ──────────────────────────────────────────────────────────────────────────────────

/** Claims an occasion for this process: true once, for the first to ask; false for every other. */
export async function claimOccasion(occasion: string, now = new Date()): Promise<boolean> {
  try {
    await prisma.scheduledRun.create({ data: { occasion, startedAt: now } });
    return true;
  } catch (error) {
    if (typeof error === "object" && error !== null && "code" in error && error.code === "P2002") return false;
    throw error;
  }
}

export async function finishOccasion(occasion: string, outcome: Record<string, number>, now = new Date()): Promise<void> {
  await prisma.scheduledRun.update({ where: { occasion }, data: { finishedAt: now, outcome: JSON.stringify(outcome) } });
}

/** The last hospital day whose daily occasion finished: the next one covers the days after it. */
export async function lastDailyRun(): Promise<Date | null> {
  const last = await prisma.scheduledRun.findFirst({
    where: { occasion: { startsWith: "daily:" }, finishedAt: { not: null } },
    orderBy: { occasion: "desc" },
    select: { occasion: true },
  });
  return last ? new Date(`${last.occasion.slice("daily:".length)}T00:00:00.000Z`) : null;
}

/** When the last frequent check began: the next one covers the instants after it. */
export async function lastFrequentRun(): Promise<Date | null> {
  const last = await prisma.scheduledRun.findFirst({
    where: { occasion: { startsWith: "frequent:" } },
    orderBy: { startedAt: "desc" },
    select: { startedAt: true },
  });
  return last?.startedAt ?? null;
}

// ─── Writing many notifications without holding the server ───────────────────────────────────────

type Addressed = { userIds: string[]; event: NotificationEvent };

/** Writes each notification in transactions of about BATCH readers, letting the server breathe in between. */
async function notifyAll(items: Addressed[], now: Date): Promise<number> {
  let written = 0;
  let batch: Addressed[] = [];
  let size = 0;
  const flush = async () => {
    if (!batch.length) return;
    const current = batch;
    batch = [];
    size = 0;
    written += await prisma.$transaction((tx) => notifyEach(tx, current, now));
    await yieldToEventLoop();
  };
  for (const item of items) {
    batch.push(item);
    size += item.userIds.length;
    if (size >= BATCH) await flush();
  }
  await flush();
  return written;
}

// ─── The daily occasion ─────────────────────────────────────────────────────────────────────────

export type DailyOutcome = {
  agreements: number;
  rotationsStarting: number;
  arrivals: number;
  insurance: number;
  logbookWaiting: number;
  evaluations: number;
  /** residents' answers released, shuffled, for the periods that closed */
  released: number;
  digests: number;
  pruned: number;
  /** protected absences whose type and document were erased at the end of their retention */
  erased: number;
};

/** Everything the daily occasion of `window.to` tells, for the days of `window` (catching up after downtime). */
export async function runDailyChecks(window: Window, now = new Date()): Promise<DailyOutcome> {
  const items: Addressed[] = [];
  // Each read in turn, the server's requests served between them.
  for (const read of [
    () => agreementItems(window),
    () => rotationItems(window),
    () => insuranceItems(window),
    () => logbookItems(window),
    () => evaluationItems(window),
  ]) {
    items.push(...(await read()));
    await yieldToEventLoop();
  }
  await notifyAll(items, now);
  const count = (kind: string) => items.filter((item) => item.event.kind === kind).reduce((sum, item) => sum + item.userIds.length, 0);
  return {
    agreements: items.filter((item) => item.event.kind.startsWith("agreement-")).length,
    rotationsStarting: count("rotation-starting"),
    arrivals: count("residents-arriving"),
    insurance: count("insurance-expiring"),
    logbookWaiting: count("logbook-waiting"),
    evaluations: items.filter((item) => item.event.kind.includes("evaluation-")).reduce((sum, item) => sum + item.userIds.length, 0),
    released: (await releaseClosedPeriods(window.to)).reduce((sum, period) => sum + period.answers, 0),
    digests: await queueDigests(digestModesOn(window.to.getUTCDay()), now),
    pruned: await pruneSent(retentionCutoff(now)),
    erased: await eraseExpiredAbsenceTypes(window.to),
  };
}

async function agreementItems(window: Window): Promise<Addressed[]> {
  const admins = await administratorIds();
  if (!admins.length) return [];
  await yieldToEventLoop();
  const agreements = await prisma.agreement.findMany({
    where: {
      signedOn: { not: null },
      terminatedOn: null,
      renewals: { none: {} },
      endDate: { gte: addDays(window.from, -1), lte: addDays(window.to, Math.max(...AGREEMENT_WARNINGS)) },
    },
    select: { id: true, endDate: true, university: { select: { name: true } } },
  });
  return agreements.flatMap((agreement) => {
    const notice = agreementNotice(agreement.endDate, window);
    if (!notice) return [];
    const params = {
      university: agreement.university.name,
      endDate: toIsoDate(agreement.endDate),
      ...(notice.kind === "agreement-ending" ? { days: notice.days } : {}),
    };
    return [{ userIds: admins, event: { kind: notice.kind, params, link: `/admin/agreements/${agreement.id}` } }];
  });
}

/**
 * Residents whose rotation starts a week after a day of the window, and their departments' staff. Read
 * day by day, a page at a time: a week's catch-up at national size is thousands of rotations.
 */
async function rotationItems(window: Window): Promise<Addressed[]> {
  const lead = LEADS.rotationStart;
  const days = daysFrom(addDays(window.from, lead), addDays(window.to, lead)).filter((day) => comingUp(day, lead, window));
  const starting = await readByDay(days, (day, after) =>
    prisma.rotation.findMany({
      where: { state: "confirmed", startDate: { gte: day, lt: addDays(day, 1) }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: READ_BATCH,
      select: { id: true, startDate: true, departmentId: true, resident: { select: { userId: true } } },
    }),
  );
  const departments = new Map(
    (
      await readInPieces([...new Set(starting.map((rotation) => rotation.departmentId))], (ids) =>
        prisma.department.findMany({
          where: { id: { in: ids } },
          select: { id: true, name: true, headId: true, tutors: { select: { userId: true } } },
        }),
      )
    ).map((department) => [department.id, department]),
  );
  const items: Addressed[] = [];
  // The department's tutors and head: one notice per department and first day, counting the arrivals.
  const arrivals = new Map<string, { departmentId: string; startDate: Date; count: number }>();
  for (const rotation of starting) {
    const department = departments.get(rotation.departmentId)!;
    items.push({
      userIds: [rotation.resident.userId],
      event: {
        kind: "rotation-starting",
        params: { department: department.name, startDate: toIsoDate(rotation.startDate) },
        link: "/me/rotations",
      },
    });
    const key = `${rotation.departmentId}:${toIsoDate(rotation.startDate)}`;
    const group = arrivals.get(key) ?? { departmentId: rotation.departmentId, startDate: rotation.startDate, count: 0 };
    group.count += 1;
    arrivals.set(key, group);
  }
  for (const { departmentId, startDate, count } of arrivals.values()) {
    const department = departments.get(departmentId)!;
    const staff = [...department.tutors.map((tutor) => tutor.userId), ...(department.headId ? [department.headId] : [])];
    if (!staff.length) continue;
    items.push({
      userIds: staff,
      event: {
        kind: "residents-arriving",
        params: { count, department: department.name, startDate: toIsoDate(startDate) },
        link: "/tutor/residents",
      },
    });
  }
  return items;
}

async function insuranceItems(window: Window): Promise<Addressed[]> {
  const lead = LEADS.insuranceExpiry;
  const residents = await prisma.resident.findMany({
    where: { insuranceExpiry: { gte: addDays(window.from, lead), lte: addDays(window.to, lead) }, stayEnd: { gte: window.to } },
    select: { userId: true, insuranceExpiry: true },
  });
  return residents
    .filter((resident) => resident.insuranceExpiry && comingUp(resident.insuranceExpiry, lead, window))
    .map((resident) => ({
      userIds: [resident.userId],
      event: { kind: "insurance-expiring", params: { endDate: toIsoDate(resident.insuranceExpiry!) }, link: "/me" },
    }));
}

/**
 * One reminder per tutor when entries of theirs came to a week's wait during the window, counting every
 * entry waiting that long (the tutor's preference for the logbook says when the e-mail goes). Tutors are
 * asked in batches, each an index-only read of their pending entries (tutor, status, logged), so that at
 * national size (millions of entries) no single statement holds the server.
 */
async function logbookItems(window: Window): Promise<Addressed[]> {
  const logged = loggedComingDue(window);
  const tutors = await prisma.userRole.findMany({ where: { role: "tutor" }, select: { userId: true }, orderBy: { userId: "asc" } });
  const waiting = await readInPieces(
    tutors.map((tutor) => tutor.userId),
    async (batch) => {
      const crossed = await prisma.logbookEntry.groupBy({
        by: ["tutorId"],
        where: { status: "pending", tutorId: { in: batch }, createdAt: { gte: logged.from, lt: logged.to } },
      });
      if (!crossed.length) return [];
      return prisma.logbookEntry.groupBy({
        by: ["tutorId"],
        where: { status: "pending", tutorId: { in: crossed.map((row) => row.tutorId!) }, createdAt: { lt: logged.to } },
        _count: { _all: true },
      });
    },
  );
  return waiting.map((row) => ({
    userIds: [row.tutorId!],
    event: { kind: "logbook-waiting", params: { count: row._count._all }, link: "/tutor/logbook" },
  }));
}

/**
 * Evaluations that open, or fall overdue, on a day of the window, each told to whoever must fill it while
 * it is not done: the tutor's to its evaluator (someone an administrator named, else the supervising
 * tutor, else the department's head), the confidential one to the resident. Read by the rotations' last
 * day: those ending up to `openDays` after the window (opening), and `dueDays` + 1 before it (overdue).
 */
async function evaluationItems(window: Window): Promise<Addressed[]> {
  const settings = await evaluationSettings();
  const days = [
    ...daysFrom(addDays(window.from, -settings.dueDays - 1), addDays(window.to, -settings.dueDays - 1)),
    ...daysFrom(window.from, addDays(window.to, settings.openDays)),
  ];
  const rotations = await readByDay([...new Map(days.map((day) => [day.getTime(), day])).values()], (day, after) =>
    prisma.rotation.findMany({
      where: { state: "confirmed", endDate: { gte: day, lt: addDays(day, 1) }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: READ_BATCH,
      select: {
        id: true,
        startDate: true,
        endDate: true,
        tutorId: true,
        resident: { select: { userId: true, user: { select: { name: true } } } },
        department: { select: { name: true, headId: true } },
        tutorEvaluation: { select: { assigneeId: true, signedAt: true } },
        evaluationSubmission: { select: { rotationId: true } },
      },
    }),
  );
  const items: Addressed[] = [];
  for (const rotation of rotations) {
    const due = dueOn(rotation, settings);
    const opening = within(opensOn(rotation, settings), window);
    const overdue = within(addDays(due, 1), window);
    if (!opening && !overdue) continue;
    const params = { department: rotation.department.name, dueDate: toIsoDate(due) };
    const evaluator = rotation.tutorEvaluation?.assigneeId ?? rotation.tutorId ?? rotation.department.headId;
    if (evaluator && !rotation.tutorEvaluation?.signedAt)
      items.push({
        userIds: [evaluator],
        event: {
          kind: opening ? "evaluation-open" : "evaluation-overdue",
          params: { ...params, resident: rotation.resident.user.name },
          link: `/tutor/evaluations/${rotation.id}`,
        },
      });
    if (!rotation.evaluationSubmission)
      items.push({
        userIds: [rotation.resident.userId],
        event: {
          kind: opening ? "rotation-evaluation-open" : "rotation-evaluation-overdue",
          params,
          link: `/me/evaluations/${rotation.id}`,
        },
      });
  }
  return items;
}

// ─── Digests and pruning ────────────────────────────────────────────────────────────────────────

/**
 * One e-mail per person and category gathering their notifications still waiting for a digest of these
 * modes (per category, so that the e-mail's one-click unsubscribe is for the category it is about).
 * Each batch marks its notifications mailed in the transaction that queues their e-mail: a digest is
 * never sent twice, and a crash between batches leaves the rest for the next occasion.
 */
export async function queueDigests(modes: ("daily" | "weekly")[], now = new Date()): Promise<number> {
  const waiting = { delivery: { in: modes }, mailedAt: null, createdAt: { lte: now } } satisfies Prisma.NotificationWhereInput;
  const readers = await prisma.notification.groupBy({ by: ["userId"], where: waiting, orderBy: { userId: "asc" } });
  let queued = 0;
  for (let start = 0; start < readers.length; start += BATCH) {
    const userIds = readers.slice(start, start + BATCH).map((reader) => reader.userId);
    const pending = await prisma.notification.findMany({
      where: { ...waiting, userId: { in: userIds } },
      orderBy: { createdAt: "asc" },
      select: { id: true, userId: true, category: true, delivery: true, user: { select: { email: true, language: true, active: true } } },
    });
    const digests = new Map<string, typeof pending>();
    for (const row of pending) {
      const key = `${row.userId}:${row.category}`;
      digests.set(key, [...(digests.get(key) ?? []), row]);
    }
    const mails: OutboxRow[] = [];
    for (const rows of digests.values()) {
      const { user, userId, category } = rows[0]!;
      if (!user.active || !isCategory(category)) continue;
      const digest = rows.some((row) => row.delivery === "daily") ? "daily" : "weekly";
      mails.push(outboxRow({ id: userId, ...user }, category, { digest, notificationIds: rows.map((row) => row.id) }, now));
    }
    await prisma.$transaction(async (tx) => {
      await insertRecords(tx, "OutboxMessage", mails);
      await tx.notification.updateMany({ where: { id: { in: pending.map((row) => row.id) } }, data: { mailedAt: now } });
    });
    queued += mails.length;
    await yieldToEventLoop();
  }
  return queued;
}

// ─── The frequent check ─────────────────────────────────────────────────────────────────────────

export type FrequentOutcome = { attendance: number; broken: number };

/** What is checked every few minutes: attendance still to confirm, and rotations newly broken. */
export async function runFrequentChecks(since: Date, now = new Date()): Promise<FrequentOutcome> {
  const items = [...(await attendanceItems(since, now)), ...(await brokenItems(now))];
  await notifyAll(items, now);
  return {
    attendance: items.filter((item) => item.event.kind === "attendance-to-confirm").length,
    broken: items.filter((item) => item.event.kind === "rotations-broken").length,
  };
}

async function attendanceItems(since: Date, now: Date): Promise<Addressed[]> {
  // Sessions on the days whose end, 12 hours later, may fall in the check: a day's margin each side.
  const earliest = addDays(hospitalToday(new Date(since.getTime() - ATTENDANCE_REMINDER_MS - ATTENDANCE_REMINDER_USEFUL_MS)), -1);
  const sessions = await prisma.teachingSession.findMany({
    where: { cancelledAt: null, confirmedAt: null, date: { gte: earliest, lte: hospitalToday(now) } },
    select: { id: true, title: true, date: true, startTime: true, durationMinutes: true, tutors: { select: { userId: true } } },
  });
  return sessions
    .filter((session) => attendanceReminderDue(sessionEnd(session), since, now))
    .map((session) => ({
      userIds: session.tutors.map((tutor) => tutor.userId),
      event: {
        kind: "attendance-to-confirm",
        params: { title: session.title, date: toIsoDate(session.date) },
        link: `/tutor/teaching/${session.id}/attendance`,
      },
    }));
}

const BROKEN_SETTING = "notifications.brokenRotations";

/** Tells the administrators of rotations a change has broken since the last check (each rotation once while it stays broken). */
async function brokenItems(now: Date): Promise<Addressed[]> {
  const current = await brokenRotationIds(hospitalToday(now));
  const stored = await prisma.setting.findUnique({ where: { key: BROKEN_SETTING }, select: { value: true } });
  const known = new Set<string>(stored ? (JSON.parse(stored.value) as string[]) : []);
  const fresh = current.filter((id) => !known.has(id));
  const value = JSON.stringify(current);
  if (!stored || stored.value !== value) {
    await prisma.setting.upsert({ where: { key: BROKEN_SETTING }, create: { key: BROKEN_SETTING, value }, update: { value } });
  }
  // The first check only learns what is broken already: the dashboard shows it.
  if (!stored || !fresh.length) return [];
  const admins = await administratorIds();
  return admins.length ? [{ userIds: admins, event: { kind: "rotations-broken", params: { count: fresh.length }, link: "/admin" } }] : [];
}
