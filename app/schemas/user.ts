import { z } from "~/schemas/z";
import { ROLES } from "~/domain/roles";
import { LOCALES } from "~/i18n/locale";
import { emailSchema } from "./auth";
import { listQuerySchema } from "./list-query";

/** The account form administrators fill in. Messages are translation keys. */
export const userFields = {
  name: z.string({ error: "errors.required" }).trim().min(2, { error: "errors.nameTooShort" }).max(120, { error: "errors.nameTooLong" }),
  email: emailSchema,
  roles: z.array(z.enum(ROLES), { error: "errors.roleRequired" }).min(1, { error: "errors.roleRequired" }),
  language: z.enum(LOCALES).optional(),
};

export const createUserSchema = z.object(userFields);

export const updateUserSchema = z.object({
  ...userFields,
  intent: z.literal("update"),
  /** The version the editor started from, to refuse a save over someone else's change. */
  version: z.string({ error: "errors.required" }).max(40),
});

export const USER_SORTS = ["name", "email", "createdAt"] as const;

/** The people list's URL parameters; anything malformed falls back to the default. */
export const userQuerySchema = listQuerySchema(USER_SORTS).extend({
  role: z.enum(ROLES).or(z.literal("")).catch(""),
  status: z.enum(["active", "inactive", "all"]).catch("active"),
});
