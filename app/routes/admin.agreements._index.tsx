import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { AgreementStatusBadge } from "~/components/agreement-status";
import { EmptyList, ExportLink, FilterForm, ListTable, PlainHeader, SearchFilter, SelectFilter, SortHeader } from "~/components/list";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { AGREEMENT_STATUSES, FACILITY_ROLES } from "~/domain/agreement-status";
import { pageCount } from "~/domain/list-query";
import { useLocale } from "~/i18n/use-locale";
import { listAgreements } from "~/models/agreement.server";
import { agreementQuerySchema } from "~/schemas/agreement";
import { parseSearchParams } from "~/schemas/list-query";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "agreements.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const query = parseSearchParams(agreementQuerySchema, new URL(request.url));
  const result = await listAgreements(query);
  return { query, pages: pageCount(result.total), ...result };
}

export default function AgreementsList() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { query, total, pages, agreements, universities } = useLoaderData<typeof loader>();
  const sortProps = { current: query.sort, dir: query.dir };
  return (
    <div>
      <PageHeader
        title={t("agreements.title")}
        description={t("agreements.intro")}
        actions={
          <>
            <ExportLink href="/admin/agreements.csv" />
            <Link to="/admin/agreements/new" className="rounded bg-blue-800 px-4 py-2 text-white hover:bg-blue-900">
              {t("agreements.new")}
            </Link>
          </>
        }
      />
      <FilterForm label={t("agreements.searchLabel")}>
        <SearchFilter value={query.q} />
        <SelectFilter
          name="university"
          label={t("agreements.university")}
          value={query.university}
          allLabel={t("list.all")}
          options={universities.map((u) => ({ value: u.id, label: u.name }))}
        />
        <SelectFilter
          name="status"
          label={t("agreements.status")}
          value={query.status}
          allLabel={t("list.all")}
          options={AGREEMENT_STATUSES.map((s) => ({ value: s, label: t(`agreements.statuses.${s}`) }))}
        />
        <SelectFilter
          name="role"
          label={t("agreements.facilityRole")}
          value={query.role}
          allLabel={t("list.all")}
          options={FACILITY_ROLES.map((r) => ({ value: r, label: t(`agreements.roles.${r}`) }))}
        />
      </FilterForm>
      {agreements.length === 0 ? (
        <EmptyList />
      ) : (
        <ListTable
          caption={t("agreements.title")}
          head={
            <>
              <PlainHeader>{t("agreements.university")}</PlainHeader>
              <SortHeader column="startDate" {...sortProps}>
                {t("agreements.startDate")}
              </SortHeader>
              <SortHeader column="endDate" {...sortProps}>
                {t("agreements.endDate")}
              </SortHeader>
              <PlainHeader>{t("agreements.status")}</PlainHeader>
              <PlainHeader>{t("agreements.coverage")}</PlainHeader>
              <PlainHeader>{t("agreements.facilityRole")}</PlainHeader>
              <PlainHeader>{t("agreements.document")}</PlainHeader>
            </>
          }
        >
          {agreements.map((a) => (
            <tr key={a.id} className="border-t border-slate-100">
              <td className="px-3 py-2">
                <Link to={`/admin/agreements/${a.id}`} className="text-blue-800 underline">
                  {a.university.name}
                </Link>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{format.date(a.startDate)}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                {format.date(a.terminatedOn && a.terminatedOn < a.endDate ? a.terminatedOn : a.endDate)}
              </td>
              <td className="px-3 py-2">
                <AgreementStatusBadge status={a.status} />
              </td>
              <td className="px-3 py-2">
                {t("agreements.programmesCount", { count: a.programmes })} · {t("agreements.totalPosts", { count: a.posts })}
              </td>
              <td className="px-3 py-2">{t(`agreements.roles.${a.facilityRole as "collegata"}`)}</td>
              <td className="px-3 py-2">{a.documentId ? t("common.yes") : t("common.no")}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={query.page} pages={pages} total={total} />
    </div>
  );
}
