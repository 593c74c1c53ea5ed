import type { ChoosableCategory } from "~/domain/notification-choices";
import { CATEGORIES, DELIVERY_STATES, MODES } from "~/domain/notification-kinds";
import { pageNumber } from "./list-query";
import { z } from "./z";

/** /notifications takes a page number and nothing else: no id can be put in its URL. */
export const notificationsQuerySchema = z.object({ page: pageNumber });

const id = z.string().trim().min(1).max(64);

/**
 * What /notifications is asked to do: open one (mark it read and follow its link), mark one read and
 * stay, or mark them all read. The page number brings the reader back to the page they were on.
 */
export const notificationActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), id }),
  z.object({ intent: z.literal("read"), id, page: pageNumber }),
  z.object({ intent: z.literal("read-all") }),
]);

/**
 * The preferences form: one radio group per category the person may choose for, each one of the four
 * modes. A category the page did not offer (security, another role's, a made-up one) is a tampered form,
 * refused as a whole; a category left out keeps its mode.
 */
export function preferencesSchema(categories: readonly ChoosableCategory[]) {
  const mode = z.enum(MODES, { error: "notifications.preferences.modeInvalid" }).optional();
  return z.strictObject(Object.fromEntries(categories.map((category) => [category, mode])) as Record<ChoosableCategory, typeof mode>, {
    error: (issue) => (issue.code === "unrecognized_keys" ? "notifications.preferences.categoryInvalid" : undefined),
  });
}

/**
 * /admin/notifications: the delivery list's filters, in its URL. Anything unknown falls back to "all"
 * rather than failing; `user` narrows to one person (the link from their page).
 */
export const deliveryQuerySchema = z.object({
  state: z.enum(DELIVERY_STATES).or(z.literal("")).catch(""),
  category: z.enum(CATEGORIES).or(z.literal("")).catch(""),
  q: z.string().trim().max(100).catch(""),
  user: z.string().trim().max(64).catch(""),
  page: pageNumber,
});
