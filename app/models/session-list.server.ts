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

/** Ends one of a person's own sessions; another person's session id matches nothing. Whether one ended. */
export async function endOwnSession(userId: string, sessionId: string): Promise<boolean> {
  const { count } = await prisma.session.deleteMany({ where: { id: sessionId, userId } });
  return count > 0;
}
