import { randomUUID } from "node:crypto";
import { CHOOSABLE, KINDS, isCategory, isMode, modeFor, type Category, type Kind, type Mode, type Params } from "~/domain/notifications";
import { prisma, type Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { insertRecords, type Row } from "./bulk.server";

/**
 * Notifications, written in the caller's transaction so that a rollback sends nothing: one row per
 * reader for the portal (the bell, /notifications), and, for readers who want the category at once, its
 * e-mail in the outbox. Digests are gathered later (the scheduled checks) from the rows still unmailed.
 */

export type NotificationEvent = { kind: Kind; params?: Params; link: string };

/** A Message-ID's right-hand side: the sender's domain (MAIL_FROM, whose default is a name of the portal's own). */
const MESSAGE_ID_DOMAIN = (env.MAIL_FROM.match(/@([^\s>]+)/)?.[1] ?? "residency-portal.invalid").toLowerCase();

export function newMessageId(): string {
  return `${randomUUID()}@${MESSAGE_ID_DOMAIN}`;
}

type Reader = { id: string; email: string; language: string | null; notificationPreferences: { category: string; mode: string }[] };

function chosenModes(preferences: Reader["notificationPreferences"]): Map<Category, Mode> {
  const chosen = new Map<Category, Mode>();
  for (const { category, mode } of preferences) if (isCategory(category) && isMode(mode)) chosen.set(category, mode);
  return chosen;
}

/**
 * Tells each of `userIds` (active people only, each once) about an event. Returns how many notifications
 * were written. Use inside the transaction of the change that causes the event.
 */
export async function notify(
  tx: Prisma.TransactionClient,
  userIds: readonly string[],
  event: NotificationEvent,
  now = new Date(),
): Promise<number> {
  return notifyEach(tx, [{ userIds, event }], now);
}

/**
 * Tells many events at once (the scheduled checks): one read of all their readers and one write to each
 * table, whatever the number of events. Returns how many people were told, once per event.
 */
export async function notifyEach(
  tx: Prisma.TransactionClient,
  items: readonly { userIds: readonly string[]; event: NotificationEvent }[],
  now = new Date(),
): Promise<number> {
  const ids = [...new Set(items.flatMap((item) => item.userIds))];
  if (ids.length === 0) return 0;
  const categories = [...new Set(items.map((item) => KINDS[item.event.kind].category))];
  // Read by id and kept if active: with `active` in the statement, SQLite (no statistics) walks its index
  // over every active person instead of looking the ids up, 8 ms a batch at national size instead of 0.3.
  const readers: (Reader & { active: boolean })[] = await tx.user.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      email: true,
      language: true,
      active: true,
      notificationPreferences: { where: { category: { in: categories } }, select: { category: true, mode: true } },
    },
  });
  const byId = new Map(
    readers.filter((reader) => reader.active).map((reader) => [reader.id, { reader, chosen: chosenModes(reader.notificationPreferences) }]),
  );
  const notifications: Row[] = [];
  const mails: OutboxRow[] = [];
  let told = 0;
  for (const { userIds, event } of items) {
    const { category, portal } = KINDS[event.kind];
    const params = JSON.stringify(event.params ?? {});
    for (const id of new Set(userIds)) {
      const found = byId.get(id);
      if (!found) continue;
      told += 1;
      const delivery = modeFor(category, found.chosen);
      if (portal) {
        notifications.push({
          userId: id,
          kind: event.kind,
          category,
          params,
          link: event.link,
          delivery,
          mailedAt: delivery === "immediate" ? now : null,
          readAt: null,
          createdAt: now,
        });
      }
      if (delivery === "immediate")
        mails.push(outboxRow(found.reader, category, { kind: event.kind, params: event.params ?? {}, link: event.link }, now));
    }
  }
  // Written out rather than through createMany: a daily run writes tens of thousands (insertRecords says why).
  await insertRecords(tx, "Notification", notifications);
  await insertRecords(tx, "OutboxMessage", mails);
  return told;
}

/**
 * A security message (a set-password link): e-mail only, at once, whatever the person chose. Its body is
 * a credential: the outbox erases it once it is sent or has finally failed.
 */
export async function sendSecurityMail(
  tx: Prisma.TransactionClient,
  userId: string,
  event: NotificationEvent & { secret?: boolean },
  now = new Date(),
): Promise<void> {
  const reader = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, language: true } });
  if (!reader) return;
  const row = outboxRow(reader, "security", { kind: event.kind, params: event.params ?? {}, link: event.link }, now);
  await tx.outboxMessage.create({ data: { ...row, secret: event.secret ?? false } });
}

/** An outbox row with every column given: what createMany writes, and what insertRecords writes as Prisma would. */
export type OutboxRow = {
  messageId: string;
  userId: string;
  to: string;
  locale: "it" | "en";
  category: Category;
  payload: string;
  secret: boolean;
  status: "queued";
  attempts: number;
  nextAttemptAt: Date;
  lastError: null;
  refused: boolean;
  sentAt: null;
  failedAt: null;
  createdAt: Date;
};

/** An e-mail for the outbox, to a reader at their address and in their language (Italian unless they chose English). */
export function outboxRow(
  reader: Pick<Reader, "id" | "email" | "language">,
  category: Category,
  payload: { kind: Kind; params: Params; link: string } | { digest: "daily" | "weekly"; notificationIds: string[] },
  now: Date,
): OutboxRow {
  return {
    messageId: newMessageId(),
    userId: reader.id,
    to: reader.email,
    locale: reader.language === "en" ? "en" : "it",
    category,
    payload: JSON.stringify(payload),
    secret: false,
    status: "queued",
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    refused: false,
    sentAt: null,
    failedAt: null,
    createdAt: now,
  };
}

/** The people who hear of what concerns the administration: every active administrator. */
export async function administratorIds(db: Prisma.TransactionClient | typeof prisma = prisma): Promise<string[]> {
  // `active` is read, not asked for: notifyEach says why.
  const rows = await db.userRole.findMany({ where: { role: "admin" }, select: { userId: true, user: { select: { active: true } } } });
  return rows.filter((row) => row.user.active).map((row) => row.userId);
}

// ─── The reader's side ──────────────────────────────────────────────────────────────────────────

/** The bell's count: one indexed query (userId, readAt). */
export async function unreadCount(userId: string): Promise<number> {
  return prisma.notification.count({ where: { userId, readAt: null } });
}

export const NOTIFICATIONS_PER_PAGE = 25;

export type ListedNotification = {
  id: string;
  kind: Kind;
  params: Params;
  link: string;
  createdAt: Date;
  readAt: Date | null;
};

/** A person's notifications, newest first, a page at a time. */
export async function notificationsOf(userId: string, page = 1) {
  const [rows, total, unread] = await Promise.all([
    prisma.notification.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * NOTIFICATIONS_PER_PAGE,
      take: NOTIFICATIONS_PER_PAGE,
      select: { id: true, kind: true, params: true, link: true, createdAt: true, readAt: true },
    }),
    prisma.notification.count({ where: { userId } }),
    unreadCount(userId),
  ]);
  const notifications: ListedNotification[] = rows
    .filter((row) => row.kind in KINDS)
    .map((row) => ({ ...row, kind: row.kind as Kind, params: JSON.parse(row.params) as Params }));
  return { notifications, total, unread, pages: Math.max(1, Math.ceil(total / NOTIFICATIONS_PER_PAGE)) };
}

/** Marks one of the person's notifications read (someone else's is not found: nothing happens); returns its link. */
export async function markRead(userId: string, id: string, now = new Date()): Promise<string | null> {
  const row = await prisma.notification.findFirst({ where: { id, userId }, select: { link: true, readAt: true } });
  if (!row) return null;
  if (!row.readAt) await prisma.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: now } });
  return row.link;
}

export async function markAllRead(userId: string, now = new Date()): Promise<number> {
  const { count } = await prisma.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } });
  return count;
}

// ─── Preferences ────────────────────────────────────────────────────────────────────────────────

/** The mode of every category a person may choose, their choice or the default. */
export async function preferencesOf(userId: string): Promise<Record<(typeof CHOOSABLE)[number], Mode>> {
  const rows = await prisma.notificationPreference.findMany({ where: { userId }, select: { category: true, mode: true } });
  const chosen = chosenModes(rows);
  return Object.fromEntries(CHOOSABLE.map((category) => [category, modeFor(category, chosen)])) as Record<(typeof CHOOSABLE)[number], Mode>;
}

/** Saves a person's choices (security is never stored: it cannot be turned off). */
export async function setPreferences(userId: string, modes: Partial<Record<Category, Mode>>): Promise<void> {
  const entries = Object.entries(modes).filter(([category, mode]) => isCategory(category) && category !== "security" && isMode(mode));
  await prisma.$transaction(async (tx) => {
    for (const [category, mode] of entries) {
      await tx.notificationPreference.upsert({
        where: { userId_category: { userId, category } },
        create: { userId, category, mode: mode as Mode },
        update: { mode: mode as Mode },
      });
    }
  });
}
