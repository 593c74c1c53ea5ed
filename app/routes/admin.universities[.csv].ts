import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { parseSearchParams } from "~/domain/list-query";
import { translator } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { listUniversities } from "~/models/university.server";
import { universityQuerySchema } from "~/schemas/university";
import { csvResponse, toCsv } from "~/utils/csv";

export const handle = { policy: "admin" };

/** The universities list as shown (same filters and order), every page, as CSV for Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const locale = localeOf(request, user);
  const t = translator(locale);
  const query = parseSearchParams(universityQuerySchema, new URL(request.url));
  const { universities } = await listUniversities(query, { all: true });
  const csv = toCsv(
    [t("universities.name"), t("universities.shortName"), t("universities.city"), t("universities.contactOffice"), t("universities.contactEmail"), t("universities.programmes"), t("universities.agreements"), t("universities.status")],
    universities.map((u) => [u.name, u.shortName, u.city, u.contactOffice, u.contactEmail, u.programmes, u.agreements, u.archivedAt ? t("records.statusArchived") : t("records.statusActive")]),
    locale,
  );
  return csvResponse(csv, `${t("universities.title").toLowerCase()}.csv`);
}
