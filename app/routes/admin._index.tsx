import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { AgreementAttention } from "~/components/agreement-attention";
import { BrokenRotations } from "~/components/broken-rotations";
import { Card, PageHeader, Stat, StatGrid } from "~/components/page-header";
import { useLocale } from "~/i18n/use-locale";
import { brokenRotations } from "~/models/broken-rotations.server";
import { adminDashboard, agreementAttention } from "~/models/dashboard.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.dashboard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const [house, agreements, broken] = await Promise.all([adminDashboard(), agreementAttention(), brokenRotations()]);
  return { ...house, agreements, broken };
}

export default function AdminDashboard() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { counts, awaitingPassword, universities, departments, agreements, broken } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("admin.dashboard.title")}
        description={t("admin.dashboard.intro")}
        actions={
          <Link to="/admin/users/new" className="rounded bg-blue-800 px-4 py-2 text-white hover:bg-blue-900">
            {t("admin.users.new")}
          </Link>
        }
      />
      <StatGrid label={t("admin.dashboard.figures")}>
        <Stat label={t("admin.dashboard.universities")} value={format.number(counts.universities)} />
        <Stat label={t("admin.dashboard.programmes")} value={format.number(counts.programmes)} />
        <Stat label={t("admin.dashboard.departments")} value={format.number(counts.departments)} />
        <Stat label={t("admin.dashboard.tutors")} value={format.number(counts.tutors)} to="/admin/users?role=tutor" />
        <Stat label={t("admin.dashboard.residents")} value={format.number(counts.residents)} to="/admin/users?role=resident" />
        <Stat label={t("admin.dashboard.presentToday")} value={format.number(counts.presentToday)} />
      </StatGrid>

      <BrokenRotations broken={broken} />

      <AgreementAttention attention={agreements} />

      <Card id="awaiting" title={t("admin.dashboard.awaitingPassword")}>
        {awaitingPassword.length === 0 ? (
          <p className="text-slate-600">{t("admin.dashboard.noneAwaiting")}</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {awaitingPassword.map((user) => (
              <li key={user.id} className="flex flex-wrap justify-between gap-2 py-2">
                <Link to={`/admin/users/${user.id}`} className="text-blue-800 underline">
                  {user.name}
                </Link>
                <span className="text-sm text-slate-600">{t("admin.dashboard.createdOn", { date: format.date(user.createdAt) })}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card id="universities" title={t("admin.dashboard.universitiesTitle")}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("admin.dashboard.universitiesTitle")}</caption>
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-2">
                  {t("admin.dashboard.university")}
                </th>
                <th scope="col" className="py-2">
                  {t("admin.dashboard.city")}
                </th>
                <th scope="col" className="py-2 text-right">
                  {t("admin.dashboard.programmes")}
                </th>
              </tr>
            </thead>
            <tbody>
              {universities.map((u) => (
                <tr key={u.id} className="border-b border-slate-100">
                  <td className="py-2">{u.name}</td>
                  <td className="py-2">{u.city}</td>
                  <td className="py-2 text-right">{format.number(u.programmes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <AllLink to="/admin/universities" label={t("admin.dashboard.allUniversities", { count: counts.universities })} />
        </Card>
        <Card id="departments" title={t("admin.dashboard.departmentsTitle")}>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("admin.dashboard.departmentsTitle")}</caption>
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2">
                    {t("admin.dashboard.department")}
                  </th>
                  <th scope="col" className="py-2">
                    {t("admin.dashboard.head")}
                  </th>
                  <th scope="col" className="py-2 text-right">
                    {t("admin.dashboard.capacity")}
                  </th>
                  <th scope="col" className="py-2 text-right">
                    {t("admin.dashboard.tutors")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {departments.map((d) => (
                  <tr key={d.id} className="border-b border-slate-100">
                    <td className="py-2">{d.name}</td>
                    <td className="py-2">{d.head ?? "—"}</td>
                    <td className="py-2 text-right">{format.number(d.capacity)}</td>
                    <td className="py-2 text-right">{format.number(d.tutors)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <AllLink to="/admin/departments" label={t("admin.dashboard.allDepartments", { count: counts.departments })} />
        </Card>
      </div>
    </div>
  );
}

function AllLink({ to, label }: { to: string; label: string }) {
  return (
    <p className="mt-2 text-sm">
      <Link to={to} className="text-blue-800 underline">
        {label}
      </Link>
    </p>
  );
}
