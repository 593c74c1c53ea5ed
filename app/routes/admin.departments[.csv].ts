import type { LoaderFunctionArgs } from "@remix-run/node";
import { listDepartments } from "~/models/department.server";
import { departmentQuerySchema } from "~/schemas/department";
import { exportList } from "~/services/csv-export.server";

export const handle = { policy: "admin" };

/** The departments list as shown (same filters and order), every page, as CSV for Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  return exportList(request, {
    query: departmentQuerySchema,
    fileName: (t) => t("departments.title").toLowerCase(),
    rows: async (query) => (await listDepartments(query, { all: true })).departments,
    columns: (t) => [
      [t("departments.name"), (d) => d.name],
      [t("departments.head"), (d) => d.head?.name ?? ""],
      [t("departments.capacity"), (d) => d.capacity],
      [t("departments.tutors"), (d) => d.tutors.join(", ")],
      [t("departments.status"), (d) => (d.archivedAt ? t("records.statusArchived") : t("records.statusActive"))],
    ],
  });
}
