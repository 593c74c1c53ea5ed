import { getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { ErrorList } from "./forms";

/** A multi-line text field with its label and errors. */
export function TextAreaField({ meta, label }: { meta: FieldMetadata<string | null | undefined>; label: string }) {
  return (
    <div className="flex flex-col">
      <label htmlFor={meta.id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea {...getTextareaProps(meta)} key={meta.key} rows={4} className="mt-1 rounded border border-slate-400 px-3 py-2" />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}
