// Seals, once, the audit events written before the hash chain existed: `npm run audit:seal`.
// Hashes them in id order onto the end of the chain (or from the start, on a log that has no chain
// yet) and sets the head. Refuses when sealed events already follow them, or when the head does not
// stand at the last sealed event: the chain is never rewritten, only extended. Idempotent: with
// nothing to seal it says so and changes nothing. `npm run demo` and `npm run db:migrate` run it
// after migrating. docs/decisions/008-tamper-evident-audit.md.
import { pathToFileURL } from "node:url";
import { GENESIS_HASH, linkEvents } from "~/domain/audit-chain";
import { updateRows } from "~/models/bulk.server";
import { prisma } from "~/utils/db.server";

export class SealRefusedError extends Error {}

export type SealResult = { sealed: number; lastId: number; lastHash: string };

const BATCH = 1000;

export async function sealAuditLog(db: typeof prisma = prisma, batch = BATCH): Promise<SealResult> {
  return db.$transaction(
    async (tx) => {
      const head = await tx.auditHead.findUnique({ where: { id: 1 } });
      const first = await tx.auditEvent.findFirst({ where: { hash: null }, orderBy: { id: "asc" }, select: { id: true } });
      if (!first) return { sealed: 0, lastId: head?.lastId ?? 0, lastHash: head?.lastHash ?? GENESIS_HASH };
      const later = await tx.auditEvent.findFirst({
        where: { id: { gt: first.id }, hash: { not: null } },
        orderBy: { id: "asc" },
        select: { id: true },
      });
      if (later)
        throw new SealRefusedError(
          `Event ${later.id} is sealed but follows unsealed event ${first.id}: sealing now would rewrite the chain. Run npm run audit:verify.`,
        );

      // Every event before the first unsealed one is sealed: the chain must end at the last of them.
      const before = await tx.auditEvent.findFirst({
        where: { id: { lt: first.id } },
        orderBy: { id: "desc" },
        select: { id: true, hash: true },
      });
      if (before && (!head || head.lastId !== before.id || head.lastHash !== before.hash)) {
        throw new SealRefusedError(`The head does not stand at event ${before.id}, the last sealed one. Run npm run audit:verify.`);
      }
      if (!before && head)
        throw new SealRefusedError(`The log has a head (event ${head.lastId}) but no sealed event. Run npm run audit:verify.`);

      let end = before ? { lastId: before.id, lastHash: before.hash! } : { lastId: 0, lastHash: GENESIS_HASH };
      let sealed = 0;
      for (;;) {
        const rows = await tx.auditEvent.findMany({
          where: { id: { gt: end.lastId } },
          orderBy: { id: "asc" },
          take: batch,
          select: { id: true, at: true, actorId: true, action: true, entityType: true, entityId: true, changes: true },
        });
        if (rows.length === 0) break;
        const linked = linkEvents(end, rows);
        await updateRows(
          tx,
          "AuditEvent",
          "id",
          ["prevHash", "hash"],
          linked.events.map((e) => [e.id, e.prevHash, e.hash]),
        );
        end = linked.end;
        sealed += rows.length;
      }
      if (head) await tx.auditHead.update({ where: { id: 1 }, data: end });
      else await tx.auditHead.create({ data: { id: 1, ...end } });
      return { sealed, ...end };
    },
    { timeout: 600_000 },
  );
}

async function main() {
  try {
    const result = await sealAuditLog();
    if (result.sealed === 0) console.log("Audit log: nothing to seal.");
    else console.log(`Audit log sealed: ${result.sealed} events written before the chain, last ${result.lastHash.slice(0, 16)}`);
  } catch (error) {
    if (!(error instanceof SealRefusedError)) throw error;
    console.error(`Audit log not sealed: ${error.message}`);
    process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
