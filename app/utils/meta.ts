import type { MetaDescriptor } from "@remix-run/node";
import { i18nFor } from "~/i18n/i18n";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/locale";

type Match = { id: string; data: unknown };

/** "<page> · Residency Portal" in the page's language (read from the root loader's data). */
export function pageTitle(matches: Match[], key: string, values: Record<string, string> = {}): MetaDescriptor[] {
  const root = matches.find((match) => match.id === "root")?.data as { locale?: string } | undefined;
  const locale = isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
  const t = i18nFor(locale).getFixedT(locale);
  return [{ title: `${t(key as never, values)} · ${t("common.appName")}` }];
}
