import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { historyText } from "~/components/history-text";
import { formatters } from "~/i18n/format";
import { localeOf } from "~/i18n/locale.server";
import { exportHistory, type HistoryRow, type Names } from "~/models/history.server";
import { historyQuerySchema, type HistoryQuery } from "~/schemas/history";
import { exportList } from "~/services/csv-export.server";

export const handle = { policy: "admin" };

/** The history as filtered on /admin/history, every page, as CSV for Excel: one change per row. */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = localeOf(request, admin);
  // The names of the records the changes mention, read with the rows, for the columns.
  let names: Names = {};
  return exportList<HistoryQuery, HistoryRow>(request, {
    query: historyQuerySchema,
    fileName: (t) => t("historyPages.fileName"),
    rows: async (query) => {
      const all = await exportHistory(query);
      names = all.names;
      return all.entries;
    },
    columns: (t) => {
      const text = historyText({ t, locale, format: formatters(locale), names });
      return [
        [t("historyPages.csv.at"), (row) => row.at],
        [t("historyPages.csv.actor"), (row) => row.actor ?? t("history.system")],
        [t("historyPages.csv.action"), (row) => text.actionLabel(row.action)],
        [t("historyPages.csv.type"), (row) => text.typeLabel(row.type)],
        [t("historyPages.csv.record"), (row) => text.recordLabel(row)],
        [t("historyPages.csv.recordId"), (row) => row.recordId],
        [t("historyPages.csv.changes"), (row) => text.changesText(row)],
      ];
    },
  });
}
