import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { CreationPage } from "~/components/creation-page";
import { useSchemaForm } from "~/components/forms";
import { UniversityFields } from "~/components/university-fields";
import { createUniversity } from "~/models/university.server";
import { universitySchema } from "~/schemas/university";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "universities.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseWithZod(await readForm(request), { schema: universitySchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const university = await createUniversity(submission.value, admin.id);
    throw redirect(`/admin/universities/${university.id}`, {
      headers: await withToast({ kind: "success", message: "records.created", values: { name: university.name } }),
    });
  } catch (error) {
    return refusalReply(error, submission);
  }
}

export default function NewUniversity() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(universitySchema, {
    id: "new-university",
    lastResult: actionData?.result,
  });
  return (
    <CreationPage title={t("universities.newTitle")} width="xl" form={form} submitLabel={t("common.save")} cancelTo="/admin/universities">
      <UniversityFields fields={fields} />
    </CreationPage>
  );
}
