import type { LoaderFunctionArgs } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createSession, sessionCookie } from "~/auth/session.server";
import { addDays, hospitalToday, parseIsoDate } from "~/domain/dates";
import { formatMonth, monthOf } from "~/domain/planning-board";
import type { Role } from "~/domain/roles";
import { academicYearOf } from "~/domain/teaching";
import { brokenRotations } from "~/models/broken-rotations.server";
import { formVersionFor } from "~/models/evaluation-form.server";
import { academicYearStart } from "~/models/settings.server";
import { prisma } from "~/utils/db.server";
import { countQueries, type QueryCount } from "~/utils/query-count.server";
import { createCatalogue, createDepartment, createUniversity } from "../../test/factories";
import { loader as adminDashboard } from "./admin._index";
import { loader as agreementList } from "./admin.agreements._index";
import { loader as programmeProgress } from "./admin.programmes.$programmeId_.progress";
import { loader as teachingReport } from "./admin.reports.teaching";
import { loader as evaluationOverview } from "./admin.evaluations._index";
import { loader as evaluationRotations } from "./admin.evaluations.rotations";
import { loader as evaluationForms } from "./admin.evaluations.forms._index";
import { loader as residentList } from "./admin.residents._index";
import { loader as planningBoard } from "./admin.rotations.board";
import { loader as ruleCheck } from "./admin.rotations.check";
import { loader as residentHome } from "./me._index";
import { loader as ownRotations } from "./me.rotations";
import { loader as openProgrammes } from "./open.programmes[.json]";
import { loader as programmeCatalogue } from "./admin.programmes.$programmeId_.logbook";
import { loader as logbookQueue } from "./tutor.logbook";
import { loader as myLogbook } from "./me.logbook";
import { loader as myRotationEvaluation } from "./me.evaluations.$rotationId";
import { loader as evaluationResults } from "./admin.evaluations.results";
import { loader as ownEvaluationResults } from "./tutor.evaluations.results";
import { loader as tutorEvaluations } from "./tutor.evaluations._index";
import { loader as myEvaluations } from "./me.evaluations._index";
import { loader as residentsInCare } from "./tutor.residents";
import { loader as tutorResidentProgress } from "./tutor.residents_.$residentId.progress";
import { loader as notificationList } from "./notifications._index";
import { loader as deliveryList } from "./admin.notifications._index";
import { loader as myAbsences } from "./me.absences";
import { loader as tutorAbsences } from "./tutor.absences";
import { loader as adminAbsences } from "./admin.absences._index";
import { loader as absenceReport } from "./admin.absences.report";
import { loader as absenceReportCsv } from "./admin.absences.report[.csv]";
import { loader as residentAbsences } from "./admin.residents.$residentId_.absences";
import { loader as progressionList } from "./admin.progression._index";
import { loader as progressionRecord } from "./admin.progression.$residentId";
import { loader as root } from "../root";
import { TEST_DATABASE } from "../../test/test-database";

/**
 * No page may hide a "query storm": the number of SQL statements a page's loader sends must not grow
 * with the amount of data it lists or adds up. Each page below gets a world of its own holding SMALL of
 * the things it shows; every page is asked for once and its statements counted; then every world grows
 * to LARGE and every page is asked for again. The counts must be equal.
 *
 * Both rounds ask for every page before the next round starts, because some pages (the dashboard, the
 * open data) read every row of the database, other worlds' too: that way their first count never sees
 * another world already grown. Rows are named with each world's tag (the worker's database may hold
 * other tests' rows, which changes row counts, never statement counts).
 *
 * QUERY_COUNT_DEBUG=1 prints every statement of every count (see debug() below).
 */
const SMALL = 10;
const LARGE = 1_000;

const d = (iso: string) => parseIsoDate(iso)!;
const today = hospitalToday();
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
const SPECIALTIES = ["oncologia-medica", "radioterapia", "ematologia", "anatomia-patologica", "radiodiagnostica"];

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
type World = {
  /** Adds rows until the world holds n of the things the page shows. */
  grow(n: number): Promise<void>;
  /** Asks for the page as its user and counts the statements. */
  measure(): Promise<QueryCount<unknown>>;
};
type Page = { name: string; world: () => Promise<World> };

// ─── Asking for a page ───────────────────────────────────────────────────────────────────────────

/** Calls a route's loader with the cookie of a session just opened for the user (none for a public page), counting its statements. */
async function ask(loader: Loader, path: string, userId: string | null, params: Record<string, string> = {}): Promise<QueryCount<unknown>> {
  const headers = new Headers();
  if (userId) {
    // A fresh session each time, so that validating it never writes (a session seen a minute ago is touched).
    const { token, expiresAt } = await createSession(userId);
    headers.set("Cookie", sessionCookie(token, expiresAt).split(";")[0]!);
  }
  const request = new Request(`http://localhost${path}`, { headers });
  const counted = await countQueries(() => loader({ request, params, context: { cspNonce: "test", clientAddress: "127.0.0.1" } }));
  // A page that answers an error (a Response, or Remix's data() with a status) counts for nothing.
  const { result } = counted;
  const status = result instanceof Response ? result.status : ((result as { init?: ResponseInit | null }).init?.status ?? 200);
  if (status >= 400) throw new Error(`${path} answered ${status}`);
  return counted;
}

/** Each statement's shape, with its lists of placeholders shortened, so that the chunks of one IN (…) read alike. */
const shape = (sql: string) => sql.replace(/\?(,\s*\?)+/g, "?…");

const placeholders = (sql: string) => sql.match(/\?/g)?.length ?? 0;

/**
 * The shapes sent a different number of times with more data, for the failure message: how often
 * before and after, and the number of placeholders of each (a list of ids split in chunks shows as
 * several statements of one shape).
 */
function repeated(small: QueryCount<unknown>, large: QueryCount<unknown>): string {
  const tally = (statements: string[]) => {
    const byShape = new Map<string, number[]>();
    for (const sql of statements) byShape.set(shape(sql), [...(byShape.get(shape(sql)) ?? []), placeholders(sql)]);
    return byShape;
  };
  const before = tally(small.statements);
  const after = tally(large.statements);
  return [...new Set([...before.keys(), ...after.keys()])]
    .filter((sql) => (before.get(sql)?.length ?? 0) !== (after.get(sql)?.length ?? 0))
    .map((sql) => {
      const [b = [], a = []] = [before.get(sql), after.get(sql)];
      return `  ×${b.length} → ×${a.length} (placeholders ${b.join("+") || "-"} → ${a.join("+") || "-"}): ${sql.length > 300 ? `${sql.slice(0, 300)}…` : sql}`;
    })
    .join("\n");
}

// ─── Building worlds ─────────────────────────────────────────────────────────────────────────────

async function person(tag: string, label: string, role: Role) {
  return prisma.user.create({ data: { email: `${label}-${tag}@example.test`, name: `${label} ${tag}`, roles: { create: { role } } } });
}

/** A university of the world's own with five programmes (a hospital hosts a few dozen). */
async function programmes(tag: string) {
  const university = await createUniversity({
    name: `Ateneo ${tag}`,
    shortName: tag,
    programmes: SPECIALTIES.map((specialtyCode) => ({ specialtyCode })),
  });
  return { university, programmeIds: university.programmes.map((p) => p.id) };
}

/** Residents number `from` to `to` - 1 of a world: people with the resident role and a training record, spread over the programmes. */
async function addResidents(
  tag: string,
  from: number,
  to: number,
  spec: { programmeIds: string[]; stayStart: Date; stayEnd: (i: number) => Date; tutorId?: string },
) {
  const ids = range(from, to);
  await prisma.user.createMany({
    data: ids.map((i) => ({ id: `${tag}-u${i}`, email: `r${i}-${tag}@example.test`, name: `Specializzando ${i} ${tag}` })),
  });
  await prisma.userRole.createMany({ data: ids.map((i) => ({ userId: `${tag}-u${i}`, role: "resident" })) });
  await prisma.resident.createMany({
    data: ids.map((i) => ({
      id: `${tag}-r${i}`,
      userId: `${tag}-u${i}`,
      programmeId: spec.programmeIds[i % spec.programmeIds.length]!,
      yearOfTraining: 1 + (i % 4),
      studentNumber: `${tag}-${i}`,
      stayStart: spec.stayStart,
      stayEnd: spec.stayEnd(i),
      tutorId: spec.tutorId ?? null,
    })),
  });
  return ids.map((i) => `${tag}-r${i}`);
}

/** Universities number `from` to `to` - 1 of a world, each with one programme, and an agreement covering it in one of the six statuses. */
async function addCoveredProgrammes(tag: string, from: number, to: number) {
  const ids = range(from, to);
  await prisma.university.createMany({ data: ids.map((i) => ({ id: `${tag}-a${i}`, name: `Ateneo ${i} ${tag}`, city: "Milano" })) });
  await prisma.programme.createMany({
    data: ids.map((i) => ({
      id: `${tag}-p${i}`,
      universityId: `${tag}-a${i}`,
      specialtyCode: SPECIALTIES[i % SPECIALTIES.length]!,
      directorName: "Prof. Direttore",
      directorEmail: "direttore@example.it",
      durationYears: 4,
    })),
  });
  // Active, expiring within 90 days, expired, a draft, terminated, not yet in force.
  const dates = (i: number) =>
    [
      { startDate: addDays(today, -365), endDate: addDays(today, 365), signedOn: addDays(today, -400), terminatedOn: null },
      { startDate: addDays(today, -300), endDate: addDays(today, 30), signedOn: addDays(today, -330), terminatedOn: null },
      { startDate: addDays(today, -700), endDate: addDays(today, -30), signedOn: addDays(today, -730), terminatedOn: null },
      { startDate: addDays(today, 30), endDate: addDays(today, 400), signedOn: null, terminatedOn: null },
      { startDate: addDays(today, -365), endDate: addDays(today, 365), signedOn: addDays(today, -400), terminatedOn: addDays(today, -10) },
      { startDate: addDays(today, 60), endDate: addDays(today, 500), signedOn: addDays(today, -5), terminatedOn: null },
    ][i % 6]!;
  await prisma.agreement.createMany({
    data: ids.map((i) => ({
      id: `${tag}-g${i}`,
      universityId: `${tag}-a${i}`,
      facilityRole: i % 2 ? "collegata" : "complementare",
      ...dates(i),
    })),
  });
  await prisma.agreementProgramme.createMany({
    data: ids.map((i) => ({ agreementId: `${tag}-g${i}`, programmeId: `${tag}-p${i}`, posts: 3 })),
  });
  return ids.map((i) => `${tag}-p${i}`);
}

/** Teaching sessions number `from` to `to` - 1 of a world, delivered (confirmed, not cancelled), each with its tutors, programmes and marks. */
async function addDeliveredSessions(
  tag: string,
  from: number,
  to: number,
  spec: {
    date: (i: number) => Date;
    tutorIds: (i: number) => string[];
    programmeIds: (i: number) => string[];
    departmentId: (i: number) => string | null;
    marks: (i: number) => Array<[string, string]>;
  },
) {
  const ids = range(from, to);
  const sessionId = (i: number) => `${tag}-s${i}`;
  await prisma.teachingSession.createMany({
    data: ids.map((i) => ({
      id: sessionId(i),
      title: `Lezione ${i} ${tag}`,
      type: "lecture",
      date: spec.date(i),
      startTime: "08:00",
      durationMinutes: 60,
      departmentId: spec.departmentId(i),
      confirmedAt: new Date(),
    })),
  });
  await prisma.teachingTutor.createMany({
    data: ids.flatMap((i) => spec.tutorIds(i).map((userId, n) => ({ sessionId: sessionId(i), userId, lead: n === 0 }))),
  });
  await prisma.teachingProgramme.createMany({
    data: ids.flatMap((i) => spec.programmeIds(i).map((programmeId) => ({ sessionId: sessionId(i), programmeId }))),
  });
  await prisma.attendance.createMany({
    data: ids.flatMap((i) => spec.marks(i).map(([residentId, status]) => ({ sessionId: sessionId(i), residentId, status }))),
  });
}

/** A world's grow(): keeps count of how many things the world holds and adds things number `from` to `to` - 1 with `add`. */
function growing(add: (from: number, to: number) => Promise<void>): World["grow"] {
  let size = 0;
  return async (n) => {
    await add(size, n);
    size = Math.max(size, n);
  };
}

/**
 * A resident with their own rotations (in five departments, one after another) and teaching sessions
 * of this academic year they attended (the hours /me adds up), for /me and /me/rotations.
 */
async function residentWorld(loader: Loader, path: string): Promise<World> {
  const tag = randomUUID().slice(0, 8);
  const tutor = await person(tag, "tutor", "tutor");
  const me = await person(tag, "resident", "resident");
  const { programmeIds } = await programmes(tag);
  const record = await prisma.resident.create({
    data: {
      userId: me.id,
      programmeId: programmeIds[0]!,
      yearOfTraining: 3,
      studentNumber: `${tag}-me`,
      stayStart: addDays(today, -800),
      stayEnd: addDays(today, 800),
      tutorId: tutor.id,
    },
  });
  const departments = await Promise.all(range(0, 5).map((i) => createDepartment(`Reparto ${i} ${tag}`, 10, [tutor.id])));
  return {
    grow: growing(async (from, to) => {
      await prisma.rotation.createMany({
        data: range(from, to).map((i) => ({
          residentId: record.id,
          departmentId: departments[i % departments.length]!.id,
          tutorId: tutor.id,
          startDate: addDays(d("2020-01-06"), 7 * i),
          endDate: addDays(d("2020-01-06"), 7 * i + 4),
          state: i % 7 === 0 ? "planned" : "confirmed",
        })),
      });
      await addDeliveredSessions(tag, from, to, {
        date: () => today,
        tutorIds: () => [tutor.id],
        programmeIds: () => [programmeIds[0]!],
        departmentId: (i) => departments[i % departments.length]!.id,
        marks: () => [[record.id, "present"]],
      });
    }),
    measure: () => ask(loader, path, me.id),
  };
}

/**
 * The teaching report of the academic year 2045/46: sessions delivered by five tutors for five
 * programmes in three departments, each with the marks of two of twenty residents. One world for the
 * four groupings (growing it to a size it already has adds nothing).
 */
let teaching: Promise<{ admin: string; grow: World["grow"] }> | undefined;
async function reportWorld(by: "programme" | "university" | "department" | "tutor"): Promise<World> {
  teaching ??= (async () => {
    const tag = randomUUID().slice(0, 8);
    const admin = await person(tag, "admin", "admin");
    const tutors = await Promise.all(range(0, 5).map((i) => person(tag, `tutor${i}`, "tutor")));
    const { programmeIds } = await programmes(tag);
    const departments = await Promise.all(range(0, 3).map((i) => createDepartment(`Reparto ${i} ${tag}`, 50, [tutors[i]!.id])));
    const residentIds = await addResidents(tag, 0, 20, { programmeIds, stayStart: d("2045-11-01"), stayEnd: () => d("2046-10-31") });
    const grow = growing((from, to) =>
      addDeliveredSessions(tag, from, to, {
        date: (i) => addDays(d("2045-11-02"), i % 360),
        tutorIds: (i) => [tutors[i % 5]!.id, tutors[(i + 1) % 5]!.id],
        programmeIds: (i) => [programmeIds[i % 5]!],
        departmentId: (i) => (i % 4 === 3 ? null : departments[i % 3]!.id),
        marks: (i) => [
          [residentIds[i % 20]!, "present"],
          [residentIds[(i + 7) % 20]!, i % 3 ? "present" : "absent"],
        ],
      }),
    );
    return { admin: admin.id, grow };
  })();
  const { admin, grow } = await teaching;
  return { grow, measure: () => ask(teachingReport, `/admin/reports/teaching?from=2045-11-01&to=2046-10-31&by=${by}`, admin) };
}

/**
 * A person with notifications of every kind their page shows, a third of them read: for /notifications,
 * and for the header of every page (the root loader), whose bell counts the unread ones.
 */
async function notificationWorld(loader: Loader, path: string): Promise<World> {
  const tag = randomUUID().slice(0, 8);
  const me = await person(tag, "tutor", "tutor");
  // The root loader applies the connection's settings on its first call in a process: done here, not counted.
  await ask(loader, path, me.id);
  return {
    grow: growing(async (from, to) => {
      await prisma.notification.createMany({
        data: range(from, to).map((i) => ({
          userId: me.id,
          kind: i % 2 ? "attendance-to-confirm" : "logbook-waiting",
          category: i % 2 ? "attendance" : "logbook",
          params: JSON.stringify(i % 2 ? { title: `Lezione ${i}`, date: "2026-12-01" } : { count: 1 + (i % 5) }),
          link: "/tutor",
          delivery: "portal",
          readAt: i % 3 === 0 ? new Date() : null,
          createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
        })),
      });
    }),
    measure: () => ask(loader, path, me.id),
  };
}

/** A person with e-mails in every state and of every shape (one notification, a digest, a credential): for /admin/notifications. */
async function deliveryWorld(): Promise<World> {
  const tag = randomUUID().slice(0, 8);
  const [admin, reader] = [await person(tag, "admin", "admin"), await person(tag, "reader", "tutor")];
  const path = `/admin/notifications?user=${reader.id}`;
  await ask(deliveryList, path, admin.id);
  return {
    grow: growing(async (from, to) => {
      await prisma.outboxMessage.createMany({
        data: range(from, to).map((i) => ({
          messageId: `${tag}-${i}@example.test`,
          userId: reader.id,
          to: reader.email,
          locale: "it",
          category: ["attendance", "logbook", "security"][i % 3]!,
          payload: [
            JSON.stringify({ kind: "attendance-to-confirm", params: { title: `Lezione ${i}`, date: "2026-12-01" }, link: "/tutor" }),
            JSON.stringify({ digest: "daily", notificationIds: [`n${i}`] }),
            "{}",
          ][i % 3]!,
          secret: i % 3 === 2,
          status: ["queued", "sent", "failed", "queued"][i % 4]!,
          attempts: i % 4 === 3 ? 2 : 1,
          lastError: i % 2 ? "421 try again later" : null,
          createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
        })),
      });
    }),
    measure: () => ask(deliveryList, path, admin.id),
  };
}

/**
 * A released period of residents' answers about many tutors in three departments, half of them about
 * the world's tutor, on two versions of the form: the results pages add them up whatever their number.
 */
async function evaluationResultsWorld(
  period: string,
  measure: (w: { admin: string; tutor: string }) => Promise<QueryCount<unknown>>,
): Promise<World> {
  const tag = randomUUID().slice(0, 8);
  const admin = await person(tag, "admin", "admin");
  const tutor = await person(tag, "tutor", "tutor");
  const departments = await Promise.all(range(0, 3).map((i) => createDepartment(`Reparto ${i} ${tag}`, 10, [tutor.id])));
  const version = await prisma.$transaction((tx) => formVersionFor(tx, "resident-rotation", null));
  const older = await prisma.evaluationFormVersion.create({
    data: { formId: version.formId, version: 1000 + Math.floor(Math.random() * 1_000_000), items: JSON.stringify(version.items) },
  });
  await prisma.evaluationRelease.upsert({ where: { period }, create: { period, releasedAt: new Date(), answers: 0 }, update: {} });
  return {
    grow: growing(async (from, to) => {
      const colleagues = range(Math.ceil(from / 10), Math.ceil(to / 10));
      await prisma.user.createMany({
        data: colleagues.map((i) => ({ id: `${tag}-t${i}`, email: `t${i}-${tag}@example.test`, name: `Tutor ${i} ${tag}` })),
      });
      await prisma.evaluationAnswer.createMany({
        data: range(from, to).map((i) => ({
          id: `${tag}-a${i}`,
          period,
          formVersionId: i % 4 < 2 ? version.id : older.id,
          tutorId: i % 2 ? `${tag}-t${Math.floor(i / 10)}` : tutor.id,
          departmentId: departments[i % 3]!.id,
          answers: JSON.stringify({ "teaching-received": 1 + (i % 5), recommend: i % 2 === 0, comment: `Commento ${i}` }),
        })),
      });
    }),
    measure: () => measure({ admin: admin.id, tutor: tutor.id }),
  };
}

/** The month of the absence report measured: the one the leave worlds' absences begin in. */
const reportMonth = formatMonth(monthOf(addDays(today, 366)));

/**
 * Leave of residents on rotations of one department supervised by the world's tutor: `n` requests (one a
 * day from next year on, every fifth outside any rotation), every third already decided by the tutor.
 */
async function leaveWorld(
  loader: Loader,
  path: string | ((tag: string, universityId: string) => string),
  as: "tutor" | "admin" | "resident",
  params: (tag: string) => Record<string, string> = () => ({}),
): Promise<World> {
  const tag = randomUUID().slice(0, 8);
  const tutor = await person(tag, "tutor", "tutor");
  const admin = await person(tag, "admin", "admin");
  const { university, programmeIds } = await programmes(tag);
  const residentIds = await addResidents(tag, 0, 4, { programmeIds, stayStart: addDays(today, -400), stayEnd: () => addDays(today, 5000) });
  const department = await createDepartment(`Reparto ${tag}`, 10, [tutor.id]);
  await prisma.rotation.createMany({
    data: residentIds.map((residentId, i) => ({
      id: `${tag}-rot${i}`,
      residentId,
      departmentId: department.id,
      tutorId: tutor.id,
      startDate: addDays(today, 300),
      endDate: addDays(today, 4000),
      state: "confirmed",
    })),
  });
  return {
    grow: growing(async (from, to) => {
      await prisma.absence.createMany({
        data: range(from, to).map((i) => {
          const day = addDays(today, 366 + Math.floor(i / 4));
          const decided = i % 3 === 0;
          // Every seventh a protected absence, recorded by an administrator.
          if (i % 7 === 6) {
            return {
              residentId: residentIds[i % 4]!,
              kind: "protected",
              protectedType: "illness",
              state: "recorded",
              startDate: day,
              endDate: day,
            };
          }
          return {
            residentId: residentIds[i % 4]!,
            kind: "personal",
            state: decided ? (i % 2 ? "approved" : "declined") : "requested",
            startDate: day,
            endDate: day,
            note: i % 2 ? "Visita specialistica" : null,
            rotationId: i % 5 === 4 ? null : `${tag}-rot${i % 4}`,
            decidedById: decided ? tutor.id : null,
            decidedAt: decided ? new Date() : null,
            reason: decided && i % 2 === 0 ? "Reparto scoperto" : null,
          };
        }),
      });
    }),
    measure: () =>
      ask(
        loader,
        typeof path === "string" ? path : path(tag, university.id),
        as === "tutor" ? tutor.id : as === "admin" ? admin.id : `${tag}-u0`,
        params(tag),
      ),
  };
}

/**
 * A programme's progression round: `n` residents in it this academic year, each with a rotation whose
 * evaluation is signed, a day of approved leave, a lesson attended and (every other one) an outcome
 * already recorded; for the round and for one resident's page, which reads the same round.
 */
async function progressionWorld(loader: Loader, one: boolean): Promise<World> {
  const tag = randomUUID().slice(0, 8);
  const tutor = await person(tag, "tutor", "tutor");
  const admin = await person(tag, "admin", "admin");
  const { programmeIds } = await programmes(tag);
  const programmeId = programmeIds[0]!;
  const department = await createDepartment(`Reparto ${tag}`, 5000, [tutor.id]);
  const version = await prisma.$transaction((tx) => formVersionFor(tx, "tutor-resident", null));
  const startYear = academicYearOf(today, await academicYearStart()).startYear;
  return {
    grow: growing(async (from, to) => {
      const residentIds = await addResidents(tag, from, to, {
        programmeIds: [programmeId],
        stayStart: addDays(today, -400),
        stayEnd: () => addDays(today, 1000),
        tutorId: tutor.id,
      });
      await prisma.resident.updateMany({ where: { id: { in: residentIds } }, data: { contractStart: addDays(today, -300) } });
      await prisma.rotation.createMany({
        data: residentIds.map((residentId, k) => ({
          id: `${tag}-rot${from + k}`,
          residentId,
          departmentId: department.id,
          tutorId: tutor.id,
          startDate: addDays(today, -100),
          endDate: addDays(today, -10),
          state: "confirmed",
        })),
      });
      await prisma.tutorEvaluation.createMany({
        data: range(from, to).map((i) => ({
          rotationId: `${tag}-rot${i}`,
          formVersionId: version.id,
          answers: '{"knowledge":4}',
          signedAt: addDays(today, -5),
          signedById: tutor.id,
        })),
      });
      await prisma.absence.createMany({
        data: residentIds.map((residentId) => ({
          residentId,
          kind: "personal",
          state: "approved",
          startDate: addDays(today, -50),
          endDate: addDays(today, -50),
          decidedById: tutor.id,
          decidedAt: new Date(),
        })),
      });
      await prisma.progressionOutcome.createMany({
        data: residentIds
          .filter((_, k) => (from + k) % 2 === 0)
          .map((residentId) => ({
            residentId,
            academicYear: startYear,
            trainingYear: 1,
            outcome: "repeats",
            decidedOn: today,
            recordedById: admin.id,
          })),
      });
      await addDeliveredSessions(tag, from, to, {
        date: () => addDays(today, -20),
        tutorIds: () => [tutor.id],
        programmeIds: () => [programmeId],
        departmentId: () => department.id,
        marks: (i) => [[`${tag}-r${i}`, "present"]],
      });
    }),
    measure: () =>
      one
        ? ask(loader, `/admin/progression/${tag}-r0`, admin.id, { residentId: `${tag}-r0` })
        : ask(loader, `/admin/progression?programme=${programmeId}`, admin.id),
  };
}

const pages: Page[] = [
  { name: "/me/absences", world: () => leaveWorld(myAbsences, "/me/absences", "resident") },
  { name: "/tutor/absences", world: () => leaveWorld(tutorAbsences, "/tutor/absences", "tutor") },
  { name: "/admin/absences", world: () => leaveWorld(adminAbsences, "/admin/absences", "admin") },
  {
    // The month the world's absences begin in: more of them fall in it, and every protected one is read for the suspensions.
    name: "/admin/absences/report (university, month)",
    world: () => leaveWorld(absenceReport, (_, id) => `/admin/absences/report?university=${id}&month=${reportMonth}`, "admin"),
  },
  {
    name: "/admin/absences/report.csv (university, month)",
    world: () => leaveWorld(absenceReportCsv, (_, id) => `/admin/absences/report.csv?university=${id}&month=${reportMonth}`, "admin"),
  },
  {
    name: "/admin/residents/:residentId/absences",
    world: () =>
      leaveWorld(
        residentAbsences,
        (tag) => `/admin/residents/${tag}-r0/absences`,
        "admin",
        (tag) => ({ residentId: `${tag}-r0` }),
      ),
  },
  { name: "/admin/progression (a programme's round)", world: () => progressionWorld(progressionList, false) },
  { name: "/admin/progression/:residentId", world: () => progressionWorld(progressionRecord, true) },
  { name: "/admin/notifications (one person's e-mails)", world: deliveryWorld },
  { name: "/notifications", world: () => notificationWorld(notificationList, "/notifications") },
  { name: "every page's header (the root loader, the bell's count)", world: () => notificationWorld(root, "/tutor") },
  { name: "/me", world: () => residentWorld(residentHome, "/me") },
  { name: "/me/rotations", world: () => residentWorld(ownRotations, "/me/rotations") },
  {
    // Evaluations a tutor fills: a third as supervising tutor (with a draft), a third as the head of a
    // department whose rotations have no tutor, a third named by an administrator; and as many signed.
    name: "/tutor/evaluations",
    async world() {
      const tag = randomUUID().slice(0, 8);
      const tutor = await person(tag, "tutor", "tutor");
      const colleague = await person(`${tag}c`, "colleague", "tutor");
      const { programmeIds } = await programmes(tag);
      const department = await createDepartment(`Reparto ${tag}`, 5000, [tutor.id, colleague.id]);
      await prisma.department.update({ where: { id: department.id }, data: { headId: tutor.id } });
      const version = await prisma.$transaction((tx) => formVersionFor(tx, "tutor-resident", null));
      return {
        grow: growing(async (from, to) => {
          const residentIds = await addResidents(tag, from, to, {
            programmeIds,
            stayStart: addDays(today, -400),
            stayEnd: () => addDays(today, 400),
          });
          const rotation = (prefix: string, i: number, residentId: string, end: Date) => ({
            id: `${tag}-${prefix}${i}`,
            residentId,
            departmentId: department.id,
            tutorId: prefix === "open" ? [tutor.id, null, colleague.id][i % 3]! : tutor.id,
            startDate: addDays(end, -30),
            endDate: end,
            state: "confirmed",
          });
          await prisma.rotation.createMany({
            data: residentIds.flatMap((residentId, k) => [
              rotation("open", from + k, residentId, addDays(today, -((from + k) % 10))),
              rotation("done", from + k, residentId, addDays(today, -100 - ((from + k) % 200))),
            ]),
          });
          await prisma.tutorEvaluation.createMany({
            data: range(from, to).flatMap((i) => [
              ...(i % 3 === 2 ? [{ rotationId: `${tag}-open${i}`, formVersionId: version.id, assigneeId: tutor.id }] : []),
              ...(i % 3 === 0 ? [{ rotationId: `${tag}-open${i}`, formVersionId: version.id, answers: '{"knowledge":4}' }] : []),
              {
                rotationId: `${tag}-done${i}`,
                formVersionId: version.id,
                answers: '{"knowledge":4}',
                signedAt: addDays(today, -90 - (i % 200)),
                signedById: tutor.id,
                acknowledgedAt: i % 2 ? addDays(today, -80) : null,
              },
            ]),
          });
        }),
        measure: () => ask(tutorEvaluations, "/tutor/evaluations", tutor.id),
      };
    },
  },
  {
    // A resident's weekly rotations since 2020, each evaluated and signed by the tutor (half of them
    // acknowledged), a fifth of them evaluated in confidence by the resident.
    name: "/me/evaluations",
    async world() {
      const tag = randomUUID().slice(0, 8);
      const tutor = await person(tag, "tutor", "tutor");
      const me = await person(tag, "resident", "resident");
      const { programmeIds } = await programmes(tag);
      const record = await prisma.resident.create({
        data: {
          userId: me.id,
          programmeId: programmeIds[0]!,
          yearOfTraining: 3,
          studentNumber: `${tag}-me`,
          stayStart: addDays(today, -800),
          stayEnd: addDays(today, 800),
        },
      });
      const department = await createDepartment(`Reparto ${tag}`, 10, [tutor.id]);
      const version = await prisma.$transaction((tx) => formVersionFor(tx, "tutor-resident", programmeIds[0]!));
      return {
        grow: growing(async (from, to) => {
          const start = (i: number) => addDays(d("2020-01-06"), 7 * i);
          await prisma.rotation.createMany({
            data: range(from, to).map((i) => ({
              id: `${tag}-rot${i}`,
              residentId: record.id,
              departmentId: department.id,
              tutorId: tutor.id,
              startDate: start(i),
              endDate: addDays(start(i), 4),
              state: "confirmed",
            })),
          });
          await prisma.tutorEvaluation.createMany({
            data: range(from, to).map((i) => ({
              rotationId: `${tag}-rot${i}`,
              formVersionId: version.id,
              answers: '{"knowledge":4,"objectives-met":true,"strengths":"Precisa"}',
              signedAt: addDays(start(i), 10),
              signedById: tutor.id,
              acknowledgedAt: i % 2 ? addDays(start(i), 12) : null,
              residentComment: i % 4 === 1 ? "Letta" : null,
            })),
          });
          await prisma.evaluationSubmission.createMany({
            data: range(from, to)
              .filter((i) => i % 5 === 0)
              .map((i) => ({ rotationId: `${tag}-rot${i}`, residentId: record.id })),
          });
        }),
        measure: () => ask(myEvaluations, "/me/evaluations", me.id),
      };
    },
  },
  {
    // A rotation a week since 2020, each with three entries (certified, pending, returned) of a catalogue of ten activities.
    name: "/me/logbook",
    async world() {
      const tag = randomUUID().slice(0, 8);
      const tutor = await person(tag, "tutor", "tutor");
      const me = await person(tag, "resident", "resident");
      const { programmeIds } = await programmes(tag);
      const record = await prisma.resident.create({
        data: {
          userId: me.id,
          programmeId: programmeIds[0]!,
          yearOfTraining: 3,
          studentNumber: `${tag}-me`,
          stayStart: addDays(today, -800),
          stayEnd: addDays(today, 800),
        },
      });
      const department = await createDepartment(`Reparto ${tag}`, 10, [tutor.id]);
      const catalogue = await createCatalogue({
        programmeId: programmeIds[0]!,
        activities: range(0, 10).map((i) => ({ code: `a${i}`, labelIt: `Attività ${i}`, labelEn: `Activity ${i}`, minimums: [] })),
      });
      const statuses = ["certified", "pending", "returned"];
      return {
        grow: growing(async (from, to) => {
          const start = (i: number) => addDays(d("2020-01-06"), 7 * i);
          await prisma.rotation.createMany({
            data: range(from, to).map((i) => ({
              residentId: record.id,
              departmentId: department.id,
              tutorId: tutor.id,
              startDate: start(i),
              endDate: addDays(start(i), 4),
              state: "confirmed",
            })),
          });
          await prisma.logbookEntry.createMany({
            data: range(from, to).flatMap((i) =>
              statuses.map((status, k) => ({
                residentId: record.id,
                activityId: catalogue.activities[(i + k) % 10]!.id,
                departmentId: department.id,
                tutorId: tutor.id,
                date: addDays(start(i), k),
                count: 1,
                degree: "support",
                status,
                returnReason: status === "returned" ? "Il grado" : null,
              })),
            ),
          });
        }),
        measure: () => ask(myLogbook, "/me/logbook", me.id),
      };
    },
  },
  {
    // Residents rotating now in the tutor's three departments, half of them supervised by the tutor.
    name: "/tutor/residents",
    async world() {
      const tag = randomUUID().slice(0, 8);
      const tutor = await person(tag, "tutor", "tutor");
      const { programmeIds } = await programmes(tag);
      const departments = await Promise.all(range(0, 3).map((i) => createDepartment(`Reparto ${i} ${tag}`, 5000, [tutor.id])));
      return {
        grow: growing(async (from, to) => {
          const residentIds = await addResidents(tag, from, to, {
            programmeIds,
            stayStart: addDays(today, -400),
            stayEnd: () => addDays(today, 400),
          });
          await prisma.rotation.createMany({
            data: residentIds.map((residentId, i) => ({
              residentId,
              departmentId: departments[(from + i) % departments.length]!.id,
              tutorId: (from + i) % 2 ? tutor.id : null,
              startDate: addDays(today, -10 + ((from + i) % 20)),
              endDate: addDays(today, 20 + ((from + i) % 20)),
              state: "confirmed",
            })),
          });
        }),
        measure: () => ask(residentsInCare, "/tutor/residents", tutor.id),
      };
    },
  },
  {
    // Entries awaiting certification in a department the tutor heads: half name the tutor, half a
    // colleague; each resident rotates there now.
    name: "/tutor/logbook",
    async world() {
      const tag = randomUUID().slice(0, 8);
      const tutor = await person(tag, "tutor", "tutor");
      const colleague = await person(`${tag}c`, "colleague", "tutor");
      const { programmeIds } = await programmes(tag);
      const department = await createDepartment(`Reparto ${tag}`, 5000, [tutor.id, colleague.id]);
      await prisma.department.update({ where: { id: department.id }, data: { headId: tutor.id } });
      const catalogue = await createCatalogue({
        programmeId: programmeIds[0]!,
        activities: [{ code: "visita", labelIt: "Prima visita", labelEn: "First visit", minimums: [] }],
      });
      return {
        grow: growing(async (from, to) => {
          const residentIds = await addResidents(tag, from, to, {
            programmeIds,
            stayStart: addDays(today, -400),
            stayEnd: () => addDays(today, 400),
          });
          await prisma.rotation.createMany({
            data: residentIds.map((residentId) => ({
              residentId,
              departmentId: department.id,
              tutorId: tutor.id,
              startDate: addDays(today, -30),
              endDate: addDays(today, 30),
              state: "confirmed",
            })),
          });
          await prisma.logbookEntry.createMany({
            data: residentIds.map((residentId, i) => ({
              residentId,
              activityId: catalogue.activities[0]!.id,
              departmentId: department.id,
              tutorId: (from + i) % 2 ? tutor.id : colleague.id,
              date: addDays(today, -((from + i) % 25)),
              count: 1,
              degree: "support",
            })),
          });
        }),
        measure: () => ask(logbookQueue, "/tutor/logbook", tutor.id),
      };
    },
  },
  {
    // A programme's residents, each with certified entries of three activities this year (and one of an
    // older catalogue version, matched by code), listed with everyone shown and sorted by share reached.
    name: "/admin/programmes/:programmeId/progress",
    async world() {
      const tag = randomUUID().slice(0, 8);
      const admin = await person(tag, "admin", "admin");
      const { programmeIds } = await programmes(tag);
      const programmeId = programmeIds[0]!;
      const department = await createDepartment(`Reparto ${tag}`, 5000);
      const minimums = [{ year: 1, degree: "support" as const, count: 50 }];
      const old = await createCatalogue({
        programmeId,
        version: 1,
        validFrom: d("2000-01-01"),
        activities: [{ code: "a0", labelIt: "Visita", labelEn: "Visit", minimums }],
      });
      const current = await createCatalogue({
        programmeId,
        version: 2,
        validFrom: d("2001-01-01"),
        activities: ["a0", "a1", "a2"].map((code) => ({ code, labelIt: code, labelEn: code, minimums })),
      });
      const activityIds = [old.activities[0]!.id, ...current.activities.map((a) => a.id)];
      return {
        grow: growing(async (from, to) => {
          const residentIds = await addResidents(tag, from, to, {
            programmeIds: [programmeId],
            stayStart: addDays(today, -400),
            stayEnd: () => addDays(today, 400),
          });
          await prisma.logbookEntry.createMany({
            data: residentIds.flatMap((residentId, i) =>
              activityIds.map((activityId) => ({
                residentId,
                activityId,
                departmentId: department.id,
                date: today,
                count: 1 + ((from + i) % 40),
                degree: "support",
                status: "certified",
              })),
            ),
          });
        }),
        measure: () => ask(programmeProgress, `/admin/programmes/${programmeId}/progress?show=all&sort=reached`, admin.id, { programmeId }),
      };
    },
  },
  {
    // A programme's catalogue page: the version in force lists every activity with its minimums, and
    // each of the other programmes has a catalogue to copy from.
    name: "/admin/programmes/:programmeId/logbook",
    async world() {
      const tag = randomUUID().slice(0, 8);
      const admin = await person(tag, "admin", "admin");
      const { programmeIds } = await programmes(tag);
      const [programmeId, ...others] = programmeIds as [string, ...string[]];
      const catalogue = await createCatalogue({ programmeId, activities: [] });
      for (const other of others) await createCatalogue({ programmeId: other, activities: [] });
      return {
        grow: growing(async (from, to) => {
          await prisma.logbookActivity.createMany({
            data: range(from, to).map((i) => ({
              catalogueId: catalogue.id,
              code: `a${i}`,
              category: `Categoria ${i % 7}`,
              labelIt: `Attività ${i}`,
              labelEn: `Activity ${i}`,
              position: i,
              minimums: JSON.stringify([{ year: 1, degree: "support", count: 3 }]),
            })),
          });
        }),
        measure: () => ask(programmeCatalogue, `/admin/programmes/${programmeId}/logbook`, admin.id, { programmeId }),
      };
    },
  },
  {
    // One resident in the tutor's care, with a growing number of entries (certified and pending) of a
    // growing catalogue.
    name: "/tutor/residents/:residentId/progress",
    async world() {
      const tag = randomUUID().slice(0, 8);
      const tutor = await person(tag, "tutor", "tutor");
      const { programmeIds } = await programmes(tag);
      const department = await createDepartment(`Reparto ${tag}`, 5000);
      const [residentId] = await addResidents(tag, 0, 1, {
        programmeIds,
        stayStart: addDays(today, -400),
        stayEnd: () => addDays(today, 400),
      });
      await prisma.rotation.create({
        data: {
          residentId: residentId!,
          departmentId: department.id,
          tutorId: tutor.id,
          startDate: addDays(today, -30),
          endDate: addDays(today, 30),
          state: "confirmed",
        },
      });
      const catalogue = await createCatalogue({
        programmeId: programmeIds[0]!,
        activities: range(0, 20).map((i) => ({
          code: `a${i}`,
          labelIt: `A ${i}`,
          labelEn: `A ${i}`,
          minimums: [{ year: 1, degree: "autonomy", count: 10 }],
        })),
      });
      return {
        grow: growing(async (from, to) => {
          await prisma.logbookEntry.createMany({
            data: range(from, to).map((i) => ({
              residentId: residentId!,
              activityId: catalogue.activities[i % 20]!.id,
              departmentId: department.id,
              date: addDays(today, -(i % 30)),
              count: 1,
              degree: "autonomy",
              status: i % 3 ? "certified" : "pending",
            })),
          });
        }),
        measure: () => ask(tutorResidentProgress, `/tutor/residents/${residentId}/progress`, tutor.id, { residentId: residentId! }),
      };
    },
  },
  {
    // Programmes (one per university) under agreements in every status, and a resident of each rotating
    // now in one of three departments: broken where the programme has no agreement in force, or where
    // the resident's stay ends before the rotation does (every tenth).
    name: "/admin (dashboard)",
    async world() {
      const tag = randomUUID().slice(0, 8);
      const admin = await person(tag, "admin", "admin");
      const departments = await Promise.all(range(0, 3).map((i) => createDepartment(`Reparto ${i} ${tag}`, 5000)));
      // The broken rotations judged once, as a serving database has them: each count then judges again what
      // the growth touched (decision 022), not every rotation the first time only.
      await brokenRotations();
      return {
        grow: growing(async (from, to) => {
          const programmeIds = await addCoveredProgrammes(tag, from, to);
          const residentIds = await addResidents(tag, from, to, {
            programmeIds,
            stayStart: addDays(today, -400),
            stayEnd: (i) => addDays(today, i % 10 === 0 ? 5 : 400),
          });
          await prisma.rotation.createMany({
            data: residentIds.map((residentId, i) => ({
              residentId,
              departmentId: departments[(from + i) % departments.length]!.id,
              startDate: addDays(today, -5),
              endDate: addDays(today, 25),
              state: "confirmed",
            })),
          });
        }),
        measure: () => ask(adminDashboard, "/admin", admin.id),
      };
    },
  },
  {
    // A university's agreements in force, filtered by a search, status and role.
    name: "/admin/agreements (filtered)",
    async world() {
      const tag = randomUUID().slice(0, 8);
      const admin = await person(tag, "admin", "admin");
      const { university, programmeIds } = await programmes(tag);
      return {
        grow: growing(async (from, to) => {
          const ids = range(from, to);
          await prisma.agreement.createMany({
            data: ids.map((i) => ({
              id: `${tag}-g${i}`,
              universityId: university.id,
              facilityRole: i % 2 ? "collegata" : "complementare",
              startDate: addDays(today, -100 - i),
              endDate: addDays(today, 200 + i),
              signedOn: addDays(today, -120 - i),
              notes: `Convenzione ${i} ${tag}`,
            })),
          });
          await prisma.agreementProgramme.createMany({
            data: ids.flatMap((i) =>
              programmeIds.slice(0, 1 + (i % 5)).map((programmeId) => ({ agreementId: `${tag}-g${i}`, programmeId, posts: 2 })),
            ),
          });
        }),
        measure: () => ask(agreementList, `/admin/agreements?q=${tag}&status=active&role=collegata&sort=endDate&dir=desc`, admin.id),
      };
    },
  },
  {
    // The resident's evaluation of a rotation that has just ended, among many rotations of theirs already
    // evaluated and many sealed answers.
    name: "/me/evaluations/:rotationId",
    async world() {
      const tag = randomUUID().slice(0, 8);
      const tutor = await person(tag, "tutor", "tutor");
      const me = await person(tag, "resident", "resident");
      const { programmeIds } = await programmes(tag);
      const record = await prisma.resident.create({
        data: {
          userId: me.id,
          programmeId: programmeIds[0]!,
          yearOfTraining: 3,
          studentNumber: `${tag}-me`,
          stayStart: addDays(today, -8000),
          stayEnd: addDays(today, 800),
        },
      });
      const department = await createDepartment(`Reparto ${tag}`, 10, [tutor.id]);
      const version = await prisma.$transaction((tx) => formVersionFor(tx, "resident-rotation", null));
      const rotation = await prisma.rotation.create({
        data: {
          residentId: record.id,
          departmentId: department.id,
          tutorId: tutor.id,
          startDate: addDays(today, -30),
          endDate: addDays(today, -2),
          state: "confirmed",
        },
      });
      return {
        grow: growing(async (from, to) => {
          const start = (i: number) => addDays(d("2000-01-03"), 7 * i);
          await prisma.rotation.createMany({
            data: range(from, to).map((i) => ({
              id: `${tag}-rot${i}`,
              residentId: record.id,
              departmentId: department.id,
              tutorId: tutor.id,
              startDate: start(i),
              endDate: addDays(start(i), 4),
              state: "confirmed",
            })),
          });
          await prisma.evaluationSubmission.createMany({
            data: range(from, to).map((i) => ({ rotationId: `${tag}-rot${i}`, residentId: record.id })),
          });
          // Answers as submitting writes them: the daily checks of other tests in this worker release them.
          const payload = JSON.stringify({ formVersionId: version.id, tutorId: tutor.id, departmentId: department.id, answers: {} });
          await prisma.sealedEvaluationAnswer.createMany({
            data: range(from, to).map((i) => ({ id: `${tag}-s${i}`, period: String(2000 + (i % 20)), payload })),
          });
        }),
        measure: () => ask(myRotationEvaluation, `/me/evaluations/${rotation.id}`, me.id, { rotationId: rotation.id }),
      };
    },
  },
  {
    name: "/admin/evaluations/results (a period's tutors and departments)",
    world: () => evaluationResultsWorld("1971", (w) => ask(evaluationResults, `/admin/evaluations/results?period=1971`, w.admin)),
  },
  {
    name: "/admin/evaluations/results (a tutor's results)",
    world: () =>
      evaluationResultsWorld("1972", (w) => ask(evaluationResults, `/admin/evaluations/results?period=1972&tutor=${w.tutor}`, w.admin)),
  },
  {
    name: "/tutor/evaluations/results",
    world: () => evaluationResultsWorld("1973", (w) => ask(ownEvaluationResults, `/tutor/evaluations/results?period=1973`, w.tutor)),
  },
  {
    // A programme's residents present today, filtered by a search, programme and presence.
    name: "/admin/residents (filtered)",
    async world() {
      const tag = randomUUID().slice(0, 8);
      const admin = await person(tag, "admin", "admin");
      const tutor = await person(tag, "tutor", "tutor");
      const { university, programmeIds } = await programmes(tag);
      const first = university.programmes[0]!;
      return {
        grow: growing(async (from, to) => {
          await addResidents(tag, from, to, {
            programmeIds: [programmeIds[0]!],
            stayStart: addDays(today, -30),
            stayEnd: (i) => addDays(today, 30 + i),
            tutorId: tutor.id,
          });
        }),
        measure: () =>
          ask(
            residentList,
            `/admin/residents?q=${tag}&specialty=${first.specialtyCode}&university=${university.id}&present=today&sort=name&dir=asc`,
            admin.id,
          ),
      };
    },
  },
  {
    // One department's month, with a rotation per resident meeting it.
    name: "/admin/rotations/board (department, month)",
    async world() {
      const tag = randomUUID().slice(0, 8);
      const admin = await person(tag, "admin", "admin");
      const { programmeIds } = await programmes(tag);
      const department = await createDepartment(`Reparto ${tag}`, 5000);
      return {
        grow: growing(async (from, to) => {
          const residentIds = await addResidents(tag, from, to, {
            programmeIds,
            stayStart: d("2046-01-01"),
            stayEnd: () => d("2046-12-31"),
          });
          await prisma.rotation.createMany({
            data: residentIds.map((residentId, i) => ({
              residentId,
              departmentId: department.id,
              startDate: addDays(d("2046-04-20"), (from + i) % 25),
              endDate: addDays(d("2046-05-10"), (from + i) % 25),
              state: (from + i) % 3 ? "confirmed" : "planned",
            })),
          });
        }),
        measure: () => ask(planningBoard, `/admin/rotations/board?department=${department.id}&month=2046-05`, admin.id),
      };
    },
  },
  ...(["programme", "department", "tutor"] as const).map((by) => ({
    // Rotations of a past year under five tutors in three departments, their evaluations in every state.
    name: `/admin/evaluations (year, by ${by}) and a figure's rotations`,
    async world() {
      const tag = randomUUID().slice(0, 8);
      const admin = await person(tag, "admin", "admin");
      const { programmeIds } = await programmes(tag);
      const departments = await Promise.all(range(0, 3).map((i) => createDepartment(`Valutazioni ${tag} ${i}`, 5000)));
      const tutors = await Promise.all(range(0, 5).map((i) => person(tag, `tutor ${i}`, "tutor")));
      return {
        grow: growing(async (from, to) => {
          const residentIds = await addResidents(tag, from, to, {
            programmeIds,
            stayStart: d("2001-01-01"),
            stayEnd: () => d("2002-12-31"),
          });
          const ids = residentIds.map(() => randomUUID());
          await prisma.rotation.createMany({
            data: residentIds.map((residentId, i) => ({
              id: ids[i],
              residentId,
              departmentId: departments[(from + i) % 3]!.id,
              tutorId: tutors[(from + i) % 5]!.id,
              startDate: addDays(d("2001-11-05"), (from + i) % 300),
              endDate: addDays(d("2001-12-05"), (from + i) % 300),
              state: "confirmed",
            })),
          });
          const version = await formVersionFor(prisma, "tutor-resident", null);
          await prisma.tutorEvaluation.createMany({
            data: ids.flatMap((rotationId, i) =>
              (from + i) % 2 ? [{ rotationId, formVersionId: version.id, signedAt: (from + i) % 4 === 1 ? d("2002-01-01") : null }] : [],
            ),
          });
          await prisma.evaluationSubmission.createMany({
            data: ids.flatMap((rotationId, i) => ((from + i) % 3 ? [] : [{ rotationId, residentId: residentIds[i]! }])),
          });
        }),
        measure: async () => {
          const query = `from=2001-11-01&to=2002-10-31&by=${by}`;
          const overview = await ask(evaluationOverview, `/admin/evaluations?${query}`, admin.id);
          const list = await ask(evaluationRotations, `/admin/evaluations/rotations?${query}&figure=tutor-overdue`, admin.id);
          const forms = await ask(evaluationForms, "/admin/evaluations/forms", admin.id);
          return {
            ...overview,
            count: overview.count + list.count + forms.count,
            statements: [...overview.statements, ...list.statements, ...forms.statements],
          };
        },
      };
    },
  })),
  ...(["programme", "university", "department", "tutor"] as const).map((by) => ({
    name: `/admin/reports/teaching (year, by ${by})`,
    world: () => reportWorld(by),
  })),
  {
    // Programmes (one per university) under agreements in every status.
    name: "/open/programmes.json",
    async world() {
      const tag = randomUUID().slice(0, 8);
      return {
        grow: growing(async (from, to) => {
          await addCoveredProgrammes(tag, from, to);
        }),
        measure: () => ask(openProgrammes, "/open/programmes.json", null),
      };
    },
  },
  {
    // The live check of a candidate rotation in a department where the other residents of the same
    // programme already rotate on those days.
    name: "/admin/rotations/check",
    async world() {
      const tag = randomUUID().slice(0, 8);
      const admin = await person(tag, "admin", "admin");
      const tutor = await person(tag, "tutor", "tutor");
      const { university, programmeIds } = await programmes(tag);
      const department = await createDepartment(`Reparto ${tag}`, 5000, [tutor.id]);
      await prisma.agreement.create({
        data: {
          universityId: university.id,
          facilityRole: "collegata",
          startDate: d("2046-01-01"),
          endDate: d("2046-12-31"),
          signedOn: d("2045-12-01"),
          programmes: { create: { programmeId: programmeIds[0]!, posts: 5000 } },
        },
      });
      const stay = { programmeIds: [programmeIds[0]!], stayStart: d("2046-01-01"), stayEnd: () => d("2046-12-31") };
      const [candidate] = await addResidents(`${tag}x`, 0, 1, stay);
      const path = `/admin/rotations/check?residentId=${candidate}&departmentId=${department.id}&tutorId=${tutor.id}&startDate=2046-03-10&endDate=2046-03-20`;
      return {
        grow: growing(async (from, to) => {
          const residentIds = await addResidents(tag, from, to, stay);
          await prisma.rotation.createMany({
            data: residentIds.map((residentId, i) => ({
              residentId,
              departmentId: department.id,
              tutorId: tutor.id,
              startDate: addDays(d("2046-03-01"), (from + i) % 10),
              endDate: addDays(d("2046-03-15"), (from + i) % 10),
              state: "confirmed",
            })),
          });
        }),
        measure: () => ask(ruleCheck, path, admin.id),
      };
    },
  },
];

// ─── The test ────────────────────────────────────────────────────────────────────────────────────

type Outcome = { small?: QueryCount<unknown>; large?: QueryCount<unknown>; error?: unknown };
const outcomes = new Map<string, Outcome>();

/** Runs one step of one page, keeping its failure for that page's test instead of stopping the others. */
async function step(page: string, run: (outcome: Outcome) => Promise<void>) {
  const outcome = outcomes.get(page) ?? {};
  outcomes.set(page, outcome);
  if (outcome.error) return;
  try {
    await run(outcome);
  } catch (error) {
    outcome.error = error;
  }
}

/** QUERY_COUNT_DEBUG=1 prints every page's statements (their lists of placeholders shortened); QUERY_COUNT_DEBUG=board, those of the pages whose name holds "board". */
function debug(page: string, n: number, counted: QueryCount<unknown>) {
  const wanted = process.env.QUERY_COUNT_DEBUG;
  if (!wanted || (wanted !== "1" && !page.includes(wanted))) return;
  const lines = counted.statements.map((sql, i) => `  ${i + 1}. [${placeholders(sql)} placeholders] ${shape(sql)}`);
  console.log(`${page} with N=${n}: ${counted.count} statements\n${lines.join("\n")}`);
}

describe(`a page's number of SQL statements does not grow with its data (N=${SMALL} and N=${LARGE})`, () => {
  beforeAll(async () => {
    const worlds = new Map<string, World>();
    for (const page of pages) await step(page.name, async () => void worlds.set(page.name, await page.world()));
    for (const n of [SMALL, LARGE]) {
      for (const page of pages) await step(page.name, async () => worlds.get(page.name)!.grow(n));
      for (const page of pages) {
        await step(page.name, async (outcome) => {
          const counted = await worlds.get(page.name)!.measure();
          debug(page.name, n, counted);
          outcome[n === SMALL ? "small" : "large"] = counted;
        });
      }
    }
  }, 600_000);

  it.each(pages.map((p) => p.name))("%s", (name) => {
    const { small, large, error } = outcomes.get(name)!;
    if (error) throw error;
    expect(
      large!.count,
      `${name}: ${small!.count} statements with N=${SMALL}, ${large!.count} with N=${LARGE}\n${repeated(small!, large!)}`,
    ).toBe(small!.count);
  });
});

describe("the bell's count", () => {
  it("costs every page one statement, answered from the index of a person's unread notifications", async () => {
    const tag = randomUUID().slice(0, 8);
    const me = await person(tag, "resident", "resident");
    await prisma.notification.createMany({
      data: range(0, 30).map((i) => ({
        userId: me.id,
        kind: "rotation-starting",
        category: "rotations",
        params: JSON.stringify({ department: "Reparto", startDate: "2026-12-01" }),
        link: "/me/rotations",
        delivery: "portal",
        readAt: i < 10 ? new Date() : null,
      })),
    });
    await ask(root, "/me", me.id);
    const { result, statements } = await ask(root, "/me", me.id);
    expect((result as { data: { user: { unread: number } } }).data.user.unread).toBe(20);
    const counts = statements.filter((sql) => sql.includes("Notification"));
    expect(counts).toHaveLength(1);
    // The same statement, planned by SQLite: it searches the (userId, readAt) index, never scans the table.
    // (PostgreSQL's planner scans a table this small, whatever its indexes: its plan says nothing here.)
    if (TEST_DATABASE === "postgres") return;
    const plan = await prisma.$queryRawUnsafe<Array<{ detail: string }>>(
      `EXPLAIN QUERY PLAN ${counts[0]}`,
      ...Array.from({ length: placeholders(counts[0]!) }, (_, i) => (i === 0 ? me.id : i === 1 ? -1 : 0)),
    );
    const steps = plan.map((row) => row.detail).join("; ");
    expect(steps).toMatch(/SEARCH main\.Notification USING (COVERING )?INDEX Notification_userId_readAt_idx \(userId=\? AND readAt=\?\)/);
    expect(steps).not.toMatch(/SCAN main\.Notification/);
  });

  it("is no statement at all for someone not signed in", async () => {
    const { statements } = await ask(root, "/login", null);
    expect(statements.filter((sql) => sql.includes("Notification"))).toEqual([]);
  });
});
