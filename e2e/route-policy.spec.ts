import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import { ROLES, type Role } from "~/domain/roles";
import { createUser, expect, ORIGIN, test } from "./fixtures";
import { fullPath, manifest } from "./manifest";
import { ROUTE_SAMPLES } from "./route-samples";

/**
 * Every route of the app, read from Remix's own route manifest (the production server build), must
 * state who may use it (`handle.policy`), and the server must answer accordingly for every role:
 * anonymous → redirect to sign-in, wrong role → 403, right role → 200.
 */
const POLICIES = ["public", "anonymous", "user", ...ROLES] as const;
type Policy = (typeof POLICIES)[number];

test("every route states an access policy", async () => {
  const routes = await manifest();
  const missing = Object.values(routes)
    .filter((route) => !POLICIES.includes(route.module.handle?.policy as Policy))
    .map((route) => route.id);
  expect(missing, "routes without a valid handle.policy").toEqual([]);
  expect(Object.keys(routes).length).toBeGreaterThan(10);
});

test("every route answers each role as its policy says", async ({ request }) => {
  test.setTimeout(120_000);
  const routes = await manifest();
  const users = {} as Record<Role, { id: string; cookie: string }>;
  for (const role of ROLES) {
    const user = await createUser([role]);
    users[role] = { id: user.id, cookie: `${SESSION_COOKIE}=${(await createSession(user.id)).token}` };
  }
  const subject = await createUser(["resident"]);

  async function concrete(pattern: string): Promise<string> {
    let url = pattern;
    for (const [param, make] of Object.entries(ROUTE_SAMPLES)) {
      if (url.includes(param))
        url = url.replace(param, await make({ userId: subject.id, tutorId: users.tutor.id, residentUserId: users.resident.id }));
    }
    expect(url, `no sample value for a parameter of ${pattern}`).not.toMatch(/[:*]/);
    return url;
  }

  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) failures.push(what);
  };

  for (const route of Object.values(routes)) {
    if (route.id === "root") continue;
    const policy = route.module.handle?.policy as Policy;
    const pattern = fullPath(routes, route);
    const url = await concrete(pattern);
    const get = async (cookie?: string) => request.get(url, { maxRedirects: 0, headers: cookie ? { Cookie: cookie } : {} });
    const post = async (cookie?: string) =>
      request.post(url, {
        maxRedirects: 0,
        headers: { Origin: ORIGIN, ...(cookie ? { Cookie: cookie } : {}) },
        form: { intent: "policy-check" },
      });

    const anonymous = await get();
    const byRole = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await get(users[role].cookie)]))) as Record<
      Role,
      Awaited<ReturnType<typeof get>>
    >;
    const label = `${route.id} (${url}, ${policy})`;

    // No route ever fails with a server error, whoever asks.
    for (const [who, res] of [["anonymous", anonymous], ...Object.entries(byRole)] as const) {
      check(res.status() < 500, `${label}: ${who} got ${res.status()}`);
    }

    if (policy === "public") {
      for (const role of ROLES) check(byRole[role].status() !== 403, `${label}: ${role} got 403 on a public route`);
      continue;
    }
    if (policy === "anonymous") {
      check(anonymous.status() === 200, `${label}: anonymous got ${anonymous.status()}`);
      for (const role of ROLES) check(byRole[role].status() === 302, `${label}: signed-in ${role} was not sent home`);
      continue;
    }

    const toLogin = `/login?${new URLSearchParams({ redirectTo: url })}`;
    // Endpoints that only take a POST (progress streams) refuse any GET (Remix answers 400), to everyone.
    const actionOnly = Boolean(route.module.action) && !route.module.loader && !route.module.default;
    if (actionOnly) {
      for (const [who, res] of [["anonymous", anonymous], ...Object.entries(byRole)] as const)
        check(res.status() === 400, `${label}: ${who} GET got ${res.status()}, expected 400`);
    } else
      check(
        anonymous.status() === 302 && anonymous.headers()["location"] === toLogin,
        `${label}: anonymous got ${anonymous.status()} → ${anonymous.headers()["location"]}`,
      );
    for (const role of actionOnly ? [] : ROLES) {
      const allowed = policy === "user" || policy === role;
      const status = byRole[role].status();
      check(allowed ? status === 200 : status === 403, `${label}: ${role} got ${status}, expected ${allowed ? 200 : 403}`);
      // Pages show the translated 403 page; resource routes (CSV, files) answer a bare 403.
      if (!allowed && status === 403 && route.module.default) {
        check((await byRole[role].text()).includes("You do not have access to this page"), `${label}: 403 page not shown to ${role}`);
      }
    }

    // Actions are guarded as strictly as the pages.
    if (route.module.action) {
      const anonymousPost = await post();
      check(
        anonymousPost.status() === 302 && anonymousPost.headers()["location"]?.startsWith("/login") === true,
        `${label}: anonymous POST got ${anonymousPost.status()}`,
      );
      for (const role of ROLES) {
        if (policy === "user" || policy === role) continue;
        const res = await post(users[role].cookie);
        check(res.status() === 403, `${label}: ${role} POST got ${res.status()}, expected 403`);
      }
    }
  }
  expect(failures).toEqual([]);
});

test("a form posted from another site is refused", async ({ request }) => {
  const res = await request.post("/login", {
    maxRedirects: 0,
    headers: { Origin: "https://evil.example" },
    form: { email: "admin@example.org", password: "Demo-Portal-1" },
  });
  expect(res.status()).toBe(403);
  expect(res.headers()["set-cookie"]).toBeUndefined();
  const missing = await request.post("/login", { maxRedirects: 0, form: { email: "admin@example.org", password: "Demo-Portal-1" } });
  expect(missing.status()).toBe(403);
});
