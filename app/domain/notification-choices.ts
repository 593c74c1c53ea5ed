import { CHOOSABLE, KINDS, type Category } from "./notification-kinds";
import { safeRedirect } from "./redirect";
import type { Role } from "./roles";

/**
 * What a person may choose about their notifications, and where opening one may lead. The kinds, their
 * categories and audiences are app/domain/notifications.ts.
 */

export type ChoosableCategory = Exclude<Category, "security">;

/**
 * The categories a person with these roles chooses for, in the order of CHOOSABLE: those with a kind
 * that reaches one of their roles. Administrators choose for every category (they may hold the other
 * roles' duties too, and the delivery problems are theirs alone). Security is never among them: it
 * cannot be turned off.
 */
export function categoriesFor(roles: readonly Role[]): ChoosableCategory[] {
  const choosable = CHOOSABLE as ChoosableCategory[];
  if (roles.includes("admin")) return [...choosable];
  const reached = new Set<Category>();
  for (const { category, audience } of Object.values(KINDS)) {
    if (audience !== "anyone" && roles.includes(audience)) reached.add(category);
  }
  return choosable.filter((category) => reached.has(category));
}

/** Where opening a notification leads: its link when that is a path of this site, else the list itself. */
export function notificationTarget(link: string): string {
  return safeRedirect(link, "/notifications");
}
