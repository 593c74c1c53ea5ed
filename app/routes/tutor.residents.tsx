import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { ListTable, PlainHeader } from "~/components/list";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { RotationStatusBadge } from "~/components/rotation-status";
import { pageCount } from "~/domain/list-query";
import { specialtyName } from "~/domain/specialties";
import { useLocale } from "~/i18n/use-locale";
import { residentsInCare } from "~/models/rotation.server";
import { pageOf } from "~/schemas/list-query";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "tutor" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.residentsInCare");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "tutor");
  const page = pageOf(new URL(request.url).searchParams);
  const { total, rotations } = await residentsInCare(user.id, { page });
  return { page, pages: pageCount(total), total, rotations };
}

/** Residents rotating now or in the next 60 days in the tutor's departments or under their supervision. */
export default function TutorResidents() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { rotations, page, pages, total } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={t("tutor.residents.title")} description={t("tutor.residents.intro")} />
      {rotations.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4">{t("tutor.residents.none")}</p>
      ) : (
        <ListTable
          caption={t("tutor.residents.title")}
          head={
            <>
              <PlainHeader>{t("rotations.resident")}</PlainHeader>
              <PlainHeader>{t("tutor.dashboard.programme")}</PlainHeader>
              <PlainHeader>{t("rotations.department")}</PlainHeader>
              <PlainHeader>{t("rotations.period")}</PlainHeader>
              <PlainHeader>{t("rotations.status")}</PlainHeader>
            </>
          }
        >
          {rotations.map((r) => (
            <tr key={r.id} className="border-t border-slate-100">
              <td className="px-3 py-2">
                <span className="font-medium">{r.resident.user.name}</span>
                {r.mine ? (
                  <span className="ml-2 rounded bg-teal-100 px-2 py-0.5 text-xs text-teal-900">{t("tutor.residents.yours")}</span>
                ) : null}
                {r.awayToday ? (
                  <span className="mt-1 block w-fit rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-950">
                    {t("tutor.residents.awayToday", { end: format.date(r.awayToday.end) })}
                  </span>
                ) : null}
                <a href={`mailto:${r.resident.user.email}`} className="block break-all text-sm text-blue-800 underline">
                  {r.resident.user.email}
                </a>
                <Link
                  to={`/tutor/residents/${r.resident.id}/progress`}
                  aria-label={t("logbookProgress.linkOf", { name: r.resident.user.name })}
                  className="block text-sm text-blue-800 underline"
                >
                  {t("logbookProgress.link")}
                </Link>
              </td>
              <td className="px-3 py-2">
                {specialtyName(r.resident.programme.specialtyCode, locale)} ·{" "}
                {t("tutor.residents.year", { year: r.resident.yearOfTraining })}
                <span className="block text-xs text-slate-600">{r.resident.programme.university.name}</span>
              </td>
              <td className="px-3 py-2">{r.department.name}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                {format.date(r.startDate)} – {format.date(r.endDate)}
              </td>
              <td className="px-3 py-2">
                <RotationStatusBadge status={r.status} />
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={page} pages={pages} total={total} />
    </div>
  );
}
