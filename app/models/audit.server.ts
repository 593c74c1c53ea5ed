import { diffRecords } from "~/domain/audit";
import type { HistoryRecordType } from "~/domain/history";
import {
  afterHead,
  ChainVerifier,
  chainEvents,
  GENESIS_HASH,
  type ChainEvent,
  type ChainHead,
  type ChainProblem,
} from "~/domain/audit-chain";
import type { Prisma } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import { insertRows } from "./bulk.server";

/** The kinds of record the audit trail speaks of (app/domain/history.ts). */
export type AuditEntity = HistoryRecordType;
type Tx = Prisma.TransactionClient;

/**
 * Records one change to one record, inside the transaction that makes the change, so a change and its
 * audit event are written together or not at all, onto the hash chain (appendAuditEvents). Nothing is
 * written when an update changed nothing.
 */
export async function recordAudit(
  tx: Tx,
  event: {
    actorId: string | null;
    action: string;
    entityType: AuditEntity;
    entityId: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  },
): Promise<void> {
  const changes = diffRecords(event.before, event.after);
  if (Object.keys(changes).length === 0 && event.action === "update") return;
  await appendAuditEvents(tx, [
    {
      actorId: event.actorId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      changes: JSON.stringify(changes),
    },
  ]);
}

/** An event to append, its changes already encoded; `at` defaults to now. */
export type AuditAppend = { at?: Date; actorId: string | null; action: string; entityType: AuditEntity; entityId: string; changes: string };

/** The chain cannot be extended: its head is missing while events exist, or it moved under us. */
export class AuditChainError extends Error {}

const HEAD_ID = 1;
const EVENT_COLUMNS = ["id", "at", "actorId", "action", "entityType", "entityId", "changes", "prevHash", "hash"] as const;

/**
 * Appends events to the hash chain inside the caller's transaction (docs/decisions/008): reads the
 * head, numbers and hashes the events in memory, inserts them (one statement per few hundred rows)
 * and moves the head once. The only way app code writes AuditEvent rows; nothing updates or deletes
 * them. Two transactions can never fork the chain: SQLite lets one writer at a time in, the head moves
 * only from the value read, and ids and prevHash are unique.
 */
export async function appendAuditEvents(tx: Tx, events: AuditAppend[]): Promise<void> {
  if (events.length === 0) return;
  const from = await chainEnd(tx);
  const now = new Date();
  const { events: sealed, end } = chainEvents(
    from,
    events.map((e) => ({
      at: e.at ?? now,
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      changes: e.changes,
    })),
  );
  if (sealed.length === 1) await tx.auditEvent.create({ data: sealed[0]! });
  else
    await insertRows(
      tx,
      "AuditEvent",
      [...EVENT_COLUMNS],
      sealed.map((e) => EVENT_COLUMNS.map((column) => e[column])),
    );
  if (from.stored) {
    const moved = await tx.auditHead.updateMany({ where: { id: HEAD_ID, lastId: from.lastId, lastHash: from.lastHash }, data: end });
    if (moved.count !== 1) throw new AuditChainError("The audit head moved while events were being appended.");
  } else {
    await tx.auditHead.create({ data: { id: HEAD_ID, ...end } });
  }
}

/**
 * Where the next event goes: after the head, or at the start of an empty log. The head is read by a
 * write that changes nothing, so this transaction holds SQLite's write lock from here on (another
 * process waits for it instead of reading the same head and failing at its own insert).
 */
async function chainEnd(tx: Tx): Promise<{ lastId: number; lastHash: string; stored: boolean }> {
  const [head] = await tx.$queryRaw<Array<{ lastId: number | bigint; lastHash: string }>>`
    UPDATE "AuditHead" SET "lastId" = "lastId" WHERE "id" = ${HEAD_ID} RETURNING "lastId", "lastHash"`;
  if (head) return { lastId: Number(head.lastId), lastHash: head.lastHash, stored: true };
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } });
  if (last?.hash === null)
    throw new AuditChainError("The audit log holds events written before the hash chain: run `npm run audit:seal` once.");
  if (last) throw new AuditChainError("The audit log has no head although its events are sealed: run `npm run audit:verify`.");
  return { lastId: 0, lastHash: GENESIS_HASH, stored: false };
}

export async function readAuditHead(db: Tx | typeof prisma = prisma): Promise<ChainHead> {
  return db.auditHead.findUnique({ where: { id: HEAD_ID }, select: { lastId: true, lastHash: true } });
}

const chainSelect = {
  id: true,
  at: true,
  actorId: true,
  action: true,
  entityType: true,
  entityId: true,
  changes: true,
  prevHash: true,
  hash: true,
} as const;

export type AuditVerification =
  { ok: true; count: number; lastHash: string } | { ok: false; count: number; problem: ChainProblem; event: ChainEvent | null };

/**
 * Walks the whole chain in id order, `batch` events at a time (constant memory), and returns the
 * first problem with the event it names (null when that event is gone). Events appended while it
 * walks are followed: the head is read again at the end, and only events the head does not know of
 * count as inserted.
 */
export async function verifyAuditLog(options: { batch?: number; db?: typeof prisma } = {}): Promise<AuditVerification> {
  const db = options.db ?? prisma;
  const batch = options.batch ?? 1000;
  const verifier = new ChainVerifier();
  const fail = async (problem: ChainProblem): Promise<AuditVerification> => ({
    ok: false,
    count: verifier.count,
    problem,
    event: await db.auditEvent.findUnique({ where: { id: problem.eventId }, select: chainSelect }),
  });
  let head = await readAuditHead(db);
  let cursor = 0;
  for (;;) {
    for (;;) {
      const rows = await db.auditEvent.findMany({
        where: { id: head ? { gt: cursor, lte: head.lastId } : { gt: cursor } },
        orderBy: { id: "asc" },
        take: batch,
        select: chainSelect,
      });
      for (const row of rows) {
        const problem = verifier.push(row);
        if (problem) return fail(problem);
        cursor = row.id;
      }
      if (rows.length < batch) break;
    }
    if (!head) {
      // The first event of an empty log may have been written while we read: walk on with its head.
      head = await readAuditHead(db);
      if (head) continue;
    }
    const problem = verifier.end(head);
    if (problem) return fail(problem);
    if (!head) return { ok: true, count: verifier.count, lastHash: verifier.last?.hash ?? GENESIS_HASH };
    const beyond = await db.auditEvent.findFirst({ where: { id: { gt: head.lastId } }, orderBy: { id: "asc" }, select: { id: true } });
    if (!beyond) return { ok: true, count: verifier.count, lastHash: head.lastHash };
    const later = await readAuditHead(db);
    if (later && later.lastId >= beyond.id) {
      head = later;
      continue;
    }
    return fail(afterHead(beyond.id, head));
  }
}
