import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { effectiveEnd } from "~/domain/agreement-status";
import { parseSearchParams } from "~/domain/list-query";
import { translator } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { listAgreements } from "~/models/agreement.server";
import { agreementQuerySchema } from "~/schemas/agreement";
import { csvResponse, toCsv } from "~/utils/csv";

export const handle = { policy: "admin" };

/** The agreements list as shown (same filters and order), every page, as CSV for Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const locale = localeOf(request, user);
  const t = translator(locale);
  const query = parseSearchParams(agreementQuerySchema, new URL(request.url));
  const { agreements } = await listAgreements(query, { all: true });
  const csv = toCsv(
    [t("agreements.university"), t("agreements.facilityRole"), t("agreements.startDate"), t("agreements.endDate"), t("agreements.signedOn"), t("agreements.status"), t("agreements.coverage"), t("agreements.posts"), t("agreements.document")],
    agreements.map((a) => [
      a.university.name,
      t(`agreements.roles.${a.facilityRole as "collegata"}`),
      a.startDate,
      effectiveEnd(a),
      a.signedOn,
      t(`agreements.statuses.${a.status}`),
      a.programmes,
      a.posts,
      a.documentId ? t("common.yes") : t("common.no"),
    ]),
    locale,
  );
  return csvResponse(csv, `${t("agreements.title").toLowerCase()}.csv`);
}
