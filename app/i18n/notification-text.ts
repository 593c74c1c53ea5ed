import type { TFunction } from "i18next";
import { paramsIn, type Kind, type Params } from "~/domain/notification-kinds";
import type { Locale } from "./locale";

/** A notification's line in the reader's language: the same words in the portal and in the e-mail's subject. */
export function notificationText(t: TFunction, locale: Locale, kind: Kind, params: Params): string {
  return String(t(`notifications.kinds.${kind}` as never, paramsIn(params, locale) as never));
}
