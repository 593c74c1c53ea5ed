import { afterEach, describe, expect, it, vi } from "vitest";
import { SESSION_LIFETIME_MS } from "~/domain/session-lifetime";
import type * as EnvModule from "~/utils/env.server";
import type { Env } from "~/utils/env.server";

/**
 * The attributes of every cookie the portal sets, as the browser receives them, in production and
 * outside it. session.server.test.ts checks the session cookie's value and lifetime in the test
 * environment; here the modules are loaded again with the configuration of each environment (the
 * configuration is read once, at import), so `Secure` is seen where it belongs and nowhere else.
 */

const DAY = 24 * 60 * 60;

async function load(production: boolean) {
  vi.resetModules();
  vi.doMock("~/utils/env.server", async (original) => {
    const actual = await original<typeof EnvModule>();
    const env: Env = { ...actual.env, NODE_ENV: production ? "production" : "development", isProduction: production };
    return { ...actual, env };
  });
  const [session, flash, handover] = await Promise.all([
    import("./session.server"),
    import("~/utils/flash.server"),
    import("~/utils/handover.server"),
  ]);
  return { ...session, ...flash, ...handover };
}

/** The attributes of a Set-Cookie value, lower-cased names, in order ("name=value" first). */
function attributes(setCookie: string): { pair: string; names: string[]; get: (name: string) => string | undefined } {
  const [pair = "", ...rest] = setCookie.split(";").map((part) => part.trim());
  const entries = rest.map((part) => {
    const index = part.indexOf("=");
    return index < 0 ? ([part.toLowerCase(), ""] as const) : ([part.slice(0, index).toLowerCase(), part.slice(index + 1)] as const);
  });
  return { pair, names: entries.map(([name]) => name), get: (name) => entries.find(([n]) => n === name)?.[1] };
}

afterEach(() => {
  vi.doUnmock("~/utils/env.server");
  vi.resetModules();
});

describe("the session cookie", () => {
  it("at sign-in in production: HttpOnly, SameSite=Lax, Secure, Path=/, no Domain, Max-Age of the session's life", async () => {
    const { sessionCookie, SESSION_COOKIE } = await load(true);
    const cookie = attributes(sessionCookie("abc.def", new Date(Date.now() + 30 * DAY * 1000)));
    expect(cookie.pair).toBe(`${SESSION_COOKIE}=abc.def`);
    expect(cookie.names).toEqual(expect.arrayContaining(["httponly", "secure", "samesite", "path", "max-age"]));
    expect(cookie.get("samesite")).toBe("Lax");
    expect(cookie.get("path")).toBe("/");
    expect(cookie.names).not.toContain("domain");
    const maxAge = Number(cookie.get("max-age"));
    expect(maxAge).toBeGreaterThan(30 * DAY - 5);
    expect(maxAge).toBeLessThanOrEqual(30 * DAY);
  });

  it("is not marked Secure outside production (the development server speaks plain HTTP)", async () => {
    const { sessionCookie, clearSessionCookie } = await load(false);
    expect(attributes(sessionCookie("abc.def", new Date(Date.now() + DAY * 1000))).names).not.toContain("secure");
    expect(attributes(clearSessionCookie()).names).not.toContain("secure");
  });

  it("never outlives a session, nor carries a negative age for one already over", async () => {
    const { sessionCookie } = await load(true);
    const far = attributes(sessionCookie("abc.def", new Date(Date.now() + 365 * DAY * 1000)));
    expect(Number(far.get("max-age"))).toBe(SESSION_LIFETIME_MS / 1000);
    const past = attributes(sessionCookie("abc.def", new Date(Date.now() - DAY * 1000)));
    expect(past.get("max-age")).toBe("0");
  });

  it("at sign-out in production: an empty value that expires at once, with the same Path, HttpOnly and Secure", async () => {
    const { clearSessionCookie, SESSION_COOKIE } = await load(true);
    const cookie = attributes(clearSessionCookie());
    expect(cookie.pair).toBe(`${SESSION_COOKIE}=`);
    expect(cookie.get("max-age")).toBe("0");
    // The browser replaces a cookie only when name, Path and Domain match the one it holds.
    expect(cookie.get("path")).toBe("/");
    expect(cookie.names).not.toContain("domain");
    expect(cookie.names).toEqual(expect.arrayContaining(["httponly", "secure"]));
    expect(cookie.get("samesite")).toBe("Lax");
  });
});

describe("the short-lived signed cookies", () => {
  it("the flash message: HttpOnly, SameSite=Lax, Secure in production, one minute, signed", async () => {
    const { withToast, takeToast } = await load(true);
    const headers = await withToast({ kind: "success", message: "records.saved" });
    const setCookie = headers.get("Set-Cookie") ?? "";
    const cookie = attributes(setCookie);
    expect(cookie.pair.startsWith("portal_flash=")).toBe(true);
    expect(cookie.names).toEqual(expect.arrayContaining(["httponly", "secure"]));
    expect(cookie.get("samesite")?.toLowerCase()).toBe("lax");
    expect(cookie.get("path")).toBe("/");
    expect(cookie.get("max-age")).toBe("60");
    // Read back as sent; a value altered by the client is not believed.
    const sent = new Request("https://portal.example.org/", { headers: { Cookie: cookie.pair } });
    expect((await takeToast(sent)).toast).toEqual({ kind: "success", message: "records.saved" });
    const [name, value = ""] = cookie.pair.split("=");
    const forged = `${name}=${encodeURIComponent(btoa(JSON.stringify({ toast: { kind: "error", message: "x" } })))}.${value.split(".")[1] ?? ""}`;
    expect((await takeToast(new Request("https://portal.example.org/", { headers: { Cookie: forged } }))).toast).toBeNull();
  });

  it("the one-time link hand-over: HttpOnly, SameSite=Strict, Secure in production, only under /admin, one minute", async () => {
    const { handoverCookie } = await load(true);
    const cookie = attributes(await handoverCookie({ userId: "u1", path: "/set-password/x", expiresAt: new Date().toISOString() }));
    expect(cookie.pair.startsWith("portal_handover=")).toBe(true);
    expect(cookie.names).toEqual(expect.arrayContaining(["httponly", "secure"]));
    expect(cookie.get("samesite")?.toLowerCase()).toBe("strict");
    expect(cookie.get("path")).toBe("/admin");
    expect(cookie.get("max-age")).toBe("60");
  });
});
