import { z } from "~/schemas/z";
import { PASSWORD_MAX_LENGTH } from "~/domain/password-policy";
import { newPasswordSchema } from "./password";

/** Form schemas shared by the browser (instant feedback) and the server (the truth). Messages are translation keys. */
export const emailSchema = z
  .string({ error: "errors.required" })
  .trim()
  .toLowerCase()
  .max(254, { error: "errors.emailInvalid" })
  .pipe(z.email({ error: "errors.emailInvalid" }));

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "errors.required" }).max(PASSWORD_MAX_LENGTH, { error: "errors.passwordTooLong" }),
  redirectTo: z.string().max(2048).optional(),
});

const newPasswordFields = {
  newPassword: newPasswordSchema(),
  confirmPassword: z.string({ error: "errors.required" }),
};

const passwordsMatch: [(value: { newPassword: string; confirmPassword: string }) => boolean, { path: string[]; error: string }] = [
  (value) => value.newPassword === value.confirmPassword,
  { path: ["confirmPassword"], error: "errors.passwordMismatch" },
];

export const setPasswordSchema = z.object(newPasswordFields).refine(...passwordsMatch);

export const changePasswordSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: z.string({ error: "errors.required" }).max(PASSWORD_MAX_LENGTH),
    ...newPasswordFields,
  })
  .refine(...passwordsMatch);
