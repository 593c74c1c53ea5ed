import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { templateHeader } from "~/domain/resident-import";
import { translator } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { csvResponse, toCsv } from "~/utils/csv";

export const handle = { policy: "admin" };

/** The import template: the header row in the reader's language, separated as their Excel expects. */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const locale = localeOf(request, admin);
  return csvResponse(toCsv(templateHeader(locale), [], locale), `${translator(locale)("residentImport.templateFile")}.csv`);
}
