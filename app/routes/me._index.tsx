import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TrainingCalendarCard } from "~/components/progression";
import { myCalendar } from "~/models/progression.server";
import { requireRole } from "~/auth/guards.server";
import { Card, PageHeader } from "~/components/page-header";
import { specialtyName } from "~/domain/specialties";
import { hoursOf } from "~/domain/teaching";
import { useLocale } from "~/i18n/use-locale";
import { residentDashboard } from "~/models/dashboard.server";
import { teachingThisYear } from "~/models/teaching-report.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "resident" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "me.dashboard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "resident");
  // Always the signed-in person's own record: there is no id to change in the URL.
  const [record, teaching, calendar] = await Promise.all([residentDashboard(user.id), teachingThisYear(user.id), myCalendar(user.id)]);
  return { name: user.name, record, teaching, calendar, today: new Date() };
}

export default function ResidentHome() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { name, record, teaching, calendar, today } = useLoaderData<typeof loader>();
  if (!record) {
    return (
      <div>
        <PageHeader title={t("me.dashboard.title")} description={t("me.dashboard.welcome", { name })} />
        <p className="rounded border border-slate-200 bg-white p-4">{t("me.dashboard.noRecord")}</p>
      </div>
    );
  }
  const insuranceExpired = record.insuranceExpiry !== null && record.insuranceExpiry < today;
  return (
    <div className="space-y-6">
      <PageHeader title={t("me.dashboard.title")} description={t("me.dashboard.welcome", { name })} />
      {teaching ? (
        <p id="teaching-this-year" className="rounded-lg border border-slate-200 bg-white p-4">
          <Link to="/me/teaching" className="font-medium text-blue-800 underline">
            {t("teachingReport.me.home", { year: teaching.label, hours: format.number(hoursOf(teaching.minutes)) })}
          </Link>
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
        <Card id="programme" title={t("me.dashboard.programmeTitle")}>
          <dl className="space-y-2 text-sm">
            <div>
              <dt className="text-slate-600">{t("me.dashboard.programme")}</dt>
              <dd className="font-medium">{specialtyName(record.programme.specialtyCode, locale)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("me.dashboard.university")}</dt>
              <dd className="font-medium">{record.programme.university.name}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("me.dashboard.year")}</dt>
              <dd className="font-medium">
                {t("tutor.dashboard.yearOf", { year: record.yearOfTraining, of: record.programme.durationYears })}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("me.dashboard.studentNumber")}</dt>
              <dd className="font-medium">{record.studentNumber}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("me.dashboard.director")}</dt>
              <dd className="font-medium">
                {record.programme.directorName} ·{" "}
                <a href={`mailto:${record.programme.directorEmail}`} className="break-all text-blue-800 underline">
                  {record.programme.directorEmail}
                </a>
              </dd>
            </div>
          </dl>
        </Card>
        <Card id="stay" title={t("me.dashboard.stayTitle")}>
          <dl className="space-y-2 text-sm">
            <div>
              <dt className="text-slate-600">{t("me.dashboard.stay")}</dt>
              <dd className="font-medium">
                {format.date(record.stayStart)} – {format.date(record.stayEnd)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("me.dashboard.tutor")}</dt>
              <dd className="font-medium">
                {record.tutor ? (
                  <>
                    {record.tutor.name} ·{" "}
                    <a href={`mailto:${record.tutor.email}`} className="break-all text-blue-800 underline">
                      {record.tutor.email}
                    </a>
                  </>
                ) : (
                  t("me.dashboard.noTutor")
                )}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("me.dashboard.insurance")}</dt>
              <dd className="font-medium">
                {record.insurancePolicy
                  ? t("me.dashboard.insuranceDetails", {
                      policy: record.insurancePolicy,
                      date: record.insuranceExpiry ? format.date(record.insuranceExpiry) : "—",
                    })
                  : t("me.dashboard.noInsurance")}
                {insuranceExpired ? (
                  <span className="ml-2 rounded bg-red-100 px-2 py-0.5 text-xs text-red-900">{t("me.dashboard.expired")}</span>
                ) : null}
              </dd>
            </div>
          </dl>
        </Card>
      </div>
      {calendar ? <TrainingCalendarCard view={calendar} /> : null}
    </div>
  );
}
