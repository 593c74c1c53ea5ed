/**
 * The size and number of the pages of a server-side list. What a list's URL may ask for (search,
 * sort, page) is its schema: app/schemas/list-query.ts.
 */
export const PAGE_SIZE = 25;

export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}
