import { z } from "~/schemas/z";

/**
 * The state of a server-side list (search, filters, sort, page) lives in the URL, so a list can be
 * bookmarked and shared. Unknown or malformed parameters fall back to defaults rather than failing.
 * The page size and the number of pages are app/domain/list-query.ts.
 */

/** A page number in a URL: a whole number from 1 to 100,000; 1 when absent or malformed. Every paged list uses it. */
export const pageNumber = z.coerce.number().int().min(1).max(100_000).catch(1);

/** The page asked for in a URL's `page` parameter; 1 when absent or malformed. */
export function pageOf(params: URLSearchParams): number {
  return pageNumber.parse(params.get("page") ?? undefined);
}

export function listQuerySchema<const S extends readonly [string, ...string[]]>(sorts: S) {
  return z.object({
    q: z.string().trim().max(100).catch(""),
    sort: z.enum(sorts).catch(sorts[0]),
    dir: z.enum(["asc", "desc"]).catch("asc"),
    page: pageNumber,
  });
}

export function parseSearchParams<T extends z.ZodType>(schema: T, url: URL): z.infer<T> {
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) raw[key] = value;
  return schema.parse(raw);
}
