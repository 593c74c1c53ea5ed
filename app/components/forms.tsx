import {
  getInputProps,
  getSelectProps,
  useField,
  useForm,
  type DefaultValue,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { messageText } from "~/i18n/message";
import type { z, ZodType } from "~/schemas/z";

/** One message (a zod error's key, a refused write's key and values) in words, linked to the record it names. */
export function MessageText({ message, linkLabel }: { message: string; linkLabel?: string }) {
  const { t } = useTranslation();
  const { text, link } = messageText(t, message);
  if (!link) return <>{text}</>;
  if (linkLabel) {
    return (
      <>
        {text}{" "}
        <Link to={link} className="underline">
          {linkLabel}
        </Link>
      </>
    );
  }
  return (
    <Link to={link} className="underline">
      {text}
    </Link>
  );
}

/** Error messages are translation keys produced by the zod schemas or a refused write; this shows them in words. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-1 text-sm text-red-800">
      {[...new Set(errors)].map((error) => (
        <li key={error}>
          <MessageText message={error} />
        </li>
      ))}
    </ul>
  );
}

/**
 * Why a record cannot be saved, as a titled list: the broken rules of a rotation, an agreement or an
 * attendance sheet, each naming the day or record at fault (linked, with `linkLabel` as the link's words
 * when the message itself should stay plain text).
 */
export function ProblemList({
  id,
  problems,
  title,
  help,
  linkLabel,
}: {
  id?: string;
  problems: string[];
  title?: string;
  help?: string;
  linkLabel?: string;
}) {
  return (
    <div role="alert" id={id} className="rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
      {title ? <p className="font-semibold">{title}</p> : null}
      <ul className={title ? "mt-1 list-disc space-y-1 pl-5" : "list-disc space-y-1 pl-5"}>
        {[...new Set(problems)].map((message) => (
          <li key={message}>
            <MessageText message={message} linkLabel={linkLabel} />
          </li>
        ))}
      </ul>
      {help ? <p className="mt-2">{help}</p> : null}
    </div>
  );
}

export function Field({
  meta: field,
  label,
  type = "text",
  autoComplete,
  hint,
  initialFocus,
}: {
  meta: FieldMetadata<string | undefined>;
  label: ReactNode;
  type?: "text" | "email" | "password" | "date" | "number" | "search" | "time" | "url";
  autoComplete?: string;
  hint?: ReactNode;
  /** Focus this field when the page opens (only on single-purpose pages such as sign-in). */
  initialFocus?: boolean;
}) {
  // Subscribes this component to its own field, so its errors show as soon as the form reports them.
  const [meta] = useField<string | undefined>(field.name, { formId: field.formId });
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
  intent,
  variant = "primary",
}: {
  children: ReactNode;
  pendingLabel?: ReactNode;
  /** The button's own name and value, submitted with the form when it is clicked. */
  name?: string;
  value?: string;
  /** For a form that carries its intent in a hidden field: show pending only for that intent. */
  intent?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const navigation = useNavigation();
  const { t } = useTranslation();
  const submitted = navigation.formData;
  const pending =
    navigation.state === "submitting" && (intent ? submitted?.get("intent") === intent : !name || submitted?.get(name) === value);
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

/**
 * A Conform form validated by a zod schema in the browser (on leaving a field, then on every
 * keystroke once a field has shown an error, so a fixed error disappears before the next click and
 * the layout never jumps under the pointer) and again on the server.
 */
export function useSchemaForm<Schema extends ZodType<Record<string, unknown>, Record<string, unknown>>>(
  schema: Schema,
  options: {
    id: string;
    lastResult?: SubmissionResult<string[]> | null;
    defaultValue?: DefaultValue<z.input<Schema>>;
  },
) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    id: options.id,
    lastResult: options.lastResult ?? undefined,
    defaultValue: options.defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

/** A drop-down with its label and errors, subscribed to its own field like Field. */
export function SelectField({
  meta: field,
  label,
  options,
  placeholder,
}: {
  meta: FieldMetadata<string | undefined>;
  label: ReactNode;
  options: Array<{ value: string; label: string }>;
  placeholder?: string;
}) {
  const [meta] = useField<string | undefined>(field.name, { formId: field.formId });
  return (
    <div className="flex flex-col">
      <label htmlFor={meta.id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        {...getSelectProps(meta)}
        key={meta.key}
        className="mt-1 w-full min-w-0 rounded border border-slate-400 px-3 py-2 aria-[invalid=true]:border-red-700"
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/**
 * The hidden fields and form-level errors of an edit form that is refused when someone else saved
 * first: the intent, the version the editor started from, and a link to reload the latest version.
 */
export function EditFormHead({ version, errorId, errors }: { version: string; errorId: string; errors?: string[] | null }) {
  const { t } = useTranslation();
  return (
    <>
      <input type="hidden" name="intent" value="update" />
      <input type="hidden" name="version" value={version} />
      <FormErrors id={errorId} errors={errors} />
      {errors?.includes("errors.staleVersion") ? (
        <p>
          <Link to="." reloadDocument className="text-blue-800 underline">
            {t("errors.reloadLatest")}
          </Link>
        </p>
      ) : null}
    </>
  );
}
