import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { RoleBadges } from "~/components/role-badges";
import { listQuerySchema, pageCount, parseSearchParams } from "~/domain/list-query";
import { ROLES } from "~/domain/roles";
import { useLocale } from "~/i18n/use-locale";
import { listUsers, USER_SORTS } from "~/models/user.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.users.title");

const querySchema = listQuerySchema(USER_SORTS).extend({
  role: z.enum(ROLES).or(z.literal("")).catch(""),
  status: z.enum(["active", "inactive", "all"]).catch("active"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const query = parseSearchParams(querySchema, new URL(request.url));
  const { total, users } = await listUsers(query);
  return { query, total, pages: pageCount(total), users };
}

export default function UsersList() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { query, total, pages, users } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const sortLink = (sort: (typeof USER_SORTS)[number]) => {
    const params = new URLSearchParams(searchParams);
    params.set("sort", sort);
    params.set("dir", query.sort === sort && query.dir === "asc" ? "desc" : "asc");
    params.delete("page");
    return `?${params}`;
  };
  const ariaSort = (sort: string) => (query.sort === sort ? (query.dir === "asc" ? "ascending" : "descending") : undefined);

  return (
    <div>
      <PageHeader
        title={t("admin.users.title")}
        actions={
          <Link to="/admin/users/new" className="rounded bg-blue-800 px-4 py-2 text-white hover:bg-blue-900">
            {t("admin.users.new")}
          </Link>
        }
      />
      <Form method="get" role="search" aria-label={t("admin.users.searchLabel")} className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-col">
          <label htmlFor="q" className="text-sm font-medium">{t("list.search")}</label>
          <input id="q" name="q" type="search" defaultValue={query.q} className="mt-1 rounded border border-slate-400 px-3 py-2" />
        </div>
        <div className="flex flex-col">
          <label htmlFor="role" className="text-sm font-medium">{t("admin.users.role")}</label>
          <select id="role" name="role" defaultValue={query.role} className="mt-1 rounded border border-slate-400 px-3 py-2">
            <option value="">{t("list.all")}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>{t(`roles.${role}`)}</option>
            ))}
          </select>
        </div>
        <div className="flex flex-col">
          <label htmlFor="status" className="text-sm font-medium">{t("admin.users.status")}</label>
          <select id="status" name="status" defaultValue={query.status} className="mt-1 rounded border border-slate-400 px-3 py-2">
            <option value="active">{t("admin.users.statusActive")}</option>
            <option value="inactive">{t("admin.users.statusInactive")}</option>
            <option value="all">{t("list.all")}</option>
          </select>
        </div>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <button type="submit" className="rounded bg-slate-800 px-4 py-2 text-white hover:bg-slate-700">{t("list.apply")}</button>
      </Form>

      {users.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4">{t("list.noResults")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("admin.users.title")}</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" aria-sort={ariaSort("name")} className="px-3 py-2">
                  <Link to={sortLink("name")} className="underline">{t("admin.users.name")}</Link>
                </th>
                <th scope="col" aria-sort={ariaSort("email")} className="px-3 py-2">
                  <Link to={sortLink("email")} className="underline">{t("admin.users.email")}</Link>
                </th>
                <th scope="col" className="px-3 py-2">{t("admin.users.roles")}</th>
                <th scope="col" className="px-3 py-2">{t("admin.users.status")}</th>
                <th scope="col" aria-sort={ariaSort("createdAt")} className="px-3 py-2">
                  <Link to={sortLink("createdAt")} className="underline">{t("admin.users.createdAt")}</Link>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id} className="border-t border-slate-100">
                  <td className="px-3 py-2">
                    <Link to={`/admin/users/${user.id}`} className="text-blue-800 underline">{user.name}</Link>
                  </td>
                  <td className="px-3 py-2 break-all">{user.email}</td>
                  <td className="px-3 py-2"><RoleBadges roles={user.roles} /></td>
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
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={query.page} pages={pages} total={total} />
    </div>
  );
}
