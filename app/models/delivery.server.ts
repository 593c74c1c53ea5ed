import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { PAGE_SIZE } from "~/domain/list-query";
import { deliveryState, emlName, readPayload, type Category, type DeliveryState, type Kind, type Params } from "~/domain/notifications";
import { prisma, type Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";

/**
 * What the administrators see of the e-mails (/admin/notifications): each outbox message with where it
 * stands and why, filtered by state, category and person; and the e-mails in the mail folder (the
 * demo's file delivery writes them there), to read as their recipients do.
 */

export type DeliveryQuery = { state: DeliveryState | ""; category: Category | ""; q: string; user: string; page: number };

/** What a message was about, without what it must not show: a credential's link, or a payload erased once sent. */
export type DeliverySubject =
  | { type: "notification"; kind: Kind; params: Params }
  | { type: "digest"; digest: "daily" | "weekly"; count: number }
  | { type: "credential" }
  | { type: "erased" };

function subjectOf(message: { payload: string; secret: boolean }): DeliverySubject {
  if (message.secret) return { type: "credential" };
  const payload = readPayload(message.payload);
  if (!payload) return { type: "erased" };
  if ("digest" in payload) return { type: "digest", digest: payload.digest, count: payload.notificationIds.length };
  return { type: "notification", kind: payload.kind, params: payload.params };
}

function stateWhere(state: DeliveryState): Prisma.OutboxMessageWhereInput {
  if (state === "queued") return { status: "queued", attempts: 0 };
  if (state === "retrying") return { status: "queued", attempts: { gt: 0 } };
  return { status: state };
}

export async function listDeliveries(query: DeliveryQuery) {
  const q = query.q.trim();
  const others: Prisma.OutboxMessageWhereInput = {
    ...(query.category ? { category: query.category } : {}),
    ...(query.user ? { userId: query.user } : {}),
    ...(q ? { OR: [{ to: { contains: q } }, { user: { name: { contains: q } } }] } : {}),
  };
  const where: Prisma.OutboxMessageWhereInput = { ...others, ...(query.state ? stateWhere(query.state) : {}) };
  const [total, rows, byStatus, retrying, person] = await Promise.all([
    prisma.outboxMessage.count({ where }),
    prisma.outboxMessage.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        messageId: true,
        to: true,
        category: true,
        payload: true,
        secret: true,
        status: true,
        attempts: true,
        nextAttemptAt: true,
        lastError: true,
        refused: true,
        sentAt: true,
        failedAt: true,
        createdAt: true,
        user: { select: { id: true, name: true } },
      },
    }),
    prisma.outboxMessage.groupBy({ by: ["status"], where: others, _count: { _all: true } }),
    prisma.outboxMessage.count({ where: { ...others, ...stateWhere("retrying") } }),
    query.user ? prisma.user.findUnique({ where: { id: query.user }, select: { id: true, name: true } }) : null,
  ]);
  const counted = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  const counts: Record<DeliveryState, number> = {
    queued: counted("queued") - retrying,
    retrying,
    sent: counted("sent"),
    failed: counted("failed"),
  };
  const files = await existingFiles(rows.map((row) => row.messageId));
  return {
    total,
    counts,
    person,
    messages: rows.map(({ payload, secret, messageId, ...row }) => ({
      ...row,
      state: deliveryState(row),
      subject: subjectOf({ payload, secret }),
      file: files.has(emlName(messageId)) ? emlName(messageId) : null,
    })),
  };
}

/** The names of the .eml files, among those of these Message-IDs (a page of them), that are in the mail folder. */
async function existingFiles(messageIds: readonly string[]): Promise<Set<string>> {
  const names = await Promise.all(
    messageIds.map(emlName).map((name) =>
      stat(path.join(env.MAIL_DIR, `${name}.eml`)).then(
        () => name,
        () => null,
      ),
    ),
  );
  return new Set(names.filter((name) => name !== null));
}

/** A file name the demo's mail folder may hold: what emlName makes, nothing that leaves the folder. */
const EML_NAME = /^[A-Za-z0-9._@-]{1,200}$/;

/**
 * A raw e-mail in the mail folder (MAIL_DIR), or null when there is none by that name. File delivery
 * writes there; with SMTP delivery the folder is empty, but for the demo's files of an earlier run (and
 * the end-to-end suite's mail server, which writes what it receives there).
 */
export async function readMailFile(name: string): Promise<{ raw: Buffer; writtenAt: Date } | null> {
  if (!EML_NAME.test(name) || name.startsWith(".")) return null;
  const file = path.join(env.MAIL_DIR, `${name}.eml`);
  try {
    const [raw, info] = await Promise.all([readFile(file), stat(file)]);
    return { raw, writtenAt: info.mtime };
  } catch {
    return null;
  }
}
