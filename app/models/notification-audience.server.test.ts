import { describe, expect, it } from "vitest";
import { issuePasswordToken } from "~/auth/password-token.server";
import { parseIsoDate } from "~/domain/dates";
import { DEFAULT_FORMS } from "~/domain/evaluations";
import { DELIVERY, type Kind } from "~/domain/notifications";
import { sessionEnd } from "~/domain/teaching";
import { rotationSchema } from "~/schemas/rotation";
import { prisma, type Prisma } from "~/utils/db.server";
import { createCatalogue, createLogbookEntry, createNotificationWorld, createTeachingSession } from "../../test/factories";
import { replacePassword } from "./account.server";
import { versionOf } from "./concurrency.server";
import { decideLeave, requestLeave } from "./absence.server";
import { returnEntry } from "./logbook-review.server";
import { sign } from "./tutor-evaluation.server";
import { markAttemptFailed } from "./outbox.server";
import { cancelRotation, createRotation, updateRotation } from "./rotation.server";
import { runDailyChecks, runFrequentChecks } from "./scheduled-checks.server";

/**
 * Which events notify whom, for every kind of notification (the table is a Record<Kind, …>: a new kind
 * does not compile until it has its case). Each case makes a small world of its own (an administrator,
 * a department's tutor and head, a resident), triggers the event through the models, and names exactly
 * who of that world was told. Days are years ahead, a different year per case, and every instant
 * given as `now` is too, so that no outbox message made here is ever due for the other test files.
 */

const d = (iso: string) => parseIsoDate(iso)!;
const FAR = new Date("2999-01-01T00:00:00Z");
const HOUR = 60 * 60 * 1000;

type World = Awaited<ReturnType<typeof createNotificationWorld>>;
const world = (year: number) => createNotificationWorld(d(`${year}-01-01`), d(`${year}-12-31`));
const people = (w: World) => ({ admin: w.admin.id, tutor: w.tutor.id, head: w.head.id, resident: w.user.id });

/** Who of the world has a portal notification of this kind (matching `where`), by role. */
async function told(w: World, kind: Kind, where: Prisma.NotificationWhereInput = {}): Promise<string[]> {
  const rows = await prisma.notification.findMany({ where: { ...where, kind, userId: { in: Object.values(people(w)) } } });
  return Object.entries(people(w))
    .filter(([, id]) => rows.some((row) => row.userId === id))
    .map(([role]) => role);
}

/** A pending logbook entry of the world's resident on `day`, for the world's tutor to certify. */
async function pendingEntry(w: World, day: string) {
  const catalogue = await createCatalogue({
    programmeId: w.programme.id,
    activities: [{ code: "visit", labelIt: "Prima visita", labelEn: "First visit", minimums: [] }],
  });
  return createLogbookEntry({
    residentId: w.resident.id,
    activityId: catalogue.activities[0]!.id,
    departmentId: w.department.id,
    date: d(day),
    tutorId: w.tutor.id,
  });
}

/** A day's scheduled checks, run for that day alone. */
const daily = (day: string) => runDailyChecks({ from: d(day), to: d(day) }, FAR);

const confirmedRotation = (w: World, startDate: string, endDate: string) =>
  prisma.rotation.create({
    data: {
      residentId: w.resident.id,
      departmentId: w.department.id,
      tutorId: w.tutor.id,
      startDate: d(startDate),
      endDate: d(endDate),
      state: "confirmed",
    },
  });
const rotationInput = (w: World, startDate: string, endDate: string) =>
  rotationSchema.parse({
    residentId: w.resident.id,
    departmentId: w.department.id,
    tutorId: w.tutor.id,
    startDate,
    endDate,
    state: "confirmed",
  });

/** The resident's set-password e-mail, queued, then failed at its first attempt for `failure`. */
async function residentMailFails(w: World, failure: Parameters<typeof markAttemptFailed>[1], maxAttempts = DELIVERY.maxAttempts) {
  await issuePasswordToken(w.user.id, { mail: true, now: FAR });
  const message = await prisma.outboxMessage.findFirstOrThrow({ where: { userId: w.user.id } });
  await markAttemptFailed(message.id, failure, FAR, { ...DELIVERY, maxAttempts });
}

const AUDIENCE: Record<Kind, { who: string; check: () => Promise<void> }> = {
  "password-link": {
    who: "the person the link is for, by e-mail only (a secret security message), never in the portal",
    async check() {
      const w = await world(2040);
      await issuePasswordToken(w.user.id, { issuedBy: w.admin.id, mail: true, now: FAR });
      const mails = await prisma.outboxMessage.findMany({ where: { userId: { in: Object.values(people(w)) } } });
      expect(mails.map((m) => [m.userId, m.category, m.secret, JSON.parse(m.payload).kind])).toEqual([
        [w.user.id, "security", true, "password-link"],
      ]);
      expect(await told(w, "password-link")).toEqual([]);
    },
  },
  "password-changed": {
    who: "the person whose password was replaced",
    async check() {
      const w = await world(2041);
      await prisma.user.update({ where: { id: w.user.id }, data: { passwordHash: "an earlier password's hash" } });
      await replacePassword(w.user.id, "A-new-password-2");
      expect(await told(w, "password-changed")).toEqual(["resident"]);
    },
  },
  "agreement-ending": {
    who: "the administrators, 90, 30 and 7 days before an agreement ends",
    async check() {
      const w = await world(2042);
      await daily("2042-12-01");
      expect(await told(w, "agreement-ending", { link: `/admin/agreements/${w.agreement.id}` })).toEqual(["admin"]);
    },
  },
  "agreement-expired": {
    who: "the administrators, the day after an agreement's last",
    async check() {
      const w = await world(2043);
      await daily("2044-01-01");
      expect(await told(w, "agreement-expired", { link: `/admin/agreements/${w.agreement.id}` })).toEqual(["admin"]);
    },
  },
  "rotations-broken": {
    who: "the administrators, when a change breaks a rotation (the first check only learns what is broken)",
    async check() {
      const w = await world(2045);
      await confirmedRotation(w, "2045-07-01", "2045-07-31");
      const [learnt, checked] = [new Date("2045-06-01T08:00:00Z"), new Date("2045-06-01T08:05:00Z")];
      await runFrequentChecks(new Date(learnt.getTime() - 5 * 60_000), learnt);
      await prisma.resident.update({ where: { id: w.resident.id }, data: { stayEnd: d("2045-07-15") } });
      await runFrequentChecks(learnt, checked);
      expect(await told(w, "rotations-broken", { createdAt: checked })).toEqual(["admin"]);
    },
  },
  "mail-refused": {
    who: "the administrators, when the mail server refuses someone's address",
    async check() {
      const w = await world(2046);
      await residentMailFails(w, { message: "550 Mailbox unavailable", code: "EENVELOPE", responseCode: 550, command: "RCPT TO" });
      expect(await told(w, "mail-refused", { link: `/admin/users/${w.user.id}` })).toEqual(["admin"]);
    },
  },
  "mail-failed": {
    who: "the administrators, when a message has used every attempt",
    async check() {
      const w = await world(2047);
      await residentMailFails(w, { message: "connect ECONNREFUSED 127.0.0.1:2525", code: "ESOCKET" }, 1);
      expect(await told(w, "mail-failed", { params: { contains: w.user.email } })).toEqual(["admin"]);
    },
  },
  "rotation-starting": {
    who: "the resident, a week before a confirmed rotation begins",
    async check() {
      const w = await world(2048);
      await confirmedRotation(w, "2048-05-08", "2048-05-31");
      await daily("2048-05-01");
      expect(await told(w, "rotation-starting")).toEqual(["resident"]);
    },
  },
  "rotation-changed": {
    who: "the resident, when a confirmed rotation moves",
    async check() {
      const w = await world(2049);
      const { id } = await createRotation(rotationInput(w, "2049-03-01", "2049-04-30"), w.admin.id);
      const current = await prisma.rotation.findUniqueOrThrow({ where: { id } });
      await updateRotation(id, rotationInput(w, "2049-03-15", "2049-05-15"), versionOf(current), w.admin.id);
      expect(await told(w, "rotation-changed")).toEqual(["resident"]);
    },
  },
  "rotation-cancelled": {
    who: "the resident, when a confirmed rotation is cancelled",
    async check() {
      const w = await world(2050);
      const { id } = await createRotation(rotationInput(w, "2050-03-01", "2050-04-30"), w.admin.id);
      const current = await prisma.rotation.findUniqueOrThrow({ where: { id } });
      await cancelRotation(id, versionOf(current), w.admin.id);
      expect(await told(w, "rotation-cancelled")).toEqual(["resident"]);
    },
  },
  "insurance-expiring": {
    who: "the resident, 30 days before their insurance expires while they stay",
    async check() {
      const w = await world(2051);
      await prisma.resident.update({ where: { id: w.resident.id }, data: { insuranceExpiry: d("2051-06-30") } });
      await daily("2051-05-31");
      expect(await told(w, "insurance-expiring")).toEqual(["resident"]);
    },
  },
  "residents-arriving": {
    who: "the department's tutors and head, a week before a resident arrives",
    async check() {
      const w = await world(2052);
      await confirmedRotation(w, "2052-05-08", "2052-05-31");
      await daily("2052-05-01");
      expect(await told(w, "residents-arriving")).toEqual(["tutor", "head"]);
    },
  },
  "attendance-to-confirm": {
    who: "the session's tutors, 12 hours after it ends",
    async check() {
      const w = await world(2053);
      const session = await createTeachingSession({
        title: `Lezione ${w.tag}`,
        date: d("2053-03-10"),
        minutes: 60,
        tutorIds: [w.tutor.id],
      });
      const end = sessionEnd(session);
      await runFrequentChecks(end, new Date(end.getTime() + 13 * HOUR));
      expect(await told(w, "attendance-to-confirm")).toEqual(["tutor"]);
    },
  },
  "logbook-waiting": {
    who: "the tutor of entries waiting for a week",
    async check() {
      const w = await world(2054);
      const entry = await pendingEntry(w, "2054-04-01");
      await prisma.logbookEntry.update({ where: { id: entry.id }, data: { createdAt: new Date("2054-04-01T10:00:00Z") } });
      await daily("2054-04-08");
      expect(await told(w, "logbook-waiting")).toEqual(["tutor"]);
    },
  },
  "logbook-returned": {
    who: "the resident whose entry a tutor returned",
    async check() {
      const w = await world(2055);
      const entry = await pendingEntry(w, "2055-04-01");
      await returnEntry(w.tutor.id, entry.id, "Collaboration, not support", FAR);
      expect(await told(w, "logbook-returned")).toEqual(["resident"]);
    },
  },
  "evaluation-open": {
    who: "the rotation's supervising tutor, the day the evaluation opens (14 days before the end)",
    async check() {
      const w = await world(2056);
      await confirmedRotation(w, "2056-03-01", "2056-04-30");
      await daily("2056-04-15");
      expect(await told(w, "evaluation-open")).toEqual([]);
      await daily("2056-04-16");
      expect(await told(w, "evaluation-open")).toEqual(["tutor"]);
    },
  },
  "evaluation-overdue": {
    who: "the supervising tutor, the day after the evaluation was due, unless signed",
    async check() {
      const w = await world(2057);
      await confirmedRotation(w, "2057-03-01", "2057-04-30");
      await daily("2057-05-14");
      expect(await told(w, "evaluation-overdue")).toEqual([]);
      await daily("2057-05-15");
      expect(await told(w, "evaluation-overdue")).toEqual(["tutor"]);
    },
  },
  "rotation-evaluation-open": {
    who: "the resident, the day their confidential evaluation of the rotation opens",
    async check() {
      const w = await world(2058);
      await confirmedRotation(w, "2058-03-01", "2058-04-30");
      await daily("2058-04-16");
      expect(await told(w, "rotation-evaluation-open")).toEqual(["resident"]);
    },
  },
  "rotation-evaluation-overdue": {
    who: "the resident, the day after it was due, unless submitted",
    async check() {
      const w = await world(2059);
      const done = await confirmedRotation(w, "2059-01-01", "2059-02-28");
      await prisma.evaluationSubmission.create({ data: { rotationId: done.id, residentId: w.resident.id } });
      await daily("2059-03-15");
      expect(await told(w, "rotation-evaluation-overdue")).toEqual([]);
      await confirmedRotation(w, "2059-03-01", "2059-04-30");
      await daily("2059-05-15");
      expect(await told(w, "rotation-evaluation-overdue")).toEqual(["resident"]);
    },
  },
  "evaluation-signed": {
    who: "the resident whose tutor signed their evaluation",
    async check() {
      const w = await world(2060);
      const rotation = await confirmedRotation(w, "2060-03-01", "2060-04-30");
      const answers: Record<string, string> = {};
      for (const item of DEFAULT_FORMS["tutor-resident"])
        answers[`item.${item.key}`] = item.type === "yesno" ? "yes" : item.type === "rating" ? "4" : "";
      await sign(w.tutor.id, rotation.id, (name) => answers[name], d("2060-04-20"), FAR);
      expect(await told(w, "evaluation-signed")).toEqual(["resident"]);
    },
  },
  "leave-requested": {
    who: "the tutor and the head of the rotation covering the first day of a resident's request",
    async check() {
      const w = await world(2061);
      await confirmedRotation(w, "2061-03-01", "2061-04-30");
      await requestLeave(w.user.id, { startDate: d("2061-03-10"), endDate: d("2061-03-12") }, d("2061-02-01"), FAR);
      expect(await told(w, "leave-requested")).toEqual(["tutor", "head"]);
    },
  },
  "leave-to-decide": {
    who: "the administrators, for a request outside any rotation",
    async check() {
      const w = await world(2062);
      await requestLeave(w.user.id, { startDate: d("2062-03-10"), endDate: d("2062-03-12") }, d("2062-02-01"), FAR);
      expect(await told(w, "leave-to-decide")).toEqual(["admin"]);
      expect(await told(w, "leave-requested")).toEqual([]);
    },
  },
  "leave-approved": {
    who: "the resident whose leave was approved",
    async check() {
      const w = await world(2063);
      await confirmedRotation(w, "2063-03-01", "2063-04-30");
      const { id } = await requestLeave(w.user.id, { startDate: d("2063-03-10"), endDate: d("2063-03-12") }, d("2063-02-01"), FAR);
      await decideLeave({ id: w.tutor.id, admin: false }, id, { intent: "approve" }, FAR);
      expect(await told(w, "leave-approved")).toEqual(["resident"]);
    },
  },
  "leave-declined": {
    who: "the resident whose leave was declined",
    async check() {
      const w = await world(2064);
      await confirmedRotation(w, "2064-03-01", "2064-04-30");
      const { id } = await requestLeave(w.user.id, { startDate: d("2064-03-10"), endDate: d("2064-03-12") }, d("2064-02-01"), FAR);
      await decideLeave({ id: w.head.id, admin: false }, id, { intent: "decline", reason: "Turni scoperti" }, FAR);
      expect(await told(w, "leave-declined")).toEqual(["resident"]);
    },
  },
};

describe("which events notify whom", () => {
  // Some checks read every open rotation of the worker's database, which the whole suite fills: 5 s is
  // too short for them on a loaded CI machine (one took 5.2 s), though each takes a tenth of a second alone.
  for (const [kind, { who, check }] of Object.entries(AUDIENCE)) it(`${kind}: ${who}, and no one else`, { timeout: 20_000 }, check);
});
