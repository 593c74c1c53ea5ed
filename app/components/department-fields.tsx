import { getCollectionProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, SelectField } from "./forms";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fields of any form holding a department
type AnyField = FieldMetadata<any, any, string[]>;
type Fields = Record<"name" | "headId" | "capacity" | "tutorIds", AnyField>;

/** The fields of a department: name, head, capacity and the tutors on its staff (checkboxes). */
export function DepartmentFields({ fields, people }: { fields: Fields; people: Array<{ id: string; name: string; email: string }> }) {
  const { t } = useTranslation();
  const as = (meta: AnyField) => meta as FieldMetadata<string | undefined>;
  const options = people.map((p) => ({ value: p.id, label: p.name }));
  const labels = new Map(people.map((p) => [p.id, p]));
  return (
    <>
      <Field meta={as(fields.name)} label={t("departments.name")} />
      <SelectField meta={as(fields.headId)} label={t("departments.head")} options={options} placeholder={t("departments.noHead")} />
      <p className="-mt-2 text-sm text-slate-600">{t("departments.headHint")}</p>
      <Field meta={as(fields.capacity)} label={t("departments.capacity")} type="number" hint={t("departments.capacityHint")} />
      <fieldset aria-describedby={`${fields.tutorIds.id}-hint`}>
        <legend className="text-sm font-medium">{t("departments.tutorsLegend")}</legend>
        <p id={`${fields.tutorIds.id}-hint`} className="text-sm text-slate-600">
          {t("departments.tutorsHint")}
        </p>
        <div className="mt-2 max-h-72 overflow-y-auto rounded border border-slate-200 p-2">
          <ul className="grid gap-1 sm:grid-cols-2">
            {getCollectionProps(fields.tutorIds, { type: "checkbox", options: people.map((p) => p.id) }).map((props) => (
              <li key={props.key}>
                <label className="flex items-start gap-2">
                  <input {...props} key={props.key} className="mt-1" />
                  <span>
                    {labels.get(props.value)?.name}
                    <span className="block text-xs text-slate-600 break-all">{labels.get(props.value)?.email}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </div>
        <ErrorList id={fields.tutorIds.errorId} errors={fields.tutorIds.errors} />
      </fieldset>
    </>
  );
}
