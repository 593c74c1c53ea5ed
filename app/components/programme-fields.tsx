import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { SPECIALTIES } from "~/domain/specialties";
import { useLocale } from "~/i18n/use-locale";
import { Field, SelectField } from "./forms";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fields of any form holding a programme
type AnyField = FieldMetadata<any, any, string[]>;
type Fields = Record<"specialtyCode" | "universityId" | "directorName" | "directorEmail" | "durationYears" | "maxSuspensionDays", AnyField>;

/** The fields of a programme, shared by the create and edit pages. */
export function ProgrammeFields({ fields, universities }: { fields: Fields; universities: Array<{ id: string; name: string }> }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const specialties = SPECIALTIES.map((s) => ({ value: s.code, label: s[locale] })).sort((a, b) => a.label.localeCompare(b.label, locale));
  const as = (meta: AnyField) => meta as FieldMetadata<string | undefined>;
  return (
    <>
      <SelectField
        meta={as(fields.specialtyCode)}
        label={t("programmes.specialty")}
        options={specialties}
        placeholder={t("programmes.chooseSpecialty")}
      />
      <SelectField
        meta={as(fields.universityId)}
        label={t("programmes.university")}
        options={universities.map((u) => ({ value: u.id, label: u.name }))}
        placeholder={t("programmes.chooseUniversity")}
      />
      <Field meta={as(fields.directorName)} label={t("programmes.directorName")} />
      <Field meta={as(fields.directorEmail)} label={t("programmes.directorEmail")} type="email" />
      <Field meta={as(fields.durationYears)} label={t("programmes.durationYears")} type="number" hint={t("programmes.durationHint")} />
      <Field
        meta={as(fields.maxSuspensionDays)}
        label={t("programmes.maxSuspensionDays")}
        type="number"
        hint={t("programmes.maxSuspensionHint")}
      />
    </>
  );
}
