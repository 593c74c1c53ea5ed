import "i18next";
import type { en } from "./catalog/en";

// Makes every t("key") call type-checked against the English catalogue.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
    returnNull: false;
  }
}
