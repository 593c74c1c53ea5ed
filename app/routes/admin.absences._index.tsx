import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { LeaveRequestPages, LeaveRequests, useAbsenceDates } from "~/components/absences";
import { LinkButton } from "~/components/link-button";
import { Card, PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { leaveWaiting, protectedAbsencesAhead } from "~/models/absence.server";
import { pageNumber, parseSearchParams } from "~/schemas/list-query";
import { z } from "~/schemas/z";
import { decideFromForm } from "~/services/leave-decision.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "absences.decide.adminTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const query = parseSearchParams(pagesSchema, new URL(request.url));
  const [leave, ahead] = await Promise.all([
    leaveWaiting({ administrators: query.administratorsPage, tutors: query.tutorsPage }),
    protectedAbsencesAhead(query.aheadPage),
  ]);
  return { ...leave, ahead };
}

/** Each of the page's three lists has its own page in the address. */
const pagesSchema = z.object({ administratorsPage: pageNumber, tutorsPage: pageNumber, aheadPage: pageNumber });

/** Approves or declines any request; beyond the yearly allowance, with a reason. */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  return decideFromForm(request, { id: admin.id, admin: true }, "/admin/absences", { keepSearch: true });
}

export default function AdminAbsences() {
  const { t } = useTranslation();
  const dates = useAbsenceDates();
  const { administrators, tutors, countMode, allowance, ahead } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
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
        <LeaveRequests requests={administrators.requests} allowance={allowance} reply={reply} />
        <LeaveRequestPages list={administrators} param="administratorsPage" of={t("absences.decide.noRotation")} />
      </Card>
      <Card id="waiting" title={t("absences.decide.waiting")}>
        <LeaveRequests requests={tutors.requests} allowance={allowance} reply={reply} />
        <LeaveRequestPages list={tutors} param="tutorsPage" of={t("absences.decide.waiting")} />
      </Card>
      <Card id="protected" title={t("absences.record.aheadTitle")}>
        <p className="mb-3 text-sm text-slate-700">{t("absences.record.recordHint")}</p>
        {ahead.absences.length === 0 ? (
          <p className="text-slate-600">{t("absences.record.noneAhead")}</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {ahead.absences.map((row) => (
              <li key={row.id} className="py-2">
                <Link to={`/admin/residents/${row.residentId}/absences`} className="font-medium text-blue-800 underline">
                  {row.resident}
                </Link>{" "}
                · {dates(row)} · {row.protectedType ? t(`absences.types.${row.protectedType}`) : t("absences.kinds.protected")}
              </li>
            ))}
          </ul>
        )}
        {ahead.pages > 1 ? (
          <Pagination page={ahead.page} pages={ahead.pages} total={ahead.count} param="aheadPage" of={t("absences.record.aheadTitle")} />
        ) : null}
      </Card>
    </div>
  );
}
