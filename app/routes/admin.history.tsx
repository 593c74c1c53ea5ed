import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { History } from "~/components/history";
import { historyText } from "~/components/history-text";
import { EmptyList, ExportLink, FilterForm, SelectFilter } from "~/components/list";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { HISTORY_ACTIONS, HISTORY_RECORD_TYPES } from "~/domain/history";
import { pageCount } from "~/domain/list-query";
import { useLocale } from "~/i18n/use-locale";
import { historyActors, listHistory } from "~/models/history.server";
import { historyQuerySchema, SYSTEM_ACTOR } from "~/schemas/history";
import { parseSearchParams } from "~/schemas/list-query";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "admin" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "historyPages.title");

/** The whole history of the portal's records, filtered in the URL by record, person, action and days. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const query = parseSearchParams(historyQuerySchema, new URL(request.url));
  const [result, actors] = await Promise.all([listHistory(query), historyActors(query.actor || undefined)]);
  return { query, actors, pages: pageCount(result.total), ...result };
}

function DateFilter({ name, label, value }: { name: string; label: string; value: string }) {
  return (
    <div className="flex flex-col">
      <label htmlFor={`filter-${name}`} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={`filter-${name}`}
        name={name}
        type="date"
        defaultValue={value}
        className="mt-1 rounded border border-slate-400 px-3 py-2"
      />
    </div>
  );
}

export default function AdminHistory() {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { query, actors, total, pages, entries, names } = useLoaderData<typeof loader>();
  const text = historyText({ t, locale, format, names });
  const recordHistory = (type: string, id: string) => `/admin/history?${new URLSearchParams({ type, record: id })}`;
  return (
    <div>
      <PageHeader
        title={t("historyPages.title")}
        description={t("historyPages.intro")}
        actions={<ExportLink href="/admin/history.csv" />}
      />
      <FilterForm label={t("historyPages.filtersLabel")}>
        <SelectFilter
          name="type"
          label={t("historyPages.type")}
          value={query.type}
          allLabel={t("list.all")}
          options={HISTORY_RECORD_TYPES.map((type) => ({ value: type, label: text.typeLabel(type) }))}
        />
        <div className="flex flex-col">
          <label htmlFor="filter-record" className="text-sm font-medium">
            {t("historyPages.recordId")}
          </label>
          <input
            id="filter-record"
            name="record"
            type="text"
            defaultValue={query.record}
            spellCheck={false}
            className="mt-1 w-56 max-w-full rounded border border-slate-400 px-3 py-2"
          />
        </div>
        <SelectFilter
          name="actor"
          label={t("historyPages.actor")}
          value={query.actor}
          allLabel={t("list.all")}
          options={[{ value: SYSTEM_ACTOR, label: t("historyPages.system") }, ...actors.map((a) => ({ value: a.id, label: a.name }))]}
        />
        <SelectFilter
          name="action"
          label={t("historyPages.action")}
          value={query.action}
          allLabel={t("list.all")}
          options={HISTORY_ACTIONS.map((action) => ({ value: action, label: text.actionLabel(action) }))}
        />
        <DateFilter name="from" label={t("historyPages.from")} value={query.from} />
        <DateFilter name="to" label={t("historyPages.to")} value={query.to} />
      </FilterForm>
      {entries.length === 0 ? (
        <EmptyList />
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <History
            history={{ entries, names }}
            label={t("historyPages.listLabel")}
            describe={(entry) => {
              const label = text.recordLabel(entry);
              return (
                <p className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
                  <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-800">
                    {text.typeLabel(entry.type)}
                  </span>
                  {entry.record.href ? (
                    <Link to={entry.record.href} className="break-words font-medium text-blue-800 underline">
                      {label}
                    </Link>
                  ) : (
                    <span className="break-words font-medium">{label}</span>
                  )}
                  {query.record !== entry.recordId ? (
                    <Link to={recordHistory(entry.type, entry.recordId)} className="text-sm text-blue-800 underline">
                      {t("historyPages.recordHistory")}
                      <span className="sr-only">: {label}</span>
                    </Link>
                  ) : null}
                </p>
              );
            }}
          />
        </div>
      )}
      <Pagination page={query.page} pages={pages} total={total} />
    </div>
  );
}
