import { readCookie } from "~/utils/cookies";
import { env } from "~/utils/env.server";
import { LANGUAGE_COOKIE, resolveLocale, type Locale } from "./locale";

export function localeOf(request: Request, user: { language: string | null } | null): Locale {
  return resolveLocale({
    userLanguage: user?.language,
    cookieLanguage: readCookie(request.headers.get("Cookie"), LANGUAGE_COOKIE),
    acceptLanguage: request.headers.get("Accept-Language"),
  });
}

/** Remembers a signed-out visitor's choice of language for a year. */
export function languageCookie(locale: Locale): string {
  const parts = [`${LANGUAGE_COOKIE}=${locale}`, "Path=/", "SameSite=Lax", `Max-Age=${365 * 24 * 3600}`];
  if (env.isProduction) parts.push("Secure");
  return parts.join("; ");
}
