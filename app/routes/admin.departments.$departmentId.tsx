import { FormProvider, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "~/schemas/z";
import { requireRole } from "~/auth/guards.server";
import { DepartmentFields } from "~/components/department-fields";
import { EditFormHead, SubmitButton, useSchemaForm } from "~/components/forms";
import { RecordHistory } from "~/components/history";
import { LinkButton } from "~/components/link-button";
import { Card, PageHeader } from "~/components/page-header";
import { ArchivedBadge, LifecycleCard } from "~/components/record-actions";
import { useLocale } from "~/i18n/use-locale";
import { recordHistory } from "~/models/history.server";
import { versionOf } from "~/models/concurrency.server";
import { deleteDepartment, getDepartment, setDepartmentArchived, tutorChoices, updateDepartment } from "~/models/department.server";
import { departmentSchema } from "~/schemas/department";
import { recordVersion } from "~/schemas/university";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "records.detailTitle", { name: data?.department.name ?? "" });

const updateSchema = departmentSchema.extend({ intent: z.literal("update"), ...recordVersion });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const department = await getDepartment(params.departmentId ?? "");
  invariantResponse(department, "Department not found", 404);
  const chosen = department.tutors.map((t) => t.user.id);
  const [people, history] = await Promise.all([tutorChoices(chosen), recordHistory("department", department.id)]);
  return {
    department: { ...department, version: versionOf(department) },
    people,
    history,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const department = await getDepartment(params.departmentId ?? "");
  invariantResponse(department, "Department not found", 404);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const back = async (message: string) =>
    redirect(`/admin/departments/${department.id}`, {
      headers: await withToast({ kind: "success", message, values: { name: department.name } }),
    });

  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: updateSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), problems: [] }, { status: 400 });
    try {
      await updateDepartment(department.id, submission.value, submission.value.version, admin.id);
    } catch (error) {
      return refusalReply(error, submission);
    }
    throw await back("records.saved");
  }
  if (intent === "archive" || intent === "restore") {
    await setDepartmentArchived(department.id, intent === "archive", admin.id);
    throw await back(intent === "archive" ? "records.archived" : "records.restored");
  }
  if (intent === "delete") {
    try {
      await deleteDepartment(department.id, admin.id);
    } catch (error) {
      return refusalReply(error);
    }
    throw redirect("/admin/departments", {
      headers: await withToast({ kind: "success", message: "records.deleted", values: { name: department.name } }),
    });
  }
  throw new Response("Unknown action", { status: 400 });
}

export default function DepartmentDetail() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { department, people, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(updateSchema, {
    id: `department-${department.id}`,
    lastResult: actionData?.result ?? undefined,
    defaultValue: {
      name: department.name,
      headId: department.headId ?? "",
      capacity: String(department.capacity),
      tutorIds: department.tutors.map((t) => t.user.id),
    },
  });

  return (
    <div className="space-y-6">
      <PageHeader
        title={
          <>
            {department.name} <ArchivedBadge archived={Boolean(department.archivedAt)} />
          </>
        }
        description={`${t("departments.capacity")}: ${format.number(department.capacity)} · ${t("departments.tutorsCount", { count: department.tutors.length })}`}
        actions={
          <>
            <LinkButton to={`/admin/rotations/board?department=${department.id}`}>{t("board.ofDepartment")}</LinkButton>
            <LinkButton to="/admin/departments">{t("departments.backToList")}</LinkButton>
          </>
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card id="edit-title" title={t("records.edit")}>
          <FormProvider context={form.context}>
            <Form method="post" {...getFormProps(form)} className="space-y-4">
              <EditFormHead version={department.version} errorId={form.errorId} errors={form.errors} />
              <DepartmentFields fields={fields} people={people} />
              <SubmitButton intent="update">{t("common.save")}</SubmitButton>
            </Form>
          </FormProvider>
        </Card>
        <div className="min-w-0 space-y-6">
          <Card id="tutors-title" title={t("departments.tutors")}>
            {department.tutors.length === 0 ? (
              <p className="text-slate-600">{t("departments.noTutors")}</p>
            ) : (
              <ul className="divide-y divide-slate-200">
                {department.tutors.map(({ user }) => (
                  <li key={user.id} className="py-2">
                    {user.name}
                    {user.id === department.headId ? <span className="ml-2 text-sm text-slate-600">({t("departments.head")})</span> : null}
                    {!user.active ? <span className="ml-2 text-sm text-red-800">({t("departments.inactive")})</span> : null}
                    <br />
                    <a href={`mailto:${user.email}`} className="break-all text-sm text-blue-800 underline">
                      {user.email}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <LifecycleCard title={t("departments.status")} archivedAt={department.archivedAt} actionData={actionData} />
        </div>
      </div>
      <RecordHistory history={history} />
    </div>
  );
}
