import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { ErrorList, MessageText, SubmitButton } from "~/components/forms";
import { LinkButton } from "~/components/link-button";
import { Card, PageHeader } from "~/components/page-header";
import { hospitalToday } from "~/domain/dates";
import { OUTCOME_COLUMNS, OUTCOME_IMPORT_LIMITS } from "~/domain/progression-import";
import { encodeMessage, Refused } from "~/domain/refusal";
import { specialtyName } from "~/domain/specialties";
import { academicYear, academicYearOf } from "~/domain/teaching";
import type { Outcome } from "~/domain/training-calendar";
import { useLocale } from "~/i18n/use-locale";
import { applyOutcomeImport, checkOutcomeImport, progressionChoices } from "~/models/progression.server";
import { academicYearStart } from "~/models/settings.server";
import { roundQuerySchema } from "~/schemas/progression";
import { decodeCsv } from "~/services/import-upload.server";
import { withToast } from "~/utils/flash.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { readUploadForm } from "~/utils/upload.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "progression.import.title");

/** The round the address names: its programme (the first, as on the round's page, when none) and academic year (this one by default). */
async function roundOf(request: Request) {
  const query = roundQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [choices, yearStart] = await Promise.all([progressionChoices({ programme: query.programme }), academicYearStart()]);
  invariantResponse(choices, "No programme", 404);
  const { programme } = choices;
  const startYear = query.year ?? academicYearOf(hospitalToday(), yearStart).startYear;
  return { programme, startYear, label: academicYear(startYear, yearStart).label };
}

/** Checking a file writes nothing: the page's own data stay as they are. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "check" ? false : defaultShouldRevalidate;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return roundOf(request);
}

type Preview = Awaited<ReturnType<typeof checkOutcomeImport>>["rows"];
/** `errors`: beside the file field, or over the preview (a row that can no longer be recorded). */
type ActionData = { errors?: { file?: string; form?: string }; preview?: Preview; content?: string; ready?: boolean };

/**
 * "check": reads the uploaded file and answers the preview, row by row, writing nothing (400 when a row
 * cannot be recorded); "apply": records every row of the checked file in one transaction, or none.
 */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const { programme, startYear } = await roundOf(request);
  const tooLarge = {
    field: "file",
    key: "progression.import.fileErrors.tooLarge",
    values: { max: OUTCOME_IMPORT_LIMITS.bytes / 1024 / 1024 },
  };
  const reply = (body: ActionData, status: number) => data(body, { status });
  let form: FormData;
  try {
    form = await readUploadForm(request, tooLarge, OUTCOME_IMPORT_LIMITS.bytes);
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return reply({ errors: { file: encodeMessage(tooLarge) } }, 413);
  }
  const file = form.get("file");
  const content =
    form.get("intent") === "apply"
      ? String(form.get("content") ?? "")
      : file instanceof File && file.size > 0
        ? decodeCsv(new Uint8Array(await file.arrayBuffer()))
        : null;
  if (content === null) return reply({ errors: { file: "progression.import.fileErrors.required" } }, 400);
  try {
    if (form.get("intent") === "apply") {
      const count = await applyOutcomeImport(admin.id, programme.id, startYear, content);
      return redirect(`/admin/progression?${new URLSearchParams({ programme: programme.id, year: String(startYear) })}`, {
        headers: await withToast({ kind: "success", message: "progression.import.applied", values: { count } }),
      });
    }
    const checked = await checkOutcomeImport(programme.id, startYear, content);
    return reply({ preview: checked.rows, content, ready: checked.ready }, checked.ready ? 200 : 400);
  } catch (error) {
    if (!(error instanceof Refused) || error.status === 404) throw error;
    const refusal = error.refusals[0]!;
    if (refusal.field === "file") return reply({ errors: { file: encodeMessage(refusal) } }, error.status);
    // Applied after a change that stops a row (an outcome recorded meanwhile): the preview again, with why.
    const checked = await checkOutcomeImport(programme.id, startYear, content).catch(() => null);
    return reply({ errors: { form: encodeMessage(refusal) }, preview: checked?.rows, content, ready: false }, error.status);
  }
}

/** The university's outcomes for a round, as a CSV: checked row by row first, then recorded all together or not at all. */
export default function ImportOutcomes() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { programme, startYear, label } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const round = `${specialtyName(programme.specialtyCode, locale)} · ${programme.university.name}`;
  const back = `/admin/progression?${new URLSearchParams({ programme: programme.id, year: String(startYear) })}`;
  const preview = actionData?.preview;
  const day = (value: unknown) => (value ? format.date(String(value)) : "");
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title={t("progression.import.title")}
        description={t("progression.heading", { programme: round, year: label })}
        actions={<LinkButton to={back}>{t("progression.title")}</LinkButton>}
      />
      <Card id="import-file-title" title={t("progression.import.fileTitle")}>
        <div className="space-y-3">
          <p>{t("progression.import.intro")}</p>
          <p className="text-sm text-slate-700">
            {t("progression.import.columns", {
              required: OUTCOME_COLUMNS.filter((c) => c.required)
                .map((c) => c[locale])
                .join(", "),
              optional: OUTCOME_COLUMNS.filter((c) => !c.required)
                .map((c) => c[locale])
                .join(", "),
            })}
          </p>
          <Form method="post" encType="multipart/form-data" className="space-y-3">
            <input type="hidden" name="intent" value="check" />
            <label htmlFor="outcome-file" className="block text-sm font-medium">
              {t("progression.import.file")}
            </label>
            <input
              id="outcome-file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              required
              aria-describedby={actionData?.errors?.file ? "outcome-file-hint outcome-file-error" : "outcome-file-hint"}
              aria-invalid={actionData?.errors?.file ? true : undefined}
              className="block w-full text-sm file:mr-3 file:min-h-11 file:rounded file:border-0 file:bg-slate-200 file:px-4 file:py-2"
            />
            <p id="outcome-file-hint" className="text-sm text-slate-600">
              {t("progression.import.fileHint", { max: OUTCOME_IMPORT_LIMITS.bytes / 1024 / 1024 })}
            </p>
            <ErrorList id="outcome-file-error" errors={actionData?.errors?.file ? [actionData.errors.file] : undefined} />
            <SubmitButton intent="check" variant="secondary">
              {t("progression.import.check")}
            </SubmitButton>
          </Form>
        </div>
      </Card>
      {preview ? (
        <Card id="import-preview-title" title={t("progression.import.previewTitle", { count: preview.length })}>
          <div className="space-y-4">
            {actionData?.errors?.form ? (
              <p role="alert" className="rounded border-l-4 border-red-700 bg-red-50 p-2 text-red-900">
                <MessageText message={actionData.errors.form} />
              </p>
            ) : null}
            <p className={actionData?.ready ? "font-medium" : "font-medium text-red-800"}>
              {actionData?.ready
                ? t("progression.import.ready", { count: preview.length })
                : t("progression.import.notReady", { count: preview.filter((row) => row.problems.length).length })}
            </p>
            <ul className="divide-y divide-slate-200">
              {preview.map((row) => (
                <li key={row.line} className="space-y-1 py-2">
                  <p className="flex flex-wrap gap-x-2">
                    <span className="text-slate-600">{t("progression.import.line", { line: row.line })}</span>
                    <span className="font-medium break-words">{row.resident?.name ?? row.studentNumber}</span>
                    {row.resident ? <span className="text-slate-700">{row.studentNumber}</span> : null}
                  </p>
                  {row.values ? (
                    <p className="text-sm">
                      {t(`progression.outcomes.${row.values.outcome as Outcome}`)}
                      {row.resident ? ` · ${t("progression.trainingYear", { year: row.resident.year })}` : ""} · {day(row.values.decidedOn)}
                      {row.values.suspendedTo ? ` – ${day(row.values.suspendedTo)}` : ""}
                      {row.values.grade !== undefined
                        ? ` · ${row.values.grade}/50${row.values.honours ? ` ${t("progression.honours")}` : ""}`
                        : ""}
                    </p>
                  ) : null}
                  {row.problems.length ? (
                    <ul className="list-disc pl-5 text-sm text-red-800">
                      {row.problems.map((problem, i) => (
                        <li key={i}>
                          <MessageText message={problem} />
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
            {actionData?.ready ? (
              <Form method="post" encType="multipart/form-data">
                <input type="hidden" name="intent" value="apply" />
                <input type="hidden" name="content" value={actionData.content} />
                <SubmitButton intent="apply">{t("progression.import.apply", { count: preview.length })}</SubmitButton>
              </Form>
            ) : null}
          </div>
        </Card>
      ) : null}
    </div>
  );
}
