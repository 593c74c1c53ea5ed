import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { teachingCreateSchema, teachingUpdateSchema } from "~/schemas/teaching";
import { prisma } from "~/utils/db.server";
import { createDepartment, createUniversity } from "../../test/factories";
import { versionOf } from "./concurrency.server";
import {
  getTeachingForTutor,
  hoursDelivered,
  isUnconfirmed,
  listTeaching,
  teachingLedger,
  teachingStatus,
  unconfirmedWhere,
} from "./teaching-queries.server";
import { cancelTeaching, createTeaching, updateTeaching } from "./teaching.server";
import { refused } from "../../test/refused";
import { refuseInserts } from "../../test/catalog";

const d = (iso: string) => parseIsoDate(iso)!;

/** Two tutors of one department, a tutor elsewhere, a resident, and a programme; all unique to the test. */
async function world() {
  const tag = randomUUID().slice(0, 8);
  const person = (name: string, role: string) =>
    prisma.user.create({ data: { email: `${name}-${tag}@example.test`, name: `${name} ${tag}`, roles: { create: { role } } } });
  const [lead, colleague, outsider, resident] = await Promise.all([
    person("lead", "tutor"),
    person("colleague", "tutor"),
    person("outsider", "tutor"),
    person("resident", "resident"),
  ]);
  const university = await createUniversity({
    name: `Ateneo ${tag}`,
    programmes: [{ specialtyCode: "oncologia-medica" }, { specialtyCode: "ematologia", archivedAt: new Date() }],
  });
  const programme = university.programmes.find((p) => !p.archivedAt)!;
  const archived = university.programmes.find((p) => p.archivedAt)!;
  const department = await createDepartment(`Oncologia ${tag}`, 4, [lead.id, colleague.id]);
  const elsewhere = await createDepartment(`Altrove ${tag}`, 4, [outsider.id]);
  return { tag, lead, colleague, outsider, resident, programme, archived, department, elsewhere };
}
type World = Awaited<ReturnType<typeof world>>;

/** The form as a tutor fills it in: a case discussion on 5 January 2026 in their department, for the programme. */
const form = (w: World, overrides: Record<string, unknown>) => ({
  title: "Immunoterapia: casi clinici",
  type: "case-discussion",
  date: "2026-01-05",
  startTime: "14:00",
  durationMinutes: "90",
  place: "Aula Magna",
  departmentId: w.department.id,
  programmeIds: [w.programme.id],
  ...overrides,
});

const input = (w: World, overrides: Record<string, unknown> = {}) => teachingCreateSchema.parse(form(w, overrides));

const edit = (session: { updatedAt: Date }, w: World, overrides: Record<string, unknown> = {}) =>
  teachingUpdateSchema.parse({ intent: "update", version: versionOf(session), ...form(w, overrides) });

const load = (id: string) => prisma.teachingSession.findUniqueOrThrow({ where: { id }, include: { tutors: true, programmes: true } });

describe("logging teaching", () => {
  it("writes a weekly series as separate sessions of one series, the creator as lead, each with its audit event", async () => {
    const w = await world();
    const { ids, seriesId } = await createTeaching(
      input(w, { repeat: "weekly", until: "2026-01-26", coTutorIds: [w.colleague.id] }),
      w.lead.id,
    );
    expect(ids).toHaveLength(4);
    const sessions = await prisma.teachingSession.findMany({
      where: { id: { in: ids } },
      include: { tutors: true, programmes: true },
      orderBy: { date: "asc" },
    });
    expect(sessions.map((s) => s.date)).toEqual([d("2026-01-05"), d("2026-01-12"), d("2026-01-19"), d("2026-01-26")]);
    expect(new Set(sessions.map((s) => s.seriesId))).toEqual(new Set([seriesId]));
    for (const s of sessions) {
      expect(s.tutors.map((t) => [t.userId, t.lead]).sort()).toEqual(
        [
          [w.colleague.id, false],
          [w.lead.id, true],
        ].sort(),
      );
      expect(s.programmes.map((p) => p.programmeId)).toEqual([w.programme.id]);
    }
    expect(await prisma.auditEvent.count({ where: { entityType: "teaching", entityId: { in: ids }, action: "create" } })).toBe(4);
  });

  it("writes a series all or nothing", async () => {
    const w = await world();
    // The database refuses the third session's audit event, after the sessions, their tutors and
    // programmes and two audit events have been written: none of them may remain.
    const title = `Serie interrotta ${w.tag}`;
    const allow = await refuseInserts(
      `fail_third_${w.tag}`,
      "AuditEvent",
      `NEW."actorId" = '${w.lead.id}' AND (SELECT COUNT(*) FROM "AuditEvent" WHERE "actorId" = '${w.lead.id}') >= 2`,
    );
    try {
      await expect(createTeaching(input(w, { title, repeat: "weekly", until: "2026-02-23" }), w.lead.id)).rejects.toThrow(
        /auditEvent\.create|refused/,
      );
    } finally {
      await allow();
    }
    expect(await prisma.teachingSession.count({ where: { title } })).toBe(0);
    expect(await prisma.teachingTutor.count({ where: { userId: w.lead.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { entityType: "teaching", actorId: w.lead.id } })).toBe(0);
  });

  it("refuses an archived programme, a co-tutor who is not a tutor, and someone else's department, writing nothing", async () => {
    const w = await world();
    const create = (overrides: Record<string, unknown>) =>
      createTeaching(input(w, { repeat: "weekly", until: "2026-01-26", ...overrides }), w.lead.id);
    await expect(create({ programmeIds: [w.programme.id, w.archived.id] })).rejects.toEqual(
      refused("programmeIds", "teaching.errors.programmeInvalid", 400),
    );
    await expect(create({ coTutorIds: [w.resident.id] })).rejects.toEqual(refused("coTutorIds", "teaching.errors.coTutorInvalid", 400));
    await expect(create({ departmentId: w.elsewhere.id })).rejects.toEqual(
      refused("departmentId", "teaching.errors.departmentInvalid", 400),
    );
    expect(await prisma.teachingSession.count({ where: { tutors: { some: { userId: w.lead.id } } } })).toBe(0);
  });

  it("refuses a series of more than 52 sessions, saying how many were asked for, and sessions over 12 hours", () => {
    const w = { department: { id: "x" }, programme: { id: "p" } } as World;
    const long = teachingCreateSchema.safeParse({
      ...input(w),
      date: "2026-01-05",
      repeat: "weekly",
      until: "2028-01-05",
      durationMinutes: "60",
    });
    expect(long.success).toBe(false);
    expect(long.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["until", "teaching.errors.tooManySessions"]]);
    expect(teachingCreateSchema.safeParse({ ...input(w), date: "2026-01-05", durationMinutes: "721" }).success).toBe(false);
    expect(teachingCreateSchema.safeParse({ ...input(w), date: "2026-01-05", durationMinutes: "720" }).success).toBe(true);
  });
});

describe("changing one session", () => {
  it("moves one session of a series and leaves the others where they were", async () => {
    const w = await world();
    const { ids } = await createTeaching(input(w, { repeat: "weekly", until: "2026-01-26" }), w.lead.id);
    const second = await load(ids[1]!);
    await updateTeaching(second.id, edit(second, w, { date: "2026-01-14", startTime: "16:30", title: "Spostato" }), w.lead.id);
    const sessions = await prisma.teachingSession.findMany({ where: { id: { in: ids } }, orderBy: { date: "asc" } });
    expect(sessions.map((s) => [s.date.toISOString().slice(0, 10), s.startTime, s.title])).toEqual([
      ["2026-01-05", "14:00", "Immunoterapia: casi clinici"],
      ["2026-01-14", "16:30", "Spostato"],
      ["2026-01-19", "14:00", "Immunoterapia: casi clinici"],
      ["2026-01-26", "14:00", "Immunoterapia: casi clinici"],
    ]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "teaching", entityId: second.id, action: "update" } });
    expect(JSON.parse(audit.changes)).toMatchObject({
      date: ["2026-01-12T00:00:00.000Z", "2026-01-14T00:00:00.000Z"],
      startTime: ["14:00", "16:30"],
    });
  });

  it("cancels with a reason, keeping the session; a cancelled session is not edited again", async () => {
    const w = await world();
    const { ids } = await createTeaching(input(w), w.lead.id);
    const session = await load(ids[0]!);
    await cancelTeaching(session.id, { version: versionOf(session), reason: "Sciopero dei trasporti" }, w.lead.id);
    const cancelled = await load(session.id);
    expect(cancelled.cancelledAt).not.toBeNull();
    expect(cancelled.cancelReason).toBe("Sciopero dei trasporti");
    expect(await prisma.auditEvent.count({ where: { entityType: "teaching", entityId: session.id, action: "cancel" } })).toBe(1);
    await expect(updateTeaching(session.id, edit(cancelled, w, { title: "Di nuovo" }), w.lead.id)).rejects.toEqual(
      refused(null, "teaching.errors.lockedCancelled"),
    );
    await expect(cancelTeaching(session.id, { version: versionOf(cancelled), reason: "Ancora" }, w.lead.id)).rejects.toEqual(
      refused(null, "teaching.errors.lockedCancelled"),
    );
  });

  it("fixes the day, start and length once attendance is confirmed, but not the title; a confirmed session is not cancelled", async () => {
    const w = await world();
    const { ids } = await createTeaching(input(w), w.lead.id);
    await prisma.teachingSession.update({ where: { id: ids[0]! }, data: { confirmedAt: new Date(), confirmedById: w.lead.id } });
    const confirmed = await load(ids[0]!);
    await expect(updateTeaching(confirmed.id, edit(confirmed, w, { durationMinutes: "120" }), w.lead.id)).rejects.toEqual(
      refused(null, "teaching.errors.lockedConfirmed"),
    );
    await expect(cancelTeaching(confirmed.id, { version: versionOf(confirmed), reason: "No" }, w.lead.id)).rejects.toEqual(
      refused(null, "teaching.errors.lockedConfirmed"),
    );
    await updateTeaching(confirmed.id, edit(confirmed, w, { title: "Titolo corretto" }), w.lead.id);
    expect((await load(confirmed.id)).title).toBe("Titolo corretto");
  });

  it("refuses an edit over someone else's newer change", async () => {
    const w = await world();
    const { ids } = await createTeaching(input(w), w.lead.id);
    const loaded = await load(ids[0]!);
    await updateTeaching(loaded.id, edit(loaded, w, { title: "Prima modifica" }), w.lead.id);
    await expect(updateTeaching(loaded.id, edit(loaded, w, { title: "Seconda modifica" }), w.lead.id)).rejects.toEqual(
      refused(null, "errors.staleVersion"),
    );
  });

  it("lets only the session's tutors see, edit or cancel it: a co-tutor can, another tutor cannot", async () => {
    const w = await world();
    const { ids } = await createTeaching(input(w, { coTutorIds: [w.colleague.id] }), w.lead.id);
    const session = await load(ids[0]!);
    expect(await getTeachingForTutor(session.id, w.outsider.id)).toBeNull();
    await expect(updateTeaching(session.id, edit(session, w, { title: "Non mia" }), w.outsider.id)).rejects.toEqual(
      refused(null, "errors.notFound", 404),
    );
    await expect(cancelTeaching(session.id, { version: versionOf(session), reason: "Non mia" }, w.outsider.id)).rejects.toEqual(
      refused(null, "errors.notFound", 404),
    );
    expect(await load(session.id)).toEqual(session);

    // The co-tutor edits it (and stays a tutor even without ticking themselves), then cancels it.
    expect((await getTeachingForTutor(session.id, w.colleague.id))?.title).toBe("Immunoterapia: casi clinici");
    await updateTeaching(session.id, edit(session, w, { title: "Del collega", coTutorIds: [] }), w.colleague.id);
    const edited = await load(session.id);
    expect(edited.title).toBe("Del collega");
    expect(edited.tutors.map((t) => t.userId).sort()).toEqual([w.lead.id, w.colleague.id].sort());
    await cancelTeaching(session.id, { version: versionOf(edited), reason: "Congresso" }, w.colleague.id);
    expect((await load(session.id)).cancelReason).toBe("Congresso");
  });
});

describe("the tutor's ledger", () => {
  it("counts delivered sessions and hours per academic year, the attendance rate, and what waits for confirmation", async () => {
    const w = await world();
    await prisma.setting.upsert({
      where: { key: "academicYearStart" },
      create: { key: "academicYearStart", value: "11-01" },
      update: { value: "11-01" },
    });
    // 15 March 2026, 13:00 in Milan: academic year 2025/26 (from 1 November), the previous one 2024/25.
    const now = new Date("2026-03-15T12:00:00Z");
    const log = async (date: string, minutes: number, extra: Record<string, unknown> = {}, by = w.lead.id) =>
      (await createTeaching(input(w, { date, durationMinutes: String(minutes), startTime: "09:00", ...extra }), by)).ids[0]!;
    const confirm = (id: string) => prisma.teachingSession.update({ where: { id }, data: { confirmedAt: now } });

    const lastDayOfPrevious = await log("2025-10-31", 90);
    const firstDayOfCurrent = await log("2025-11-01", 60, { coTutorIds: [w.lead.id] }, w.colleague.id);
    const march = await log("2026-03-01", 45);
    const cancelledButConfirmed = await log("2026-03-02", 120);
    const waiting = await log("2026-03-10", 30);
    const startedToday = await log("2026-03-15", 30, { startTime: "12:30" });
    const laterToday = await log("2026-03-15", 30, { startTime: "13:30" });
    await log("2026-03-20", 30);
    // A colleague's delivered session without this tutor does not count for them.
    await confirm(await log("2026-03-03", 600, { departmentId: undefined }, w.outsider.id));
    for (const id of [lastDayOfPrevious, firstDayOfCurrent, march, cancelledButConfirmed]) await confirm(id);
    await prisma.teachingSession.update({ where: { id: cancelledButConfirmed }, data: { cancelledAt: now, cancelReason: "x" } });

    const residents = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const user = await prisma.user.create({ data: { email: `r${n}-${w.tag}@example.test`, name: `R${n}` } });
        return prisma.resident.create({
          data: {
            userId: user.id,
            programmeId: w.programme.id,
            yearOfTraining: 1,
            studentNumber: `${n}-${w.tag}`,
            stayStart: d("2025-01-01"),
            stayEnd: d("2027-12-31"),
          },
        });
      }),
    );
    const mark = (sessionId: string, statuses: string[]) =>
      prisma.attendance.createMany({ data: statuses.map((status, i) => ({ sessionId, residentId: residents[i]!.id, status })) });
    await mark(lastDayOfPrevious, ["present", "absent"]);
    await mark(firstDayOfCurrent, ["present", "present", "excused"]);
    await mark(march, ["present", "absent", "present"]);

    const ledger = await teachingLedger(w.lead.id, now);
    expect(ledger.years.map((y) => [y.label, y.sessions, y.minutes, y.hours, y.attendanceRate])).toEqual([
      ["2025/26", 2, 105, 1.75, 0.8],
      ["2024/25", 1, 90, 1.5, 0.5],
    ]);
    expect(ledger.total).toEqual({ sessions: 3, minutes: 195, hours: 3.25, attendanceRate: 5 / 7 });
    expect(ledger.unconfirmed.count).toBe(2);
    expect(ledger.unconfirmed.sessions.map((s) => s.id)).toEqual([waiting, startedToday]);
    // The co-tutor counts the full length of the session they co-taught, and nothing else.
    expect((await teachingLedger(w.colleague.id, now)).years[0]).toMatchObject({ sessions: 1, minutes: 60 });
    expect(await hoursDelivered(w.lead.id, d("2025-11-01"), d("2026-10-31"))).toEqual({ sessions: 2, minutes: 105, hours: 1.75 });

    // The shared definition of "unconfirmed" agrees in SQL and in code.
    const mine = await prisma.teachingSession.findMany({ where: { tutors: { some: { userId: w.lead.id } } } });
    const inSql = await prisma.teachingSession.findMany({
      where: { AND: [{ tutors: { some: { userId: w.lead.id } } }, unconfirmedWhere(now)] },
      select: { id: true },
    });
    expect(inSql.map((s) => s.id).sort()).toEqual(
      mine
        .filter((s) => isUnconfirmed(s, now))
        .map((s) => s.id)
        .sort(),
    );
    expect(teachingStatus(await load(laterToday), now)).toBe("upcoming");

    // Upcoming and past split at this very minute, each paginated.
    const list = await listTeaching(w.lead.id, { show: "upcoming", page: 1 }, now);
    expect(list.counts).toEqual({ upcoming: 2, past: 6 });
    expect(list.sessions.map((s) => s.date.toISOString().slice(0, 10))).toEqual(["2026-03-15", "2026-03-20"]);
    const past = await listTeaching(w.lead.id, { show: "past", page: 1 }, now);
    expect(past.sessions[0]?.id).toBe(startedToday);
    expect(past.sessions.find((s) => s.id === cancelledButConfirmed)?.status).toBe("cancelled");
  });
});
