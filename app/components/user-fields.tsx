import { getCollectionProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ROLES, type Role } from "~/domain/roles";
import { LOCALES } from "~/i18n/locale";
import { ErrorList, Field } from "./forms";

type Fields = {
  name: FieldMetadata<string | undefined>;
  email: FieldMetadata<string | undefined>;
  roles: FieldMetadata<Role[] | undefined>;
  language: FieldMetadata<string | undefined>;
};

/** The fields of a person's account, shared by the create and edit pages. */
export function UserFields({ fields, lockedRoles = [] }: { fields: Fields; lockedRoles?: Role[] }) {
  const { t } = useTranslation();
  return (
    <>
      <Field meta={fields.name} label={t("admin.users.name")} autoComplete="off" />
      <Field meta={fields.email} label={t("admin.users.email")} type="email" autoComplete="off" />
      <fieldset aria-describedby={fields.roles.errors ? fields.roles.errorId : undefined}>
        <legend className="text-sm font-medium">{t("admin.users.roles")}</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {getCollectionProps(fields.roles, { type: "checkbox", options: [...ROLES] }).map((props) => (
            <label key={props.key} className="flex items-center gap-2">
              <input {...props} key={props.key} />
              {t(`roles.${props.value as Role}`)}
            </label>
          ))}
        </div>
        {lockedRoles.length ? <p className="mt-1 text-sm text-slate-600">{t("admin.users.ownAdminRole")}</p> : null}
        <ErrorList id={fields.roles.errorId} errors={fields.roles.errors} />
      </fieldset>
      <div className="flex flex-col">
        <label htmlFor={fields.language.id} className="text-sm font-medium">
          {t("admin.users.language")}
        </label>
        <select {...getSelectProps(fields.language)} key={fields.language.key} className="mt-1 rounded border border-slate-400 px-3 py-2">
          <option value="">{t("admin.users.languageBrowser")}</option>
          {LOCALES.map((code) => (
            <option key={code} value={code}>
              {t(`languages.${code}`)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
