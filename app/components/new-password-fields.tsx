import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { PASSWORD_MIN_LENGTH } from "~/domain/password-policy";
import { Field } from "./forms";

/** The new password and its confirmation, with the rule spelled out (set-password and profile pages). */
export function NewPasswordFields({
  fields,
  initialFocus,
}: {
  fields: { newPassword: FieldMetadata<string | undefined>; confirmPassword: FieldMetadata<string | undefined> };
  initialFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        meta={fields.newPassword}
        label={t("profile.newPassword")}
        type="password"
        autoComplete="new-password"
        hint={t("profile.passwordHint", { count: PASSWORD_MIN_LENGTH })}
        initialFocus={initialFocus}
      />
      <Field meta={fields.confirmPassword} label={t("profile.confirmPassword")} type="password" autoComplete="new-password" />
    </>
  );
}
