import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { ErrorList, MessageText, SubmitButton } from "~/components/forms";
import { LinkButton } from "~/components/link-button";
import { ScrollRegion } from "~/components/list";
import { Card, PageHeader } from "~/components/page-header";
import { hospitalToday, toIsoDate } from "~/domain/dates";
import { DEGREES, WHOLE_PROGRAMME, type CatalogueActivity, type Minimum } from "~/domain/logbook";
import { CATALOGUE_FILE_LIMITS, diffCatalogue, nextVersionStart, type CatalogueDiff } from "~/domain/logbook-catalogue";
import { encodeMessage, Refused } from "~/domain/refusal";
import { specialtyName } from "~/domain/specialties";
import { localeOf } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import {
  activitiesInForce,
  catalogueOf,
  catalogueProgramme,
  copyCatalogue,
  importCatalogue,
  programmesWithCatalogue,
  readCatalogueFile,
} from "~/models/logbook-catalogue.server";
import { academicYearStart } from "~/models/settings.server";
import { catalogueSchema } from "~/schemas/logbook-catalogue";
import { decodeCsv } from "~/services/import-upload.server";
import { withToast } from "~/utils/flash.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";
import { readUploadForm } from "~/utils/upload.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction<typeof loader> = ({ matches, data: loaded }) =>
  pageTitle(matches, "logbookCatalogue.title", { name: loaded?.name ?? "" });

async function programmeOr404(request: Request, programmeId: string | undefined) {
  const admin = await requireRole(request, "admin");
  const programme = await catalogueProgramme(programmeId ?? "");
  invariantResponse(programme, "Programme not found", 404);
  return { admin, programme };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { admin, programme } = await programmeOr404(request, params.programmeId);
  const asked = Number(new URL(request.url).searchParams.get("version"));
  const [catalogue, others, yearStart] = await Promise.all([
    catalogueOf(programme.id, Number.isInteger(asked) && asked > 0 ? asked : undefined),
    programmesWithCatalogue(programme.id),
    academicYearStart(),
  ]);
  const locale = localeOf(request, admin);
  const latest = catalogue.versions[0] ?? null;
  return {
    programme: { id: programme.id, durationYears: programme.durationYears },
    name: `${specialtyName(programme.specialtyCode, locale)} · ${programme.university.name}`,
    ...catalogue,
    nextVersion: (latest?.version ?? 0) + 1,
    validFrom: toIsoDate(nextVersionStart(hospitalToday(), yearStart, latest?.validFrom ?? null)),
    others: others.map((p) => ({ id: p.id, name: `${specialtyName(p.specialtyCode, locale)} · ${p.university.name}` })),
  };
}

type LineError = { line: number; message: string };
type Preview = { fileName: string; csv: string; count: number; errors: LineError[]; diff: CatalogueDiff | null; hadVersion: boolean };

/** What the preview shows of a file: the activities read, every line's problems, and the diff against the version in force. */
async function previewOf(programmeId: string, fileName: string, csv: string): Promise<Preview> {
  const parsed = readCatalogueFile(csv);
  const errors = parsed.errors.map((e) => ({ line: e.line, message: encodeMessage(e) }));
  const inForce = errors.length ? null : await activitiesInForce(programmeId);
  const diff = errors.length ? null : diffCatalogue(inForce, parsed.activities);
  return {
    fileName: fileName.slice(0, 200),
    csv: errors.length ? "" : csv,
    count: parsed.activities.length,
    errors,
    diff,
    hadVersion: Boolean(inForce),
  };
}

type Reply = { intent: string; preview: Preview | null; fileError: string | null };

/**
 * Three writes: `preview` reads an uploaded file and shows it (nothing is saved), `apply` reads the
 * previewed text again and saves it as a new version, `copy` copies another programme's catalogue.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { admin, programme } = await programmeOr404(request, params.programmeId);
  const tooLarge = { field: "file", key: "logbookCatalogue.errors.tooLarge", values: { max: CATALOGUE_FILE_LIMITS.bytes / 1024 } };
  // A preview's problems (the file's, or its lines') are also the reply's `problems`, as every refused reply carries them.
  const reply = (fields: Partial<Reply>, status = 400) => {
    const problems = fields.fileError ? [fields.fileError] : (fields.preview?.errors.map((e) => e.message) ?? []);
    return data({ intent: "preview", preview: null, fileError: null, result: null, ...fields, problems }, { status });
  };
  let form: FormData;
  try {
    form = await readUploadForm(request, tooLarge, CATALOGUE_FILE_LIMITS.bytes * 3);
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return reply({ fileError: encodeMessage(tooLarge) }, 413);
  }
  const intent = String(form.get("intent") ?? "");
  if (intent === "preview") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return reply({ fileError: "logbookCatalogue.import.fileRequired" });
    if (file.size > CATALOGUE_FILE_LIMITS.bytes) return reply({ fileError: encodeMessage(tooLarge) }, 413);
    try {
      const preview = await previewOf(programme.id, file.name || "catalogue.csv", decodeCsv(new Uint8Array(await file.arrayBuffer())));
      return reply({ preview }, preview.errors.length ? 400 : 200);
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      return reply({ fileError: encodeMessage(error.refusals[0]!) }, error.status === 413 ? 413 : 400);
    }
  }
  const submission = parseWithZod(form, { schema: catalogueSchema });
  const csv = String(form.get("csv") ?? "").slice(0, CATALOGUE_FILE_LIMITS.bytes);
  const previewAgain = async () =>
    intent === "apply" && csv ? await previewOf(programme.id, String(form.get("fileName") ?? ""), csv) : null;
  if (submission.status !== "success") {
    return data(
      { intent, preview: await previewAgain(), fileError: null, result: submission.reply(), problems: [] as string[] },
      { status: 400 },
    );
  }
  const input = submission.value;
  try {
    const saved =
      input.intent === "apply"
        ? await importCatalogue(admin.id, programme.id, input.csv, input.validFrom)
        : await copyCatalogue(admin.id, programme.id, input.fromProgrammeId, input.validFrom);
    return redirect(`/admin/programmes/${programme.id}/logbook?version=${saved.version}`, {
      headers: await withToast({ kind: "success", message: "logbookCatalogue.imported", values: { version: saved.version } }),
    });
  } catch (error) {
    return refusalReply(error, submission, { intent, preview: await previewAgain(), fileError: null });
  }
}

const input = "mt-1 w-full rounded border border-slate-400 px-3 py-2";

export default function ProgrammeLogbookCatalogue() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { programme, name, versions, inForce, chosen, nextVersion, validFrom, others } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const preview = actionData?.preview ?? null;
  const errorsOf = (intent: string, field: string) => (actionData?.intent === intent ? actionData.result?.error?.[field] : null);
  const formErrorsOf = (intent: string) => (actionData?.intent === intent ? actionData.result?.error?.[""] : null);
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("logbookCatalogue.title", { name })}
        description={t("logbookCatalogue.intro")}
        actions={<LinkButton to={`/admin/programmes/${programme.id}`}>{t("logbookCatalogue.back")}</LinkButton>}
      />
      <Card id="versions-title" title={t("logbookCatalogue.versions")}>
        {versions.length === 0 ? (
          <p className="text-slate-700">{t("logbookCatalogue.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {versions.map((v) => (
              <li key={v.version} className="py-2">
                <Link
                  to={`?version=${v.version}`}
                  aria-current={chosen?.version === v.version ? "page" : undefined}
                  className="text-blue-800 underline aria-[current=page]:font-semibold"
                >
                  {t("logbookCatalogue.versionLink", { version: v.version, date: format.date(v.validFrom) })}
                </Link>
                {v.version === inForce ? (
                  <span className="ml-2 rounded bg-green-100 px-2 py-0.5 text-sm text-green-900">{t("logbookCatalogue.inForce")}</span>
                ) : null}
                <p className="text-sm text-slate-700">
                  {t("logbookCatalogue.versionDetail", { count: v.activities, date: format.date(v.createdAt) })}
                  {v.createdBy ? ` ${t("logbookCatalogue.by", { name: v.createdBy })}` : ""}
                </p>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-3">
          <a href={`/admin/programmes/${programme.id}/logbook.csv`} className="text-blue-800 underline">
            {t("logbookCatalogue.template")}
          </a>
        </p>
      </Card>
      {chosen ? (
        <Card id="activities-title" title={t("logbookCatalogue.activitiesTitle", { version: chosen.version })}>
          <p className="mb-3">
            <a href={`/admin/programmes/${programme.id}/logbook.csv?version=${chosen.version}`} className="text-blue-800 underline">
              {t("logbookCatalogue.download", { version: chosen.version })}
            </a>
          </p>
          <CatalogueActivities activities={chosen.activities} years={programme.durationYears} />
        </Card>
      ) : null}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card id="import-title" title={t("logbookCatalogue.import.title")}>
          <p className="mb-3 text-sm text-slate-700">{t("logbookCatalogue.import.help")}</p>
          <Form method="post" encType="multipart/form-data" className="space-y-3" aria-labelledby="import-title">
            <input type="hidden" name="intent" value="preview" />
            <div>
              <label htmlFor="catalogue-file" className="text-sm font-medium">
                {t("logbookCatalogue.import.fileLabel")}
              </label>
              <input
                id="catalogue-file"
                name="file"
                type="file"
                accept=".csv,text/csv"
                required
                aria-invalid={actionData?.fileError ? true : undefined}
                aria-describedby={actionData?.fileError ? "catalogue-file-error" : undefined}
                className="mt-1 block w-full text-sm"
              />
              <ErrorList id="catalogue-file-error" errors={actionData?.fileError ? [actionData.fileError] : null} />
            </div>
            <SubmitButton intent="preview">{t("logbookCatalogue.import.preview")}</SubmitButton>
          </Form>
          {preview ? (
            <CataloguePreview
              preview={preview}
              nextVersion={nextVersion}
              validFrom={validFrom}
              errors={{ validFrom: errorsOf("apply", "validFrom"), file: errorsOf("apply", "file"), form: formErrorsOf("apply") }}
            />
          ) : null}
        </Card>
        <Card id="copy-title" title={t("logbookCatalogue.copy.title")}>
          {others.length === 0 ? (
            <p className="text-slate-700">{t("logbookCatalogue.copy.none")}</p>
          ) : (
            <Form method="post" className="space-y-3" aria-labelledby="copy-title">
              <input type="hidden" name="intent" value="copy" />
              <p className="text-sm text-slate-700">{t("logbookCatalogue.copy.help")}</p>
              <ErrorList errors={formErrorsOf("copy")} />
              <div>
                <label htmlFor="copy-from" className="text-sm font-medium">
                  {t("logbookCatalogue.copy.from")}
                </label>
                <select
                  id="copy-from"
                  name="fromProgrammeId"
                  className={input}
                  aria-invalid={errorsOf("copy", "fromProgrammeId") ? true : undefined}
                  aria-describedby={errorsOf("copy", "fromProgrammeId") ? "copy-from-error" : undefined}
                >
                  {others.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
                <ErrorList id="copy-from-error" errors={errorsOf("copy", "fromProgrammeId")} />
              </div>
              <ValidFromField id="copy-valid-from" defaultValue={validFrom} errors={errorsOf("copy", "validFrom")} />
              <SubmitButton intent="copy">{t("logbookCatalogue.copy.submit")}</SubmitButton>
            </Form>
          )}
        </Card>
      </div>
    </div>
  );
}

function ValidFromField({ id, defaultValue, errors }: { id: string; defaultValue: string; errors?: string[] | null }) {
  const { t } = useTranslation();
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">
        {t("logbookCatalogue.preview.validFrom")}
      </label>
      <input
        id={id}
        name="validFrom"
        type="date"
        required
        defaultValue={defaultValue}
        className={input}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={`${id}-help${errors?.length ? ` ${id}-error` : ""}`}
      />
      <p id={`${id}-help`} className="mt-1 text-sm text-slate-700">
        {t("logbookCatalogue.preview.validFromHelp")}
      </p>
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  );
}

function useLabel() {
  const { locale } = useLocale();
  return (a: Pick<CatalogueActivity, "labelIt" | "labelEn">) => (locale === "it" ? a.labelIt : a.labelEn);
}

/** The activities of a version, by category, each with its minimum counts by period and degree. */
function CatalogueActivities({ activities, years }: { activities: CatalogueActivity[]; years: number }) {
  const { t } = useTranslation();
  const label = useLabel();
  const categories = new Map<string, CatalogueActivity[]>();
  for (const a of activities) categories.set(a.category, [...(categories.get(a.category) ?? []), a]);
  return (
    <div className="space-y-6">
      {[...categories].map(([category, list]) => (
        <section key={category} aria-label={category || t("logbookCatalogue.noCategory")}>
          <h3 className="text-lg font-semibold">{category || t("logbookCatalogue.noCategory")}</h3>
          <ul className="mt-2 space-y-4">
            {list.map((a) => (
              <li key={a.code}>
                <p className="font-medium">{label(a)}</p>
                <p className="text-sm text-slate-700">{t("logbookCatalogue.code", { code: a.code })}</p>
                <MinimumsTable activity={a} years={years} caption={t("logbookCatalogue.minimumsCaption", { activity: label(a) })} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function MinimumsTable({ activity, years, caption }: { activity: CatalogueActivity; years: number; caption: string }) {
  const { t } = useTranslation();
  const last = Math.max(years, ...activity.minimums.map((m) => m.year));
  const periods = [...Array.from({ length: last }, (_, i) => i + 1), WHOLE_PROGRAMME].filter((year) =>
    activity.minimums.some((m) => m.year === year),
  );
  if (periods.length === 0) return <p className="text-sm text-slate-700">{t("logbookCatalogue.noMinimum")}</p>;
  const periodName = (year: number) =>
    year === WHOLE_PROGRAMME ? t("logbookCatalogue.wholeProgramme") : t("logbookCatalogue.year", { year });
  return (
    <ScrollRegion label={caption} className="mt-2">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th scope="col" className="py-1 pr-3">
              {t("logbookCatalogue.period")}
            </th>
            {DEGREES.map((degree) => (
              <th key={degree} scope="col" className="py-1 pr-3">
                {t(`logbook.degreesShort.${degree}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {periods.map((year) => (
            <tr key={year} className="border-b border-slate-200">
              <th scope="row" className="py-1 pr-3 text-left font-normal">
                {periodName(year)}
              </th>
              {DEGREES.map((degree) => (
                <td key={degree} className="py-1 pr-3 tabular-nums">
                  {activity.minimums.find((m) => m.year === year && m.degree === degree)?.count ?? "–"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** The preview of an uploaded file: its problems by line, or what it changes and the form that applies it. */
function CataloguePreview({
  preview,
  nextVersion,
  validFrom,
  errors,
}: {
  preview: Preview;
  nextVersion: number;
  validFrom: string;
  errors: { validFrom?: string[] | null; file?: string[] | null; form?: string[] | null };
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const minimumsText = (minimums: Minimum[]) =>
    minimums.length
      ? minimums
          .map(
            (m) =>
              `${m.year === WHOLE_PROGRAMME ? t("logbookCatalogue.wholeProgramme") : t("logbookCatalogue.year", { year: m.year })} ${t(`logbook.degreesShort.${m.degree}`)} ${m.count}`,
          )
          .join(", ")
      : t("logbookCatalogue.preview.noMinimums");
  const diff = preview.diff;
  const same = diff && !diff.added.length && !diff.removed.length && !diff.changed.length && !diff.relabelled.length;
  return (
    <section aria-labelledby="preview-title" className="mt-6 border-t border-slate-200 pt-4">
      <h3 id="preview-title" className="text-lg font-semibold">
        {t("logbookCatalogue.preview.title", { file: preview.fileName })}
      </h3>
      {preview.errors.length ? (
        <div role="alert" className="mt-2">
          <p className="font-medium text-red-800">{t("logbookCatalogue.preview.errorsTitle")}</p>
          <ul className="mt-2 space-y-1 text-sm text-red-800">
            {preview.errors.map((e, i) => (
              <li key={i}>
                {t("logbookCatalogue.preview.line", { line: e.line })} <MessageText message={e.message} />
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          <p className="mt-2">{t("logbookCatalogue.preview.count", { count: preview.count })}</p>
          <h4 className="mt-3 font-medium">{t("logbookCatalogue.preview.diffTitle")}</h4>
          {!preview.hadVersion ? <p className="text-sm text-slate-700">{t("logbookCatalogue.preview.noVersion")}</p> : null}
          {same ? <p className="text-sm text-slate-700">{t("logbookCatalogue.preview.same")}</p> : null}
          {diff ? (
            <dl className="mt-2 space-y-2 text-sm">
              {(
                [
                  ["added", diff.added.map((a) => label(a))],
                  ["removed", diff.removed.map((a) => label(a))],
                  [
                    "changed",
                    diff.changed.map(
                      (c) =>
                        `${label(c.activity)}: ${t("logbookCatalogue.preview.minimumsChange", { before: minimumsText(c.before), after: minimumsText(c.after) })}`,
                    ),
                  ],
                  ["relabelled", diff.relabelled.map((a) => label(a))],
                ] as const
              )
                .filter(([, items]) => items.length > 0)
                .map(([kind, items]) => (
                  <div key={kind}>
                    <dt className="font-medium">
                      {t(`logbookCatalogue.preview.${kind}`)} ({items.length})
                    </dt>
                    <dd>
                      <ul className="list-disc pl-5">
                        {items.map((item, i) => (
                          <li key={i}>{item}</li>
                        ))}
                      </ul>
                    </dd>
                  </div>
                ))}
            </dl>
          ) : null}
          <Form method="post" encType="multipart/form-data" className="mt-4 space-y-3" aria-labelledby="preview-title">
            <input type="hidden" name="intent" value="apply" />
            <input type="hidden" name="csv" value={preview.csv} />
            <input type="hidden" name="fileName" value={preview.fileName} />
            <ErrorList errors={[...(errors.form ?? []), ...(errors.file ?? [])]} />
            <ValidFromField id="apply-valid-from" defaultValue={validFrom} errors={errors.validFrom} />
            <SubmitButton intent="apply">{t("logbookCatalogue.preview.apply", { version: nextVersion })}</SubmitButton>
          </Form>
        </>
      )}
    </section>
  );
}
