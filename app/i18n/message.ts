import type { TFunction } from "i18next";
import { decodeMessage } from "~/domain/refusal";

/**
 * The one place where a message (a zod error, a refusal of a write: app/domain/refusal.ts) becomes words:
 * its key looked up in the reader's catalogue with the values it carries; days carried as YYYY-MM-DD are
 * written by the catalogue's `{{day, day}}` format.
 */
export function messageText(t: TFunction, message: string): { text: string; link?: string } {
  const { key, values, link } = decodeMessage(message);
  return { text: String(t(key as never, values as never)), ...(link ? { link } : {}) };
}
