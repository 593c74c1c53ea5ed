import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { Card, PageHeader, Stat, StatGrid } from "~/components/page-header";
import { useTeachingTypeName } from "~/components/teaching-list";
import { hoursOf } from "~/domain/teaching";
import { useLocale } from "~/i18n/use-locale";
import { residentTeaching } from "~/models/teaching-report.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "resident" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.myTeaching");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "resident");
  // Only ever the signed-in resident's own teaching: the one parameter is which academic year to list.
  const year = Number(new URL(request.url).searchParams.get("year"));
  return { teaching: await residentTeaching(user.id, { year: Number.isInteger(year) ? year : null }) };
}

type Loaded = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["teaching"]>;
type Item = Loaded["attended"][number] | Loaded["upcoming"][number];

function SessionLine({ session, children }: { session: Item; children?: ReactNode }) {
  const { t } = useTranslation();
  const { format } = useLocale();
  const typeLabel = useTeachingTypeName();
  return (
    <li className="py-3">
      <p className="font-medium">{session.title}</p>
      <p className="text-sm text-slate-700">
        {typeLabel(session.type)} · <time dateTime={format.iso(session.date)}>{format.date(session.date)}</time>, {session.startTime} ·{" "}
        {t("teachingReport.minutes", { minutes: session.durationMinutes })}
      </p>
      {session.tutors.length > 0 ? (
        <p className="text-sm">
          {t(session.tutors.length === 1 ? "teachingReport.tutor" : "teachingReport.tutors", { names: session.tutors.join(", ") })}
        </p>
      ) : null}
      {children}
    </li>
  );
}

function SessionList({ id, title, items, empty }: { id: string; title: string; items: Item[]; empty: string }) {
  return (
    <Card id={id} title={title}>
      {items.length === 0 ? (
        <p className="text-slate-600">{empty}</p>
      ) : (
        <ul className="divide-y divide-slate-200">
          {items.map((s) => (
            <SessionLine key={s.id} session={s} />
          ))}
        </ul>
      )}
    </Card>
  );
}

export default function MyTeaching() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { teaching } = useLoaderData<typeof loader>();
  if (!teaching) {
    return (
      <div>
        <PageHeader title={t("teachingReport.me.title")} description={t("teachingReport.me.intro")} />
        <p className="rounded border border-slate-200 bg-white p-4">{t("teachingReport.me.noRecord")}</p>
      </div>
    );
  }
  const { summary, shown, attended, missed, excused, upcoming } = teaching;
  const { current } = summary;
  const hours = (minutes: number) => t("teachingReport.hours", { hours: format.number(hoursOf(minutes)) });
  const firstDay = format.dayMonth(current.year.start);
  return (
    <div className="space-y-6">
      <PageHeader title={t("teachingReport.me.title")} description={t("teachingReport.me.intro")} />
      <StatGrid label={t("teachingReport.me.figures")}>
        <Stat label={t("teachingReport.me.thisYear", { year: current.year.label })} value={hours(current.minutesAttended)} />
        <Stat label={t("teachingReport.me.attended")} value={format.number(current.attended)} />
        <Stat label={t("teachingReport.me.missed")} value={format.number(current.missed)} />
        <Stat label={t("teachingReport.me.excused")} value={format.number(current.excused)} />
      </StatGrid>

      <Card id="teaching-years" title={t("teachingReport.me.yearsTitle")}>
        <p className="mb-3 text-sm text-slate-700">{t("teachingReport.me.yearsIntro", { day: firstDay })}</p>
        <ul aria-label={t("teachingReport.me.yearsCaption")} className="divide-y divide-slate-200">
          {summary.years.map((y) => {
            const isShown = y.year.startYear === shown.startYear;
            return (
              <li key={y.year.startYear} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-3">
                <div>
                  <p className="font-medium">
                    {t("teachingReport.me.year")} {y.year.label}
                    {y.year.startYear === current.year.startYear ? (
                      <span className="ml-2 rounded bg-blue-100 px-2 py-0.5 text-xs text-blue-900">{t("teachingReport.me.current")}</span>
                    ) : null}
                  </p>
                  <p className="text-sm text-slate-700">
                    <span className="font-semibold text-slate-900">{hours(y.minutesAttended)}</span> · {t("teachingReport.me.attended")}{" "}
                    {format.number(y.attended)} · {t("teachingReport.me.missed")} {format.number(y.missed)} ·{" "}
                    {t("teachingReport.me.excused")} {format.number(y.excused)}
                  </p>
                </div>
                {isShown ? (
                  <span className="text-sm text-slate-600">{t("teachingReport.me.shown")}</span>
                ) : (
                  <Link to={`?year=${y.year.startYear}`} className="text-sm text-blue-800 underline">
                    {t("teachingReport.me.showYear", { year: y.year.label })}
                  </Link>
                )}
              </li>
            );
          })}
        </ul>
      </Card>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <SessionList
          id="teaching-attended"
          title={t("teachingReport.me.attendedTitle", { year: shown.label })}
          items={attended}
          empty={t("teachingReport.me.noneAttended")}
        />
        <SessionList
          id="teaching-missed"
          title={t("teachingReport.me.missedTitle", { year: shown.label })}
          items={missed}
          empty={t("teachingReport.me.noneMissed")}
        />
      </div>
      <SessionList
        id="teaching-excused"
        title={t("teachingReport.me.excusedTitle", { year: shown.label })}
        items={excused}
        empty={t("teachingReport.me.noneExcused")}
      />

      <Card id="teaching-upcoming" title={t("teachingReport.me.upcomingTitle")}>
        <p className="mb-2 text-sm text-slate-700">{t("teachingReport.me.upcomingIntro")}</p>
        {upcoming.length === 0 ? (
          <p className="text-slate-600">{t("teachingReport.me.noUpcoming")}</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {upcoming.map((s) => (
              <SessionLine key={s.id} session={s}>
                {s.place ? <p className="text-sm">{t("teachingReport.me.place", { place: s.place })}</p> : null}
                {s.link ? (
                  <p className="text-sm">
                    <a href={s.link} rel="noopener noreferrer" className="break-all text-blue-800 underline">
                      {t("teachingReport.me.join")}
                      <span className="sr-only"> ({s.title})</span>
                    </a>
                  </p>
                ) : null}
              </SessionLine>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
