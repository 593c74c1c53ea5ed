/**
 * The size and number of the pages of a server-side list. What a list's URL may ask for (search,
 * sort, page) is its schema: app/schemas/list-query.ts.
 */
export const PAGE_SIZE = 25;

export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** Where the asked page of a list of `total` items lies: a page past the last is the last. */
export function pageWindow(total: number, asked: number, size = PAGE_SIZE): { page: number; pages: number; skip: number; take: number } {
  const pages = pageCount(total, size);
  const page = Math.min(Math.max(1, asked), pages);
  return { page, pages, skip: (page - 1) * size, take: size };
}

/** One page of a list held in memory; a page past the last is the last. */
export function pageSlice<T>(
  items: readonly T[],
  asked: number,
  size = PAGE_SIZE,
): { items: T[]; page: number; pages: number; total: number } {
  const { page, pages, skip } = pageWindow(items.length, asked, size);
  return { items: items.slice(skip, skip + size), page, pages, total: items.length };
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
