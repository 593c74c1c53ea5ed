import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { PAGE_SIZE } from "~/domain/list-query";
import { APPROVED_ABSENCE } from "~/domain/teaching";
import { calendarFor, issueCalendarToken } from "~/services/calendar.server";
import { prisma } from "~/utils/db.server";
import { createNotificationWorld, createTeachingSession } from "../../test/factories";
import { refused } from "../../test/refused";
import { fromTwoServers, on, TWO_SERVERS_TIMEOUT } from "../../test/two-servers";
import {
  absenceDocument,
  cancelLeave,
  changeAbsence,
  decideLeave,
  eraseExpiredAbsenceTypes,
  leaveToDecide,
  leaveWaiting,
  myAbsences,
  recordAbsence,
  requestLeave,
  residentAbsences,
  withdrawAbsence,
} from "./absence.server";
import { attendanceSheet } from "./attendance.server";
import { readDocument } from "./document.server";
import { brokenRotations } from "./broken-rotations.server";
import { departmentMonth } from "./planning-board.server";
import { residentsInCare } from "./rotation.server";
import { absenceSettings, setAbsenceSettings } from "./settings.server";

const d = (iso: string) => parseIsoDate(iso)!;

/** A resident staying through 2070, on a rotation of March–April 2070 with the world's tutor; today is Monday 3 February 2070. */
async function world() {
  const w = await createNotificationWorld(d("2069-11-01"), d("2071-10-31"));
  const rotation = await prisma.rotation.create({
    data: {
      residentId: w.resident.id,
      departmentId: w.department.id,
      tutorId: w.tutor.id,
      startDate: d("2070-03-01"),
      endDate: d("2070-04-30"),
      state: "confirmed",
    },
  });
  return { ...w, rotation };
}
const today = d("2070-02-03");
const leave = (startDate: string, endDate: string, note?: string) => ({ startDate: d(startDate), endDate: d(endDate), note });
const tutorOf = (w: { tutor: { id: string } }) => ({ id: w.tutor.id, admin: false });

describe("requesting leave", () => {
  it("goes to the rotation covering its first day, with the history of who asked, and counts in the balance", async () => {
    const w = await world();
    const { id } = await requestLeave(w.user.id, leave("2070-03-10", "2070-03-14", "Matrimonio"), today);
    const row = await prisma.absence.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ kind: "personal", state: "requested", rotationId: w.rotation.id, note: "Matrimonio", protectedType: null });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "absence", entityId: id } });
    expect(audit).toMatchObject({ actorId: w.user.id, action: "create" });
    const mine = (await myAbsences(w.user.id, today))!;
    expect(mine.balance).toEqual({ used: 0, approved: 0, requested: 5, left: 25, allowance: 30 });
    expect(mine.absences).toMatchObject([{ id, state: "requested", days: 5, cancellable: true }]);
  });

  it("is refused in the past, outside the stay, over another standing absence, or ending before it starts, and writes nothing", async () => {
    const w = await world();
    await requestLeave(w.user.id, leave("2070-03-10", "2070-03-14"), today);
    await expect(requestLeave(w.user.id, leave("2070-02-01", "2070-02-03"), today)).rejects.toEqual(
      refused("startDate", "absences.errors.inThePast"),
    );
    await expect(requestLeave(w.user.id, leave("2071-10-30", "2071-11-02"), today)).rejects.toEqual(
      refused("startDate", "absences.errors.outsideStay"),
    );
    await expect(requestLeave(w.user.id, leave("2070-03-14", "2070-03-17"), today)).rejects.toEqual(
      refused("startDate", "absences.errors.overlaps"),
    );
    await expect(requestLeave(w.user.id, leave("2070-03-20", "2070-03-19"), today)).rejects.toEqual(
      refused("endDate", "absences.errors.endBeforeStart"),
    );
    expect(await prisma.absence.count({ where: { residentId: w.resident.id } })).toBe(1);
  });

  it("outside any rotation goes to the administrators, and no tutor sees it", async () => {
    const w = await world();
    const { id } = await requestLeave(w.user.id, leave("2070-06-02", "2070-06-06"), today);
    expect((await prisma.absence.findUniqueOrThrow({ where: { id } })).rotationId).toBeNull();
    expect((await leaveToDecide(w.tutor.id, { today })).waiting.requests.map((r) => r.id)).not.toContain(id);
    // The administrators' own, never the tutors' group (listed soonest first, the worker's database may hold more).
    const waiting = await leaveWaiting({}, today);
    expect(waiting.tutors.requests.map((r) => r.id)).not.toContain(id);
    const mine = waiting.administrators.requests.find((r) => r.id === id);
    if (waiting.administrators.count <= PAGE_SIZE)
      expect(mine).toMatchObject({ days: 4 }); // Monday 2 June is a holiday
    else expect(waiting.administrators.requests).toHaveLength(PAGE_SIZE);
    await expect(decideLeave(tutorOf(w), id, { intent: "approve" })).rejects.toEqual(refused(null, "errors.notFound", 404));
  });

  it("is refused to a person with no resident record", async () => {
    const w = await world();
    await expect(requestLeave(w.tutor.id, leave("2070-03-10", "2070-03-14"), today)).rejects.toEqual(refused(null, "errors.notFound", 404));
  });
});

describe("cancelling leave", () => {
  it("is the resident's own, before it begins, and frees its days", async () => {
    const w = await world();
    const other = await world();
    const { id } = await requestLeave(w.user.id, leave("2070-03-10", "2070-03-14"), today);
    await expect(cancelLeave(other.user.id, id, today)).rejects.toEqual(refused(null, "errors.notFound", 404));
    await expect(cancelLeave(w.user.id, id, d("2070-03-10"))).rejects.toEqual(refused(null, "absences.errors.alreadyBegun"));
    await cancelLeave(w.user.id, id, today);
    expect((await prisma.absence.findUniqueOrThrow({ where: { id } })).state).toBe("cancelled");
    await expect(cancelLeave(w.user.id, id, today)).rejects.toEqual(refused(null, "absences.errors.notCancellable"));
    // Its days are free again.
    await requestLeave(w.user.id, leave("2070-03-10", "2070-03-14"), today);
  });
});

describe("deciding leave", () => {
  it("belongs to the rotation's tutor or the department's head; another tutor reads it as not found", async () => {
    const w = await world();
    const stranger = await world();
    const { id } = await requestLeave(w.user.id, leave("2070-03-10", "2070-03-14"), today);
    expect((await leaveToDecide(w.tutor.id, { today })).waiting.requests).toMatchObject([
      { id, resident: w.user.name, days: 5, left: 30, exceeds: false },
    ]);
    expect((await leaveToDecide(w.head.id, { today })).waiting.requests.map((r) => r.id)).toEqual([id]);
    expect((await leaveToDecide(stranger.tutor.id, { today })).waiting).toMatchObject({ requests: [], count: 0, page: 1, pages: 1 });
    await expect(decideLeave(tutorOf(stranger), id, { intent: "approve" })).rejects.toEqual(refused(null, "errors.notFound", 404));
    await decideLeave(tutorOf(w), id, { intent: "approve" });
    expect(await prisma.absence.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "approved", decidedById: w.tutor.id });
    await expect(decideLeave({ id: w.head.id, admin: false }, id, { intent: "decline", reason: "No" })).rejects.toEqual(
      refused(null, "absences.errors.alreadyDecided"),
    );
    expect((await leaveToDecide(w.tutor.id, { today })).decided).toMatchObject([{ id, state: "approved" }]);
    expect((await myAbsences(w.user.id, today))!.balance).toMatchObject({ approved: 5, requested: 0, left: 25 });
  });

  it("declines only with a reason, which the resident reads", async () => {
    const w = await world();
    const { id } = await requestLeave(w.user.id, leave("2070-03-10", "2070-03-14"), today);
    await expect(decideLeave(tutorOf(w), id, { intent: "decline", reason: "  " })).rejects.toEqual(
      refused("reason", "absences.errors.reasonRequired", 400),
    );
    await decideLeave(tutorOf(w), id, { intent: "decline", reason: "Reparto scoperto quella settimana" });
    const [mine] = (await myAbsences(w.user.id, today))!.absences;
    expect(mine).toMatchObject({
      state: "declined",
      reason: "Reparto scoperto quella settimana",
      decidedBy: w.tutor.name,
      cancellable: false,
    });
  });

  it(
    "approved at the same moment on two servers, two requests never pass the 30 days together",
    async () => {
      const w = await world();
      // 3 to 28 March 2070 (20 working days) and 1 to 18 April (more than 10): each fits alone, not both.
      const march = await requestLeave(w.user.id, leave("2070-03-03", "2070-03-28"), today);
      const april = await requestLeave(w.user.id, leave("2070-04-01", "2070-04-18"), today);
      const outcomes = await fromTwoServers(
        on("~/models/absence.server", decideLeave, tutorOf(w), march.id, { intent: "approve" }),
        on("~/models/absence.server", decideLeave, tutorOf(w), april.id, { intent: "approve" }),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reason: refused(null, "absences.errors.beyondAllowance") });
      const states = await prisma.absence.findMany({ where: { id: { in: [march.id, april.id] } }, select: { state: true } });
      expect(states.map((a) => a.state).sort()).toEqual(["approved", "requested"]);
    },
    TWO_SERVERS_TIMEOUT,
  );

  it(
    "asked at the same moment on two servers, two overlapping requests leave one",
    async () => {
      const w = await world();
      const outcomes = await fromTwoServers(
        on("~/models/absence.server", requestLeave, w.user.id, leave("2070-03-10", "2070-03-14"), today),
        on("~/models/absence.server", requestLeave, w.user.id, leave("2070-03-12", "2070-03-20"), today),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reason: refused("startDate", "absences.errors.overlaps") });
      expect(await prisma.absence.count({ where: { residentId: w.resident.id } })).toBe(1);
    },
    TWO_SERVERS_TIMEOUT,
  );

  it("beyond the training year's 30 days is for an administrator, with a reason", async () => {
    const w = await world();
    // 3 to 28 March 2070: 20 working days, approved; then 1 to 11 April: 9 more make 29; two days more are beyond.
    const first = await requestLeave(w.user.id, leave("2070-03-03", "2070-03-28"), today);
    await decideLeave(tutorOf(w), first.id, { intent: "approve" });
    const full = await requestLeave(w.user.id, leave("2070-04-01", "2070-04-11"), today);
    await decideLeave(tutorOf(w), full.id, { intent: "approve" });
    expect((await myAbsences(w.user.id, today))!.balance).toMatchObject({ approved: 29, left: 1 });
    const beyond = await requestLeave(w.user.id, leave("2070-04-14", "2070-04-15"), today);
    expect((await leaveToDecide(w.tutor.id, { today })).waiting.requests).toMatchObject([{ id: beyond.id, exceeds: true, left: 1 }]);
    await expect(decideLeave(tutorOf(w), beyond.id, { intent: "approve" })).rejects.toEqual(
      refused(null, "absences.errors.beyondAllowance"),
    );
    const admin = { id: w.admin.id, admin: true };
    await expect(decideLeave(admin, beyond.id, { intent: "approve" })).rejects.toEqual(
      refused("reason", "absences.errors.overrideReason", 400),
    );
    expect((await prisma.absence.findUniqueOrThrow({ where: { id: beyond.id } })).state).toBe("requested");
    await decideLeave(admin, beyond.id, { intent: "approve", reason: "Lutto in famiglia" });
    expect(await prisma.absence.findUniqueOrThrow({ where: { id: beyond.id } })).toMatchObject({
      state: "approved",
      reason: "Lutto in famiglia",
    });
  });
});

describe("the absence settings", () => {
  it("count leave in calendar days when chosen, and the patron-saint day is no working day", async () => {
    const w = await world();
    const before = await absenceSettings();
    try {
      await setAbsenceSettings({ ...before, countMode: "calendar", patronDay: { month: 3, day: 12 } }, w.admin.id);
      expect(await absenceSettings()).toMatchObject({ countMode: "calendar", patronDay: { month: 3, day: 12 } });
      const { id } = await requestLeave(w.user.id, leave("2070-03-10", "2070-03-16"), today);
      expect((await myAbsences(w.user.id, today))!.absences.find((a) => a.id === id)!.days).toBe(7);
      await setAbsenceSettings({ ...before, countMode: "working", patronDay: { month: 3, day: 12 } }, w.admin.id);
      // Monday 10 to Sunday 16 March: five weekdays, less the patron saint on Wednesday 12.
      expect((await myAbsences(w.user.id, today))!.absences.find((a) => a.id === id)!.days).toBe(4);
    } finally {
      await setAbsenceSettings(before, w.admin.id);
    }
  });
});

describe("protected absences", () => {
  const maternity = { kind: "protected" as const, protectedType: "maternity" as const };

  it("suspend training beyond 40 consecutive working days, move the expected end, break the rotations they meet, and never enter the history by type", async () => {
    const w = await world();
    // 3 March to 30 April 2070: 41 working days (Easter Monday 31 March and 25 April are holidays), 59 days in all.
    const { id } = await recordAbsence(w.admin.id, w.resident.id, { ...maternity, startDate: d("2070-03-03"), endDate: d("2070-04-30") });
    const record = (await residentAbsences(w.resident.id, today))!;
    expect(record.suspensions).toEqual([{ start: d("2070-03-03"), end: d("2070-04-30"), workingDays: 41, days: 59 }]);
    expect(record.expectedEnd).toEqual(d("2071-12-29"));
    // 59 of the programme's 365 days: no warning; at 70 days of maximum, 84% of it, a warning.
    expect(record.suspensionUse).toEqual({ totalDays: 59, maximumDays: 365, percent: 16, warn: false });
    await prisma.programme.update({ where: { id: w.resident.programmeId }, data: { maxSuspensionDays: 70 } });
    expect((await residentAbsences(w.resident.id, today))!.suspensionUse).toEqual({
      totalDays: 59,
      maximumDays: 70,
      percent: 84,
      warn: true,
    });
    expect(record.absences).toMatchObject([{ id, protectedType: "maternity", state: "recorded", workingDays: 41 }]);
    expect((await myAbsences(w.user.id, today))!).toMatchObject({ suspendedDays: 59, expectedEnd: d("2071-12-29") });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "absence", entityId: id } });
    expect(audit.changes).not.toMatch(/maternity|protected|recorded/);
    // The rotation of March and April now breaks the seventh rule.
    const broken = (await brokenRotations({ today, limit: Number.MAX_SAFE_INTEGER })).rotations.find((r) => r.id === w.rotation.id);
    expect(broken?.problems.some((p) => p.startsWith("rotations.problems.away"))).toBe(true);
    // Leave cannot be requested over it.
    await expect(requestLeave(w.user.id, leave("2070-04-01", "2070-04-02"), today)).rejects.toEqual(
      refused("startDate", "absences.errors.overlaps"),
    );

    // Withdrawn, it is gone with its type; one working day shorter, it suspends nothing.
    await withdrawAbsence(w.admin.id, w.resident.id, id, "Date sbagliate");
    expect(await prisma.absence.findUnique({ where: { id } })).toBeNull();
    await recordAbsence(w.admin.id, w.resident.id, { ...maternity, startDate: d("2070-03-03"), endDate: d("2070-04-29") });
    expect((await residentAbsences(w.resident.id, today))!).toMatchObject({
      suspensions: [],
      suspendedDays: 0,
      expectedEnd: d("2071-10-31"),
    });
  });

  it("joined over a weekend, two illnesses of 19 and 22 working days are one suspension", async () => {
    const w = await world();
    const illness = { kind: "protected" as const, protectedType: "illness" as const };
    await recordAbsence(w.admin.id, w.resident.id, { ...illness, startDate: d("2070-06-03"), endDate: d("2070-06-27") }); // Tue 3 – Fri 27 June (2 June a holiday)
    expect((await residentAbsences(w.resident.id, today))!.suspensions).toEqual([]);
    await recordAbsence(w.admin.id, w.resident.id, { ...illness, startDate: d("2070-06-30"), endDate: d("2070-07-29") });
    expect((await residentAbsences(w.resident.id, today))!.suspensions).toMatchObject([
      { start: d("2070-06-03"), end: d("2070-07-29"), workingDays: 41 },
    ]);
  });

  it("leave recorded after the fact needs a reason; withdrawing needs one too, and only for the resident's own absences", async () => {
    const w = await world();
    const other = await world();
    await expect(
      recordAbsence(w.admin.id, w.resident.id, { kind: "personal", startDate: d("2070-01-13"), endDate: d("2070-01-14"), reason: " " }),
    ).rejects.toEqual(refused("reason", "absences.errors.reasonRequired", 400));
    const { id } = await recordAbsence(w.admin.id, w.resident.id, {
      kind: "personal",
      startDate: d("2070-01-13"),
      endDate: d("2070-01-14"),
      reason: "Non richiesta per un'urgenza familiare",
    });
    expect(await prisma.absence.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "approved", decidedById: w.admin.id });
    await expect(withdrawAbsence(w.admin.id, w.resident.id, id, "")).rejects.toEqual(
      refused("reason", "absences.errors.reasonRequired", 400),
    );
    await expect(withdrawAbsence(w.admin.id, other.resident.id, id, "Errore")).rejects.toEqual(refused(null, "errors.notFound", 404));
    await withdrawAbsence(w.admin.id, w.resident.id, id, "Errore");
    expect((await prisma.absence.findUniqueOrThrow({ where: { id } })).state).toBe("cancelled");
  });
});

describe("changing an absence's dates", () => {
  it("keeps the date rules, needs a reason the history keeps (never the type), and refuses what no longer stands", async () => {
    const w = await world();
    const { id } = await recordAbsence(w.admin.id, w.resident.id, {
      kind: "protected",
      protectedType: "illness",
      startDate: d("2070-06-02"),
      endDate: d("2070-06-06"),
    });
    const other = await recordAbsence(w.admin.id, w.resident.id, {
      kind: "protected",
      protectedType: "injury",
      startDate: d("2070-06-16"),
      endDate: d("2070-06-17"),
    });
    const span = { start: d("2070-06-02"), end: d("2070-06-13") };
    await expect(changeAbsence(w.admin.id, w.resident.id, id, span, " ")).rejects.toEqual(
      refused("reason", "absences.errors.reasonRequired", 400),
    );
    await expect(changeAbsence(w.admin.id, w.resident.id, id, { ...span, end: d("2070-06-16") }, "Certificato prolungato")).rejects.toEqual(
      refused("startDate", "absences.errors.overlaps"),
    );
    await expect(changeAbsence(w.admin.id, w.resident.id, id, { ...span, end: d("2071-11-30") }, "Certificato prolungato")).rejects.toEqual(
      refused("startDate", "absences.errors.outsideStay"),
    );
    await changeAbsence(w.admin.id, w.resident.id, id, span, "Certificato prolungato");
    expect(await prisma.absence.findUniqueOrThrow({ where: { id } })).toMatchObject({
      startDate: span.start,
      endDate: span.end,
      protectedType: "illness",
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "absence", entityId: id, action: "update" } });
    expect(JSON.parse(audit.changes)).toMatchObject({ reason: [null, "Certificato prolungato"] });
    expect(audit.changes).not.toMatch(/illness/);
    // Another resident's absence is not found; a withdrawn one no longer stands.
    const elsewhere = await world();
    await expect(changeAbsence(w.admin.id, elsewhere.resident.id, other.id, span, "Errore")).rejects.toEqual(
      refused(null, "errors.notFound", 404),
    );
    const { id: leaveId } = await recordAbsence(w.admin.id, w.resident.id, {
      kind: "personal",
      startDate: d("2070-01-13"),
      endDate: d("2070-01-14"),
      reason: "Urgenza",
    });
    await withdrawAbsence(w.admin.id, w.resident.id, leaveId, "Errore");
    await expect(
      changeAbsence(w.admin.id, w.resident.id, leaveId, { start: d("2070-01-20"), end: d("2070-01-20") }, "Errore"),
    ).rejects.toEqual(refused(null, "absences.errors.notChangeable"));
  });
});

describe("a protected absence's supporting PDF", () => {
  const pdf = (name = "certificato.pdf", body = "%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n") =>
    new File([body], name, { type: "application/pdf" });
  const maternity = {
    kind: "protected" as const,
    protectedType: "maternity" as const,
    startDate: d("2070-06-02"),
    endDate: d("2070-06-20"),
  };

  it("is kept for administrators and the resident only, never enters the history, and goes when the absence is withdrawn", async () => {
    const w = await world();
    const other = await world();
    const { id } = await recordAbsence(w.admin.id, w.resident.id, maternity, new Date(), pdf());
    const row = await prisma.absence.findUniqueOrThrow({ where: { id }, select: { documentId: true } });
    expect(row.documentId).not.toBeNull();
    expect((await readDocument(row.documentId!)).toString()).toContain("%PDF-1.4");
    expect((await residentAbsences(w.resident.id, today))!.absences[0]).toMatchObject({ document: { fileName: "certificato.pdf" } });
    // Administrators, and the resident as their own; another resident finds nothing.
    expect(await absenceDocument(id, null)).toMatchObject({ fileName: "certificato.pdf" });
    expect(await absenceDocument(id, { userId: w.user.id })).toMatchObject({ fileName: "certificato.pdf" });
    expect(await absenceDocument(id, { userId: other.user.id })).toBeNull();
    const audit = await prisma.auditEvent.findMany({ where: { entityType: "absence", entityId: id } });
    expect(audit.map((a) => a.changes).join()).not.toMatch(/certificato|document/);

    await withdrawAbsence(w.admin.id, w.resident.id, id, "Registrata per errore");
    expect(await prisma.storedDocument.findUnique({ where: { id: row.documentId! } })).toBeNull();
    await expect(readDocument(row.documentId!)).rejects.toThrow();
  });

  it("is refused beside its field when it is not a PDF, or given for personal leave, and nothing is written", async () => {
    const w = await world();
    await expect(
      recordAbsence(w.admin.id, w.resident.id, maternity, new Date(), pdf("certificato.pdf", "<html>no</html>")),
    ).rejects.toEqual(refused("document", "agreements.documentNotPdf", 400));
    const personal = { kind: "personal" as const, startDate: d("2070-01-13"), endDate: d("2070-01-14"), reason: "Urgenza" };
    await expect(recordAbsence(w.admin.id, w.resident.id, personal, new Date(), pdf())).rejects.toEqual(
      refused("document", "absences.errors.documentProtectedOnly", 400),
    );
    expect(await prisma.absence.count({ where: { residentId: w.resident.id } })).toBe(0);
    // An empty file field is no document.
    const { id } = await recordAbsence(w.admin.id, w.resident.id, maternity, new Date(), new File([], ""));
    expect((await prisma.absence.findUniqueOrThrow({ where: { id } })).documentId).toBeNull();
  });
});

describe("the retention of a protected absence's type", () => {
  it("erases the type and the PDF once the setting's years have passed since its end, keeping the dates and the chain", async () => {
    const w = await world();
    const pdf = new File(["%PDF-1.4\n%%EOF\n"], "certificato.pdf");
    const old = await recordAbsence(
      w.admin.id,
      w.resident.id,
      { kind: "protected", protectedType: "illness", startDate: d("2069-11-03"), endDate: d("2069-11-04") },
      new Date(),
      pdf,
    );
    const recent = await recordAbsence(w.admin.id, w.resident.id, {
      kind: "protected",
      protectedType: "injury",
      startDate: d("2070-01-07"),
      endDate: d("2070-01-08"),
    });
    const { documentId } = await prisma.absence.findUniqueOrThrow({ where: { id: old.id } });
    const settings = await absenceSettings();
    try {
      await setAbsenceSettings({ ...settings, retentionYears: 2 }, w.admin.id);
      // On 4 November 2071 the first is exactly two years old: kept; the day after, erased.
      await eraseExpiredAbsenceTypes(d("2071-11-04"));
      expect((await prisma.absence.findUniqueOrThrow({ where: { id: old.id } })).protectedType).toBe("illness");
      expect(await eraseExpiredAbsenceTypes(d("2071-11-05"))).toBeGreaterThanOrEqual(1);
      expect(await prisma.absence.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({
        protectedType: null,
        documentId: null,
        startDate: d("2069-11-03"),
        state: "recorded",
      });
      expect(await prisma.storedDocument.findUnique({ where: { id: documentId! } })).toBeNull();
      await expect(readDocument(documentId!)).rejects.toThrow();
      expect((await prisma.absence.findUniqueOrThrow({ where: { id: recent.id } })).protectedType).toBe("injury");
      const erased = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "absence", entityId: old.id, action: "erase" } });
      expect(erased.changes).not.toMatch(/illness|certificato/);
      // The resident's page still counts it, as a protected absence of no type.
      expect((await residentAbsences(w.resident.id, today))!.absences.find((a) => a.id === old.id)).toMatchObject({
        kind: "protected",
        protectedType: null,
        document: null,
      });
    } finally {
      await setAbsenceSettings(settings, w.admin.id);
    }
  });
});

describe("away elsewhere in the portal", () => {
  /** A lecture of the world's programme taught by its tutor; confirmed with marks when given. */
  const lecture = (
    w: Awaited<ReturnType<typeof world>>,
    day: string,
    marks: Array<[string, "absent" | "present"]> = [],
    confirmed = true,
  ) =>
    createTeachingSession({
      title: `Lezione ${day}`,
      date: d(day),
      minutes: 60,
      createdById: w.tutor.id,
      tutorIds: [w.tutor.id],
      programmeIds: [w.programme.id],
      marks,
      confirmedAt: confirmed && marks.length ? new Date() : null,
    });

  it("approving leave excuses the resident's absent marks in its days: a confirmed sheet by correction, with the reason", async () => {
    const w = await world();
    const [inside, draft, outside] = [
      await lecture(w, "2070-03-11", [[w.resident.id, "absent"]]),
      await lecture(w, "2070-03-12", [[w.resident.id, "absent"]], false),
      await lecture(w, "2070-03-20", [[w.resident.id, "absent"]]),
    ];
    const { id } = await requestLeave(w.user.id, leave("2070-03-10", "2070-03-14"), today);
    await decideLeave(tutorOf(w), id, { intent: "approve" });
    const status = async (sessionId: string) =>
      (await prisma.attendance.findUniqueOrThrow({ where: { sessionId_residentId: { sessionId, residentId: w.resident.id } } })).status;
    expect([await status(inside.id), await status(draft.id), await status(outside.id)]).toEqual(["excused", "excused", "absent"]);
    const corrections = await prisma.auditEvent.findMany({ where: { entityType: "attendance", entityId: { in: [inside.id, draft.id] } } });
    expect(corrections.map((e) => [e.entityId, e.action, e.actorId]).sort()).toEqual(
      [
        [inside.id, "correct", w.tutor.id],
        [draft.id, "mark", w.tutor.id],
      ].sort(),
    );
    expect(corrections.every((e) => e.changes.includes(APPROVED_ABSENCE))).toBe(true);
  });

  it("shows the days away, never why, on the attendance sheet, the board, the tutor's residents and the resident's calendar", async () => {
    const w = await world();
    const { id } = await requestLeave(w.user.id, leave("2070-03-10", "2070-03-11"), today);
    await decideLeave(tutorOf(w), id, { intent: "approve" });
    await recordAbsence(w.admin.id, w.resident.id, {
      kind: "protected",
      protectedType: "illness",
      startDate: d("2070-05-04"),
      endDate: d("2070-05-08"),
    });
    const session = await lecture(w, "2070-03-10");
    const sheet = await attendanceSheet(session.id, w.tutor.id, new Date("2070-03-10T12:00:00Z"));
    expect(sheet.rows.find((r) => r.id === w.resident.id)).toMatchObject({ away: true, status: null });

    const board = await departmentMonth(w.department.id, { year: 2070, month: 3 });
    expect(board.away.get(w.resident.id)).toEqual([{ start: d("2070-03-10"), end: d("2070-03-11") }]);
    const care = await residentsInCare(w.tutor.id, { today: d("2070-03-11") });
    expect(care.rotations.find((r) => r.resident.id === w.resident.id)?.awayToday).toEqual({
      start: d("2070-03-10"),
      end: d("2070-03-11"),
    });
    expect((await residentsInCare(w.tutor.id, { today: d("2070-03-12") })).rotations[0]?.awayToday).toBeNull();

    const feed = (await calendarFor(await issueCalendarToken(w.user.id)))!;
    const away = feed.events.filter((e) => e.uid.startsWith("absence-"));
    expect(away.map((e) => [e.summary, e.start])).toEqual([
      ["Ferie / assenza personale", d("2070-03-10")],
      ["Assente (assenza registrata)", d("2070-05-04")],
    ]);
    expect(JSON.stringify(feed)).not.toMatch(/illness|Illness|Malattia/);
  });
});
