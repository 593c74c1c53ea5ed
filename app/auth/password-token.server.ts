import { recordAudit } from "~/models/audit.server";
import { sendSecurityMail } from "~/models/notification.server";
import { prisma } from "~/utils/db.server";
import { hashSecretHex, randomToken } from "./crypto.server";

/** A set-password link is valid for 72 hours and can be used once. */
export const PASSWORD_TOKEN_LIFETIME_MS = 72 * 60 * 60 * 1000;

/**
 * Issues a new one-time link for the user; any older unused link of theirs stops working.
 * Only a hash of the token is stored: the link can be shown once and never again.
 *
 * Whoever holds the link can take over the account, so an administrator's issuing one is in the
 * account's history with the administrator's name (`issuedBy`); a link made by the command line to
 * create the first administrator has no author.
 */
export async function issuePasswordToken(
  userId: string,
  { issuedBy = null, now = new Date(), mail = false }: { issuedBy?: string | null; now?: Date; mail?: boolean } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + PASSWORD_TOKEN_LIFETIME_MS);
  await prisma.$transaction(async (tx) => {
    await tx.passwordToken.deleteMany({ where: { userId, usedAt: null } });
    await tx.passwordToken.create({ data: { userId, tokenHash: hashSecretHex(token), expiresAt, createdAt: now } });
    // With `mail`, the link also goes to the person by e-mail, queued with the token: the outbox erases
    // the message's body once it is sent, so that it does not become a second copy of the credential.
    if (mail) {
      const path = passwordLinkPath(token);
      await sendSecurityMail(tx, userId, { kind: "password-link", params: { path }, link: path, secret: true }, now);
    }
    if (issuedBy) {
      await recordAudit(tx, {
        actorId: issuedBy,
        action: "update",
        entityType: "user",
        entityId: userId,
        before: { passwordLink: null },
        after: { passwordLink: "issued" },
      });
    }
  });
  return { token, expiresAt };
}

export type TokenCheck =
  { ok: true; tokenId: string; user: { id: string; email: string; name: string } } | { ok: false; reason: "invalid" | "expired" | "used" };

export async function checkPasswordToken(token: string, now = new Date()): Promise<TokenCheck> {
  if (!/^[a-z2-7]{20,80}$/.test(token)) return { ok: false, reason: "invalid" };
  const row = await prisma.passwordToken.findUnique({
    where: { tokenHash: hashSecretHex(token) },
    include: { user: { select: { id: true, email: true, name: true, active: true } } },
  });
  if (!row || !row.user.active) return { ok: false, reason: "invalid" };
  if (row.usedAt) return { ok: false, reason: "used" };
  if (row.expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true, tokenId: row.id, user: row.user };
}

export function passwordLinkPath(token: string): string {
  return `/set-password/${token}`;
}
