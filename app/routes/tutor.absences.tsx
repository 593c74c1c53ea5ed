import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { AbsenceState, LeaveRequestPages, LeaveRequests, useAbsenceDates } from "~/components/absences";
import { Card, PageHeader } from "~/components/page-header";
import { useLocale } from "~/i18n/use-locale";
import { leaveToDecide } from "~/models/absence.server";
import { pageOf } from "~/schemas/list-query";
import { decideFromForm } from "~/services/leave-decision.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "tutor" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "absences.decide.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "tutor");
  return leaveToDecide(user.id, { page: pageOf(new URL(request.url).searchParams) });
}

/** Approves or declines a request of the tutor's rotations (as their tutor or their department's head). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "tutor");
  return decideFromForm(request, { id: user.id, admin: false }, "/tutor/absences", { keepSearch: true });
}

export default function TutorAbsences() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const dates = useAbsenceDates();
  const { waiting, decided, countMode, allowance } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("absences.decide.title")}
        description={t("absences.decide.intro", { allowance, counted: t(`absences.counted.${countMode}`) })}
      />
      <Card id="waiting" title={t("absences.decide.waiting")}>
        <LeaveRequests requests={waiting.requests} allowance={allowance} reply={reply} />
        <LeaveRequestPages list={waiting} />
      </Card>
      <Card id="decided" title={t("absences.decide.decided")}>
        {decided.length === 0 ? (
          <p className="text-slate-600">{t("absences.decide.noneDecided")}</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {decided.map((row) => (
              <li key={row.id} className="space-y-1 py-2">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{row.resident}</span> · {dates(row)} <AbsenceState state={row.state} />
                </p>
                {row.decidedAt ? <p className="text-sm text-slate-600">{format.date(row.decidedAt)}</p> : null}
                {row.reason ? (
                  <p className="break-words text-sm text-slate-700">{t("absences.mine.reason", { reason: row.reason })}</p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
