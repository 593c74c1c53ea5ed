import { prisma } from "~/utils/db.server";

/** A person's active sessions, newest use first, without anything secret. */
export function listActiveSessions(userId: string, now = new Date()) {
  return prisma.session.findMany({
    where: { userId, expiresAt: { gt: now } },
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true, ipAddress: true },
    orderBy: { lastSeenAt: "desc" },
    take: 50,
  });
}
