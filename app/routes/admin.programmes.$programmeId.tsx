import { FormProvider, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "~/schemas/z";
import { requireRole } from "~/auth/guards.server";
import { AgreementStatusBadge } from "~/components/agreement-status";
import { EditFormHead, SubmitButton, useSchemaForm } from "~/components/forms";
import { RecordHistory } from "~/components/history";
import { LinkButton } from "~/components/link-button";
import { Card, PageHeader } from "~/components/page-header";
import { ProgrammeFields } from "~/components/programme-fields";
import { ArchivedBadge, LifecycleCard } from "~/components/record-actions";
import { agreementStatus } from "~/domain/agreement-status";
import { hospitalToday } from "~/domain/dates";
import { specialtyName } from "~/domain/specialties";
import { localeOf } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { programmeFormId } from "~/models/evaluation-form.server";
import { recordHistory } from "~/models/history.server";
import { versionOf } from "~/models/concurrency.server";
import { deleteProgramme, getProgramme, setProgrammeArchived, universityChoices, updateProgramme } from "~/models/programme.server";
import { programmeSchema } from "~/schemas/programme";
import { recordVersion } from "~/schemas/university";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "records.detailTitle", { name: data?.name ?? "" });

const updateSchema = programmeSchema.extend({ intent: z.literal("update"), ...recordVersion });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const programme = await getProgramme(params.programmeId ?? "");
  invariantResponse(programme, "Programme not found", 404);
  const today = hospitalToday();
  const [universities, history, evaluationFormId] = await Promise.all([
    universityChoices(programme.universityId),
    recordHistory("programme", programme.id),
    programmeFormId(programme.id),
  ]);
  return {
    name: `${specialtyName(programme.specialtyCode, localeOf(request, admin))} · ${programme.university.name}`,
    programme: { ...programme, version: versionOf(programme) },
    agreements: programme.agreements.map(({ posts, agreement }) => ({ ...agreement, posts, status: agreementStatus(agreement, today) })),
    universities,
    history,
    evaluationFormId,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const programme = await getProgramme(params.programmeId ?? "");
  invariantResponse(programme, "Programme not found", 404);
  const locale = localeOf(request, admin);
  const name = specialtyName(programme.specialtyCode, locale);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const back = async (message: string) =>
    redirect(`/admin/programmes/${programme.id}`, { headers: await withToast({ kind: "success", message, values: { name } }) });

  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: updateSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), problems: [] }, { status: 400 });
    try {
      await updateProgramme(programme.id, submission.value, submission.value.version, admin.id);
    } catch (error) {
      return refusalReply(error, submission);
    }
    throw await back("records.saved");
  }
  if (intent === "archive" || intent === "restore") {
    await setProgrammeArchived(programme.id, intent === "archive", admin.id);
    throw await back(intent === "archive" ? "records.archived" : "records.restored");
  }
  if (intent === "delete") {
    try {
      await deleteProgramme(programme.id, admin.id);
    } catch (error) {
      return refusalReply(error);
    }
    throw redirect("/admin/programmes", { headers: await withToast({ kind: "success", message: "records.deleted", values: { name } }) });
  }
  throw new Response("Unknown action", { status: 400 });
}

export default function ProgrammeDetail() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { name, programme, agreements, universities, history, evaluationFormId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(updateSchema, {
    id: `programme-${programme.id}`,
    lastResult: actionData?.result,
    defaultValue: {
      specialtyCode: programme.specialtyCode,
      universityId: programme.universityId,
      directorName: programme.directorName,
      directorEmail: programme.directorEmail,
      durationYears: String(programme.durationYears),
      maxSuspensionDays: String(programme.maxSuspensionDays),
    },
  });

  return (
    <div className="space-y-6">
      <PageHeader
        title={
          <>
            {specialtyName(programme.specialtyCode, locale)} <ArchivedBadge archived={Boolean(programme.archivedAt)} />
          </>
        }
        description={programme.university.name}
        actions={
          <>
            <LinkButton to={`/admin/programmes/${programme.id}/logbook`}>{t("logbookCatalogue.link")}</LinkButton>
            <LinkButton to={`/admin/programmes/${programme.id}/progress`}>{t("logbookProgress.programme.link")}</LinkButton>
            <LinkButton to="/admin/programmes">{t("programmes.backToList")}</LinkButton>
          </>
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card id="edit-title" title={t("records.edit")}>
          <FormProvider context={form.context}>
            <Form method="post" {...getFormProps(form)} className="space-y-4" aria-label={name}>
              <EditFormHead version={programme.version} errorId={form.errorId} errors={form.errors} />
              <ProgrammeFields fields={fields} universities={universities} />
              <SubmitButton intent="update">{t("common.save")}</SubmitButton>
            </Form>
          </FormProvider>
        </Card>
        <div className="min-w-0 space-y-6">
          <Card id="agreements-title" title={t("programmes.coveringAgreements")}>
            <p className="mb-3 text-sm text-slate-700">{t("programmes.residentsCount", { count: programme._count.residents })}</p>
            {agreements.length === 0 ? (
              <p className="text-slate-600">{t("programmes.noAgreements")}</p>
            ) : (
              <ul className="divide-y divide-slate-200">
                {agreements.map((a) => (
                  <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <Link to={`/admin/agreements/${a.id}`} className="text-blue-800 underline">
                      {t("agreements.validityRange", { start: format.date(a.startDate), end: format.date(a.endDate) })}
                    </Link>
                    <span className="flex items-center gap-2 text-sm">
                      {t("programmes.postsValue", { count: a.posts })} <AgreementStatusBadge status={a.status} />
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card id="evaluation-form-title" title={t("evaluationForms.programmeCard")}>
            {evaluationFormId ? (
              <div className="space-y-3">
                <p>{t("evaluationForms.programmeUsesOwn")}</p>
                <LinkButton to={`/admin/evaluations/forms/${evaluationFormId}`}>{t("evaluationForms.programmeOpen")}</LinkButton>
              </div>
            ) : (
              <Form method="post" action="/admin/evaluations/forms" className="space-y-3">
                <p>{t("evaluationForms.programmeUsesHospital")}</p>
                <input type="hidden" name="programmeId" value={programme.id} />
                <SubmitButton variant="secondary">{t("evaluationForms.programmeCreate")}</SubmitButton>
              </Form>
            )}
          </Card>
          <LifecycleCard title={t("programmes.status")} archivedAt={programme.archivedAt} actionData={actionData} />
        </div>
      </div>
      <RecordHistory history={history} />
    </div>
  );
}
