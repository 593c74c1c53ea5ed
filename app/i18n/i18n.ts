import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { specialtyName } from "~/domain/specialties";
import { en } from "./catalog/en";
import { formatters } from "./format";
import { it } from "./catalog/it";
import { DEFAULT_LOCALE, type Locale } from "./locale";

export const resources = { it: { translation: it }, en: { translation: en } } as const;

const instances = new Map<Locale, I18n>();

/**
 * One ready i18next instance per language, shared by the server and the browser. Both catalogues are
 * small and bundled, so initialisation is synchronous and nothing is fetched. Every format of
 * app/i18n/format.ts is a format of the catalogue too, so a message carrying a day as YYYY-MM-DD
 * (a refusal: app/domain/refusal.ts) writes it as the reader's language does.
 */
export function i18nFor(locale: Locale): I18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.use(initReactI18next).init({
      resources,
      lng: locale,
      fallbackLng: DEFAULT_LOCALE,
      initImmediate: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    // The catalogue writes values through the portal's own formats: "{{day, date}}", "{{startsAt, time}}";
    // a programme is named by its specialty code, "{{specialty, specialty}}".
    const formatter = instance.services.formatter;
    for (const [name, format] of Object.entries(formatters(locale))) formatter?.add(name, (value) => format(value as never));
    formatter?.add("specialty", (code: string) => specialtyName(code, locale));
    instances.set(locale, instance);
  }
  return instance;
}

/** A translate function for server code (e-mails, CSV headers, API messages). */
export function translator(locale: Locale) {
  return i18nFor(locale).getFixedT(locale);
}
