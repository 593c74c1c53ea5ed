import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { Field } from "./forms";

type Fields = Record<"name" | "shortName" | "city" | "contactOffice" | "contactEmail", FieldMetadata<string | null | undefined>>;

export function UniversityFields({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  return (
    <>
      <Field meta={fields.name as FieldMetadata<string | undefined>} label={t("universities.name")} />
      <Field meta={fields.shortName as FieldMetadata<string | undefined>} label={t("universities.shortName")} />
      <Field meta={fields.city as FieldMetadata<string | undefined>} label={t("universities.city")} />
      <Field meta={fields.contactOffice as FieldMetadata<string | undefined>} label={t("universities.contactOffice")} />
      <Field meta={fields.contactEmail as FieldMetadata<string | undefined>} label={t("universities.contactEmail")} type="email" />
    </>
  );
}
