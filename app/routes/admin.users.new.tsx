import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { issuePasswordToken, passwordLinkPath } from "~/auth/password-token.server";
import { CreationPage } from "~/components/creation-page";
import { useSchemaForm } from "~/components/forms";
import { UserFields } from "~/components/user-fields";
import { createUser } from "~/models/user.server";
import { createUserSchema } from "~/schemas/user";
import { readForm } from "~/utils/form.server";
import { handoverCookie } from "~/utils/handover.server";
import { withToast } from "~/utils/flash.server";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.users.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseWithZod(await readForm(request), { schema: createUserSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const user = await createUser(submission.value, admin.id);
    const link = await issuePasswordToken(user.id, { issuedBy: admin.id, mail: true });
    const headers = await withToast({ kind: "success", message: "admin.users.created", values: { name: submission.value.name } });
    headers.append(
      "Set-Cookie",
      await handoverCookie({ userId: user.id, path: passwordLinkPath(link.token), expiresAt: link.expiresAt.toISOString() }),
    );
    throw redirect(`/admin/users/${user.id}`, { headers });
  } catch (error) {
    return refusalReply(error, submission);
  }
}

export default function NewUser() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(createUserSchema, {
    id: "new-user",
    lastResult: actionData?.result,
  });
  return (
    <CreationPage
      title={t("admin.users.newTitle")}
      description={t("admin.users.newIntro")}
      width="xl"
      form={form}
      submitLabel={t("admin.users.create")}
      cancelTo="/admin/users"
    >
      <UserFields fields={fields} />
    </CreationPage>
  );
}
