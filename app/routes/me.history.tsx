import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { History } from "~/components/history";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { pageCount } from "~/domain/list-query";
import { ownHistory } from "~/models/history.server";
import { ownHistoryQuerySchema } from "~/schemas/history";
import { parseSearchParams } from "~/schemas/list-query";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "resident" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "historyPages.own.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "resident");
  // Only ever the signed-in resident's own history: the URL carries a page number and nothing else.
  const { page } = parseSearchParams(ownHistoryQuerySchema, new URL(request.url));
  const result = await ownHistory(user.id, page);
  return { page, pages: pageCount(result.total), ...result };
}

export default function MyHistory() {
  const { t } = useTranslation();
  const { page, pages, total, entries, names } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={t("historyPages.own.title")} description={t("historyPages.own.intro")} />
      {total === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4">{t("historyPages.own.empty")}</p>
      ) : (
        <>
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <History
              history={{ entries, names }}
              label={t("historyPages.own.listLabel")}
              own
              describe={(entry, text) => {
                const label = text.recordLabel(entry);
                return (
                  <p className="break-words font-medium">
                    {entry.record.href ? (
                      <Link to={entry.record.href} className="text-blue-800 underline">
                        {label}
                      </Link>
                    ) : (
                      label
                    )}
                  </p>
                );
              }}
            />
          </div>
          <Pagination page={page} pages={pages} total={total} />
        </>
      )}
    </div>
  );
}
