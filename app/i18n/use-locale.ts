import { useTranslation } from "react-i18next";
import { formatters } from "./format";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locale";

/** The page's language and its date and number formats. */
export function useLocale(): { locale: Locale; format: ReturnType<typeof formatters> } {
  const { i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  return { locale, format: formatters(locale) };
}
