import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** Error messages are translation keys produced by the zod schemas; this shows them translated. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-1 text-sm text-red-800">
      {errors.map((error) => (
        <li key={error}>{t(error as never)}</li>
      ))}
    </ul>
  );
}

export function Field({
  meta,
  label,
  type = "text",
  autoComplete,
  hint,
  initialFocus,
}: {
  meta: FieldMetadata<string | undefined>;
  label: ReactNode;
  type?: "text" | "email" | "password" | "date" | "number" | "search";
  autoComplete?: string;
  hint?: ReactNode;
  /** Focus this field when the page opens (only on single-purpose pages such as sign-in). */
  initialFocus?: boolean;
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getInputProps(meta, { type, ariaDescribedBy: hintId });
  return (
    <div className="flex flex-col">
      <label htmlFor={meta.id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        {...props}
        key={props.key}
        autoComplete={autoComplete}
        // eslint-disable-next-line jsx-a11y/no-autofocus -- the first field of a single-purpose page
        autoFocus={initialFocus}
        className="mt-1 rounded border border-slate-400 px-3 py-2 text-base aria-[invalid=true]:border-red-700"
      />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A submit button that says it is working while its form is being sent. */
export function SubmitButton({
  children,
  pendingLabel,
  name,
  value,
  variant = "primary",
}: {
  children: ReactNode;
  pendingLabel?: ReactNode;
  name?: string;
  value?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const navigation = useNavigation();
  const { t } = useTranslation();
  const pending = navigation.state === "submitting" && (!name || navigation.formData?.get(name) === value);
  const styles = {
    primary: "bg-blue-800 text-white hover:bg-blue-900",
    secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-100",
    danger: "bg-red-800 text-white hover:bg-red-900",
  }[variant];
  return (
    <button
      type="submit"
      name={name}
      value={value}
      aria-disabled={pending || undefined}
      className={`rounded px-4 py-2 font-medium disabled:opacity-60 ${styles}`}
    >
      {pending ? (pendingLabel ?? t("common.working")) : children}
    </button>
  );
}

export function FormErrors({ id, errors }: { id: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <div role="alert" className="rounded border-l-4 border-red-700 bg-red-50 p-3">
      <ErrorList id={id} errors={errors} />
    </div>
  );
}
