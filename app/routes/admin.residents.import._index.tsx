import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { MessageText } from "~/components/forms";
import { LinkButton, linkButtonLook } from "~/components/link-button";
import { ScrollRegion } from "~/components/list";
import { PageHeader } from "~/components/page-header";
import { ProgressReport, useProgressSubmit } from "~/components/resident-import";
import { IMPORT_COLUMNS } from "~/domain/resident-import";
import { messageText } from "~/i18n/message";
import { useLocale } from "~/i18n/use-locale";
import { createImport, recentImports } from "~/models/resident-import.server";
import { universityChoices } from "~/models/university.server";
import { readImportUpload, type UploadErrors } from "~/services/import-upload.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "residentImport.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const [universities, recent] = await Promise.all([universityChoices(), recentImports()]);
  return { universities, recent, selected: new URL(request.url).searchParams.get("university") ?? "" };
}

/** Without JavaScript: the form posts here, and the preview follows. (With it, the upload route streams progress.) */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const upload = await readImportUpload(request);
  if (!upload.ok) return data({ errors: upload.errors, universityId: upload.universityId }, { status: upload.status });
  const { id } = await createImport(upload, admin.id);
  throw redirect(`/admin/residents/import/${id}`);
}

export default function ImportResidents() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { universities, recent, selected } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const [streamed, setStreamed] = useState<UploadErrors | null>(null);
  const [local, setLocal] = useState<UploadErrors | null>(null);
  const errors = local ?? streamed ?? actionData?.errors ?? {};
  const { state, submit, busy } = useProgressSubmit((event) => {
    if (typeof event.location === "string") navigate(event.location);
    else if (event.errors) setStreamed(event.errors as UploadErrors);
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    const missing: UploadErrors = {};
    if (!form.get("universityId")) missing.universityId = "residentImport.universityRequired";
    if (!(file instanceof File) || file.size === 0) missing.file = "residentImport.fileErrors.required";
    setStreamed(null);
    if (missing.universityId || missing.file) {
      setLocal(missing);
      event.currentTarget.querySelector<HTMLElement>(missing.universityId ? "#import-university" : "#import-file")?.focus();
      return;
    }
    setLocal(null);
    submit("/admin/residents/import/upload", form);
  };
  const fileError = errors.file ? messageText(t, errors.file).text : null;

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("residentImport.title")}
        description={t("residentImport.intro")}
        actions={
          <>
            <a href="/admin/residents/import-template.csv" download className={linkButtonLook({ white: true })}>
              {t("residentImport.template")}
            </a>
            <LinkButton to="/admin/residents" white>
              {t("residentImport.backToResidents")}
            </LinkButton>
          </>
        }
      />
      <form
        method="post"
        encType="multipart/form-data"
        noValidate
        onSubmit={onSubmit}
        className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
      >
        <div className="flex flex-col">
          <label htmlFor="import-university" className="text-sm font-medium text-slate-800">
            {t("residentImport.university")}
          </label>
          <select
            id="import-university"
            name="universityId"
            defaultValue={actionData?.universityId ?? selected}
            aria-invalid={errors.universityId ? true : undefined}
            aria-describedby={errors.universityId ? "import-university-error" : undefined}
            className="mt-1 w-full min-w-0 rounded border border-slate-400 px-3 py-2 aria-[invalid=true]:border-red-700"
          >
            <option value="">{t("residentImport.chooseUniversity")}</option>
            {universities.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          {errors.universityId ? (
            <p id="import-university-error" className="mt-1 text-sm text-red-800">
              <MessageText message={errors.universityId} />
            </p>
          ) : null}
        </div>
        <div className="flex flex-col">
          <label htmlFor="import-file" className="text-sm font-medium text-slate-800">
            {t("residentImport.file")}
          </label>
          <p id="import-file-hint" className="text-sm text-slate-700">
            {t("residentImport.fileHint")}
          </p>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,.txt,text/csv"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? "import-file-hint import-file-error" : "import-file-hint"}
            className="mt-1 rounded border border-slate-400 px-3 py-2 aria-[invalid=true]:border-red-700"
          />
          {fileError ? (
            <p id="import-file-error" className="mt-1 text-sm text-red-800">
              {fileError}
            </p>
          ) : null}
        </div>
        <ProgressReport state={state} />
        <button
          type="submit"
          aria-disabled={busy || undefined}
          className="rounded bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900"
        >
          {busy || navigation.state === "submitting" ? t("common.working") : t("residentImport.check")}
        </button>
      </form>

      <section aria-labelledby="import-columns" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="import-columns" className="text-lg font-semibold">
          {t("residentImport.columnsTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("residentImport.columnsIntro")}</p>
        <ScrollRegion label={t("residentImport.columnsTitle")} className="mt-3">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("residentImport.columnsTitle")}</caption>
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-2 pr-3">
                  {t("residentImport.columnHeader")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("residentImport.requiredHeader")}
                </th>
                <th scope="col" className="py-2">
                  {t("residentImport.meaningHeader")}
                </th>
              </tr>
            </thead>
            <tbody>
              {IMPORT_COLUMNS.map((column) => (
                <tr key={column.key} className="border-b border-slate-100 align-top">
                  <th scope="row" className="py-2 pr-3 font-normal">
                    {t(`residentImport.columns.${column.key}`)}
                    <code className="block text-xs text-slate-700">
                      {column.it} · {column.en}
                    </code>
                  </th>
                  <td className="py-2 pr-3">{column.required ? t("common.yes") : t("common.no")}</td>
                  <td className="py-2">{t(`residentImport.meanings.${column.key}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="import-recent" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="import-recent" className="text-lg font-semibold">
          {t("residentImport.recentTitle")}
        </h2>
        {recent.length === 0 ? (
          <p className="mt-2 text-slate-700">{t("residentImport.noneYet")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {recent.map((item) => (
              <li key={item.id} className="flex flex-wrap justify-between gap-2 py-2">
                <Link to={`/admin/residents/import/${item.id}`} className="text-blue-800 underline">
                  {item.fileName}
                </Link>
                <span className="text-sm text-slate-700">
                  {item.university.name} · {format.dateTime(item.createdAt)} · {t("residentImport.rowsHeader")}:{" "}
                  {format.number(item.rowCount)} · {item.appliedAt ? t("residentImport.imported") : t("residentImport.notImported")}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
