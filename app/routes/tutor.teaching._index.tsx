import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { Card, PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { TeachingLedger } from "~/components/teaching-ledger";
import { TeachingSessionList } from "~/components/teaching-list";
import { pageCount } from "~/domain/list-query";
import { listTeaching, teachingLedger } from "~/models/teaching-queries.server";
import { parseSearchParams } from "~/schemas/list-query";
import { teachingListQuerySchema } from "~/schemas/teaching";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "tutor" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "teaching.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "tutor");
  const query = parseSearchParams(teachingListQuerySchema, new URL(request.url));
  const now = new Date();
  const [ledger, list] = await Promise.all([teachingLedger(user.id, now), listTeaching(user.id, query, now)]);
  return { query, ledger, list };
}

/** The tutor's teaching: the ledger, the attendance waiting for them, and their sessions to come and past. */
export default function TutorTeaching() {
  const { t } = useTranslation();
  const { query, ledger, list } = useLoaderData<typeof loader>();
  const tabs = [
    { key: "upcoming", label: t("teaching.list.upcoming", { count: list.counts.upcoming }) },
    { key: "past", label: t("teaching.list.past", { count: list.counts.past }) },
  ] as const;
  const hidden = ledger.unconfirmed.count - ledger.unconfirmed.sessions.length;
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("teaching.title")}
        description={t("teaching.intro")}
        actions={
          <Link
            to="/tutor/teaching/new"
            className="inline-block rounded bg-blue-800 px-5 py-3 text-base font-semibold text-white hover:bg-blue-900"
          >
            {t("teaching.logSession")}
          </Link>
        }
      />

      <section aria-labelledby="ledger-title" className="space-y-3">
        <h2 id="ledger-title" className="text-lg font-semibold">
          {t("teaching.ledger.title")}
        </h2>
        <TeachingLedger ledger={ledger} toConfirmHref="#to-confirm" />
      </section>

      <div id="to-confirm" className="scroll-mt-4">
        <Card id="to-confirm-title" title={t("teaching.toConfirm.title")}>
          {ledger.unconfirmed.sessions.length === 0 ? (
            <p className="text-slate-600">{t("teaching.toConfirm.none")}</p>
          ) : (
            <>
              <p className="text-sm text-slate-700">{t("teaching.toConfirm.intro")}</p>
              <TeachingSessionList
                sessions={ledger.unconfirmed.sessions}
                action={(s) => (
                  <Link
                    to={`/tutor/teaching/${s.id}/attendance`}
                    className="inline-block rounded bg-amber-700 px-4 py-2 text-sm font-semibold text-white hover:bg-amber-800"
                  >
                    {t("teaching.toConfirm.take")}
                    <span className="sr-only">: {s.title}</span>
                  </Link>
                )}
              />
              {hidden > 0 ? <p className="mt-2 text-sm text-slate-600">{t("teaching.toConfirm.more", { count: hidden })}</p> : null}
            </>
          )}
        </Card>
      </div>

      <Card id="sessions-title" title={t("teaching.list.title")}>
        <nav aria-label={t("teaching.list.show")} className="mb-2">
          <ul className="flex flex-wrap gap-2">
            {tabs.map((tab) => (
              <li key={tab.key}>
                <Link
                  to={`?show=${tab.key}`}
                  aria-current={query.show === tab.key ? "page" : undefined}
                  className={`inline-block rounded px-3 py-2 text-sm font-medium ${query.show === tab.key ? "bg-blue-800 text-white" : "border border-slate-400 text-blue-900 hover:bg-slate-100"}`}
                >
                  {tab.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {list.sessions.length === 0 ? (
          <p className="text-slate-600">{query.show === "upcoming" ? t("teaching.list.noneUpcoming") : t("teaching.list.nonePast")}</p>
        ) : (
          <TeachingSessionList sessions={list.sessions} />
        )}
        {list.total > 0 ? <Pagination page={query.page} pages={pageCount(list.total)} total={list.total} /> : null}
      </Card>
    </div>
  );
}
