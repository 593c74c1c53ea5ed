import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { LeaveRequests, useAbsenceDates } from "~/components/absences";
import { LinkButton } from "~/components/link-button";
import { Card, PageHeader } from "~/components/page-header";
import { leaveWaiting, protectedAbsencesAhead } from "~/models/absence.server";
import { decideFromForm } from "~/services/leave-decision.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "absences.decide.adminTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const [leave, ahead] = await Promise.all([leaveWaiting(), protectedAbsencesAhead()]);
  return { ...leave, ahead };
}

/** Approves or declines any request; beyond the yearly allowance, with a reason. */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  return decideFromForm(request, { id: admin.id, admin: true }, "/admin/absences");
}

export default function AdminAbsences() {
  const { t } = useTranslation();
  const dates = useAbsenceDates();
  const { administrators, tutors, countMode, allowance, ahead } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const shownOf = (group: { requests: unknown[]; count: number }) =>
    group.count > group.requests.length ? (
      <p className="mb-3 text-sm text-slate-700">{t("absences.decide.shownOf", { shown: group.requests.length, count: group.count })}</p>
    ) : null;
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("absences.decide.adminTitle")}
        description={t("absences.decide.adminIntro", { allowance, counted: t(`absences.counted.${countMode}`) })}
        actions={
          <LinkButton to="/admin/absences/report" white>
            {t("absences.report.open")}
          </LinkButton>
        }
      />
      <Card id="outside-rotations" title={t("absences.decide.noRotation")}>
        {shownOf(administrators)}
        <LeaveRequests requests={administrators.requests} allowance={allowance} reply={reply} />
      </Card>
      <Card id="waiting" title={t("absences.decide.waiting")}>
        {shownOf(tutors)}
        <LeaveRequests requests={tutors.requests} allowance={allowance} reply={reply} />
      </Card>
      <Card id="protected" title={t("absences.record.aheadTitle")}>
        <p className="mb-3 text-sm text-slate-700">{t("absences.record.recordHint")}</p>
        {ahead.length === 0 ? (
          <p className="text-slate-600">{t("absences.record.noneAhead")}</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {ahead.map((row) => (
              <li key={row.id} className="py-2">
                <Link to={`/admin/residents/${row.residentId}/absences`} className="font-medium text-blue-800 underline">
                  {row.resident}
                </Link>{" "}
                · {dates(row)} · {row.protectedType ? t(`absences.types.${row.protectedType}`) : t("absences.kinds.protected")}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
