import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { LeaveRequests } from "~/components/absences";
import { Card, PageHeader } from "~/components/page-header";
import { leaveWaiting } from "~/models/absence.server";
import { decideFromForm } from "~/services/leave-decision.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "absences.decide.adminTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return leaveWaiting();
}

/** Approves or declines any request; beyond the yearly allowance, with a reason. */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  return decideFromForm(request, { id: admin.id, admin: true }, "/admin/absences");
}

export default function AdminAbsences() {
  const { t } = useTranslation();
  const { waiting, countMode, allowance } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const theirs = waiting.filter((request) => request.administrators);
  const withTutors = waiting.filter((request) => !request.administrators);
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("absences.decide.adminTitle")}
        description={t("absences.decide.adminIntro", { allowance, counted: t(`absences.counted.${countMode}`) })}
      />
      <Card id="outside-rotations" title={t("absences.decide.noRotation")}>
        <LeaveRequests requests={theirs} allowance={allowance} reply={reply} />
      </Card>
      <Card id="waiting" title={t("absences.decide.waiting")}>
        <LeaveRequests requests={withTutors} allowance={allowance} reply={reply} />
      </Card>
    </div>
  );
}
