import { FormProvider, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "~/schemas/z";
import { requireRole } from "~/auth/guards.server";
import { EditFormHead, SubmitButton, useSchemaForm } from "~/components/forms";
import { RecordHistory } from "~/components/history";
import { LinkButton } from "~/components/link-button";
import { Card, PageHeader } from "~/components/page-header";
import { ArchivedBadge, LifecycleCard } from "~/components/record-actions";
import { UniversityFields } from "~/components/university-fields";
import { specialtyName } from "~/domain/specialties";
import { useLocale } from "~/i18n/use-locale";
import { recordHistory } from "~/models/history.server";
import { versionOf } from "~/models/concurrency.server";
import { deleteUniversity, getUniversity, setUniversityArchived, updateUniversity } from "~/models/university.server";
import { recordVersion, universitySchema } from "~/schemas/university";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "records.detailTitle", { name: data?.university.name ?? "" });

const updateSchema = universitySchema.extend({ intent: z.literal("update"), ...recordVersion });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const university = await getUniversity(params.universityId ?? "");
  invariantResponse(university, "University not found", 404);
  return { university: { ...university, version: versionOf(university) }, history: await recordHistory("university", university.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const university = await getUniversity(params.universityId ?? "");
  invariantResponse(university, "University not found", 404);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const back = (message: string) => async () =>
    redirect(`/admin/universities/${university.id}`, {
      headers: await withToast({ kind: "success", message, values: { name: university.name } }),
    });

  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: updateSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), problems: [] }, { status: 400 });
    try {
      await updateUniversity(university.id, submission.value, submission.value.version, admin.id);
    } catch (error) {
      return refusalReply(error, submission);
    }
    throw await back("records.saved")();
  }
  if (intent === "archive" || intent === "restore") {
    await setUniversityArchived(university.id, intent === "archive", admin.id);
    throw await back(intent === "archive" ? "records.archived" : "records.restored")();
  }
  if (intent === "delete") {
    try {
      await deleteUniversity(university.id, admin.id);
    } catch (error) {
      return refusalReply(error);
    }
    throw redirect("/admin/universities", {
      headers: await withToast({ kind: "success", message: "records.deleted", values: { name: university.name } }),
    });
  }
  throw new Response("Unknown action", { status: 400 });
}

export default function UniversityDetail() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { university, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(updateSchema, {
    id: `university-${university.id}`,
    lastResult: actionData?.result ?? undefined,
    defaultValue: {
      name: university.name,
      shortName: university.shortName ?? "",
      city: university.city,
      contactOffice: university.contactOffice ?? "",
      contactEmail: university.contactEmail ?? "",
    },
  });

  return (
    <div className="space-y-6">
      <PageHeader
        title={
          <>
            {university.name} <ArchivedBadge archived={Boolean(university.archivedAt)} />
          </>
        }
        description={university.city}
        actions={<LinkButton to="/admin/universities">{t("universities.backToList")}</LinkButton>}
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card id="edit-title" title={t("records.edit")}>
          <FormProvider context={form.context}>
            <Form method="post" {...getFormProps(form)} className="space-y-4">
              <EditFormHead version={university.version} errorId={form.errorId} errors={form.errors} />
              <UniversityFields fields={fields} />
              <SubmitButton intent="update">{t("common.save")}</SubmitButton>
            </Form>
          </FormProvider>
        </Card>
        <div className="min-w-0 space-y-6">
          <Card id="programmes-title" title={t("universities.programmes")}>
            {university.programmes.length === 0 ? (
              <p className="text-slate-600">{t("universities.noProgrammes")}</p>
            ) : (
              <ul className="divide-y divide-slate-200">
                {university.programmes.map((p) => (
                  <li key={p.id} className="py-2">
                    <Link to={`/admin/programmes/${p.id}`} className="text-blue-800 underline">
                      {specialtyName(p.specialtyCode, locale)}
                    </Link>{" "}
                    <ArchivedBadge archived={Boolean(p.archivedAt)} />
                  </li>
                ))}
              </ul>
            )}
            <p className="mt-3 flex flex-wrap gap-3 text-sm">
              <Link to={`/admin/programmes/new?university=${university.id}`} className="text-blue-800 underline">
                {t("programmes.new")}
              </Link>
              <Link to={`/admin/agreements?university=${university.id}`} className="text-blue-800 underline">
                {t("universities.agreementsOf", { count: university._count.agreements })}
              </Link>
            </p>
          </Card>
          <LifecycleCard title={t("universities.status")} archivedAt={university.archivedAt} actionData={actionData} />
        </div>
      </div>
      <RecordHistory history={history} />
    </div>
  );
}
