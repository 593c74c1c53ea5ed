import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { LinkButton } from "~/components/link-button";
import { EmptyList, PlainHeader, ScrollRegion } from "~/components/list";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { toIsoDate } from "~/domain/dates";
import { pageCount } from "~/domain/list-query";
import { useTeachingTypeName } from "~/components/teaching-list";
import { hoursOf } from "~/domain/teaching";
import { NO_DEPARTMENT, type ReportRow } from "~/domain/teaching-report";
import { localeOf } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { readReportQuery, readSessionsQuery, sessionsBehind } from "~/models/teaching-report.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "teachingReport.sessions.title");

/**
 * The sessions behind one figure of the teaching report: the report's period and grouping, the
 * group's id and the figure (delivered, or attended by the group's residents) all in the URL.
 * Without a group, every delivered session of the period.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const url = new URL(request.url);
  const [query, behind] = [await readReportQuery(url), readSessionsQuery(url)];
  if (!query.ok) return data({ ...query, ...behind, period: null, result: null, pages: 1 }, { status: 400 });
  const result = await sessionsBehind(
    { period: query.period, by: query.by, id: behind.id, figure: behind.figure, page: behind.page },
    localeOf(request, admin),
  );
  return data({ ...query, ...behind, errors: null, result, pages: pageCount(result.total) });
}

export default function SessionsBehind() {
  const { t } = useTranslation();
  const typeLabel = useTeachingTypeName();
  const { format } = useLocale();
  const { by, figure, page, period, result, pages } = useLoaderData<typeof loader>();
  const reportHref = period
    ? `/admin/reports/teaching?${new URLSearchParams({ from: toIsoDate(new Date(period.from)), to: toIsoDate(new Date(period.to)), by })}`
    : "/admin/reports/teaching";
  const back = (
    <LinkButton to={reportHref} white>
      {t("teachingReport.sessions.back")}
    </LinkButton>
  );
  if (!period || !result) {
    return (
      <div>
        <PageHeader title={t("teachingReport.sessions.title")} actions={back} />
        <p role="alert" className="rounded border-l-4 border-red-700 bg-red-50 p-3">
          {t("teachingReport.report.invalidPeriod")}
        </p>
      </div>
    );
  }
  const { group, summary, sessions, total } = result;
  const groupName = group
    ? (group.name ?? (group.id === NO_DEPARTMENT ? t("teachingReport.report.noDepartment") : t("teachingReport.report.removed")))
    : null;
  const title = groupName
    ? t("teachingReport.sessions.ofGroup", { group: t(`teachingReport.report.group.${by}`), name: groupName })
    : t("teachingReport.sessions.all");
  // A programme's or university's attendance counts its own residents, at whatever session: its two
  // figures stand on different sessions. A department's, a tutor's and the total's on the same ones.
  const split = Boolean(group) && (by === "programme" || by === "university");
  const showDelivered = !split || figure === "delivered";
  const showAttended = !split || figure === "attended";
  const hours = (minutes: number) => t("teachingReport.hours", { hours: format.number(hoursOf(minutes)) });
  const rate = (row: ReportRow) =>
    row.rate === null ? "—" : t("teachingReport.percent", { value: format.number(Math.round(row.rate * 100)) });
  const caption = t("teachingReport.sessions.caption", { from: format.date(period.from), to: format.date(period.to) });
  return (
    <div className="min-w-0 space-y-4">
      <PageHeader
        title={title}
        description={
          <>
            {group?.detail ? <span className="block">{group.detail}</span> : null}
            {t("teachingReport.report.period", { from: format.date(period.from), to: format.date(period.to) })}
            {split
              ? ` · ${figure === "delivered" ? t("teachingReport.sessions.figureDelivered") : t("teachingReport.sessions.figureAttended")}`
              : null}
          </>
        }
        actions={back}
      />
      <section aria-labelledby="figure-title" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="figure-title" className="text-lg font-semibold">
          {t("teachingReport.sessions.summary")}
        </h2>
        {summary ? (
          <dl className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4">
            {showDelivered ? (
              <>
                <div>
                  <dt className="text-sm text-slate-600">{t("teachingReport.report.sessions")}</dt>
                  <dd className="text-xl font-semibold">{format.number(summary.sessions)}</dd>
                </div>
                <div>
                  <dt className="text-sm text-slate-600">{t("teachingReport.report.hoursDelivered")}</dt>
                  <dd className="text-xl font-semibold">{hours(summary.minutesDelivered)}</dd>
                </div>
              </>
            ) : null}
            {showAttended ? (
              <>
                <div>
                  <dt className="text-sm text-slate-600">{t("teachingReport.report.hoursAttended")}</dt>
                  <dd className="text-xl font-semibold">{hours(summary.minutesAttended)}</dd>
                </div>
                <div>
                  <dt className="text-sm text-slate-600">{t("teachingReport.report.rate")}</dt>
                  <dd className="text-xl font-semibold">{rate(summary)}</dd>
                </div>
              </>
            ) : null}
          </dl>
        ) : (
          <p className="mt-2 text-slate-700">{t("teachingReport.sessions.noGroupRow")}</p>
        )}
        {split && figure === "attended" && groupName ? (
          <p className="mt-2 text-sm text-slate-700">{t("teachingReport.sessions.marksOfGroup", { name: groupName })}</p>
        ) : null}
      </section>
      {sessions.length === 0 ? (
        <EmptyList />
      ) : (
        // Nothing in the rows to focus: the frame itself takes the keyboard to scroll on a phone, and, being
        // positioned, keeps the screen-reader-only texts inside it (they would widen the page).
        <ScrollRegion label={caption} className="relative rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{caption}</caption>
            <thead className="bg-slate-100">
              <tr>
                <PlainHeader>{t("teachingReport.sessions.date")}</PlainHeader>
                <PlainHeader>{t("teachingReport.sessions.session")}</PlainHeader>
                <PlainHeader>{t("teachingReport.sessions.tutors")}</PlainHeader>
                <PlainHeader>{t("teachingReport.sessions.programmes")}</PlainHeader>
                <PlainHeader align="right">{t("teachingReport.sessions.attendance")}</PlainHeader>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-2 whitespace-nowrap">
                    <time dateTime={format.iso(s.date)}>{format.date(s.date)}</time>
                    <span className="block text-xs text-slate-600">
                      {s.startTime} · {t("teachingReport.minutes", { minutes: s.durationMinutes })}
                    </span>
                  </td>
                  <td className="px-3 py-2">
                    {s.title}
                    <span className="block text-xs text-slate-600">
                      {typeLabel(s.type)}
                      {s.department ? ` · ${s.department}` : null}
                    </span>
                  </td>
                  <td className="px-3 py-2">{s.tutors.join(", ")}</td>
                  <td className="px-3 py-2">
                    <ul>
                      {s.programmes.map((p) => (
                        <li key={p}>{p}</li>
                      ))}
                    </ul>
                  </td>
                  <td className="px-3 py-2 text-right whitespace-nowrap">
                    <span aria-hidden="true">{t("teachingReport.sessions.marks", s.marks)}</span>
                    <span className="sr-only">{t("teachingReport.sessions.marksLabel", s.marks)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pagination page={page} pages={pages} total={total} />
    </div>
  );
}
