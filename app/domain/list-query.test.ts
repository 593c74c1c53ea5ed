import { describe, expect, it } from "vitest";
import { pageCount, PAGE_SIZE } from "./list-query";

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
