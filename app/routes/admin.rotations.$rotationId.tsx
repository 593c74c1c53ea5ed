import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { ProblemList, SubmitButton } from "~/components/forms";
import { RecordHistory } from "~/components/history";
import { LinkButton } from "~/components/link-button";
import { Card, PageHeader } from "~/components/page-header";
import { RotationForm } from "~/components/rotation-form";
import { RotationStatusBadge } from "~/components/rotation-status";
import { hospitalToday } from "~/domain/dates";
import { rotationStatus } from "~/domain/rotation-rules";
import { useLocale } from "~/i18n/use-locale";
import { recordHistory } from "~/models/history.server";
import { brokenRulesOf } from "~/models/broken-rotations.server";
import { versionOf } from "~/models/concurrency.server";
import { cancelRotation, getRotation, planningChoices, updateRotation } from "~/models/rotation.server";
import { rotationSchema } from "~/schemas/rotation";
import { withToast } from "~/utils/flash.server";
import { readForm } from "~/utils/form.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { refusalReply } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "rotations.detailTitle", { name: data?.rotation.resident.user.name ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const rotation = await getRotation(params.rotationId ?? "");
  invariantResponse(rotation, "Rotation not found", 404);
  const [choices, history, broken] = await Promise.all([
    planningChoices({ keep: rotation.residentId }),
    recordHistory("rotation", rotation.id),
    brokenRulesOf(rotation),
  ]);
  return {
    rotation: { ...rotation, version: versionOf(rotation), status: rotationStatus(rotation, hospitalToday()) },
    choices,
    history,
    broken,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const rotation = await getRotation(params.rotationId ?? "");
  invariantResponse(rotation, "Rotation not found", 404);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const version = String(formData.get("version") ?? "");
  const here = `/admin/rotations/${rotation.id}`;

  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: rotationSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), problems: [] }, { status: 400 });
    try {
      await updateRotation(rotation.id, submission.value, version, admin.id);
    } catch (error) {
      return refusalReply(error, submission);
    }
    throw redirect(here, { headers: await withToast({ kind: "success", message: "rotations.saved" }) });
  }
  if (intent === "cancel") {
    try {
      await cancelRotation(rotation.id, version, admin.id);
    } catch (error) {
      return refusalReply(error);
    }
    throw redirect(here, { headers: await withToast({ kind: "success", message: "rotations.cancelled" }) });
  }
  throw new Response("Unknown action", { status: 400 });
}

export default function RotationDetail() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { rotation, choices, history, broken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <PageHeader
        title={
          <>
            {t("rotations.detailTitle", { name: rotation.resident.user.name })} <RotationStatusBadge status={rotation.status} />
          </>
        }
        description={`${rotation.department.name} · ${format.date(rotation.startDate)} – ${format.date(rotation.endDate)}`}
        actions={<LinkButton to="/admin/rotations">{t("rotations.backToList")}</LinkButton>}
      />
      {broken.length > 0 ? (
        <ProblemList id="broken-rules" problems={broken} title={t("rotations.broken.alertTitle")} help={t("rotations.broken.alertHelp")} />
      ) : null}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <Card id="edit-title" title={t("records.edit")}>
            <RotationForm
              id={`rotation-${rotation.id}`}
              rotationId={rotation.id}
              choices={choices}
              values={{ ...rotation, tutorId: rotation.tutorId ?? "", state: rotation.state === "cancelled" ? "planned" : rotation.state }}
              version={rotation.version}
              lastResult={actionData?.result}
              submitLabel={t("common.save")}
            />
          </Card>
        </div>
        {rotation.state !== "cancelled" ? (
          <div className="min-w-0">
            <Card id="cancel-title" title={t("rotations.cancel")}>
              <p className="text-sm text-slate-600">{t("rotations.cancelHelp")}</p>
              <Form method="post" className="mt-3">
                <input type="hidden" name="intent" value="cancel" />
                <input type="hidden" name="version" value={rotation.version} />
                <SubmitButton variant="danger" intent="cancel">
                  {t("rotations.cancel")}
                </SubmitButton>
              </Form>
            </Card>
          </div>
        ) : null}
      </div>
      <RecordHistory history={history} />
    </div>
  );
}
