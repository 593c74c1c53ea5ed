import { FormProvider, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { FormErrors, SubmitButton, useSchemaForm } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
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
    <div className="max-w-xl">
      <PageHeader title={t("universities.newTitle")} />
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <FormErrors id={form.errorId} errors={form.errors} />
          <UniversityFields fields={fields} />
          <div className="flex flex-wrap gap-3">
            <SubmitButton>{t("common.save")}</SubmitButton>
            <Link to="/admin/universities" className="rounded border border-slate-400 px-4 py-2 hover:bg-slate-100">
              {t("common.cancel")}
            </Link>
          </div>
        </Form>
      </FormProvider>
    </div>
  );
}
