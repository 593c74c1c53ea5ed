import { getTextareaProps, useField, type FieldMetadata } from "@conform-to/react";
import { ErrorList } from "./forms";

/** A multi-line text field with its label and errors, subscribed to its own field like Field. */
export function TextAreaField({ meta: field, label }: { meta: FieldMetadata<string | null | undefined>; label: string }) {
  // Without its own subscription the first refused submit would show no message under the field.
  const [meta] = useField<string | null | undefined>(field.name, { formId: field.formId });
  return (
    <div className="flex flex-col">
      <label htmlFor={meta.id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        {...getTextareaProps(meta)}
        key={meta.key}
        rows={4}
        className="mt-1 rounded border border-slate-400 px-3 py-2 aria-[invalid=true]:border-red-700"
      />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}
