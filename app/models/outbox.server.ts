import { DELIVERY, isAddressRefused, KINDS, nextAttempt, type DeliveryLimits, type Kind, type Params } from "~/domain/notifications";
import { prisma } from "~/utils/db.server";
import { administratorIds, notify } from "./notification.server";

/**
 * The outbox's life after a message is queued (app/models/notification.server.ts queues them): the one
 * sender that holds the "mail-sender" lease reads the messages that are due, sends each, and marks it
 * sent, or failed for this attempt (tried again later with backoff), or failed for good (every attempt
 * used, or the mail server refused the address). A message that carries a credential (a set-password
 * link) has its payload erased as soon as it is sent or has finally failed.
 */

export type OutboxMessageRow = {
  id: string;
  messageId: string;
  userId: string | null;
  to: string;
  locale: string;
  category: string;
  payload: string;
  secret: boolean;
  attempts: number;
};

const ERASED = "{}";

/** Whether any message is due: the idle sender's one read per tick (no write, no lease). */
export async function hasDueMessages(now = new Date()): Promise<boolean> {
  const row = await prisma.outboxMessage.findFirst({ where: { status: "queued", nextAttemptAt: { lte: now } }, select: { id: true } });
  return row !== null;
}

/** The messages due now, the longest waiting first. */
export async function dueMessages(now = new Date(), limit = 20): Promise<OutboxMessageRow[]> {
  return prisma.outboxMessage.findMany({
    where: { status: "queued", nextAttemptAt: { lte: now } },
    orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: {
      id: true,
      messageId: true,
      userId: true,
      to: true,
      locale: true,
      category: true,
      payload: true,
      secret: true,
      attempts: true,
    },
  });
}

/** The mail server accepted the message: it is sent (and a credential it carried is erased). */
export async function markSent(id: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const message = await tx.outboxMessage.findUnique({ where: { id }, select: { status: true, secret: true } });
    if (message?.status !== "queued") return;
    await tx.outboxMessage.update({
      where: { id },
      data: { status: "sent", sentAt: now, attempts: { increment: 1 }, ...(message.secret ? { payload: ERASED } : {}) },
    });
  });
}

export type SendFailure = { message?: string; responseCode?: number; command?: string; code?: string };

export type AttemptOutcome = "retry" | "failed" | "refused";

/**
 * An attempt failed. The message is tried again after the backoff, unless it has used every attempt or
 * the server refused the address (no retry cures that): then it is failed for good, a credential it
 * carried is erased, and the administrators are told in the same transaction ("mail-refused", which also
 * flags the person, or "mail-failed"). A message about delivery problems that itself fails tells nobody,
 * or a refused administrator's address would make notices about notices without end.
 */
export async function markAttemptFailed(
  id: string,
  failure: SendFailure,
  now = new Date(),
  limits: DeliveryLimits = DELIVERY,
): Promise<AttemptOutcome | null> {
  return prisma.$transaction(async (tx) => {
    const message = await tx.outboxMessage.findUnique({
      where: { id },
      select: { status: true, attempts: true, secret: true, userId: true, to: true, category: true },
    });
    if (!message || message.status !== "queued") return null;
    const attempts = message.attempts + 1;
    const lastError = describe(failure);
    const refused = isAddressRefused(failure);
    const retryAt = refused ? null : nextAttempt(attempts, now, limits);
    if (retryAt) {
      await tx.outboxMessage.update({ where: { id }, data: { attempts, nextAttemptAt: retryAt, lastError } });
      return "retry";
    }
    await tx.outboxMessage.update({
      where: { id },
      data: { status: "failed", failedAt: now, attempts, lastError, refused, ...(message.secret ? { payload: ERASED } : {}) },
    });
    const person = message.userId
      ? await tx.user.findUnique({ where: { id: message.userId }, select: { id: true, name: true, email: true } })
      : null;
    // The flag is the address's: when it changed since the message was queued, the new one is not to blame.
    if (refused && person && person.email === message.to) {
      await tx.user.update({ where: { id: person.id }, data: { mailRefusedAt: now } });
    }
    if (message.category !== "delivery") {
      const kind: Kind = refused ? "mail-refused" : "mail-failed";
      const params: Params = { name: person?.name ?? message.to, email: message.to };
      const link = refused && person ? `/admin/users/${person.id}` : "/admin/notifications";
      await notify(tx, await administratorIds(tx), { kind, params, link }, now);
    }
    return refused ? "refused" : "failed";
  });
}

/** What the administrators' page shows as the reason: the server's reply, kept short. */
function describe(failure: SendFailure): string {
  const text = [failure.responseCode, failure.message ?? failure.code ?? "error"].filter(Boolean).join(" ");
  return text.replace(/\s+/g, " ").slice(0, 500);
}

/** Deletes sent messages older than `olderThan` (the retention: DELIVERY.retentionDays); failed ones stay visible. */
export async function pruneSent(olderThan: Date): Promise<number> {
  const { count } = await prisma.outboxMessage.deleteMany({ where: { status: "sent", sentAt: { lt: olderThan } } });
  return count;
}

/** The retention's cut-off: sent messages older than this are pruned. */
export function retentionCutoff(now = new Date(), days = DELIVERY.retentionDays): Date {
  return new Date(now.getTime() - days * 24 * 60 * 60_000);
}

export type DigestItem = { kind: Kind; params: Params; link: string; createdAt: Date };

/** A digest's notifications, read when it is sent, oldest first (those deleted since are left out). */
export async function digestItems(notificationIds: readonly string[]): Promise<DigestItem[]> {
  if (notificationIds.length === 0) return [];
  const rows = await prisma.notification.findMany({
    where: { id: { in: [...notificationIds] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { kind: true, params: true, link: true, createdAt: true },
  });
  return rows
    .filter((row) => row.kind in KINDS)
    .map((row) => ({ kind: row.kind as Kind, params: JSON.parse(row.params) as Params, link: row.link, createdAt: row.createdAt }));
}
