import { prisma, type Prisma } from "~/utils/db.server";

/**
 * One write, one transaction: the record, its audit event and whatever rows the write adds of its own
 * (the notifications' outbox) commit together, and a refusal (app/domain/refusal.ts) thrown anywhere in
 * `work` or `also` rolls every one of them back.
 */
export async function inTransaction<T>(
  work: (tx: Prisma.TransactionClient) => Promise<T>,
  also?: (tx: Prisma.TransactionClient, result: T) => Promise<void>,
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    const result = await work(tx);
    if (also) await also(tx, result);
    return result;
  });
}
