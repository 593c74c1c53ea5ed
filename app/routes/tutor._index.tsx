import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { Card, PageHeader, Stat, StatGrid } from "~/components/page-header";
import { specialtyName } from "~/domain/specialties";
import { useLocale } from "~/i18n/use-locale";
import { tutorDashboard } from "~/models/dashboard.server";
import { pendingCount } from "~/models/logbook-review.server";
import { evaluationsToFill } from "~/models/tutor-evaluation.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "tutor" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "tutor.dashboard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "tutor");
  const [dashboard, toCertify, toEvaluate] = await Promise.all([
    tutorDashboard(user.id),
    pendingCount(user.id),
    evaluationsToFill(user.id),
  ]);
  const evaluations = { waiting: toEvaluate.length, overdue: toEvaluate.filter((row) => row.state === "overdue").length };
  return { name: user.name, toCertify, evaluations, ...dashboard };
}

/** Work waiting for the tutor elsewhere in the portal, with the way there. */
function Waiting({ text, to, link }: { text: string; to: string; link: string }) {
  return (
    <p className="rounded border-l-4 border-blue-800 bg-blue-50 p-3">
      {text.trim()}{" "}
      <Link to={to} className="font-medium text-blue-800 underline">
        {link}
      </Link>
    </p>
  );
}

export default function TutorDashboard() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { name, departments, tutees, toCertify, evaluations } = useLoaderData<typeof loader>();
  const present = tutees.filter((r) => r.present);
  const upcoming = tutees.filter((r) => r.upcoming);
  return (
    <div className="space-y-6">
      <PageHeader title={t("tutor.dashboard.title")} description={t("tutor.dashboard.welcome", { name })} />
      <StatGrid label={t("tutor.dashboard.figures")}>
        <Stat label={t("tutor.dashboard.departments")} value={format.number(departments.length)} />
        <Stat label={t("tutor.dashboard.residentsPresent")} value={format.number(present.length)} />
        <Stat label={t("tutor.dashboard.residentsUpcoming")} value={format.number(upcoming.length)} />
      </StatGrid>
      {toCertify > 0 ? (
        <Waiting text={t("logbookReview.waiting", { count: toCertify })} to="/tutor/logbook" link={t("logbookReview.openQueue")} />
      ) : null}
      {evaluations.waiting > 0 ? (
        <Waiting
          text={[
            t("tutorEvaluations.waiting", { count: evaluations.waiting }),
            evaluations.overdue > 0 ? t("tutorEvaluations.overdueAmong", { count: evaluations.overdue }) : "",
          ].join(" ")}
          to="/tutor/evaluations"
          link={t("tutorEvaluations.openList")}
        />
      ) : null}

      <Card id="tutees" title={t("tutor.dashboard.residentsTitle")}>
        {tutees.length === 0 ? (
          <p className="text-slate-600">{t("tutor.dashboard.noResidents")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("tutor.dashboard.residentsTitle")}</caption>
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2 pr-3">
                    {t("tutor.dashboard.resident")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("tutor.dashboard.programme")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("tutor.dashboard.year")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("tutor.dashboard.stay")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {tutees.map((r) => (
                  <tr key={r.id} className="border-b border-slate-100">
                    <td className="py-2 pr-3">
                      <span className="font-medium">{r.user.name}</span>
                      <br />
                      <a href={`mailto:${r.user.email}`} className="break-all text-blue-800 underline">
                        {r.user.email}
                      </a>
                    </td>
                    <td className="py-2 pr-3">
                      {specialtyName(r.programme.specialtyCode, locale)}
                      <br />
                      <span className="text-slate-600">{r.programme.university.name}</span>
                    </td>
                    <td className="py-2 pr-3">{t("tutor.dashboard.yearOf", { year: r.yearOfTraining, of: r.programme.durationYears })}</td>
                    <td className="py-2 pr-3">
                      {format.date(r.stayStart)} – {format.date(r.stayEnd)}
                      {r.present ? (
                        <span className="ml-2 rounded bg-green-100 px-2 py-0.5 text-xs text-green-900">{t("tutor.dashboard.present")}</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <Card id="departments" title={t("tutor.dashboard.departmentsTitle")}>
        {departments.length === 0 ? (
          <p className="text-slate-600">{t("tutor.dashboard.noDepartments")}</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {departments.map((d) => (
              <li key={d.id} className="py-2">
                <p className="font-medium">{d.name}</p>
                <p className="text-sm text-slate-600">
                  {t("tutor.dashboard.departmentDetails", {
                    head: d.head?.name ?? "—",
                    capacity: d.capacity,
                    tutors: d.tutors,
                  })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
