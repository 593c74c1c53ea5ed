import { describe, expect, it } from "vitest";
import { foldForSearch, nameMatches, pageCount, pageSlice, pageWindow, PAGE_SIZE } from "./list-query";

describe("pageCount", () => {
  it("is at least one page, even for an empty list", () => {
    expect(pageCount(0)).toBe(1);
  });

  it("rounds up partial pages", () => {
    expect(PAGE_SIZE).toBe(25);
    expect(pageCount(25)).toBe(1);
    expect(pageCount(26)).toBe(2);
    expect(pageCount(101, 10)).toBe(11);
  });
});

describe("pageWindow", () => {
  it("places the asked page, a page past the last as the last and a page before the first as the first", () => {
    expect(pageWindow(60, 2)).toEqual({ page: 2, pages: 3, skip: 25, take: 25 });
    expect(pageWindow(60, 7)).toEqual({ page: 3, pages: 3, skip: 50, take: 25 });
    expect(pageWindow(60, 0)).toEqual({ page: 1, pages: 3, skip: 0, take: 25 });
    expect(pageWindow(0, 4, 10)).toEqual({ page: 1, pages: 1, skip: 0, take: 10 });
  });
});

describe("pageSlice", () => {
  const items = Array.from({ length: 27 }, (_, i) => i + 1);

  it("gives the asked page with the number of pages and of items", () => {
    expect(pageSlice(items, 1)).toEqual({ items: items.slice(0, 25), page: 1, pages: 2, total: 27 });
    expect(pageSlice(items, 2)).toEqual({ items: [26, 27], page: 2, pages: 2, total: 27 });
  });

  it("takes a page past the last as the last, and an empty list as one empty page", () => {
    expect(pageSlice(items, 9).page).toBe(2);
    expect(pageSlice(items, 9).items).toEqual([26, 27]);
    expect(pageSlice([], 3)).toEqual({ items: [], page: 1, pages: 1, total: 0 });
  });
});

describe("nameMatches", () => {
  it("ignores case and accents on both sides", () => {
    expect(nameMatches("Dott. Niccolò Bàrberi", "niccolo")).toBe(true);
    expect(nameMatches("Dott. Niccolo Barberi", "BÀRB")).toBe(true);
    expect(foldForSearch("ÀÈÌÒÙ")).toBe("aeiou");
  });

  it("is literal: wildcards of SQL and patterns are characters", () => {
    expect(nameMatches("Reparto 100%", "100%")).toBe(true);
    expect(nameMatches("Reparto 1000", "100%")).toBe(false);
    expect(nameMatches("Reparto_A", "o_a")).toBe(true);
    expect(nameMatches("Reparto A", "o_a")).toBe(false);
    expect(nameMatches("Reparto A", ".*")).toBe(false);
  });

  it("holds everything for an empty or blank search", () => {
    expect(nameMatches("Chiunque", "")).toBe(true);
    expect(nameMatches("Chiunque", "   ")).toBe(true);
  });
});
