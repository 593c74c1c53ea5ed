import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { ExportLink, FilterForm, ListTable, PlainHeader, SelectFilter, SortHeader } from "~/components/list";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { hospitalToday } from "~/domain/dates";
import { pageCount } from "~/domain/list-query";
import { specialtyName } from "~/domain/specialties";
import { useLocale } from "~/i18n/use-locale";
import { programmeProgress } from "~/models/logbook-progress.server";
import { parseSearchParams } from "~/schemas/list-query";
import { programmeProgressQuerySchema } from "~/schemas/logbook-progress";
import { pageTitle } from "~/utils/meta";
import { refusalPage } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "logbookProgress.programme.link");

/** A programme's residents behind schedule in their logbook (or all of them), sortable, one page at a time. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const query = parseSearchParams(programmeProgressQuerySchema, new URL(request.url));
  const result = await programmeProgress(params.programmeId ?? "", hospitalToday(), query).catch(refusalPage);
  return { query, pages: pageCount(result.total), ...result };
}

export default function ProgrammeProgress() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { query, pages, total, residents, rows, programme, year, catalogue } = useLoaderData<typeof loader>();
  const sortProps = { current: query.sort, dir: query.dir };
  const name = specialtyName(programme.specialtyCode, locale);
  const day = (iso: string) => format.date(`${iso}T12:00:00.000Z`);
  return (
    <div>
      <PageHeader
        title={t("logbookProgress.programme.title", { programme: name })}
        description={
          <>
            <p>{programme.university.name}</p>
            <p className="mt-1 text-sm">{t("logbookProgress.programme.intro")}</p>
            <p className="mt-1 text-sm">
              {catalogue
                ? t("logbookProgress.catalogue", { version: catalogue.version, from: day(catalogue.validFrom) })
                : t("logbookProgress.noCatalogue")}{" "}
              {day(year.start)} – {day(year.end)}
            </p>
          </>
        }
        actions={
          <>
            <ExportLink href={`/admin/programmes/${programme.id}/progress.csv`} />
            <Link to={`/admin/programmes/${programme.id}`} className="rounded border border-slate-400 px-4 py-2 hover:bg-slate-100">
              {t("logbookProgress.programme.back")}
            </Link>
          </>
        }
      />
      <FilterForm label={t("logbookProgress.programme.link")}>
        <SelectFilter
          name="show"
          label={t("logbookProgress.programme.show")}
          value={query.show}
          options={[
            { value: "behind", label: t("logbookProgress.programme.showBehind") },
            { value: "all", label: t("logbookProgress.programme.showAll") },
          ]}
        />
      </FilterForm>
      {rows.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4">
          {residents === 0 ? t("logbookProgress.programme.none") : t("logbookProgress.programme.noneBehind")}
        </p>
      ) : (
        <ListTable
          caption={t("logbookProgress.programme.title", { programme: name })}
          head={
            <>
              <SortHeader column="name" {...sortProps}>
                {t("logbookProgress.programme.resident")}
              </SortHeader>
              <PlainHeader align="right">{t("logbookProgress.programme.yearOfTraining")}</PlainHeader>
              <SortHeader column="reached" {...sortProps}>
                {t("logbookProgress.programme.reached")}
              </SortHeader>
              <SortHeader column="behind" {...sortProps}>
                {t("logbookProgress.programme.behind")}
              </SortHeader>
            </>
          }
        >
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-slate-100">
              <td className="px-3 py-2">
                <Link to={`/admin/residents/${r.id}/logbook`} className="text-blue-800 underline">
                  {r.name}
                </Link>
              </td>
              <td className="px-3 py-2 text-right">{format.number(r.yearOfTraining)}</td>
              <td className="px-3 py-2">{format.percent(r.reached)}</td>
              <td className="px-3 py-2">{format.number(r.behindCount)}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={query.page} pages={pages} total={total} />
    </div>
  );
}
