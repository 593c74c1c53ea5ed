import type { LoaderFunctionArgs } from "@remix-run/node";
import { specialtyName } from "~/domain/specialties";
import { listResidents } from "~/models/resident.server";
import { residentQuerySchema } from "~/schemas/resident";
import { exportList } from "~/services/csv-export.server";

export const handle = { policy: "admin" };

/** The residents list as shown (same filters and order), every page, as CSV for Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  return exportList(request, {
    query: residentQuerySchema,
    fileName: (t) => t("residents.title").toLowerCase(),
    rows: async (query) => (await listResidents(query, { all: true })).residents,
    columns: (t, locale) => [
      [t("admin.users.name"), (r) => r.user.name],
      [t("admin.users.email"), (r) => r.user.email],
      [t("residents.studentNumber"), (r) => r.studentNumber],
      [t("residents.programme"), (r) => specialtyName(r.programme.specialtyCode, locale)],
      [t("residents.university"), (r) => r.programme.university.name],
      [t("residents.year"), (r) => r.yearOfTraining],
      [t("residents.stayStart"), (r) => r.stayStart],
      [t("residents.stayEnd"), (r) => r.stayEnd],
      [t("residents.tutor"), (r) => r.tutor?.name ?? ""],
    ],
  });
}
