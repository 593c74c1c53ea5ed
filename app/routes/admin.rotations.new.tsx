import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { CreationPage } from "~/components/creation-page";
import { RotationForm } from "~/components/rotation-form";
import { createRotation, planningChoices } from "~/models/rotation.server";
import { rotationSchema } from "~/schemas/rotation";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "rotations.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const residentId = (new URL(request.url).searchParams.get("resident") ?? "").slice(0, 40);
  return { choices: await planningChoices({ keep: residentId || null }), residentId };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseWithZod(await readForm(request), { schema: rotationSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), problems: [] }, { status: 400 });
  try {
    const rotation = await createRotation(submission.value, admin.id);
    throw redirect(`/admin/rotations/${rotation.id}`, { headers: await withToast({ kind: "success", message: "rotations.created" }) });
  } catch (error) {
    return refusalReply(error, submission);
  }
}

export default function NewRotation() {
  const { t } = useTranslation();
  const { choices, residentId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <CreationPage title={t("rotations.newTitle")} width="2xl" back={{ to: "/admin/rotations", label: t("rotations.backToList") }}>
      <RotationForm
        id="new-rotation"
        choices={choices}
        values={{ residentId, departmentId: "", tutorId: "", startDate: null, endDate: null, state: "planned", notes: null }}
        lastResult={actionData?.result}
        submitLabel={t("common.save")}
      />
    </CreationPage>
  );
}
