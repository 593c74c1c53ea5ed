import type { TFunction } from "i18next";
import type { z } from "~/schemas/z";
import { requireRole } from "~/auth/guards.server";
import { translator } from "~/i18n/i18n";
import type { Locale } from "~/i18n/locale";
import { localeOf } from "~/i18n/locale.server";
import { parseSearchParams } from "~/schemas/list-query";
import { csvResponse, toCsv } from "~/utils/csv";

/**
 * An administrators' list exported as shown: the same URL parameters (filters and order) as the page,
 * every page of rows, headers and values in the reader's language.
 */
export async function exportList<Query, Row>(
  request: Request,
  options: {
    query: z.ZodType<Query>;
    fileName: (t: TFunction) => string;
    rows: (query: Query) => Promise<Row[]>;
    columns: (t: TFunction, locale: Locale) => Array<[header: string, value: (row: Row) => unknown]>;
  },
): Promise<Response> {
  const user = await requireRole(request, "admin");
  const locale = localeOf(request, user);
  const t = translator(locale);
  const rows = await options.rows(parseSearchParams(options.query, new URL(request.url)));
  const columns = options.columns(t, locale);
  const csv = toCsv(
    columns.map(([header]) => header),
    rows.map((row) => columns.map(([, value]) => value(row))),
    locale,
  );
  return csvResponse(csv, `${options.fileName(t)}.csv`);
}
