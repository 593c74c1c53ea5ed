import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import {
  ArchiveFilter,
  EmptyList,
  ExportLink,
  FilterForm,
  ListTable,
  PlainHeader,
  SearchFilter,
  SelectFilter,
  SortHeader,
} from "~/components/list";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { ArchivedBadge } from "~/components/record-actions";
import { pageCount } from "~/domain/list-query";
import { SPECIALTIES, specialtyName } from "~/domain/specialties";
import { useLocale } from "~/i18n/use-locale";
import { listProgrammes } from "~/models/programme.server";
import { parseSearchParams } from "~/schemas/list-query";
import { programmeQuerySchema } from "~/schemas/programme";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "programmes.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const query = parseSearchParams(programmeQuerySchema, new URL(request.url));
  const result = await listProgrammes(query);
  return { query, pages: pageCount(result.total), ...result };
}

export default function ProgrammesList() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { query, total, pages, programmes, universities } = useLoaderData<typeof loader>();
  const sortProps = { current: query.sort, dir: query.dir };
  return (
    <div>
      <PageHeader
        title={t("programmes.title")}
        description={t("programmes.intro")}
        actions={
          <>
            <ExportLink href="/admin/programmes.csv" />
            <Link to="/admin/programmes/new" className="rounded bg-blue-800 px-4 py-2 text-white hover:bg-blue-900">
              {t("programmes.new")}
            </Link>
          </>
        }
      />
      <FilterForm label={t("programmes.searchLabel")}>
        <SearchFilter value={query.q} />
        <SelectFilter
          name="university"
          label={t("programmes.university")}
          value={query.university}
          allLabel={t("list.all")}
          options={universities.map((u) => ({ value: u.id, label: u.name }))}
        />
        <SelectFilter
          name="specialty"
          label={t("programmes.specialty")}
          value={query.specialty}
          allLabel={t("list.all")}
          options={SPECIALTIES.map((s) => ({ value: s.code, label: s[locale] })).sort((a, b) => a.label.localeCompare(b.label, locale))}
        />
        <ArchiveFilter value={query.status} label={t("programmes.status")} />
      </FilterForm>
      {programmes.length === 0 ? (
        <EmptyList />
      ) : (
        <ListTable
          caption={t("programmes.title")}
          head={
            <>
              <SortHeader column="specialty" {...sortProps}>
                {t("programmes.specialty")}
              </SortHeader>
              <SortHeader column="university" {...sortProps}>
                {t("programmes.university")}
              </SortHeader>
              <PlainHeader>{t("programmes.directorName")}</PlainHeader>
              <PlainHeader align="right">{t("programmes.durationYears")}</PlainHeader>
              <PlainHeader align="right">{t("programmes.residents")}</PlainHeader>
              <PlainHeader align="right">{t("programmes.agreements")}</PlainHeader>
            </>
          }
        >
          {programmes.map((p) => (
            <tr key={p.id} className="border-t border-slate-100">
              <td className="px-3 py-2">
                <Link to={`/admin/programmes/${p.id}`} className="text-blue-800 underline">
                  {specialtyName(p.specialtyCode, locale)}
                </Link>{" "}
                <ArchivedBadge archived={Boolean(p.archivedAt)} />
              </td>
              <td className="px-3 py-2">{p.university.name}</td>
              <td className="px-3 py-2">{p.directorName}</td>
              <td className="px-3 py-2 text-right">{format.number(p.durationYears)}</td>
              <td className="px-3 py-2 text-right">{format.number(p.residents)}</td>
              <td className="px-3 py-2 text-right">{format.number(p.agreements)}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={query.page} pages={pages} total={total} />
    </div>
  );
}
