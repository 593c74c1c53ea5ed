import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { LinkButton } from "~/components/link-button";
import { EmptyList, ExportLink, FilterForm, ListTable, PlainHeader, SearchFilter, SelectFilter, SortHeader } from "~/components/list";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { pageCount } from "~/domain/list-query";
import { SPECIALTIES, specialtyName } from "~/domain/specialties";
import { useLocale } from "~/i18n/use-locale";
import { listResidents } from "~/models/resident.server";
import { parseSearchParams } from "~/schemas/list-query";
import { residentQuerySchema } from "~/schemas/resident";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "residents.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const query = parseSearchParams(residentQuerySchema, new URL(request.url));
  const result = await listResidents(query);
  return { query, pages: pageCount(result.total), ...result };
}

export default function ResidentsList() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { query, total, pages, residents, universities } = useLoaderData<typeof loader>();
  const sortProps = { current: query.sort, dir: query.dir };
  const specialtyOptions = SPECIALTIES.map((s) => ({ value: s.code, label: specialtyName(s.code, locale) })).sort((a, b) =>
    a.label.localeCompare(b.label, locale),
  );
  return (
    <div>
      <PageHeader
        title={t("residents.title")}
        description={t("residents.intro")}
        actions={
          <>
            <ExportLink href="/admin/residents.csv" />
            <LinkButton to="/admin/residents/import" white>
              {t("residentImport.open")}
            </LinkButton>
            <Link to="/admin/residents/new" className="rounded bg-blue-800 px-4 py-2 text-white hover:bg-blue-900">
              {t("residents.new")}
            </Link>
          </>
        }
      />
      <FilterForm label={t("residents.searchLabel")}>
        <SearchFilter value={query.q} label={t("residents.searchHint")} />
        <SelectFilter
          name="specialty"
          label={t("residents.specialty")}
          value={query.specialty}
          allLabel={t("list.all")}
          options={specialtyOptions}
        />
        <SelectFilter
          name="university"
          label={t("residents.university")}
          value={query.university}
          allLabel={t("list.all")}
          options={universities.map((u) => ({ value: u.id, label: u.name }))}
        />
        <SelectFilter
          name="year"
          label={t("residents.year")}
          value={String(query.year)}
          allLabel={t("list.all")}
          options={[1, 2, 3, 4, 5, 6].map((y) => ({ value: String(y), label: t("residents.yearValue", { year: y }) }))}
        />
        <SelectFilter
          name="present"
          label={t("residents.present")}
          value={query.present}
          options={[
            { value: "", label: t("residents.anyTime") },
            { value: "today", label: t("residents.presentToday") },
          ]}
        />
      </FilterForm>
      {residents.length === 0 ? (
        <EmptyList />
      ) : (
        <ListTable
          caption={t("residents.title")}
          head={
            <>
              <SortHeader column="name" {...sortProps}>
                {t("residents.person")}
              </SortHeader>
              <PlainHeader>{t("residents.programme")}</PlainHeader>
              <PlainHeader>{t("residents.year")}</PlainHeader>
              <SortHeader column="stayStart" {...sortProps}>
                {t("residents.stayStart")}
              </SortHeader>
              <SortHeader column="stayEnd" {...sortProps}>
                {t("residents.stayEnd")}
              </SortHeader>
              <PlainHeader>{t("residents.tutor")}</PlainHeader>
            </>
          }
        >
          {residents.map((r) => (
            <tr key={r.id} className="border-t border-slate-100">
              <td className="px-3 py-2">
                <Link to={`/admin/residents/${r.id}`} className="text-blue-800 underline">
                  {r.user.name}
                </Link>
                {r.present ? (
                  <span className="ml-2 rounded bg-green-100 px-2 py-0.5 text-xs text-green-900">{t("residents.present")}</span>
                ) : null}
                <span className="block text-xs text-slate-600">{r.studentNumber}</span>
              </td>
              <td className="px-3 py-2">
                {specialtyName(r.programme.specialtyCode, locale)}
                <span className="block text-xs text-slate-600">{r.programme.university.name}</span>
              </td>
              <td className="px-3 py-2">{t("tutor.dashboard.yearOf", { year: r.yearOfTraining, of: r.programme.durationYears })}</td>
              <td className="px-3 py-2 whitespace-nowrap">{format.date(r.stayStart)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{format.date(r.stayEnd)}</td>
              <td className="px-3 py-2">{r.tutor?.name ?? "—"}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={query.page} pages={pages} total={total} />
    </div>
  );
}
