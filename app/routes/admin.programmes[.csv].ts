import type { LoaderFunctionArgs } from "@remix-run/node";
import { specialtyName } from "~/domain/specialties";
import { listProgrammes } from "~/models/programme.server";
import { programmeQuerySchema } from "~/schemas/programme";
import { exportList } from "~/services/csv-export.server";

export const handle = { policy: "admin" };

/** The programmes list as shown (same filters and order), every page, as CSV for Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  return exportList(request, {
    query: programmeQuerySchema,
    fileName: (t) => t("programmes.title").toLowerCase().replace(/\s+/g, "-"),
    rows: async (query) => (await listProgrammes(query, { all: true })).programmes,
    columns: (t, locale) => [
      [t("programmes.specialty"), (p) => specialtyName(p.specialtyCode, locale)],
      [t("programmes.university"), (p) => p.university.name],
      [t("programmes.directorName"), (p) => p.directorName],
      [t("programmes.directorEmail"), (p) => p.directorEmail],
      [t("programmes.durationYears"), (p) => p.durationYears],
      [t("programmes.residents"), (p) => p.residents],
      [t("programmes.agreements"), (p) => p.agreements],
      [t("programmes.status"), (p) => (p.archivedAt ? t("records.statusArchived") : t("records.statusActive"))],
    ],
  });
}
