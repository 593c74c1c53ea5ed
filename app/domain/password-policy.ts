import { z } from "~/schemas/z";

export const PASSWORD_MIN_LENGTH = 12;
/** Argon2 accepts more, but nobody types more, and a huge input only costs CPU. */
export const PASSWORD_MAX_LENGTH = 256;

/**
 * A new password: at least 12 characters, not only spaces, and not the person's e-mail address.
 * Messages are translation keys (see app/i18n).
 */
export function newPasswordSchema() {
  return z
    .string({ error: "errors.required" })
    .min(PASSWORD_MIN_LENGTH, { error: "errors.passwordTooShort" })
    .max(PASSWORD_MAX_LENGTH, { error: "errors.passwordTooLong" })
    .refine((value) => value.trim().length >= PASSWORD_MIN_LENGTH, { error: "errors.passwordTooShort" });
}

export function passwordIsEmail(password: string, email: string): boolean {
  return password.trim().toLowerCase() === email.trim().toLowerCase();
}
