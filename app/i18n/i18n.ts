import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./catalog/en";
import { it } from "./catalog/it";
import { DEFAULT_LOCALE, type Locale } from "./locale";

export const resources = { it: { translation: it }, en: { translation: en } } as const;

const instances = new Map<Locale, I18n>();

/**
 * One ready i18next instance per language, shared by the server and the browser. Both catalogues are
 * small and bundled, so initialisation is synchronous and nothing is fetched.
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
    instances.set(locale, instance);
  }
  return instance;
}

/** A translate function for server code (e-mails, CSV headers, API messages). */
export function translator(locale: Locale) {
  return i18nFor(locale).getFixedT(locale);
}
