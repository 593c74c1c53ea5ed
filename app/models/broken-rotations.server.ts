import { findBrokenRotations, isOpen, judgingContext, type BrokenRotation, type SavedRotation } from "~/domain/broken-rotations";
import { hospitalToday } from "~/domain/dates";
import { encodeMessage } from "~/domain/refusal";
import { rotationProblems, rotationRefusals, rotationStatus, type RotationProblem } from "~/domain/rotation-rules";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { dialect } from "~/utils/sql-dialect.server";
import { PROTECTED_RECORDED } from "./absence.server";
import { rotationContext } from "./rotation.server";

/**
 * The rotations that a later change has broken, kept judged in the database (migration
 * 20261207150000_broken_rotations, docs/decisions/022-broken-rotations-kept-judged.md).
 *
 * Triggers mark, in the same transaction as every change, whose rotations it may have broken or mended:
 * a resident's, or a department's or programme's on some days. A read first judges those rotations again
 * against what they overlap, stores their verdicts and clears the marks, in one transaction; on a new day
 * the rotations broken the day before are judged again (a day passing can only mend). Only the very first
 * judgement, or one asked for an earlier day than the last (tests do), judges every open rotation.
 */
type Db = Prisma.TransactionClient;

/** Every open rotation judged, from five reads whatever their number (half a million rows at national size). */
async function judgeOpenRotations(db: Db, today: Date) {
  const open = { state: { not: "cancelled" }, endDate: { gte: today } };
  const [rotations, residents, departments, coverage, absences] = await Promise.all([
    db.rotation.findMany({
      where: open,
      select: { id: true, residentId: true, departmentId: true, tutorId: true, startDate: true, endDate: true, state: true },
    }),
    db.resident.findMany({
      where: { rotations: { some: open } },
      select: { id: true, programmeId: true, stayStart: true, stayEnd: true },
    }),
    departmentsOf(db),
    coverageOf(db),
    db.absence.findMany({
      where: { ...PROTECTED_RECORDED, endDate: { gte: today } },
      select: { residentId: true, startDate: true, endDate: true },
    }),
  ]);
  return { broken: findBrokenRotations({ today, rotations, residents, departments, coverage, absences }), departments };
}

async function departmentsOf(db: Db, ids?: string[]) {
  const rows = await db.department.findMany({
    where: ids ? { id: { in: ids } } : {},
    select: { id: true, name: true, capacity: true, tutors: { select: { userId: true } } },
  });
  return rows.map((d) => ({ id: d.id, name: d.name, capacity: d.capacity, tutorIds: d.tutors.map((t) => t.userId) }));
}

function coverageOf(db: Db, programmeIds?: string[]) {
  return db.agreementProgramme.findMany({
    where: programmeIds ? { programmeId: { in: programmeIds } } : {},
    select: {
      programmeId: true,
      posts: true,
      agreement: { select: { id: true, startDate: true, endDate: true, signedOn: true, terminatedOn: true } },
    },
  });
}

type Judged = SavedRotation & { programmeId: string; stayStart: Date; stayEnd: Date };

const judgedColumns = Prisma.sql`r."id", r."residentId", r."departmentId", r."tutorId", r."startDate", r."endDate", r."state",
  s."programmeId", s."stayStart", s."stayEnd"`;

/** A rotation meets the days of a mark (any day when the mark names none). */
const meetsMark = Prisma.sql`(m."toDate" IS NULL OR r."startDate" <= m."toDate") AND (m."fromDate" IS NULL OR r."endDate" >= m."fromDate")`;

/**
 * The ids of the rotations the marks name, each kind of mark through its own index. CROSS JOIN keeps the
 * marks first: SQLite would otherwise read every rotation and look each up among the marks, whose table
 * is empty whenever the planner's statistics are gathered (250 ms instead of 5 at national size).
 */
const marked = Prisma.sql`
  SELECT m."key" FROM "BrokenRotationStale" m WHERE m."scope" = 'rotation'
  UNION
  SELECT r."id" FROM "BrokenRotationStale" m CROSS JOIN "Rotation" r
    WHERE m."scope" = 'resident' AND r."residentId" = m."key"
  UNION
  SELECT r."id" FROM "BrokenRotationStale" m CROSS JOIN "Rotation" r
    WHERE m."scope" = 'department' AND r."departmentId" = m."key" AND ${meetsMark}
  UNION
  SELECT r."id" FROM "BrokenRotationStale" m CROSS JOIN "Resident" s CROSS JOIN "Rotation" r
    WHERE m."scope" = 'programme' AND s."programmeId" = m."key" AND r."residentId" = s."id" AND ${meetsMark}`;

const openOn = (today: Date) => Prisma.sql`r."state" <> 'cancelled' AND r."endDate" >= ${today}`;

/** The open rotations the marks name, and everything they are judged against, judged. */
async function judgeMarked(db: Db, today: Date) {
  const targets = await db.$queryRaw<Judged[]>`
    SELECT ${judgedColumns} FROM "Rotation" r JOIN "Resident" s ON s."id" = r."residentId"
    WHERE ${openOn(today)} AND r."id" IN (${marked})`;
  if (targets.length === 0) return { broken: [], departments: [] };
  const context = judgingContext(targets);
  const windows = (windows: Map<string, { from: Date; to: Date }>) =>
    Prisma.join([...windows].map(([id, w]) => Prisma.sql`(${id}, ${dialect.timestamp(w.from)}, ${dialect.timestamp(w.to)})`));
  const residents = JSON.stringify(context.residents);
  const around = await db.$queryRaw<Judged[]>`
    WITH "d" ("id", "from", "to") AS (VALUES ${windows(context.departments)}),
         "p" ("id", "from", "to") AS (VALUES ${windows(context.programmes)})
    SELECT ${judgedColumns} FROM "Rotation" r JOIN "Resident" s ON s."id" = r."residentId"
    WHERE ${openOn(today)} AND r."id" IN (
      SELECT r."id" FROM ${dialect.jsonTexts(residents, "j")} JOIN "Rotation" r ON r."residentId" = j."value"
      UNION
      SELECT r."id" FROM "d" JOIN "Rotation" r ON r."departmentId" = "d"."id" AND r."startDate" <= "d"."to" AND r."endDate" >= "d"."from"
      UNION
      SELECT r."id" FROM "p" JOIN "Resident" s ON s."programmeId" = "p"."id"
        JOIN "Rotation" r ON r."residentId" = s."id" AND r."startDate" <= "p"."to" AND r."endDate" >= "p"."from")`;
  const stays = new Map(
    around.map((r) => [r.residentId, { id: r.residentId, programmeId: r.programmeId, stayStart: r.stayStart, stayEnd: r.stayEnd }]),
  );
  const [departments, coverage, absences] = await Promise.all([
    departmentsOf(db, [...context.departments.keys()]),
    coverageOf(db, [...context.programmes.keys()]),
    db.$queryRaw<Array<{ residentId: string; startDate: Date; endDate: Date }>>`
      SELECT a."residentId", a."startDate", a."endDate" FROM ${dialect.jsonTexts(residents, "j")} CROSS JOIN "Absence" a
      WHERE a."residentId" = j."value" AND a."kind" = ${PROTECTED_RECORDED.kind} AND a."state" = ${PROTECTED_RECORDED.state}
        AND a."endDate" >= ${today}`,
  ]);
  const judge = new Set(targets.map((r) => r.id));
  return {
    broken: findBrokenRotations({ today, rotations: around, residents: [...stays.values()], departments, coverage, absences, judge }),
    departments,
  };
}

/**
 * Stores the verdicts in one statement, whatever their number, with their messages naming the rotation's
 * department; the first day is copied from the rotation as the database holds it.
 */
async function store(
  db: Db,
  { broken, departments }: { broken: Array<BrokenRotation<SavedRotation>>; departments: Array<{ id: string; name: string }> },
) {
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const rows = broken.map(({ rotation: r, problems }) => [r.id, JSON.stringify(messagesOf(problems, names.get(r.departmentId) ?? ""))]);
  await db.$executeRaw`
    INSERT INTO "BrokenRotation" ("rotationId", "startDate", "messages")
    SELECT r."id", r."startDate", ${dialect.jsonAt("j", 1)} FROM ${dialect.jsonRows(JSON.stringify(rows), "j")}
    JOIN "Rotation" r ON r."id" = ${dialect.jsonAt("j", 0)}`;
}

/**
 * Brings the stored verdicts up to `today`, in one transaction that takes the write lock first, so that
 * no change slips between what is read and what is stored.
 */
async function settle(today: Date) {
  await prisma.$transaction(
    async (db) => {
      const [state] = await db.$queryRaw<Array<{ day: Date | null }>>`SELECT (SELECT "day" FROM "BrokenRotationDay") AS "day"`;
      const day = state?.day ?? null;
      if (!day || today < day) {
        const judged = await judgeOpenRotations(db, today);
        await db.$executeRaw`DELETE FROM "BrokenRotation"`;
        await store(db, judged);
      } else {
        if (day < today) {
          // A day passing only ends rotations and absences, which then count against the others no more:
          // it can mend a broken rotation or change its reasons, never break another. So the broken ones
          // are judged again, and those that have ended leave.
          await db.$executeRaw`INSERT INTO "BrokenRotationStale" ("scope", "key") SELECT 'rotation', "rotationId" FROM "BrokenRotation"`;
        }
        const judged = await judgeMarked(db, today);
        await db.$executeRaw`DELETE FROM "BrokenRotation" WHERE "rotationId" IN (${marked})`;
        await store(db, judged);
      }
      await db.$executeRaw`DELETE FROM "BrokenRotationStale"`;
      await db.$executeRaw`DELETE FROM "BrokenRotationDay"`;
      await db.$executeRaw`INSERT INTO "BrokenRotationDay" ("day") VALUES (${today})`;
    },
    // The first judgement reads every open rotation: seconds at national size.
    { timeout: 120_000, maxWait: 120_000 },
  );
}

/** One settling at a time in this process: requests that find the verdicts stale meanwhile wait for it. */
let settling: Promise<void> | null = null;

/** The verdicts as of `today`: judged again first if a change or the day has made some stale. */
async function upToDate(today: Date) {
  for (;;) {
    const [state] = await prisma.$queryRaw<Array<{ day: Date | null; stale: bigint | number }>>`
      SELECT (SELECT "day" FROM "BrokenRotationDay") AS "day", EXISTS (SELECT 1 FROM "BrokenRotationStale") AS "stale"`;
    if (state?.day?.getTime() === today.getTime() && !Number(state.stale)) return;
    if (!settling) settling = settle(today).finally(() => (settling = null));
    await settling;
  }
}

/**
 * The rotations that a later change has broken, for the administrators' dashboard, the first `limit`
 * soonest first, with their reasons as messages.
 */
export async function brokenRotations({ today = hospitalToday(), limit = 50 }: { today?: Date; limit?: number } = {}) {
  await upToDate(today);
  const [count, shown] = await Promise.all([
    prisma.$queryRaw<Array<{ total: bigint | number }>>`SELECT COUNT(*) AS "total" FROM "BrokenRotation"`,
    prisma.$queryRaw<
      Array<{ id: string; residentName: string; departmentName: string; startDate: Date; endDate: Date; state: string; messages: string }>
    >`
      SELECT r."id", u."name" AS "residentName", d."name" AS "departmentName", r."startDate", r."endDate", r."state", b."messages"
      FROM "BrokenRotation" b CROSS JOIN "Rotation" r CROSS JOIN "Resident" s CROSS JOIN "User" u CROSS JOIN "Department" d
      WHERE r."id" = b."rotationId" AND s."id" = r."residentId" AND u."id" = s."userId" AND d."id" = r."departmentId"
      ORDER BY b."startDate", b."rotationId" LIMIT ${limit}`,
  ]);
  return {
    total: Number(count[0]?.total ?? 0),
    rotations: shown.map(({ messages, state, ...r }) => ({
      ...r,
      status: rotationStatus({ state, startDate: r.startDate, endDate: r.endDate }, today),
      problems: JSON.parse(messages) as string[],
    })),
  };
}

/** The ids of every broken rotation (the notifications' frequent check). */
export async function brokenRotationIds(today = hospitalToday()): Promise<string[]> {
  await upToDate(today);
  const rows = await prisma.$queryRaw<Array<{ rotationId: string }>>`
    SELECT "rotationId" FROM "BrokenRotation" ORDER BY "startDate", "rotationId"`;
  return rows.map((row) => row.rotationId);
}

/**
 * The rules one saved rotation now breaks, as messages (app/domain/refusal.ts), for its own page: nothing for a cancelled or
 * completed one. Judged like the dashboard does, against the other rotations still open.
 */
export async function brokenRulesOf(
  rotation: {
    id: string;
    residentId: string;
    departmentId: string;
    tutorId: string | null;
    startDate: Date;
    endDate: Date;
    state: string;
    department: { name: string };
  },
  today = hospitalToday(),
) {
  if (!isOpen(rotation, today)) return [];
  const context = await rotationContext(prisma, rotation);
  if (!context) return [];
  const open = <T extends { endDate: Date }>(rows: T[]) => rows.filter((r) => r.endDate >= today);
  const problems = rotationProblems({
    ...context,
    residentRotations: open(context.residentRotations),
    departmentRotations: open(context.departmentRotations),
    programmeRotations: open(context.programmeRotations),
  });
  return messagesOf(problems, rotation.department.name);
}

/** The broken rules as the messages a page puts into words (app/i18n/message.ts). */
function messagesOf(problems: RotationProblem[], departmentName: string): string[] {
  return rotationRefusals(problems, departmentName).map(encodeMessage);
}
