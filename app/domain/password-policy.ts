export const PASSWORD_MIN_LENGTH = 12;
/** Argon2 accepts more, but nobody types more, and a huge input only costs CPU. */
export const PASSWORD_MAX_LENGTH = 256;

/**
 * A new password has at least 12 characters besides the spaces around it (a password of spaces, or
 * one long only because of padding, is too short), at most 256, and is not the person's e-mail
 * address. The form's schema is app/schemas/password.ts.
 */
export function passwordLongEnough(password: string): boolean {
  return password.trim().length >= PASSWORD_MIN_LENGTH;
}

export function passwordIsEmail(password: string, email: string): boolean {
  return password.trim().toLowerCase() === email.trim().toLowerCase();
}
