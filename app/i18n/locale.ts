/** The two languages of the portal. Italian is the default: the hospital and its universities are Italian. */
export const LOCALES = ["it", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "it";
export const LANGUAGE_COOKIE = "portal_lang";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * Picks the best supported language from an Accept-Language header ("en-GB,en;q=0.9,it;q=0.8"),
 * honouring q-values; null when none is supported.
 */
export function fromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .slice(0, 30)
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { base: tag.trim().toLowerCase().split("-")[0], quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((entry) => entry.base).find(isLocale) ?? null;
}

/**
 * The language of a response: the signed-in person's choice, else the choice remembered in a cookie,
 * else the browser's preference, else Italian.
 */
export function resolveLocale(input: {
  userLanguage?: string | null;
  cookieLanguage?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  if (isLocale(input.userLanguage)) return input.userLanguage;
  if (isLocale(input.cookieLanguage)) return input.cookieLanguage;
  return fromAcceptLanguage(input.acceptLanguage) ?? DEFAULT_LOCALE;
}
