import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { specialtyName } from "~/domain/specialties";
import { useLocale } from "~/i18n/use-locale";
import { Field, SelectField } from "./forms";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fields of any form holding a resident record
type AnyField = FieldMetadata<any, any, string[]>;
type Fields = Record<
  | "programmeId"
  | "yearOfTraining"
  | "studentNumber"
  | "contractStart"
  | "stayStart"
  | "stayEnd"
  | "tutorId"
  | "insurancePolicy"
  | "insuranceExpiry",
  AnyField
>;

/** The training record of a resident: programme, year, student number, contract start, stay, tutor and insurance. */
export function ResidentRecordFields({
  fields,
  programmes,
  tutors,
}: {
  fields: Fields;
  programmes: Array<{ id: string; specialtyCode: string; university: { name: string } }>;
  tutors: Array<{ id: string; name: string }>;
}) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const as = (meta: AnyField) => meta as FieldMetadata<string | undefined>;
  const programmeOptions = programmes
    .map((p) => ({ value: p.id, label: `${specialtyName(p.specialtyCode, locale)} · ${p.university.name}` }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  return (
    <>
      <SelectField
        meta={as(fields.programmeId)}
        label={t("residents.programme")}
        placeholder={t("residents.chooseProgramme")}
        options={programmeOptions}
      />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field meta={as(fields.yearOfTraining)} label={t("residents.year")} type="number" />
        <Field meta={as(fields.studentNumber)} label={t("residents.studentNumber")} />
        <Field meta={as(fields.contractStart)} label={t("residents.contractStart")} type="date" hint={t("residents.contractStartHint")} />
        <Field meta={as(fields.stayStart)} label={t("residents.stayStart")} type="date" />
        <Field meta={as(fields.stayEnd)} label={t("residents.stayEnd")} type="date" />
      </div>
      <SelectField
        meta={as(fields.tutorId)}
        label={t("residents.tutor")}
        placeholder={t("residents.noTutor")}
        options={tutors.map((u) => ({ value: u.id, label: u.name }))}
      />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field meta={as(fields.insurancePolicy)} label={t("residents.insurancePolicy")} />
        <Field meta={as(fields.insuranceExpiry)} label={t("residents.insuranceExpiry")} type="date" />
      </div>
    </>
  );
}
