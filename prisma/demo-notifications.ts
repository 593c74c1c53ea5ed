import { addDays, toIsoDate } from "~/domain/dates";
import { randomUUID } from "node:crypto";
import { defaultMode, DELIVERY, KINDS, type Kind, type Params } from "~/domain/notifications";
import type { Prisma } from "~/generated/prisma/client";

/**
 * What the portal has already told the demo accounts, so that the bell shows real content on a fresh
 * demo: the demo tutor has logbook entries waiting, a session's attendance to confirm and residents
 * arriving; the demo resident an entry returned and their rotation starting; the demo administrator
 * agreements ending and expired, and the rotations broken by later changes. Each is written from the
 * demo's own records, with the values its text needs, and links to the page that needs the reader.
 *
 * They count as already e-mailed (mailedAt is when they were written): the demo's outbox never sends
 * this invented past, neither at once nor in a digest. No faker draws: the data before stays as it was.
 */
type Told = { userId: string; kind: Kind; params: Params; link: string; at: Date; read?: boolean };

export async function seedNotifications(
  tx: Prisma.TransactionClient,
  {
    now,
    today,
    adminId,
    tutorId,
    residentUserId,
    residentId,
    agreements,
    broken,
  }: {
    now: Date;
    today: Date;
    adminId: string;
    tutorId: string;
    residentUserId: string;
    residentId: string;
    /** The agreement ending in 29 days, the one ending in 45, and the one that expired 20 days ago. */
    agreements: { endingSoon: string; ending: string; expired: string };
    broken: number;
  },
): Promise<number> {
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
  const told: Told[] = [];

  // The demo tutor: entries waiting over a week for their certification (today's reminder, and last week's, read).
  const waiting = await tx.logbookEntry.count({ where: { tutorId, status: "pending", date: { lt: addDays(today, -7) } } });
  if (waiting > 0) {
    told.push({ userId: tutorId, kind: "logbook-waiting", params: { count: waiting }, link: "/tutor/logbook", at: hoursAgo(2) });
    told.push({
      userId: tutorId,
      kind: "logbook-waiting",
      params: { count: 3 },
      link: "/tutor/logbook",
      at: hoursAgo(7 * 24 + 2),
      read: true,
    });
  }
  // A session of theirs already given, whose attendance is still to confirm.
  const unconfirmed = await tx.teachingSession.findFirst({
    where: { tutors: { some: { userId: tutorId } }, cancelledAt: null, confirmedAt: null, date: { lt: today } },
    orderBy: { date: "desc" },
    select: { id: true, title: true, date: true },
  });
  if (unconfirmed) {
    told.push({
      userId: tutorId,
      kind: "attendance-to-confirm",
      params: { title: unconfirmed.title, date: toIsoDate(unconfirmed.date) },
      link: `/tutor/teaching/${unconfirmed.id}/attendance`,
      // Twelve hours after the session (they start in the morning).
      at: new Date(unconfirmed.date.getTime() + 20 * 3_600_000),
    });
  }
  // Residents arriving in one of their departments within the next two weeks.
  const arriving = await tx.rotation.findMany({
    where: {
      state: { not: "cancelled" },
      startDate: { gt: today, lte: addDays(today, 14) },
      department: { tutors: { some: { userId: tutorId } } },
    },
    orderBy: { startDate: "asc" },
    select: { startDate: true, departmentId: true, department: { select: { name: true } } },
  });
  const first = arriving[0];
  if (first) {
    const same = arriving.filter((rotation) => rotation.departmentId === first.departmentId);
    told.push({
      userId: tutorId,
      kind: "residents-arriving",
      params: { count: same.length, department: first.department.name, startDate: toIsoDate(first.startDate) },
      link: "/tutor/residents",
      at: hoursAgo(26),
    });
  }

  // The demo resident: the entry their tutor returned today, and their next rotation.
  const returned = await tx.logbookEntry.findFirst({
    where: { residentId, status: "returned" },
    orderBy: { decidedAt: "desc" },
    select: { id: true, date: true, activity: { select: { labelIt: true, labelEn: true } } },
  });
  if (returned) {
    told.push({
      userId: residentUserId,
      kind: "logbook-returned",
      params: { activity: { it: returned.activity.labelIt, en: returned.activity.labelEn }, date: toIsoDate(returned.date) },
      link: `/me/logbook/${returned.id}`,
      at: hoursAgo(1),
    });
  }
  // The rotation starting soonest (or started last), told a week before its first day.
  const starting = await tx.rotation.findFirst({
    where: { residentId, state: { not: "cancelled" }, startDate: { lte: addDays(today, 7) } },
    orderBy: { startDate: "desc" },
    select: { startDate: true, department: { select: { name: true } } },
  });
  if (starting) {
    const at = new Date(addDays(starting.startDate, -7).getTime() + 6 * 3_600_000);
    told.push({
      userId: residentUserId,
      kind: "rotation-starting",
      params: { department: starting.department.name, startDate: toIsoDate(starting.startDate) },
      link: "/me/rotations",
      at: at < now ? at : hoursAgo(5),
      read: starting.startDate <= today,
    });
  }

  // The demo administrator: each agreement's notice on its day (90 and 30 days before its end, and the day it expired).
  const agreement = (id: string) =>
    tx.agreement.findUniqueOrThrow({ where: { id }, select: { id: true, endDate: true, university: { select: { name: true } } } });
  const endingSoon = await agreement(agreements.endingSoon);
  const ending = await agreement(agreements.ending);
  const expired = await agreement(agreements.expired);
  const noticeOn = (endDate: Date, daysBefore: number) => new Date(addDays(endDate, -daysBefore).getTime() + 6 * 3_600_000);
  for (const [record, days, read] of [
    [endingSoon, 30, false],
    [ending, 90, true],
  ] as const) {
    told.push({
      userId: adminId,
      kind: "agreement-ending",
      params: { university: record.university.name, days, endDate: toIsoDate(record.endDate) },
      link: `/admin/agreements/${record.id}`,
      at: noticeOn(record.endDate, days),
      read,
    });
  }
  told.push({
    userId: adminId,
    kind: "agreement-expired",
    params: { university: expired.university.name, endDate: toIsoDate(expired.endDate) },
    link: `/admin/agreements/${expired.id}`,
    at: noticeOn(expired.endDate, -1),
    read: true,
  });
  if (broken > 0) told.push({ userId: adminId, kind: "rotations-broken", params: { count: broken }, link: "/admin", at: hoursAgo(30) });

  await tx.notification.createMany({
    data: told.map(({ userId, kind, params, link, at, read }) => {
      const { category } = KINDS[kind];
      return {
        userId,
        kind,
        category,
        params: JSON.stringify(params),
        link,
        delivery: defaultMode(category),
        mailedAt: at,
        readAt: read ? hoursAgo(1) : null,
        createdAt: at,
      };
    }),
  });
  await tx.outboxMessage.createMany({ data: await deliveries(tx, told, now) });
  return told.length;
}

/**
 * The outbox as the demo's past left it, for the administrators' delivery page: each notice e-mailed at
 * once within the retention accepted by the mail server a minute after it was written, but the demo
 * tutor's attendance reminder, which failed for good after every attempt, with the server's reason.
 */
async function deliveries(tx: Prisma.TransactionClient, told: Told[], now: Date): Promise<Prisma.OutboxMessageCreateManyInput[]> {
  const people = await tx.user.findMany({
    where: { id: { in: [...new Set(told.map(({ userId }) => userId))] } },
    select: { id: true, email: true, language: true },
  });
  const since = now.getTime() - DELIVERY.retentionDays * 24 * 3_600_000;
  return told.flatMap(({ userId, kind, params, link, at }): Prisma.OutboxMessageCreateManyInput[] => {
    const { category } = KINDS[kind];
    const person = people.find(({ id }) => id === userId);
    if (!person || defaultMode(category) !== "immediate" || at.getTime() < since) return [];
    const message = {
      messageId: `${randomUUID()}@residency-portal.invalid`,
      userId,
      to: person.email,
      locale: person.language ?? "it",
      category,
      payload: JSON.stringify({ kind, params, link }),
      createdAt: at,
      nextAttemptAt: at,
    };
    const later = (minutes: number) => new Date(at.getTime() + minutes * 60_000);
    return kind === "attendance-to-confirm"
      ? [
          {
            ...message,
            status: "failed",
            attempts: DELIVERY.maxAttempts,
            failedAt: later(24 * 60),
            lastError: "421 4.4.2 Connection timed out",
          },
        ]
      : [{ ...message, status: "sent", attempts: 1, sentAt: later(1) }];
  });
}
