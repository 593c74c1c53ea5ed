import { mayTake } from "~/domain/notifications";
import { prisma } from "~/utils/db.server";

/**
 * Leases: one holder at a time for a piece of background work (the mail sender, the scheduled
 * checks), across the processes of one server and across servers sharing the database. A holder keeps
 * its lease by renewing it before it expires; a holder that dies (a crash, SIGKILL) simply stops
 * renewing, and the lease passes to another once `expiresAt` is behind it.
 *
 * Each call is one transaction, which the adapter begins IMMEDIATE (app/utils/sqlite-adapter.server.ts):
 * the read and the write happen under the write lock, so two processes can never both see a free lease.
 */

/** Takes (or keeps) the lease `name` for `holder` until now + ttlMs; false while another holds it. */
export async function takeLease(name: string, holder: string, ttlMs: number, now = new Date()): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  return prisma.$transaction(async (tx) => {
    const current = await tx.lease.findUnique({ where: { name } });
    if (!mayTake(current, holder, now)) return false;
    await tx.lease.upsert({ where: { name }, create: { name, holder, expiresAt }, update: { holder, expiresAt } });
    return true;
  });
}

/**
 * Extends a lease its holder still has; false when it has passed to another (the holder stalled past
 * its expiry and must stop). A lease that expired and that nobody took is still the holder's.
 */
export async function renewLease(name: string, holder: string, ttlMs: number, now = new Date()): Promise<boolean> {
  const { count } = await prisma.lease.updateMany({ where: { name, holder }, data: { expiresAt: new Date(now.getTime() + ttlMs) } });
  return count === 1;
}

/** Gives the lease up at once (nothing happens when another holds it). */
export async function releaseLease(name: string, holder: string): Promise<void> {
  await prisma.lease.deleteMany({ where: { name, holder } });
}

/** Who holds a lease and until when (null: nobody ever took it, or it was released). */
export async function leaseOf(name: string) {
  return prisma.lease.findUnique({ where: { name } });
}
