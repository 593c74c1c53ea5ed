import { describe, expect, it } from "vitest";
import { loginPathFor, safeRedirect } from "./redirect";

const FALLBACK = "/home";

describe("safeRedirect", () => {
  it.each([
    ["protocol-relative URL", "//evil.com"],
    ["protocol-relative URL with path", "//evil.com/login"],
    ["absolute https URL", "https://evil.com"],
    ["absolute http URL", "http://evil.com/admin"],
    ["backslash after the slash", "/\\evil.com"],
    ["backslashes only", "\\\\evil.com"],
    ["backslash inside the path", "/foo\\..\\\\evil.com"],
    ["encoded tab", "/%09/evil"],
    ["encoded newline", "/%0a/evil.com"],
    ["encoded backslash", "/%5C/evil.com"],
    ["literal tab", "/\t/evil.com"],
    ["literal newline", "/\n/evil.com"],
    ["literal carriage return", "/\r/evil.com"],
    ["leading tab", "\t//evil.com"],
    ["NUL byte", "/\u0000/evil.com"],
    ["DEL character", "/\u007f/evil.com"],
    ["javascript: URL", "javascript:alert(1)"],
    ["data: URL", "data:text/html,<script>alert(1)</script>"],
    ["dot segments collapsing to a host", "/..//evil.com"],
    ["encoded dot segments collapsing to a host", "/%2e%2e//evil.com"],
    ["relative path", "admin"],
    ["empty string", ""],
    ["very long path", `/${"a".repeat(5000)}`],
  ])("falls back for %s", (_label, to) => {
    expect(safeRedirect(to, FALLBACK)).toBe(FALLBACK);
  });

  it.each([null, undefined, 42, {}, ["/admin"]])("falls back for the non-string %j", (to) => {
    expect(safeRedirect(to, FALLBACK)).toBe(FALLBACK);
  });

  it("uses / as the default fallback", () => {
    expect(safeRedirect("//evil.com")).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
  });

  it.each([
    ["/admin", "/admin"],
    ["/admin/users?q=rossi&page=2", "/admin/users?q=rossi&page=2"],
    ["/me#insurance", "/me#insurance"],
    ["/admin/users?sort=name&dir=desc#list", "/admin/users?sort=name&dir=desc#list"],
    ["/", "/"],
  ])("keeps the same-site path %s", (to, expected) => {
    expect(safeRedirect(to, FALLBACK)).toBe(expected);
  });

  it("keeps a long but reasonable path", () => {
    const to = `/admin/users?q=${"x".repeat(1500)}`;
    expect(safeRedirect(to, FALLBACK)).toBe(to);
  });

  it("never returns anything a browser would read as another host", () => {
    const attempts = [
      "//evil.com",
      "/\\evil.com",
      "/..//evil.com",
      "/./..//evil.com",
      "/a/../..//evil.com",
      "/%2e%2e//evil.com",
      "/%2E%2E/%2E%2E//evil.com",
      "/\t/evil.com",
      "/ //evil.com",
    ];
    for (const to of attempts) {
      const result = safeRedirect(to, FALLBACK);
      expect(result.startsWith("/")).toBe(true);
      expect(result.startsWith("//")).toBe(false);
      expect(new URL(result, "https://portal.example.org").host).toBe("portal.example.org");
    }
  });
});

describe("loginPathFor", () => {
  it("sends the home page and sign-in pages to plain /login", () => {
    expect(loginPathFor(new URL("https://portal.example.org/"))).toBe("/login");
    expect(loginPathFor(new URL("https://portal.example.org/login"))).toBe("/login");
    expect(loginPathFor(new URL("https://portal.example.org/login?redirectTo=%2Fadmin"))).toBe("/login");
  });

  it("remembers the page and its query, which safeRedirect then honours", () => {
    const path = loginPathFor(new URL("https://portal.example.org/admin/users?q=rossi&page=2#ignored"));
    const url = new URL(path, "https://portal.example.org");
    expect(url.pathname).toBe("/login");
    const back = url.searchParams.get("redirectTo");
    expect(back).toBe("/admin/users?q=rossi&page=2");
    expect(safeRedirect(back)).toBe("/admin/users?q=rossi&page=2");
  });
});
