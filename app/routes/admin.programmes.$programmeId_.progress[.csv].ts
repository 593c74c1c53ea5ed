import type { LoaderFunctionArgs } from "@remix-run/node";
import { hospitalToday } from "~/domain/dates";
import { programmeProgress } from "~/models/logbook-progress.server";
import { programmeProgressQuerySchema } from "~/schemas/logbook-progress";
import { exportList } from "~/services/csv-export.server";
import { refusalPage } from "~/utils/refusal.server";

export const handle = { policy: "admin" };

/** A programme's logbook progress list as shown (behind schedule or everyone, same order), every page, as CSV. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return exportList(request, {
    query: programmeProgressQuerySchema,
    fileName: (t) => t("logbookProgress.title").toLowerCase().replace(/\s+/g, "-"),
    rows: async (query) =>
      (await programmeProgress(params.programmeId ?? "", hospitalToday(), query, { all: true }).catch(refusalPage)).rows,
    columns: (t) => [
      [t("logbookProgress.programme.resident"), (r) => r.name],
      [t("logbookProgress.programme.yearOfTraining"), (r) => r.yearOfTraining],
      [t("logbookProgress.programme.reached"), (r) => `${Math.round(r.reached * 100)}%`],
      [t("logbookProgress.programme.behind"), (r) => r.behindCount],
    ],
  });
}
