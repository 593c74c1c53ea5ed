import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { CreationPage } from "~/components/creation-page";
import { DepartmentFields } from "~/components/department-fields";
import { useSchemaForm } from "~/components/forms";
import { createDepartment, tutorChoices } from "~/models/department.server";
import { departmentSchema } from "~/schemas/department";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "departments.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return { people: await tutorChoices() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseWithZod(await readForm(request), { schema: departmentSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const department = await createDepartment(submission.value, admin.id);
    throw redirect(`/admin/departments/${department.id}`, {
      headers: await withToast({ kind: "success", message: "records.created", values: { name: department.name } }),
    });
  } catch (error) {
    return refusalReply(error, submission);
  }
}

export default function NewDepartment() {
  const { t } = useTranslation();
  const { people } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(departmentSchema, { id: "new-department", lastResult: actionData?.result });
  return (
    <CreationPage title={t("departments.newTitle")} width="2xl" form={form} submitLabel={t("common.save")} cancelTo="/admin/departments">
      <DepartmentFields fields={fields} people={people} />
    </CreationPage>
  );
}
