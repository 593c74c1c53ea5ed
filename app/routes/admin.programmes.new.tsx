import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { CreationPage } from "~/components/creation-page";
import { useSchemaForm } from "~/components/forms";
import { ProgrammeFields } from "~/components/programme-fields";
import { specialtyName } from "~/domain/specialties";
import { localeOf } from "~/i18n/locale.server";
import { createProgramme, universityChoices } from "~/models/programme.server";
import { programmeSchema } from "~/schemas/programme";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "programmes.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return { universities: await universityChoices(), university: new URL(request.url).searchParams.get("university") ?? "" };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseWithZod(await readForm(request), { schema: programmeSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const programme = await createProgramme(submission.value, admin.id);
    const name = specialtyName(programme.specialtyCode, localeOf(request, admin));
    throw redirect(`/admin/programmes/${programme.id}`, {
      headers: await withToast({ kind: "success", message: "records.created", values: { name } }),
    });
  } catch (error) {
    return refusalReply(error, submission);
  }
}

export default function NewProgramme() {
  const { t } = useTranslation();
  const { universities, university } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(programmeSchema, {
    id: "new-programme",
    lastResult: actionData?.result,
    defaultValue: { universityId: university },
  });
  return (
    <CreationPage title={t("programmes.newTitle")} width="xl" form={form} submitLabel={t("common.save")} cancelTo="/admin/programmes">
      <ProgrammeFields fields={fields} universities={universities} />
    </CreationPage>
  );
}
