/**
 * The size and number of the pages of a server-side list. What a list's URL may ask for (search,
 * sort, page) is its schema: app/schemas/list-query.ts.
 */
export const PAGE_SIZE = 25;

export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** One page of a list held in memory; a page past the last is the last. */
export function pageSlice<T>(
  items: readonly T[],
  page: number,
  size = PAGE_SIZE,
): { items: T[]; page: number; pages: number; total: number } {
  const pages = pageCount(items.length, size);
  const current = Math.min(Math.max(1, page), pages);
  return { items: items.slice((current - 1) * size, current * size), page: current, pages, total: items.length };
}

/** A text as a search compares it: lower case, without accents ("Niccolò" and "niccolo" meet). */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLocaleLowerCase("it");
}

/** Whether a name holds what was searched for, literally (no wildcards), ignoring case and accents; an empty search holds everything. */
export function nameMatches(name: string, search: string): boolean {
  return foldForSearch(name).includes(foldForSearch(search.trim()));
}
