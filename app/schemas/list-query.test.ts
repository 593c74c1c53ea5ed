import { describe, expect, it } from "vitest";
import { listQuerySchema, pageNumber, pageOf, parseSearchParams } from "./list-query";

const schema = listQuerySchema(["name", "email", "createdAt"] as const);
const parse = (query: string) => parseSearchParams(schema, new URL(`https://portal.example.org/admin/users${query}`));

describe("list query", () => {
  it("uses defaults without parameters", () => {
    expect(parse("")).toEqual({ q: "", sort: "name", dir: "asc", page: 1 });
  });

  it("keeps valid parameters", () => {
    expect(parse("?q=%20rossi%20&sort=email&dir=desc&page=3")).toEqual({
      q: "rossi",
      sort: "email",
      dir: "desc",
      page: 3,
    });
  });

  it.each([
    ["unknown sort column", "?sort=passwordHash", { sort: "name" }],
    ["unknown direction", "?dir=sideways", { dir: "asc" }],
    ["non-numeric page", "?page=abc", { page: 1 }],
    ["zero page", "?page=0", { page: 1 }],
    ["negative page", "?page=-5", { page: 1 }],
    ["fractional page", "?page=2.5", { page: 1 }],
    ["absurd page", "?page=1e9", { page: 1 }],
    ["over-long search", `?q=${"x".repeat(101)}`, { q: "" }],
  ])("falls back to the default for %s", (_label, query, expected) => {
    expect(parse(query)).toMatchObject(expected);
  });

  it("accepts the largest allowed page", () => {
    expect(parse("?page=100000").page).toBe(100_000);
  });

  it("ignores unknown parameters and does not fail", () => {
    expect(() => parse("?foo=bar&__proto__=x&constructor=y")).not.toThrow();
    expect(parse("?foo=bar")).toEqual({ q: "", sort: "name", dir: "asc", page: 1 });
  });

  it("uses the last value of a repeated parameter", () => {
    expect(parse("?page=2&page=4").page).toBe(4);
  });
});

describe("the page of a URL", () => {
  it("reads a page number, and falls back to the first page for anything else", () => {
    const page = (query: string) => pageOf(new URLSearchParams(query));
    expect(page("page=3")).toBe(3);
    expect([page(""), page("page=0"), page("page=-2"), page("page=x"), page("page=1.5"), page("page=9999999")]).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

describe("the page number", () => {
  it("is the one schema of every paged list's page, from 1 to 100,000", () => {
    expect(pageNumber.parse("100000")).toBe(100_000);
    expect([undefined, "", "0", "100001", "2.5", "abc"].map((value) => pageNumber.parse(value))).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
