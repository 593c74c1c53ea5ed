import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { EmptyList, ExportLink, FilterForm, ListTable, PlainHeader, SearchFilter, SelectFilter, SortHeader } from "~/components/list";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { RoleBadges } from "~/components/role-badges";
import { pageCount } from "~/domain/list-query";
import { ROLES } from "~/domain/roles";
import { useLocale } from "~/i18n/use-locale";
import { listUsers } from "~/models/user.server";
import { parseSearchParams } from "~/schemas/list-query";
import { userQuerySchema } from "~/schemas/user";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.users.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const query = parseSearchParams(userQuerySchema, new URL(request.url));
  const { total, users } = await listUsers(query);
  return { query, total, pages: pageCount(total), users };
}

export default function UsersList() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { query, total, pages, users } = useLoaderData<typeof loader>();
  const sortProps = { current: query.sort, dir: query.dir };

  return (
    <div>
      <PageHeader
        title={t("admin.users.title")}
        actions={
          <>
            <ExportLink href="/admin/users.csv" />
            <Link to="/admin/users/new" className="rounded bg-blue-800 px-4 py-2 text-white hover:bg-blue-900">
              {t("admin.users.new")}
            </Link>
          </>
        }
      />
      <FilterForm label={t("admin.users.searchLabel")}>
        <SearchFilter value={query.q} />
        <SelectFilter
          name="role"
          label={t("admin.users.role")}
          value={query.role}
          allLabel={t("list.all")}
          options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        />
        <SelectFilter
          name="status"
          label={t("admin.users.status")}
          value={query.status}
          options={[
            { value: "active", label: t("admin.users.statusActive") },
            { value: "inactive", label: t("admin.users.statusInactive") },
            { value: "all", label: t("list.all") },
          ]}
        />
      </FilterForm>

      {users.length === 0 ? (
        <EmptyList />
      ) : (
        <ListTable
          caption={t("admin.users.title")}
          head={
            <>
              <SortHeader column="name" {...sortProps}>
                {t("admin.users.name")}
              </SortHeader>
              <SortHeader column="email" {...sortProps}>
                {t("admin.users.email")}
              </SortHeader>
              <PlainHeader>{t("admin.users.roles")}</PlainHeader>
              <PlainHeader>{t("admin.users.status")}</PlainHeader>
              <SortHeader column="createdAt" {...sortProps}>
                {t("admin.users.createdAt")}
              </SortHeader>
            </>
          }
        >
          {users.map((user) => (
            <tr key={user.id} className="border-t border-slate-100">
              <td className="px-3 py-2">
                <Link to={`/admin/users/${user.id}`} className="text-blue-800 underline">
                  {user.name}
                </Link>
              </td>
              <td className="px-3 py-2 break-all">{user.email}</td>
              <td className="px-3 py-2">
                <RoleBadges roles={user.roles} />
              </td>
              <td className="px-3 py-2">
                {!user.active
                  ? t("admin.users.statusInactive")
                  : user.hasPassword
                    ? t("admin.users.statusActive")
                    : t("admin.users.statusAwaiting")}
              </td>
              <td className="px-3 py-2">{format.date(user.createdAt)}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={query.page} pages={pages} total={total} />
    </div>
  );
}
