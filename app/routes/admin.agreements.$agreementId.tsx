import { FormProvider, getFormProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { AgreementForm } from "~/components/agreement-form";
import { AgreementStatusBadge } from "~/components/agreement-status";
import { Field, FormErrors, MessageText, SubmitButton, useSchemaForm } from "~/components/forms";
import { RecordHistory } from "~/components/history";
import { LinkButton } from "~/components/link-button";
import { Card, PageHeader } from "~/components/page-header";
import { TextAreaField } from "~/components/record-fields";
import { useLocale } from "~/i18n/use-locale";
import {
  attachDocument,
  deleteAgreement,
  getAgreement,
  programmesOf,
  renewAgreement,
  terminateAgreement,
  updateAgreement,
} from "~/models/agreement.server";
import { recordHistory } from "~/models/history.server";
import { versionOf } from "~/models/concurrency.server";
import { agreementSchema, terminateSchema } from "~/schemas/agreement";
import { withToast } from "~/utils/flash.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";
import { readUploadForm } from "~/utils/upload.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "agreements.detailTitle", { university: data?.agreement.university.name ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const agreement = await getAgreement(params.agreementId ?? "");
  invariantResponse(agreement, "Agreement not found", 404);
  const covered = agreement.programmes.map((p) => p.programmeId);
  const [programmes, history] = await Promise.all([
    programmesOf(agreement.universityId, covered),
    recordHistory("agreement", agreement.id),
  ]);
  return { agreement: { ...agreement, version: versionOf(agreement) }, programmes, history };
}

type ActionResult = { intent: string; result?: SubmissionResult<string[]> | null; problems?: string[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const agreement = await getAgreement(params.agreementId ?? "");
  invariantResponse(agreement, "Agreement not found", 404);
  const here = `/admin/agreements/${agreement.id}`;
  const reply = (body: ActionResult, status: number) => data(body, { status });

  let formData: FormData;
  try {
    formData = await readUploadForm(request, { field: "document", key: "agreements.documentTooLarge" });
  } catch (error) {
    return refusalReply(error, null, { intent: "upload" });
  }
  const intent = String(formData.get("intent") ?? "");
  const version = String(formData.get("version") ?? "");

  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: agreementSchema });
    if (submission.status !== "success") return reply({ intent, result: submission.reply() }, 400);
    try {
      await updateAgreement(agreement.id, submission.value, version, admin.id);
    } catch (error) {
      return refusalReply(error, submission, { intent });
    }
    throw redirect(here, { headers: await withToast({ kind: "success", message: "agreements.saved" }) });
  }

  if (intent === "terminate") {
    const submission = parseWithZod(formData, { schema: terminateSchema });
    if (submission.status !== "success") return reply({ intent, result: submission.reply() }, 400);
    try {
      await terminateAgreement(agreement.id, submission.value.terminatedOn, submission.value.terminationReason, version, admin.id);
    } catch (error) {
      return refusalReply(error, submission, { intent });
    }
    throw redirect(here, { headers: await withToast({ kind: "success", message: "agreements.terminated" }) });
  }

  if (intent === "renew") {
    let renewal: { id: string };
    try {
      renewal = await renewAgreement(agreement.id, admin.id);
    } catch (error) {
      return refusalReply(error, null, { intent });
    }
    throw redirect(`/admin/agreements/${renewal.id}`, { headers: await withToast({ kind: "info", message: "agreements.renewed" }) });
  }

  if (intent === "upload") {
    const file = formData.get("document");
    try {
      await attachDocument(agreement.id, file instanceof File && file.size > 0 ? file : null, admin.id);
    } catch (error) {
      return refusalReply(error, null, { intent });
    }
    throw redirect(here, { headers: await withToast({ kind: "success", message: "agreements.documentUploaded" }) });
  }

  if (intent === "delete") {
    try {
      await deleteAgreement(agreement.id, admin.id);
    } catch (error) {
      return refusalReply(error, null, { intent });
    }
    throw redirect("/admin/agreements", { headers: await withToast({ kind: "success", message: "agreements.deleted" }) });
  }

  throw new Response("Unknown action", { status: 400 });
}

export default function AgreementDetail() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { agreement, programmes, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const only = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const range = (a: { startDate: Date; endDate: Date }) =>
    t("agreements.validityRange", { start: format.date(a.startDate), end: format.date(a.endDate) });
  const signed = Boolean(agreement.signedOn);
  const ended = agreement.status === "terminated" || agreement.status === "expired";

  return (
    <div className="space-y-6">
      <PageHeader
        title={
          <>
            {t("agreements.detailTitle", { university: agreement.university.name })} <AgreementStatusBadge status={agreement.status} />
          </>
        }
        description={`${range(agreement)} · ${t(`agreements.roles.${agreement.facilityRole as "collegata"}`)}`}
        actions={<LinkButton to="/admin/agreements">{t("agreements.backToList")}</LinkButton>}
      />
      {agreement.terminatedOn ? (
        <p className="rounded border-l-4 border-zinc-700 bg-zinc-100 p-3">
          {t("agreements.terminatedInfo", { date: format.date(agreement.terminatedOn), reason: agreement.terminationReason ?? "—" })}
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <Card id="edit-title" title={t("records.edit")}>
            <AgreementForm
              id={`agreement-${agreement.id}`}
              values={{ ...agreement, coverage: agreement.programmes }}
              programmes={programmes}
              lastResult={only("update")?.result}
              version={agreement.version}
              submitLabel={t("common.save")}
            />
          </Card>
        </div>
        <div className="min-w-0 space-y-6">
          <Card id="document-title" title={t("agreements.document")}>
            {agreement.document ? (
              <a href={`/admin/agreements/${agreement.id}/document`} download className="text-blue-800 underline">
                {t("agreements.documentDownload", {
                  name: agreement.document.fileName,
                  size: `${format.number(Math.ceil(agreement.document.size / 1024))} KB`,
                })}
              </a>
            ) : (
              <p className="text-slate-600">{t("agreements.documentNone")}</p>
            )}
            <Form method="post" encType="multipart/form-data" className="mt-3 space-y-2">
              <input type="hidden" name="intent" value="upload" />
              {only("upload")?.problems?.length ? (
                <p role="alert" id="document-error" className="text-sm text-red-800">
                  <MessageText message={only("upload")!.problems![0]!} />
                </p>
              ) : null}
              <label htmlFor="document" className="block text-sm font-medium">
                {t("agreements.documentFile")}
              </label>
              <input
                id="document"
                name="document"
                type="file"
                accept="application/pdf,.pdf"
                aria-describedby={only("upload")?.problems?.length ? "document-hint document-error" : "document-hint"}
                aria-invalid={only("upload")?.problems?.length ? true : undefined}
                className="block w-full text-sm"
              />
              <p id="document-hint" className="text-sm text-slate-600">
                {t("agreements.documentHint")}
              </p>
              <SubmitButton variant="secondary" intent="upload">
                {agreement.document ? t("agreements.documentReplace") : t("agreements.documentUpload")}
              </SubmitButton>
            </Form>
          </Card>
          <Card id="chain-title" title={t("agreements.chain")}>
            <ul className="space-y-2 text-sm">
              {agreement.renews ? (
                <li>
                  <Link to={`/admin/agreements/${agreement.renews.id}`} className="text-blue-800 underline">
                    {t("agreements.renews", { range: range(agreement.renews) })}
                  </Link>
                </li>
              ) : null}
              {agreement.renewals.map((r) => (
                <li key={r.id}>
                  <Link to={`/admin/agreements/${r.id}`} className="text-blue-800 underline">
                    {t("agreements.renewedBy", { range: range(r) })}
                  </Link>
                </li>
              ))}
            </ul>
            {only("renew")?.problems?.length ? (
              <ul role="alert" className="mt-2 list-disc pl-5 text-sm text-red-800">
                {only("renew")?.problems?.map((message) => (
                  <li key={message}>
                    <MessageText message={message} linkLabel={t("agreements.otherAgreement")} />
                  </li>
                ))}
              </ul>
            ) : null}
            <p className="mt-3 text-sm text-slate-600">{t("agreements.renewIntro")}</p>
            <Form method="post" className="mt-2">
              <input type="hidden" name="intent" value="renew" />
              <SubmitButton variant="secondary" intent="renew">
                {t("agreements.renew")}
              </SubmitButton>
            </Form>
          </Card>
          {signed && !ended && !agreement.terminatedOn ? (
            <TerminateCard version={agreement.version} lastResult={only("terminate")?.result} />
          ) : null}
          {!signed ? (
            <Card id="delete-title" title={t("agreements.delete")}>
              {only("delete")?.problems?.length ? (
                <p role="alert" className="mb-2 text-red-800">
                  <MessageText message={only("delete")!.problems![0]!} />
                </p>
              ) : null}
              <p className="text-sm text-slate-600">{t("agreements.deleteHelp")}</p>
              <Form method="post" className="mt-2">
                <input type="hidden" name="intent" value="delete" />
                <SubmitButton variant="danger" intent="delete">
                  {t("agreements.delete")}
                </SubmitButton>
              </Form>
            </Card>
          ) : null}
        </div>
      </div>
      <RecordHistory history={history} />
    </div>
  );
}

function TerminateCard({ version, lastResult }: { version: string; lastResult?: ActionResult["result"] }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(terminateSchema, { id: "terminate", lastResult });
  return (
    <Card id="terminate-title" title={t("agreements.terminate")}>
      <p className="text-sm text-slate-600">{t("agreements.terminateIntro")}</p>
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
          <input type="hidden" name="intent" value="terminate" />
          <input type="hidden" name="version" value={version} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field meta={fields.terminatedOn as FieldMetadata<string | undefined>} label={t("agreements.terminatedOn")} type="date" />
          <TextAreaField meta={fields.terminationReason} label={t("agreements.terminationReason")} />
          <SubmitButton variant="danger" intent="terminate">
            {t("agreements.terminateSubmit")}
          </SubmitButton>
        </Form>
      </FormProvider>
    </Card>
  );
}
