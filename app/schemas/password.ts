import { z } from "~/schemas/z";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLongEnough } from "~/domain/password-policy";

/**
 * A new password: at least 12 characters, not only spaces (app/domain/password-policy.ts); that it is
 * not the person's e-mail address is checked where the address is known. Messages are translation keys.
 */
export function newPasswordSchema() {
  return z
    .string({ error: "errors.required" })
    .min(PASSWORD_MIN_LENGTH, { error: "errors.passwordTooShort" })
    .max(PASSWORD_MAX_LENGTH, { error: "errors.passwordTooLong" })
    .refine(passwordLongEnough, { error: "errors.passwordTooShort" });
}
