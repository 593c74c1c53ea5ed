import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { z } from "~/schemas/z";
import { requireRole } from "~/auth/guards.server";
import { MessageText, SubmitButton } from "~/components/forms";
import { LinkButton } from "~/components/link-button";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { ImportRows, ImportSummaryFigures, ProgressReport, useProgressSubmit } from "~/components/resident-import";
import { useLocale } from "~/i18n/use-locale";
import { applyImport, previewImport } from "~/models/resident-import.server";
import { pageNumber } from "~/schemas/list-query";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { invariantResponse } from "~/utils/http";
import { CHANGED_SINCE } from "~/domain/resident-import";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "residentImport.title");

const ROWS_PER_PAGE = 100;
const SHOWS = ["all", "problems", "changes"] as const;
const querySchema = z.object({
  show: z.enum(SHOWS).optional().catch(undefined),
  page: pageNumber,
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const preview = await previewImport(params.importId ?? "");
  invariantResponse(preview, "Not found", 404);
  const url = new URL(request.url);
  const query = querySchema.parse({ show: url.searchParams.get("show") ?? undefined, page: url.searchParams.get("page") ?? 1 });
  // Rows with problems come first when there are any: they are what needs doing.
  const show = query.show ?? (preview.summary.invalid > 0 ? "problems" : "all");
  const shown = preview.rows.filter((row) =>
    show === "problems" ? row.action === "invalid" : show === "changes" ? row.action !== "unchanged" && row.action !== "invalid" : true,
  );
  const pages = Math.max(1, Math.ceil(shown.length / ROWS_PER_PAGE));
  const page = Math.min(query.page, pages);
  return {
    import: preview.import,
    summary: preview.summary,
    applied: preview.applied,
    ignoredColumns: preview.ignoredColumns,
    show,
    page,
    pages,
    shownTotal: shown.length,
    rows: shown.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE),
    changedSince: url.searchParams.get("changed") === "1" && preview.summary.invalid > 0,
  };
}

/** Without JavaScript: confirming posts here. (With it, the apply route streams progress.) */
export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const form = await readForm(request);
  if (form.get("intent") !== "apply") return data({ result: null, problems: [CHANGED_SINCE] }, { status: 400 });
  const id = params.importId ?? "";
  try {
    await applyImport(id, admin.id);
  } catch (error) {
    return refusalReply(error);
  }
  throw redirect(`/admin/residents/import/${id}`, {
    headers: await withToast({ kind: "success", message: "residentImport.importedToast" }),
  });
}

export default function ImportPreview() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const loaded = useLoaderData<typeof loader>();
  const { summary, applied, show, page, pages, shownTotal, rows } = loaded;
  const actionData = useActionData<typeof action>();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const { state, submit, busy } = useProgressSubmit((event) => {
    if (typeof event.location === "string") navigate(event.location, { replace: true });
  });
  const toWrite = summary.create + summary.attach + summary.update;
  const onConfirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!busy) submit(`/admin/residents/import/${loaded.import.id}/apply`, new FormData(event.currentTarget));
  };
  const showHref = (value: string) => {
    const params = new URLSearchParams(searchParams);
    params.set("show", value);
    params.delete("page");
    params.delete("changed");
    return `?${params}`;
  };

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("residentImport.previewTitle", { file: loaded.import.fileName })}
        description={t("residentImport.previewIntro", {
          university: loaded.import.university.name,
          name: loaded.import.createdBy?.name ?? t("history.system"),
          date: format.dateTime(loaded.import.createdAt),
        })}
        actions={
          <LinkButton to="/admin/residents/import" white>
            {t("residentImport.title")}
          </LinkButton>
        }
      />

      {applied && loaded.import.appliedAt ? (
        <p role="status" className="rounded border-l-4 border-green-700 bg-green-50 p-3 text-green-900">
          {t("residentImport.applied", {
            date: format.dateTime(loaded.import.appliedAt),
            create: format.number(applied.create),
            attach: format.number(applied.attach),
            update: format.number(applied.update),
            unchanged: format.number(applied.unchanged),
          })}{" "}
          <Link to="/admin/residents" className="underline">
            {t("residentImport.backToResidents")}
          </Link>
        </p>
      ) : (
        <>
          {actionData?.problems.length || loaded.changedSince ? (
            <p role="alert" className="rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
              <MessageText message={actionData?.problems[0] ?? CHANGED_SINCE} />
            </p>
          ) : null}
          <ImportSummaryFigures summary={summary} />
          {summary.invalid > 0 ? (
            <div className="flex flex-wrap items-center gap-3 rounded border-l-4 border-amber-600 bg-amber-50 p-3 text-amber-950">
              <p>{t("residentImport.fixFirst")}</p>
              <Link
                to={`/admin/residents/import?university=${loaded.import.universityId}`}
                className="rounded bg-blue-800 px-4 py-2 text-white hover:bg-blue-900"
              >
                {t("residentImport.uploadAgain")}
              </Link>
            </div>
          ) : toWrite === 0 ? (
            <p className="rounded border-l-4 border-slate-500 bg-slate-50 p-3">{t("residentImport.nothingToDo")}</p>
          ) : (
            <Form method="post" onSubmit={onConfirm} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <input type="hidden" name="intent" value="apply" />
              <p className="text-sm text-slate-700">{t("residentImport.confirmHelp")}</p>
              <ProgressReport state={state} />
              <SubmitButton intent="apply" pendingLabel={t("common.working")}>
                {busy ? t("common.working") : t("residentImport.confirm", { count: toWrite })}
              </SubmitButton>
            </Form>
          )}
        </>
      )}

      {loaded.ignoredColumns.length ? (
        <p className="text-sm text-slate-700">{t("residentImport.ignoredColumns", { columns: loaded.ignoredColumns.join(", ") })}</p>
      ) : null}

      <nav aria-label={t("residentImport.show")} className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">{t("residentImport.show")}:</span>
        {(["all", "problems", "changes"] as const).map((value) => (
          <Link
            key={value}
            to={showHref(value)}
            aria-current={show === value ? "page" : undefined}
            className={`rounded border px-3 py-1.5 ${show === value ? "border-blue-800 bg-blue-800 text-white" : "border-slate-400 bg-white hover:bg-slate-100"}`}
          >
            {t(`residentImport.shows.${value}`)}
          </Link>
        ))}
      </nav>
      {rows.length ? <ImportRows rows={rows} /> : <p className="rounded border border-slate-200 bg-white p-4">{t("list.noResults")}</p>}
      <Pagination page={page} pages={pages} total={shownTotal} />
    </div>
  );
}
