import type { LoaderFunctionArgs } from "@remix-run/node";
import { effectiveEnd } from "~/domain/agreement-status";
import { listAgreements } from "~/models/agreement.server";
import { agreementQuerySchema } from "~/schemas/agreement";
import { exportList } from "~/services/csv-export.server";

export const handle = { policy: "admin" };

/** The agreements list as shown (same filters and order), every page, as CSV for Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  return exportList(request, {
    query: agreementQuerySchema,
    fileName: (t) => t("agreements.title").toLowerCase(),
    rows: async (query) => (await listAgreements(query, { all: true })).agreements,
    columns: (t) => [
      [t("agreements.university"), (a) => a.university.name],
      [t("agreements.facilityRole"), (a) => t(`agreements.roles.${a.facilityRole as "collegata"}`)],
      [t("agreements.startDate"), (a) => a.startDate],
      [t("agreements.endDate"), (a) => effectiveEnd(a)],
      [t("agreements.signedOn"), (a) => a.signedOn],
      [t("agreements.status"), (a) => t(`agreements.statuses.${a.status}`)],
      [t("agreements.coverage"), (a) => a.programmes],
      [t("agreements.posts"), (a) => a.posts],
      [t("agreements.document"), (a) => (a.documentId ? t("common.yes") : t("common.no"))],
    ],
  });
}
