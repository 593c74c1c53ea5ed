import type { LoaderFunctionArgs } from "@remix-run/node";
import { listUniversities } from "~/models/university.server";
import { universityQuerySchema } from "~/schemas/university";
import { exportList } from "~/services/csv-export.server";

export const handle = { policy: "admin" };

/** The universities list as shown (same filters and order), every page, as CSV for Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  return exportList(request, {
    query: universityQuerySchema,
    fileName: (t) => t("universities.title").toLowerCase(),
    rows: async (query) => (await listUniversities(query, { all: true })).universities,
    columns: (t) => [
      [t("universities.name"), (u) => u.name],
      [t("universities.shortName"), (u) => u.shortName],
      [t("universities.city"), (u) => u.city],
      [t("universities.contactOffice"), (u) => u.contactOffice],
      [t("universities.contactEmail"), (u) => u.contactEmail],
      [t("universities.programmes"), (u) => u.programmes],
      [t("universities.agreements"), (u) => u.agreements],
      [t("universities.status"), (u) => (u.archivedAt ? t("records.statusArchived") : t("records.statusActive"))],
    ],
  });
}
