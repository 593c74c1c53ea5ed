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
import { listDepartments } from "~/models/department.server";
import { departmentQuerySchema } from "~/schemas/department";
import { parseSearchParams } from "~/schemas/list-query";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "departments.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const query = parseSearchParams(departmentQuerySchema, new URL(request.url));
  const result = await listDepartments(query);
  return { query, pages: pageCount(result.total), ...result };
}

export default function DepartmentsList() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { query, total, pages, departments } = useLoaderData<typeof loader>();
  const sortProps = { current: query.sort, dir: query.dir };
  return (
    <div>
      <PageHeader
        title={t("departments.title")}
        description={t("departments.intro")}
        actions={
          <>
            <ExportLink href="/admin/departments.csv" />
            <Link to="/admin/departments/new" className="rounded bg-blue-800 px-4 py-2 text-white hover:bg-blue-900">
              {t("departments.new")}
            </Link>
          </>
        }
      />
      <FilterForm label={t("departments.searchLabel")}>
        <SearchFilter value={query.q} />
        <SelectFilter
          name="staff"
          label={t("departments.staff")}
          value={query.staff}
          options={[
            { value: "any", label: t("departments.staffAny") },
            { value: "none", label: t("departments.staffNone") },
          ]}
        />
        <ArchiveFilter value={query.status} label={t("departments.status")} />
      </FilterForm>
      {departments.length === 0 ? (
        <EmptyList />
      ) : (
        <ListTable
          caption={t("departments.title")}
          head={
            <>
              <SortHeader column="name" {...sortProps}>
                {t("departments.name")}
              </SortHeader>
              <PlainHeader>{t("departments.head")}</PlainHeader>
              <SortHeader column="capacity" {...sortProps}>
                {t("departments.capacity")}
              </SortHeader>
              <PlainHeader align="right">{t("departments.tutors")}</PlainHeader>
            </>
          }
        >
          {departments.map((d) => (
            <tr key={d.id} className="border-t border-slate-100">
              <td className="px-3 py-2">
                <Link to={`/admin/departments/${d.id}`} className="text-blue-800 underline">
                  {d.name}
                </Link>{" "}
                <ArchivedBadge archived={Boolean(d.archivedAt)} />
              </td>
              <td className="px-3 py-2">{d.head?.name ?? "—"}</td>
              <td className="px-3 py-2">{format.number(d.capacity)}</td>
              <td className="px-3 py-2 text-right">{format.number(d.tutors.length)}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={query.page} pages={pages} total={total} />
    </div>
  );
}
