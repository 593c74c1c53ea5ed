import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { toIsoDate } from "~/domain/dates";
import { translator } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { FIGURES, NO_TUTOR } from "~/domain/evaluations";
import { evaluationOverview, readOverviewQuery } from "~/models/evaluation-overview.server";
import { csvResponse, toCsv } from "~/utils/csv";

export const handle = { policy: "admin" };

/** The overview as shown (same period and grouping), as CSV: one row per group and a last row with the totals. */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = localeOf(request, admin);
  const t = translator(locale);
  const query = await readOverviewQuery(new URL(request.url));
  if (!query.ok) {
    const messages = [...(query.errors.from ?? []), ...(query.errors.to ?? [])].map((key) => t(key as never));
    throw new Response(messages.join("\n"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const { rows, total } = await evaluationOverview(query.period, query.by, query.today, locale);
  const header = [t(`evaluationOverview.group.${query.by}`), ...FIGURES.map((figure) => t(`evaluationOverview.figures.${figure}`))];
  const body = [
    ...rows.map((row) => [
      row.id === NO_TUTOR ? t("evaluationOverview.noTutor") : row.name || t("evaluationOverview.removed"),
      ...FIGURES.map((figure) => row.counts[figure]),
    ]),
    [t("evaluationOverview.total"), ...FIGURES.map((figure) => total[figure])],
  ];
  const name = `evaluations-${query.by}-${toIsoDate(query.period.from)}-${toIsoDate(query.period.to)}.csv`;
  return csvResponse(toCsv(header, body, locale), name);
}
