import type { ChoosableCategory } from "~/domain/notification-choices";
import { isMode, modeFor, type Mode } from "~/domain/notifications";
import { prisma } from "~/utils/db.server";

/**
 * The one-click unsubscribe of an e-mail (/unsubscribe/<token>): the signed token names a person and a
 * category (app/domain/notifications.ts reads it); these read and change that one choice. A person who
 * no longer exists or was deactivated is treated as unknown: nothing is read or changed for them.
 */

/** How an active person receives a category's e-mails now; null when no active person has this id. */
export async function mailChoiceOf(userId: string, category: ChoosableCategory): Promise<Mode | null> {
  const user = await prisma.user.findFirst({
    where: { id: userId, active: true },
    select: { notificationPreferences: { where: { category }, select: { mode: true } } },
  });
  if (!user) return null;
  const chosen = user.notificationPreferences[0]?.mode;
  return modeFor(category, isMode(chosen) ? new Map([[category, chosen]]) : undefined);
}

/** Stops a category's e-mails for an active person: the portal only. False, and nothing changed, when no active person has this id. */
export async function stopMail(userId: string, category: ChoosableCategory): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: userId, active: true }, select: { id: true } });
    if (!user) return false;
    await tx.notificationPreference.upsert({
      where: { userId_category: { userId, category } },
      create: { userId, category, mode: "portal" },
      update: { mode: "portal" },
    });
    return true;
  });
}
