import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { LinkButton } from "~/components/link-button";
import { EmptyList, FilterForm, ListTable, PlainHeader, SearchFilter, SelectFilter, SortHeader } from "~/components/list";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { RotationStatusBadge } from "~/components/rotation-status";
import { pageCount } from "~/domain/list-query";
import { specialtyName } from "~/domain/specialties";
import { useLocale } from "~/i18n/use-locale";
import { listRotations } from "~/models/rotation.server";
import { parseSearchParams } from "~/schemas/list-query";
import { rotationQuerySchema } from "~/schemas/rotation";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "rotations.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const query = parseSearchParams(rotationQuerySchema, new URL(request.url));
  const result = await listRotations(query);
  return { query, pages: pageCount(result.total), ...result };
}

export default function RotationsList() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { query, total, pages, rotations, departments } = useLoaderData<typeof loader>();
  const sortProps = { current: query.sort, dir: query.dir };
  return (
    <div>
      <PageHeader
        title={t("rotations.title")}
        description={t("rotations.intro")}
        actions={
          <>
            <LinkButton to="/admin/rotations/board" white>
              {t("board.open")}
            </LinkButton>
            <Link to="/admin/rotations/new" className="rounded bg-blue-800 px-4 py-2 text-white hover:bg-blue-900">
              {t("rotations.new")}
            </Link>
          </>
        }
      />
      <FilterForm label={t("rotations.searchLabel")}>
        <SearchFilter value={query.q} label={t("rotations.searchHint")} />
        <SelectFilter
          name="department"
          label={t("rotations.department")}
          value={query.department}
          allLabel={t("list.all")}
          options={departments.map((d) => ({ value: d.id, label: d.name }))}
        />
        <SelectFilter
          name="when"
          label={t("rotations.when")}
          value={query.when}
          options={(["all", "current", "upcoming", "past"] as const).map((w) => ({ value: w, label: t(`rotations.whens.${w}`) }))}
        />
        <SelectFilter
          name="state"
          label={t("rotations.state")}
          value={query.state}
          allLabel={t("list.all")}
          options={(["planned", "confirmed", "cancelled"] as const).map((s) => ({ value: s, label: t(`rotations.states.${s}`) }))}
        />
      </FilterForm>
      {rotations.length === 0 ? (
        <EmptyList />
      ) : (
        <ListTable
          caption={t("rotations.title")}
          head={
            <>
              <PlainHeader>{t("rotations.resident")}</PlainHeader>
              <PlainHeader>{t("rotations.department")}</PlainHeader>
              <SortHeader column="startDate" {...sortProps}>
                {t("rotations.startDate")}
              </SortHeader>
              <SortHeader column="endDate" {...sortProps}>
                {t("rotations.endDate")}
              </SortHeader>
              <PlainHeader>{t("rotations.tutor")}</PlainHeader>
              <PlainHeader>{t("rotations.status")}</PlainHeader>
            </>
          }
        >
          {rotations.map((r) => (
            <tr key={r.id} className="border-t border-slate-100">
              <td className="px-3 py-2">
                <Link to={`/admin/rotations/${r.id}`} className="text-blue-800 underline">
                  {r.resident.user.name}
                </Link>
                <span className="block text-xs text-slate-600">{specialtyName(r.resident.programme.specialtyCode, locale)}</span>
              </td>
              <td className="px-3 py-2">{r.department.name}</td>
              <td className="px-3 py-2 whitespace-nowrap">{format.date(r.startDate)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{format.date(r.endDate)}</td>
              <td className="px-3 py-2">{r.tutor?.name ?? "—"}</td>
              <td className="px-3 py-2">
                <RotationStatusBadge status={r.status} />
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={query.page} pages={pages} total={total} />
    </div>
  );
}
