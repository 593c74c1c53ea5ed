import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { catalogueCsvRows } from "~/domain/logbook-catalogue";
import { translator } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { catalogueProgramme, versionActivities } from "~/models/logbook-catalogue.server";
import { csvResponse, toCsv } from "~/utils/csv";
import { invariantResponse } from "~/utils/http";

export const handle = { policy: "admin" };

/**
 * A version of a programme's catalogue (`?version=N`) as the file the import reads back, or without a
 * version the empty template with a column for each of the programme's years. The file's columns have
 * fixed names whatever the reader's language, so it is always written with ";" (Excel in Italian).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const programme = await catalogueProgramme(params.programmeId ?? "");
  invariantResponse(programme, "Programme not found", 404);
  const t = translator(localeOf(request, admin));
  const asked = new URL(request.url).searchParams.get("version");
  if (asked === null) {
    const { header, rows } = catalogueCsvRows([], programme.durationYears);
    return csvResponse(toCsv(header, rows, "it"), `${t("logbookCatalogue.templateFile")}.csv`);
  }
  const version = Number(asked);
  const activities = Number.isInteger(version) && version > 0 ? await versionActivities(programme.id, version) : null;
  invariantResponse(activities, "Version not found", 404);
  const { header, rows } = catalogueCsvRows(activities, programme.durationYears);
  return csvResponse(toCsv(header, rows, "it"), `${t("logbookCatalogue.file")}-${programme.specialtyCode}-v${version}.csv`);
}
