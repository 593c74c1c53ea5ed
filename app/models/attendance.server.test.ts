import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createDepartment, createResident, createTeachingSession, createUniversity } from "../../test/factories";
import { recordHistory } from "./history.server";
import { attendanceSheet, correctAttendance, saveAttendance, searchPresentResidents } from "./attendance.server";
import { refused } from "../../test/refused";
import { fromTwoServers, on, TWO_SERVERS_TIMEOUT } from "../../test/two-servers";
import { Refused } from "~/domain/refusal";

const d = (iso: string) => parseIsoDate(iso)!;
/** 10 March 2026, 14:00 in Milan (13:00 UTC): the session's start. */
const DAY = d("2026-03-10");
const AFTER = new Date("2026-03-10T16:00:00Z");

/**
 * A tutor on the staff of a department, a co-tutor, a tutor from elsewhere; a programme with two
 * residents at the hospital on the day and one whose stay starts later; a resident of another
 * programme rotating in the department that day, one rotating elsewhere, and one of another programme
 * at the hospital (for the search). A session on 10 March 2026 at 14:00 for the programme.
 */
async function world(options: { departmentOnSession?: boolean } = {}) {
  const tag = randomUUID().slice(0, 8);
  const user = (name: string, role?: string) =>
    prisma.user.create({
      data: {
        email: `${name.toLowerCase().replace(/\W/g, "")}-${tag}@example.test`,
        name: `${name} ${tag}`,
        roles: role ? { create: { role } } : undefined,
      },
    });
  const [tutor, coTutor, stranger] = await Promise.all([user("Tutor", "tutor"), user("Cotutor", "tutor"), user("Stranger", "tutor")]);
  const university = await createUniversity({
    name: `Ateneo ${tag}`,
    programmes: [{ specialtyCode: "oncologia-medica" }, { specialtyCode: "radioterapia" }],
  });
  const [onco, radio] = university.programmes as [(typeof university.programmes)[number], (typeof university.programmes)[number]];
  const department = await createDepartment(`Oncologia ${tag}`, 5, [tutor.id]);
  const elsewhere = await createDepartment(`Altrove ${tag}`, 5);
  let n = 0;
  const resident = async (name: string, programmeId: string, stayStart = "2026-01-01", stayEnd = "2026-12-31") => {
    const u = await user(name);
    return createResident({ userId: u.id, programmeId, studentNumber: `${++n}-${tag}`, stayStart: d(stayStart), stayEnd: d(stayEnd) });
  };
  const anna = await resident("Anna", onco.id);
  const bruno = await resident("Bruno", onco.id);
  const carla = await resident("Carla", onco.id, "2026-04-01");
  const dario = await resident("Dario", radio.id);
  const elena = await resident("Elena", radio.id);
  const franco = await resident("Franco", radio.id);
  await prisma.rotation.createMany({
    data: [
      { residentId: dario.id, departmentId: department.id, startDate: d("2026-03-01"), endDate: d("2026-03-31"), state: "confirmed" },
      { residentId: elena.id, departmentId: elsewhere.id, startDate: d("2026-03-01"), endDate: d("2026-03-31"), state: "confirmed" },
    ],
  });
  const session = await createTeachingSession({
    title: `Journal club ${tag}`,
    type: "journal-club",
    date: DAY,
    startTime: "14:00",
    minutes: 90,
    departmentId: options.departmentOnSession ? department.id : null,
    createdById: tutor.id,
    tutorIds: [tutor.id, coTutor.id],
    programmeIds: [onco.id],
  });
  return { tag, tutor, coTutor, stranger, department, anna, bruno, carla, dario, elena, franco, session };
}

/** The rules a refused write names: "future" for "attendance.problems.future". */
const refusal = (error: unknown) => {
  expect(error).toBeInstanceOf(Refused);
  return (error as Refused).refusals.map((r) => r.key.replace("attendance.problems.", ""));
};

describe("the attendance sheet", () => {
  it("expects the programme's residents at the hospital and those rotating in the tutors' department, not those outside their stay", async () => {
    const w = await world();
    const sheet = await attendanceSheet(w.session.id, w.tutor.id, AFTER);
    expect(sheet.rows.map((r) => [r.id, r.reasons])).toEqual([
      [w.anna.id, ["programme"]],
      [w.bruno.id, ["programme"]],
      [w.dario.id, ["rotation"]],
    ]);
    expect(sheet.blocked).toEqual([]);
    // The co-tutor sees the same sheet; with the department set on the session, it counts instead.
    expect((await attendanceSheet(w.session.id, w.coTutor.id, AFTER)).rows).toHaveLength(3);
    const v = await world({ departmentOnSession: true });
    expect((await attendanceSheet(v.session.id, v.coTutor.id, AFTER)).rows.map((r) => r.id)).toContain(v.dario.id);
  });

  it("is not found for a tutor who does not teach the session", async () => {
    const w = await world();
    await expect(attendanceSheet(w.session.id, w.stranger.id, AFTER)).rejects.toEqual(refused(null, "errors.notFound", 404));
    await expect(
      saveAttendance(w.session.id, w.stranger.id, [{ residentId: w.anna.id, status: "present" }], { now: AFTER }),
    ).rejects.toEqual(refused(null, "errors.notFound", 404));
    await expect(searchPresentResidents(w.session.id, w.stranger.id, "Franco")).rejects.toEqual(refused(null, "errors.notFound", 404));
    expect(await prisma.attendance.count({ where: { sessionId: w.session.id } })).toBe(0);
  });

  it("finds anyone at the hospital that day by name, never someone outside their stay", async () => {
    const w = await world();
    expect((await searchPresentResidents(w.session.id, w.tutor.id, `Franco ${w.tag}`)).map((r) => r.id)).toEqual([w.franco.id]);
    expect(await searchPresentResidents(w.session.id, w.tutor.id, `Carla ${w.tag}`)).toEqual([]);
    expect(await searchPresentResidents(w.session.id, w.tutor.id, "F")).toEqual([]);
    expect((await searchPresentResidents(w.session.id, w.tutor.id, w.tag, [w.anna.id])).map((r) => r.id)).not.toContain(w.anna.id);
  });
});

describe("recording attendance", () => {
  it("refuses a session that has not started, with its start", async () => {
    const w = await world();
    const error = await saveAttendance(w.session.id, w.tutor.id, [{ residentId: w.anna.id, status: "present" }], {
      now: new Date("2026-03-10T12:59:00Z"),
    }).catch((e: unknown) => e);
    expect(refusal(error)).toEqual(["future"]);
    expect((error as Refused).refusals[0]).toEqual({
      field: null,
      key: "attendance.problems.future",
      values: { startsAt: "2026-03-10T13:00:00.000Z" },
    });
    expect((await attendanceSheet(w.session.id, w.tutor.id, new Date("2026-03-09T10:00:00Z"))).blocked).toEqual([
      'attendance.problems.future?{"startsAt":"2026-03-10T13:00:00.000Z"}',
    ]);
    expect(await prisma.attendance.count({ where: { sessionId: w.session.id } })).toBe(0);
  });

  it("refuses a resident outside their stay, and a cancelled session", async () => {
    const w = await world();
    const error = await saveAttendance(
      w.session.id,
      w.tutor.id,
      [
        { residentId: w.anna.id, status: "present" },
        { residentId: w.carla.id, status: "present" },
      ],
      { now: AFTER },
    ).catch((e: unknown) => e);
    expect((error as Refused).refusals).toEqual([
      { field: null, key: "attendance.problems.notPresent", values: { name: `Carla ${w.tag}` } },
    ]);
    expect(await prisma.attendance.count({ where: { sessionId: w.session.id } })).toBe(0);

    await prisma.teachingSession.update({ where: { id: w.session.id }, data: { cancelledAt: AFTER, cancelReason: "Relatore assente" } });
    expect(
      refusal(
        await saveAttendance(w.session.id, w.tutor.id, [{ residentId: w.anna.id, status: "present" }], { now: AFTER }).catch(
          (e: unknown) => e,
        ),
      ),
    ).toEqual(["cancelled"]);
    expect((await attendanceSheet(w.session.id, w.tutor.id, AFTER)).blocked).toEqual(["attendance.problems.cancelled"]);
  });

  it("saves a draft, deleting the marks of residents no longer on it, with an audit event", async () => {
    const w = await world();
    await saveAttendance(
      w.session.id,
      w.tutor.id,
      [
        { residentId: w.anna.id, status: "present" },
        { residentId: w.franco.id, status: "present" },
      ],
      { now: AFTER },
    );
    const sheet = await attendanceSheet(w.session.id, w.tutor.id, AFTER);
    expect(sheet.rows.map((r) => [r.id, r.status, r.reasons[0]])).toEqual([
      [w.anna.id, "present", "programme"],
      [w.bruno.id, null, "programme"],
      [w.dario.id, null, "rotation"],
      [w.franco.id, "present", "added"],
    ]);
    // Franco is taken off and Anna is marked absent by the co-tutor.
    await saveAttendance(w.session.id, w.coTutor.id, [{ residentId: w.anna.id, status: "absent" }], { now: AFTER });
    const rows = await prisma.attendance.findMany({
      where: { sessionId: w.session.id },
      select: { residentId: true, status: true, markedById: true },
    });
    expect(rows).toEqual([{ residentId: w.anna.id, status: "absent", markedById: w.coTutor.id }]);
    const events = await prisma.auditEvent.findMany({
      where: { entityType: "attendance", entityId: w.session.id },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["mark", "mark"]);
    expect(JSON.parse(events[1]!.changes)).toEqual({ [w.anna.id]: ["present", "absent"], [w.franco.id]: ["present", null] });
    expect((await prisma.teachingSession.findUniqueOrThrow({ where: { id: w.session.id } })).confirmedAt).toBeNull();
  });

  it("refuses a save from a sheet loaded before a co-tutor's save, instead of replacing their marks", async () => {
    const w = await world();
    const opened = await attendanceSheet(w.session.id, w.tutor.id, AFTER);
    const openedByCoTutor = await attendanceSheet(w.session.id, w.coTutor.id, AFTER);
    expect(openedByCoTutor.version).toBe(opened.version);
    // The co-tutor marks Bruno; the tutor, from the sheet opened before, marks Anna only.
    await saveAttendance(w.session.id, w.coTutor.id, [{ residentId: w.bruno.id, status: "present" }], {
      version: openedByCoTutor.version,
      now: AFTER,
    });
    const late = await saveAttendance(w.session.id, w.tutor.id, [{ residentId: w.anna.id, status: "present" }], {
      version: opened.version,
      now: AFTER,
    }).catch((e: unknown) => e);
    expect(refusal(late)).toEqual(["stale"]);
    const rows = await prisma.attendance.findMany({ where: { sessionId: w.session.id }, select: { residentId: true, status: true } });
    expect(rows).toEqual([{ residentId: w.bruno.id, status: "present" }]);
    // Reloaded, the sheet has a new version, and the save goes through.
    const reloaded = await attendanceSheet(w.session.id, w.tutor.id, AFTER);
    expect(reloaded.version).not.toBe(opened.version);
    await saveAttendance(
      w.session.id,
      w.tutor.id,
      [
        { residentId: w.anna.id, status: "present" },
        { residentId: w.bruno.id, status: "present" },
      ],
      { version: reloaded.version, now: AFTER },
    );
    expect(await prisma.attendance.count({ where: { sessionId: w.session.id } })).toBe(2);
  });
});

describe("two tutors saving one sheet at the same moment, on two servers", () => {
  it(
    "keeps one tutor's marks and tells the other the sheet changed, never a mix of both",
    async () => {
      const w = await world();
      const { version } = await attendanceSheet(w.session.id, w.tutor.id, AFTER);
      const outcomes = await fromTwoServers(
        on("~/models/attendance.server", saveAttendance, w.session.id, w.tutor.id, [{ residentId: w.anna.id, status: "present" }], {
          version,
          now: AFTER,
        }),
        on("~/models/attendance.server", saveAttendance, w.session.id, w.coTutor.id, [{ residentId: w.bruno.id, status: "absent" }], {
          version,
          now: AFTER,
        }),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(refusal((outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult).reason)).toEqual(["stale"]);
      const kept =
        outcomes[0]!.status === "fulfilled" ? { residentId: w.anna.id, status: "present" } : { residentId: w.bruno.id, status: "absent" };
      expect(await prisma.attendance.findMany({ where: { sessionId: w.session.id }, select: { residentId: true, status: true } })).toEqual([
        kept,
      ]);
      expect(await prisma.auditEvent.count({ where: { entityType: "attendance", entityId: w.session.id, action: "mark" } })).toBe(1);
    },
    TWO_SERVERS_TIMEOUT,
  );
});

describe("confirming and correcting", () => {
  const all = (w: Awaited<ReturnType<typeof world>>) => [
    { residentId: w.anna.id, status: "present" as const },
    { residentId: w.bruno.id, status: "absent" as const },
    { residentId: w.dario.id, status: "excused" as const },
  ];

  it("confirms only when every expected resident is marked, then locks the sheet", async () => {
    const w = await world();
    expect(
      await saveAttendance(w.session.id, w.tutor.id, all(w).slice(0, 2), { confirm: true, now: AFTER }).catch(
        (e: unknown) => (e as Refused).refusals,
      ),
    ).toEqual([{ field: null, key: "attendance.problems.unmarked", values: { count: 1 } }]);
    await saveAttendance(w.session.id, w.tutor.id, all(w), { confirm: true, now: AFTER });
    const session = await prisma.teachingSession.findUniqueOrThrow({ where: { id: w.session.id } });
    expect(session.confirmedAt).toEqual(AFTER);
    expect(session.confirmedById).toBe(w.tutor.id);
    expect(await prisma.attendance.count({ where: { sessionId: w.session.id } })).toBe(3);
    const confirmEvent = await prisma.auditEvent.findFirstOrThrow({
      where: { entityType: "attendance", entityId: w.session.id, action: "confirm" },
    });
    expect(JSON.parse(confirmEvent.changes)).toMatchObject({ confirmedAt: [null, AFTER.toISOString()], [w.anna.id]: [null, "present"] });

    // Locked: a draft save or a second confirmation is refused and changes nothing.
    expect(
      refusal(
        await saveAttendance(w.session.id, w.tutor.id, [{ residentId: w.anna.id, status: "absent" }], { now: AFTER }).catch(
          (e: unknown) => e,
        ),
      ),
    ).toEqual(["locked"]);
    expect(
      refusal(await saveAttendance(w.session.id, w.coTutor.id, all(w), { confirm: true, now: AFTER }).catch((e: unknown) => e)),
    ).toEqual(["locked"]);
    expect(
      (await prisma.attendance.findUniqueOrThrow({ where: { sessionId_residentId: { sessionId: w.session.id, residentId: w.anna.id } } }))
        .status,
    ).toBe("present");
    expect((await attendanceSheet(w.session.id, w.tutor.id, AFTER)).confirmed).toBe(true);
  });

  it("corrects confirmed attendance only with a reason, recording every change before and after with the reason", async () => {
    const w = await world();
    await saveAttendance(w.session.id, w.tutor.id, all(w), { confirm: true, now: AFTER });
    const correction = [
      { residentId: w.bruno.id, status: "present" as const },
      { residentId: w.dario.id, status: "absent" as const },
      { residentId: w.anna.id, status: "present" as const },
    ];
    expect(refusal(await correctAttendance(w.session.id, w.tutor.id, correction, "   ", AFTER).catch((e: unknown) => e))).toEqual([
      "reasonRequired",
    ]);
    expect(refusal(await correctAttendance(w.session.id, w.tutor.id, correction, "x".repeat(501), AFTER).catch((e: unknown) => e))).toEqual(
      ["reasonTooLong"],
    );
    expect(
      refusal(
        await correctAttendance(w.session.id, w.tutor.id, [{ residentId: w.anna.id, status: "present" }], "Nessuna modifica", AFTER).catch(
          (e: unknown) => e,
        ),
      ),
    ).toEqual(["unchanged"]);
    expect(
      refusal(
        await correctAttendance(w.session.id, w.tutor.id, [{ residentId: w.carla.id, status: "present" }], "Era presente", AFTER).catch(
          (e: unknown) => e,
        ),
      ),
    ).toEqual(["notPresent"]);
    await expect(correctAttendance(w.session.id, w.stranger.id, correction, "Firma sul foglio", AFTER)).rejects.toEqual(
      refused(null, "errors.notFound", 404),
    );
    expect(
      (await prisma.attendance.findUniqueOrThrow({ where: { sessionId_residentId: { sessionId: w.session.id, residentId: w.bruno.id } } }))
        .status,
    ).toBe("absent");

    const reason = "Firma presente sul foglio cartaceo";
    expect(await correctAttendance(w.session.id, w.coTutor.id, correction, `  ${reason} `, AFTER)).toEqual({ changed: 2 });
    const marks = await prisma.attendance.findMany({ where: { sessionId: w.session.id }, select: { residentId: true, status: true } });
    expect(Object.fromEntries(marks.map((m) => [m.residentId, m.status]))).toEqual({
      [w.anna.id]: "present",
      [w.bruno.id]: "present",
      [w.dario.id]: "absent",
    });
    const { entries, names } = await recordHistory("attendance", w.session.id);
    expect(entries.map((e) => e.action)).toEqual(["correct", "confirm"]);
    expect(entries[0]!.changes).toEqual({
      [w.bruno.id]: ["absent", "present"],
      [w.dario.id]: ["excused", "absent"],
      reason: [null, reason],
    });
    expect(entries[0]!.actor).toBe(w.coTutor.name);
    expect(names[w.bruno.id]).toBe(`Bruno ${w.tag}`);
  });

  it("does not correct a sheet that is not confirmed", async () => {
    const w = await world();
    expect(
      refusal(
        await correctAttendance(w.session.id, w.tutor.id, [{ residentId: w.anna.id, status: "present" }], "Motivo", AFTER).catch(
          (e: unknown) => e,
        ),
      ),
    ).toEqual(["notConfirmed"]);
  });
});
