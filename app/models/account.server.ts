import { hashPassword } from "~/auth/password.server";
import { refuse } from "~/domain/refusal";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { notify } from "./notification.server";

/**
 * Sets a person's password and ends every session they had, in one transaction, so a password
 * change locks out whoever knew the old one. With `tokenId`, also spends that one-time link.
 */
export async function replacePassword(userId: string, password: string, tokenId?: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    if (tokenId) {
      // Single use even under a race: only one request can flip usedAt from null.
      const { count } = await tx.passwordToken.updateMany({
        where: { id: tokenId, usedAt: null },
        data: { usedAt: new Date() },
      });
      if (count !== 1) refuse(null, "setPassword.linkUsed", { status: 410 });
    }
    const { passwordHash: previous } = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId } });
    // A security message the person cannot turn off: if it was not them, they learn it at once.
    if (previous) await notify(tx, [userId], { kind: "password-changed", link: "/profile" });
    // The trail says that the password was set and how (a one-time link or the profile), never what it is.
    await recordAudit(tx, {
      actorId: userId,
      action: "update",
      entityType: "user",
      entityId: userId,
      before: { passwordSetVia: null },
      after: { passwordSetVia: tokenId ? "link" : "profile" },
    });
  });
}
