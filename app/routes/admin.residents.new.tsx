import { type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "~/schemas/z";
import { requireRole } from "~/auth/guards.server";
import { issuePasswordToken, passwordLinkPath } from "~/auth/password-token.server";
import { CreationPage } from "~/components/creation-page";
import { Field, SelectField, useSchemaForm } from "~/components/forms";
import { ResidentRecordFields } from "~/components/resident-fields";
import { LOCALES } from "~/i18n/locale";
import { createResident, residentChoices } from "~/models/resident.server";
import { residentRecordFields } from "~/schemas/resident";
import { userFields } from "~/schemas/user";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { handoverCookie } from "~/utils/handover.server";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "residents.newTitle");

const schema = z
  .object({ name: userFields.name, email: userFields.email, language: userFields.language, ...residentRecordFields })
  .refine((v) => v.stayEnd >= v.stayStart, { path: ["stayEnd"], error: "residents.stayEndBeforeStart" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return residentChoices();
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { name, email, language, ...record } = submission.value;
  try {
    const resident = await createResident({ name, email, language }, record, admin.id);
    const link = await issuePasswordToken(resident.userId, { issuedBy: admin.id, mail: true });
    const headers = await withToast({ kind: "success", message: "residents.created", values: { name } });
    headers.append(
      "Set-Cookie",
      await handoverCookie({ userId: resident.userId, path: passwordLinkPath(link.token), expiresAt: link.expiresAt.toISOString() }),
    );
    throw redirect(`/admin/residents/${resident.id}`, { headers });
  } catch (error) {
    return refusalReply(error, submission);
  }
}

export default function NewResident() {
  const { t } = useTranslation();
  const { programmes, tutors } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(schema, { id: "new-resident", lastResult: actionData?.result });
  return (
    <CreationPage
      title={t("residents.newTitle")}
      description={t("residents.newIntro")}
      width="2xl"
      form={form}
      submitLabel={t("common.save")}
      cancelTo="/admin/residents"
    >
      <fieldset className="min-w-0 space-y-4">
        <legend className="text-lg font-semibold">{t("residents.person")}</legend>
        <Field meta={fields.name} label={t("admin.users.name")} autoComplete="off" />
        <Field meta={fields.email} label={t("admin.users.email")} type="email" autoComplete="off" />
        <SelectField
          meta={fields.language as FieldMetadata<string | undefined>}
          label={t("admin.users.language")}
          placeholder={t("admin.users.languageBrowser")}
          options={LOCALES.map((code) => ({ value: code, label: t(`languages.${code}`) }))}
        />
      </fieldset>
      <fieldset className="min-w-0 space-y-4">
        <legend className="text-lg font-semibold">{t("residents.record")}</legend>
        <ResidentRecordFields fields={fields} programmes={programmes} tutors={tutors} />
      </fieldset>
    </CreationPage>
  );
}
