import { describe, expect, it } from "vitest";
import { isCrossOriginWrite, isSignedWrite, lengthRequired, redactPath, securityHeaders } from "./security.js";

/** The CSP as a map from directive to its sources. */
function directives(csp) {
  return new Map(
    csp
      .split(";")
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name, ...sources] = part.split(/\s+/);
        return [name, sources];
      }),
  );
}

describe("securityHeaders in production", () => {
  const headers = securityHeaders({ nonce: "abc123nonce", production: true });
  const csp = directives(headers["Content-Security-Policy"]);

  it("allows scripts only with this response's nonce", () => {
    const scriptSrc = csp.get("script-src");
    expect(scriptSrc).toContain("'nonce-abc123nonce'");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(scriptSrc).not.toContain("*");
  });

  it("forbids framing, plugins and foreign form targets", () => {
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(headers["X-Frame-Options"]).toBe("DENY");
  });

  it("does not open websockets to other hosts", () => {
    expect(csp.get("connect-src")).toEqual(["'self'"]);
  });

  it("sends HSTS and the other hardening headers", () => {
    expect(headers["Strict-Transport-Security"]).toMatch(/max-age=\d{7,}/);
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("same-origin");
  });

  it("uses the nonce it is given, so every response gets its own", () => {
    const other = securityHeaders({ nonce: "zzz999", production: true })["Content-Security-Policy"];
    expect(other).toContain("'nonce-zzz999'");
    expect(other).not.toContain("abc123nonce");
  });
});

describe("securityHeaders in development", () => {
  const headers = securityHeaders({ nonce: "n", production: false });

  it("does not send HSTS, which would pin localhost to https", () => {
    expect(headers).not.toHaveProperty("Strict-Transport-Security");
  });

  it("still forbids framing", () => {
    expect(directives(headers["Content-Security-Policy"]).get("frame-ancestors")).toEqual(["'none'"]);
  });
});

describe("isCrossOriginWrite", () => {
  const expectedHost = "portal.example.org";

  it("lets reads through whatever their origin", () => {
    expect(isCrossOriginWrite({ method: "GET", origin: "https://evil.com", expectedHost })).toBe(false);
    expect(isCrossOriginWrite({ method: "get", origin: undefined, expectedHost })).toBe(false);
    expect(isCrossOriginWrite({ method: "HEAD", origin: null, expectedHost })).toBe(false);
  });

  it("refuses a write without an Origin header", () => {
    expect(isCrossOriginWrite({ method: "POST", origin: undefined, expectedHost })).toBe(true);
    expect(isCrossOriginWrite({ method: "POST", origin: "", expectedHost })).toBe(true);
  });

  it("refuses a write from another site", () => {
    expect(isCrossOriginWrite({ method: "POST", origin: "https://evil.com", expectedHost })).toBe(true);
    expect(isCrossOriginWrite({ method: "DELETE", origin: "https://evil.com", expectedHost })).toBe(true);
    expect(isCrossOriginWrite({ method: "POST", origin: "https://portal.example.org.evil.com", expectedHost })).toBe(true);
    expect(isCrossOriginWrite({ method: "POST", origin: "https://portal.example.org:8443", expectedHost })).toBe(true);
  });

  it("accepts a write from our own site", () => {
    expect(isCrossOriginWrite({ method: "POST", origin: "https://portal.example.org", expectedHost })).toBe(false);
    expect(isCrossOriginWrite({ method: "post", origin: "https://portal.example.org", expectedHost })).toBe(false);
    expect(isCrossOriginWrite({ method: "POST", origin: "http://localhost:3000", expectedHost: "localhost:3000" })).toBe(false);
  });

  it("refuses a malformed or opaque Origin", () => {
    expect(isCrossOriginWrite({ method: "POST", origin: "not a url", expectedHost })).toBe(true);
    expect(isCrossOriginWrite({ method: "POST", origin: "null", expectedHost })).toBe(true);
  });

  it("refuses a write when the expected host is unknown", () => {
    expect(isCrossOriginWrite({ method: "POST", origin: "https://portal.example.org", expectedHost: "" })).toBe(true);
  });

  it("lets a one-click unsubscribe through from a mail provider, with its Origin or none (RFC 8058: the signed link is the permission)", () => {
    for (const origin of [undefined, "https://mail.example.com", "null"]) {
      expect(isCrossOriginWrite({ method: "POST", origin, expectedHost, path: "/unsubscribe/cGF5bG9hZA.c2lnbmF0dXJl" })).toBe(false);
    }
  });

  it("knows a signed write by its method and path alone", () => {
    expect(isSignedWrite({ method: "POST", path: "/unsubscribe/abc.def" })).toBe(true);
    expect(isSignedWrite({ method: "GET", path: "/unsubscribe/abc.def" })).toBe(false);
    expect(isSignedWrite({ method: "POST", path: "/unsubscribe/abc/def" })).toBe(false);
    expect(isSignedWrite({ method: "POST" })).toBe(false);
  });

  it("lets nothing else through on that account: other paths, deeper paths, look-alikes", () => {
    for (const path of ["/unsubscribe", "/unsubscribe/", "/unsubscribe/x/y", "/admin/unsubscribe/x", "/profile", "/unsubscribex/y"]) {
      expect(isCrossOriginWrite({ method: "POST", origin: "https://evil.com", expectedHost, path }), path).toBe(true);
    }
  });
});

describe("redactPath", () => {
  it("hides set-password tokens", () => {
    const token = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst";
    const redacted = redactPath(`/set-password/${token}`);
    expect(redacted).toBe("/set-password/[token]");
    expect(redacted).not.toContain(token);
    expect(redactPath(`/set-password/${token}?_data=routes%2Fset-password`)).not.toContain(token);
  });

  it("hides unsubscribe tokens", () => {
    expect(redactPath("/unsubscribe/cGF5bG9hZA.c2lnbmF0dXJl")).toBe("/unsubscribe/[token]");
    expect(redactPath("/unsubscribe/cGF5bG9hZA.c2lnbmF0dXJl.data?x=1")).toBe("/unsubscribe/[token]?x=1");
  });

  it("hides secrets in query strings", () => {
    expect(redactPath("/login?redirectTo=%2Fadmin&x=1")).toBe("/login?redirectTo=[redacted]&x=1");
    expect(redactPath("/verify?a=1&token=s3cret")).toBe("/verify?a=1&token=[redacted]");
  });

  it("hides what was typed in a search box, often a person's name", () => {
    expect(redactPath("/admin/users?q=rossi&page=2")).toBe("/admin/users?q=[redacted]&page=2");
    expect(redactPath("/admin/residents?page=2&q=Anna%20Bianchi")).toBe("/admin/residents?page=2&q=[redacted]");
  });

  it("leaves ordinary paths alone", () => {
    expect(redactPath("/admin/users?role=tutor&page=2")).toBe("/admin/users?role=tutor&page=2");
    expect(redactPath("/admin/rotations?quarter=1")).toBe("/admin/rotations?quarter=1");
  });
});

describe("lengthRequired", () => {
  it("refuses a body sent in chunks without an announced length, which no limit could be checked against", () => {
    expect(lengthRequired({ transferEncoding: "chunked", contentLength: undefined })).toBe(true);
  });

  it("lets through bodies with a length, and requests without a body", () => {
    expect(lengthRequired({ transferEncoding: undefined, contentLength: "120" })).toBe(false);
    expect(lengthRequired({ transferEncoding: undefined, contentLength: undefined })).toBe(false);
  });
});
