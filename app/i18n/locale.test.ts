import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALE, fromAcceptLanguage, isLocale, resolveLocale } from "./locale";

describe("fromAcceptLanguage", () => {
  it("reads the first supported language of a typical header", () => {
    expect(fromAcceptLanguage("en-GB,en;q=0.9,it;q=0.8")).toBe("en");
    expect(fromAcceptLanguage("it-IT,it;q=0.9,en-US;q=0.8,en;q=0.7")).toBe("it");
  });

  it("honours q-values over the order of the header", () => {
    expect(fromAcceptLanguage("en;q=0.5,it;q=0.9")).toBe("it");
    expect(fromAcceptLanguage("it;q=0.1, en")).toBe("en");
  });

  it("keeps the header order between equal q-values", () => {
    expect(fromAcceptLanguage("en,it")).toBe("en");
    expect(fromAcceptLanguage("it,en")).toBe("it");
    expect(fromAcceptLanguage("en;q=0.8,it;q=0.8")).toBe("en");
  });

  it("skips unsupported languages to the first supported one", () => {
    expect(fromAcceptLanguage("de-DE,de;q=0.9,fr;q=0.8,en;q=0.5")).toBe("en");
  });

  it("gives null when no language is supported", () => {
    expect(fromAcceptLanguage("de,fr;q=0.8,es;q=0.5")).toBeNull();
    expect(fromAcceptLanguage("*")).toBeNull();
  });

  it("ignores languages refused with q=0 and malformed q-values", () => {
    expect(fromAcceptLanguage("en;q=0,it;q=0.1")).toBe("it");
    expect(fromAcceptLanguage("en;q=0")).toBeNull();
    expect(fromAcceptLanguage("en;q=abc,it;q=0.2")).toBe("it");
  });

  it("is case-insensitive and tolerates spaces", () => {
    expect(fromAcceptLanguage("  EN-us ; q=0.9 , de;q=1")).toBe("en");
  });

  it("gives null for an empty or missing header", () => {
    expect(fromAcceptLanguage("")).toBeNull();
    expect(fromAcceptLanguage(null)).toBeNull();
    expect(fromAcceptLanguage(undefined)).toBeNull();
  });

  it("copes with a huge header", () => {
    const header = `${Array.from({ length: 5000 }, () => "de").join(",")},en`;
    expect(fromAcceptLanguage(header)).toBeNull();
  });
});

describe("resolveLocale", () => {
  it("prefers the signed-in person's choice", () => {
    expect(resolveLocale({ userLanguage: "en", cookieLanguage: "it", acceptLanguage: "it" })).toBe("en");
  });

  it("falls back to the cookie, then the browser", () => {
    expect(resolveLocale({ userLanguage: null, cookieLanguage: "en", acceptLanguage: "it" })).toBe("en");
    expect(resolveLocale({ userLanguage: null, cookieLanguage: null, acceptLanguage: "en-US" })).toBe("en");
  });

  it("ignores invalid stored choices", () => {
    expect(resolveLocale({ userLanguage: "fr", cookieLanguage: "<script>", acceptLanguage: "en" })).toBe("en");
  });

  it("defaults to Italian", () => {
    expect(DEFAULT_LOCALE).toBe("it");
    expect(resolveLocale({})).toBe("it");
    expect(resolveLocale({ acceptLanguage: "de,fr" })).toBe("it");
  });
});

describe("isLocale", () => {
  it("accepts exactly it and en", () => {
    expect(isLocale("it")).toBe(true);
    expect(isLocale("en")).toBe(true);
    expect(isLocale("EN")).toBe(false);
    expect(isLocale("en-GB")).toBe(false);
    expect(isLocale(null)).toBe(false);
  });
});
