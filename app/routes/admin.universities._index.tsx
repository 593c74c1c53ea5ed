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
import { useLocale } from "~/i18n/use-locale";
import { listUniversities } from "~/models/university.server";
import { parseSearchParams } from "~/schemas/list-query";
import { universityQuerySchema } from "~/schemas/university";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "universities.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const query = parseSearchParams(universityQuerySchema, new URL(request.url));
  const result = await listUniversities(query);
  return { query, pages: pageCount(result.total), ...result };
}

export default function UniversitiesList() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { query, total, pages, universities, cities } = useLoaderData<typeof loader>();
  const sortProps = { current: query.sort, dir: query.dir };
  return (
    <div>
      <PageHeader
        title={t("universities.title")}
        actions={
          <>
            <ExportLink href="/admin/universities.csv" />
            <Link to="/admin/universities/new" className="rounded bg-blue-800 px-4 py-2 text-white hover:bg-blue-900">
              {t("universities.new")}
            </Link>
          </>
        }
      />
      <FilterForm label={t("universities.searchLabel")}>
        <SearchFilter value={query.q} />
        <SelectFilter
          name="city"
          label={t("universities.city")}
          value={query.city}
          allLabel={t("list.all")}
          options={cities.map((c) => ({ value: c, label: c }))}
        />
        <ArchiveFilter value={query.status} label={t("universities.status")} />
      </FilterForm>
      {universities.length === 0 ? (
        <EmptyList />
      ) : (
        <ListTable
          caption={t("universities.title")}
          head={
            <>
              <SortHeader column="name" {...sortProps}>
                {t("universities.name")}
              </SortHeader>
              <SortHeader column="city" {...sortProps}>
                {t("universities.city")}
              </SortHeader>
              <PlainHeader align="right">{t("universities.programmes")}</PlainHeader>
              <PlainHeader align="right">{t("universities.agreements")}</PlainHeader>
              <SortHeader column="updatedAt" {...sortProps}>
                {t("records.updatedAt")}
              </SortHeader>
            </>
          }
        >
          {universities.map((u) => (
            <tr key={u.id} className="border-t border-slate-100">
              <td className="px-3 py-2">
                <Link to={`/admin/universities/${u.id}`} className="text-blue-800 underline">
                  {u.name}
                </Link>
                {u.shortName ? <span className="ml-1 text-slate-600">({u.shortName})</span> : null}{" "}
                <ArchivedBadge archived={Boolean(u.archivedAt)} />
              </td>
              <td className="px-3 py-2">{u.city}</td>
              <td className="px-3 py-2 text-right">{format.number(u.programmes)}</td>
              <td className="px-3 py-2 text-right">{format.number(u.agreements)}</td>
              <td className="px-3 py-2">{format.date(u.updatedAt)}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={query.page} pages={pages} total={total} />
    </div>
  );
}
