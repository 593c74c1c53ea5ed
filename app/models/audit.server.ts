import { diffRecords, type AuditChanges } from "~/domain/audit";
import type { Prisma } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";

export type AuditEntity = "university" | "programme" | "department" | "agreement" | "user" | "rotation" | "resident" | "teaching" | "attendance" | "certificate" | "setting";
type Tx = Prisma.TransactionClient;

/**
 * Records one change to one record, inside the transaction that makes the change, so a change and its
 * audit event are written together or not at all. Nothing is written when nothing changed.
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
  await tx.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      changes: JSON.stringify(changes),
    },
  });
}

export type HistoryEntry = {
  id: number;
  at: Date;
  action: string;
  actor: string | null;
  changes: AuditChanges;
};

/** A record's history, newest first. */
export async function historyOf(entityType: AuditEntity, entityId: string, take = 100): Promise<HistoryEntry[]> {
  const rows = await prisma.auditEvent.findMany({
    where: { entityType, entityId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take,
    select: { id: true, at: true, action: true, changes: true, actor: { select: { name: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    action: row.action,
    actor: row.actor?.name ?? null,
    changes: safeParse(row.changes),
  }));
}

function safeParse(text: string): AuditChanges {
  try {
    return JSON.parse(text) as AuditChanges;
  } catch {
    return {};
  }
}
