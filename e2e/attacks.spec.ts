import { request as playwrightRequest, type APIRequestContext, type APIResponse, type Locator, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import { addDays, hospitalToday, toIsoDate } from "~/domain/dates";
import { ROLES, type Role } from "~/domain/roles";
import { academicYearOf } from "~/domain/teaching";
import { terminateAgreement } from "~/models/agreement.server";
import { recordAudit } from "~/models/audit.server";
import { versionOf } from "~/models/concurrency.server";
import { formVersionFor } from "~/models/evaluation-form.server";
import { updateResident } from "~/models/resident.server";
import { academicYearStart } from "~/models/settings.server";
import { createUniversity } from "~/models/university.server";
import { prisma } from "~/utils/db.server";
import { createCatalogue, createLogbookEntry } from "../test/factories";
import { createUser, expect, ORIGIN, programmeOfItsOwn, test, type TestUser } from "./fixtures";
import { fullPath, manifest } from "./manifest";
import { ROUTE_SAMPLES } from "./route-samples";

/**
 * What an attacker would try against the portal, one attack per test, each asserting what the
 * attacker would notice. Every test fails if the protection it names were removed.
 */

const EVIL = "https://evil.example";

/** A network address of its own per call: throttling in one test never slows another down. */
function address(): string {
  const n = () => Math.floor(Math.random() * 250) + 1;
  return `10.${n()}.${n()}.${n()}`;
}

async function cookieFor(user: TestUser): Promise<{ cookie: string; sessionId: string }> {
  const session = await createSession(user.id, { userAgent: "attacks spec" });
  return { cookie: `${SESSION_COOKIE}=${session.token}`, sessionId: session.id };
}

/** The session cookie a response sets, with its attributes (undefined when none). */
function sessionSetCookie(res: APIResponse): string | undefined {
  return res
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value)
    .find((v) => v.startsWith(`${SESSION_COOKIE}=`));
}

function cookieValue(setCookie: string | undefined): string {
  return setCookie?.split(";")[0]?.slice(SESSION_COOKIE.length + 1) ?? "";
}

type LoginReply = { status: number; headers: Record<string, string>; setCookie: string | undefined; text: string };

/** A sign-in form post from a fresh client with no cookie jar (so no earlier sign-in leaks into it). */
async function postLogin(form: Record<string, string>, headers: Record<string, string> = {}): Promise<LoginReply> {
  const client = await playwrightRequest.newContext({ baseURL: ORIGIN });
  try {
    const res = await client.post("/login", {
      maxRedirects: 0,
      headers: { Origin: ORIGIN, "X-Forwarded-For": address(), "Accept-Language": "en", ...headers },
      form,
    });
    return { status: res.status(), headers: res.headers(), setCookie: sessionSetCookie(res), text: await res.text() };
  } finally {
    await client.dispose();
  }
}

test.describe("sessions", () => {
  test("session fixation: the cookie changes at sign-in and a planted or forged value is refused", async ({ request }) => {
    const user = await createUser(["resident"]);
    const planted = "plantedid000000000000000.plantedsecret00000000000";
    const res = await postLogin({ email: user.email, password: user.password }, { Cookie: `${SESSION_COOKIE}=${planted}` });
    expect(res.status).toBe(302);
    const issued = cookieValue(res.setCookie);
    expect(issued).toMatch(/^[^.]+\.[^.]+$/);
    expect(issued).not.toBe(planted);

    // The planted value never became a session, and a forged secret on a real session id is refused.
    const [id] = issued.split(".");
    for (const forged of [planted, `${id}.forgedsecretforgedsecretforged`, `${id}`, "a.b.c"]) {
      const page = await request.get("/me", { maxRedirects: 0, headers: { Cookie: `${SESSION_COOKIE}=${forged}` } });
      expect(page.status(), forged).toBe(302);
      expect(page.headers()["location"]).toBe("/login?redirectTo=%2Fme");
    }
    const ok = await request.get("/me", { maxRedirects: 0, headers: { Cookie: `${SESSION_COOKIE}=${issued}` } });
    expect(ok.status()).toBe(200);
  });

  test("the session cookie is HttpOnly, SameSite=Lax, Path=/ and Secure on the production server", async () => {
    const user = await createUser(["tutor"]);
    const res = await postLogin({ email: user.email, password: user.password });
    const setCookie = res.setCookie;
    expect(setCookie).toBeDefined();
    const attributes = (setCookie ?? "").split(";").map((part) => part.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    // The e2e server runs NODE_ENV=production, where the serializer adds Secure (app/auth/session.server.ts).
    expect(attributes).toContain("secure");
    expect(attributes.some((a) => /^max-age=\d+$/.test(a))).toBe(true);
    expect(attributes.some((a) => a.startsWith("domain="))).toBe(false);
  });

  test("logout ends the session: the old cookie is sent to sign-in and the Session row is gone", async ({ request }) => {
    const user = await createUser(["admin"]);
    const { cookie, sessionId } = await cookieFor(user);
    expect((await request.get("/admin", { maxRedirects: 0, headers: { Cookie: cookie } })).status()).toBe(200);

    const out = await request.post("/logout", { maxRedirects: 0, headers: { Origin: ORIGIN, Cookie: cookie } });
    expect(out.status()).toBe(302);
    expect(out.headers()["location"]).toBe("/login");
    expect(sessionSetCookie(out)).toMatch(/Max-Age=0/);

    expect(await prisma.session.findUnique({ where: { id: sessionId } })).toBeNull();
    const replay = await request.get("/admin", { maxRedirects: 0, headers: { Cookie: cookie } });
    expect(replay.status()).toBe(302);
    expect(replay.headers()["location"]).toBe("/login?redirectTo=%2Fadmin");
    // A GET to /logout does nothing (no sign-out by a link or an <img>).
    const other = await cookieFor(user);
    await request.get("/logout", { maxRedirects: 0, headers: { Cookie: other.cookie } });
    expect(await prisma.session.findUnique({ where: { id: other.sessionId } })).not.toBeNull();
  });
});

test.describe("brute force", () => {
  test("after 5 wrong passwords the account is blocked, even for the right password, with a 429 and a translated message", async () => {
    const user = await createUser(["resident"]);
    const from = address();
    const attempt = (password: string, language = "en") =>
      postLogin({ email: user.email, password }, { "X-Forwarded-For": from, "Accept-Language": language });

    for (let i = 1; i <= 5; i++) {
      const res = await attempt(`wrong-${i}`);
      expect(res.status, `attempt ${i}`).toBe(400);
      expect(res.text).toContain("The e-mail address or the password is not correct.");
    }
    // The sixth failure blocks the account for 30 seconds (app/domain/login-throttle.ts).
    const sixth = await attempt("wrong-6");
    expect(sixth.status).toBe(429);
    expect(sixth.text).toMatch(/Too many failed attempts\. Wait (30|29) seconds before trying again\./);

    const right = await attempt(user.password);
    expect(right.status).toBe(429);
    expect(right.setCookie).toBeUndefined();
    expect(right.text).toMatch(/Too many failed attempts\. Wait \d+ seconds before trying again\./);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);

    // From another address the account is still blocked (the counter is per account), and in Italian.
    const elsewhere = await postLogin({ email: user.email, password: user.password }, { "Accept-Language": "it" });
    expect(elsewhere.status).toBe(429);
    expect(elsewhere.setCookie).toBeUndefined();
    expect(elsewhere.text).toMatch(/Troppi tentativi falliti\. Attendi \d+ secondi prima di riprovare\./);
  });

  test("the throttled message is shown next to the form in the browser", async ({ page }) => {
    const user = await createUser(["resident"]);
    await prisma.loginThrottle.create({
      data: { key: `account:${user.email}`, failures: 6, lastFailureAt: new Date(), blockedUntil: new Date(Date.now() + 120_000) },
    });
    await page.goto("/login");
    await page.getByLabel("E-mail address").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText(/Too many failed attempts\. Wait 2 minutes before trying again\./);
    await expect(page).toHaveURL(/\/login/);
  });
});

test("cross-origin form posts are refused with 403 and change nothing", async ({ request }) => {
  const admin = await createUser(["admin"]);
  const { cookie, sessionId } = await cookieFor(admin);
  const name = `CSRF university ${randomUUID()}`;
  const university = await prisma.university.create({ data: { name: `CSRF target ${randomUUID()}`, city: "Milano" } });
  const unread = await prisma.notification.create({
    data: { userId: admin.id, kind: "rotations-broken", category: "rotations", params: '{"count":1}', link: "/admin", delivery: "portal" },
  });
  const posts: Array<{ url: string; form: Record<string, string> }> = [
    { url: "/admin/universities/new", form: { name, city: "Roma" } },
    { url: `/admin/universities/${university.id}`, form: { intent: "archive" } },
    { url: "/profile", form: { intent: "language", language: "it" } },
    { url: "/notifications", form: { intent: "read-all" } },
    { url: "/notifications/preferences", form: { rotations: "portal" } },
    { url: "/logout", form: {} },
    { url: "/admin/users/new", form: { name: "CSRF person", email: `csrf-${randomUUID()}@example.test`, roles: "admin" } },
  ];
  const variants: Array<[string, Record<string, string>]> = [
    ["foreign Origin", { Origin: EVIL }],
    ["foreign Referer, no Origin", { Referer: `${EVIL}/page` }],
    ["Origin null", { Origin: "null" }],
    ["look-alike Origin", { Origin: `${ORIGIN}.evil.example` }],
  ];
  for (const { url, form } of posts) {
    for (const [label, headers] of variants) {
      const res = await request.post(url, { maxRedirects: 0, headers: { Cookie: cookie, ...headers }, form });
      expect(res.status(), `${url} with ${label}`).toBe(403);
    }
  }
  expect(await prisma.university.count({ where: { name } })).toBe(0);
  expect((await prisma.university.findUniqueOrThrow({ where: { id: university.id } })).archivedAt).toBeNull();
  expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).language).toBe("en");
  expect(await prisma.session.findUnique({ where: { id: sessionId } })).not.toBeNull();
  expect(await prisma.user.count({ where: { name: "CSRF person" } })).toBe(0);
  expect((await prisma.notification.findUniqueOrThrow({ where: { id: unread.id } })).readAt).toBeNull();
  expect(await prisma.notificationPreference.count({ where: { userId: admin.id } })).toBe(0);
});

test.describe("open redirects through redirectTo", () => {
  const payloads = [
    EVIL,
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "/%09/evil.example",
    "/\t/evil.example",
    "/..//evil.example",
    "/admin/../..//evil.example",
    "https:evil.example",
    "data:text/html,<script>alert(1)</script>",
    " //evil.example",
  ];

  test("the sign-in redirect never leaves the portal (every payload)", async () => {
    const user = await createUser(["resident"]);
    for (const redirectTo of payloads) {
      const res = await postLogin({ email: user.email, password: user.password, redirectTo });
      expect(res.status, redirectTo).toBe(302);
      // Signed in by this very post (not sent home as an already signed-in person).
      expect(res.setCookie, redirectTo).toBeDefined();
      const location = res.headers["location"] ?? "";
      const target = new URL(location, ORIGIN);
      expect(target.origin, `${redirectTo} → ${location}`).toBe(ORIGIN);
      expect(location, redirectTo).toMatch(/^\/(?![/\\])/);
    }
    // A real path of the portal is honoured.
    const res = await postLogin({ email: user.email, password: user.password, redirectTo: "/me/teaching?x=1" });
    expect(res.headers["location"]).toBe("/me/teaching?x=1");
  });

  test("opening a notification never leaves the portal, even were its stored link forged (every payload)", async ({ request }) => {
    // Links come from the portal's own code, never from a form; should one be forged in the database, the redirect still holds.
    const user = await createUser(["tutor"]);
    const { cookie } = await cookieFor(user);
    for (const link of [...payloads, "/tutor/teaching?show=past"]) {
      const forged = await prisma.notification.create({
        data: { userId: user.id, kind: "logbook-waiting", category: "logbook", params: '{"count":2}', link, delivery: "portal" },
      });
      const res = await request.post("/notifications", {
        maxRedirects: 0,
        headers: { Origin: ORIGIN, Cookie: cookie },
        form: { intent: "open", id: forged.id },
      });
      expect(res.status(), link).toBe(302);
      const location = res.headers()["location"] ?? "";
      expect(new URL(location, ORIGIN).origin, `${link} → ${location}`).toBe(ORIGIN);
      expect(location, link).toMatch(/^\/(?![/\\])/);
      if (link.startsWith("/tutor")) expect(location).toBe(link);
      else if (!link.startsWith("/")) expect(location, link).toBe("/notifications");
    }
  });

  test("in the browser, signing in from a poisoned link stays on the portal", async ({ page }) => {
    const user = await createUser(["resident"]);
    for (const redirectTo of [EVIL, "//evil.example", "/\\evil.example", "javascript:window.__pwned=1"]) {
      await page.context().clearCookies();
      await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
      await page.getByLabel("E-mail address").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(`${ORIGIN}/me`);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    }
  });
});

test("a tutor cannot save, confirm or correct attendance of another tutor's session by changing its id", async ({ request }) => {
  const [tutor, other] = [await createUser(["tutor"]), await createUser(["tutor"])];
  const resident = await prisma.resident.findFirstOrThrow({ select: { id: true } });
  const session = await prisma.teachingSession.create({
    data: {
      title: `Other tutor's lesson ${randomUUID()}`,
      type: "lesson",
      date: new Date(),
      startTime: "09:00",
      durationMinutes: 60,
      createdById: other.id,
      tutors: { create: { userId: other.id, lead: true } },
    },
  });
  const { cookie } = await cookieFor(tutor);
  const forms: Array<Record<string, string>> = [
    { intent: "save", [`mark.${resident.id}`]: "present" },
    { intent: "confirm" },
    { intent: `add:${resident.id}` },
    { intent: "correct", residentId: resident.id, status: "present", reason: "attack" },
  ];
  for (const form of forms) {
    const res = await request.post(`/tutor/teaching/${session.id}/attendance`, {
      maxRedirects: 0,
      headers: { Origin: ORIGIN, Cookie: cookie },
      form,
    });
    expect([403, 404], `${form.intent} → ${res.status()}`).toContain(res.status());
  }
  const after = await prisma.teachingSession.findUniqueOrThrow({ where: { id: session.id }, include: { attendance: true } });
  expect(after.confirmedAt).toBeNull();
  expect(after.attendance).toEqual([]);
});

test("a person cannot end someone else's session by posting its id from their profile", async ({ request }) => {
  const [attacker, victim] = [await createUser(["resident"]), await createUser(["admin"])];
  const { cookie } = await cookieFor(attacker);
  const target = await cookieFor(victim);
  const res = await request.post("/profile", {
    maxRedirects: 0,
    headers: { Origin: ORIGIN, Cookie: cookie },
    form: { intent: "end-session", sessionId: target.sessionId },
  });
  expect(res.status()).toBeLessThan(500);
  expect(await prisma.session.findUnique({ where: { id: target.sessionId } })).not.toBeNull();
  expect((await request.get("/admin", { maxRedirects: 0, headers: { Cookie: target.cookie } })).status()).toBe(200);
});

test.describe("path traversal on downloads", () => {
  const traversals = [
    "..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "%252e%252e%252f%252e%252e%252fetc%252fpasswd",
    "..%5C..%5C..%5Cetc%5Cpasswd",
    "%2Fetc%2Fpasswd",
    "..%2F..%2Fpackage.json",
    "..%2F..%2Fdata%2Fsession-secret",
    "....%2F%2F....%2F%2Fetc%2Fpasswd",
  ];

  function expectNothingLeaked(body: string, what: string) {
    expect(body, what).not.toMatch(/root:.*:0:0:/);
    expect(body, what).not.toContain("%PDF");
    expect(body, what).not.toContain('"dependencies"');
    expect(body, what).not.toContain("BEGIN:VCALENDAR");
  }

  test("the agreement document route answers 404 and never a file", async ({ request }) => {
    const admin = await createUser(["admin"]);
    const { cookie } = await cookieFor(admin);
    for (const t of traversals) {
      for (const url of [`/admin/agreements/${t}/document`, `/admin/agreements/x/document/${t}`]) {
        const res = await request.get(url, { maxRedirects: 0, headers: { Cookie: cookie } });
        expect([400, 404], `${url} → ${res.status()}`).toContain(res.status());
        expectNothingLeaked(await res.text(), url);
      }
    }
  });

  test("the calendar route answers 404 and never a file", async ({ request }) => {
    for (const t of traversals) {
      for (const url of [`/calendar/${t}`, `/calendar/${t}.ics`, `/calendar/${t}%00.ics`]) {
        const res = await request.get(url, { maxRedirects: 0 });
        expect([400, 404], `${url} → ${res.status()}`).toContain(res.status());
        expectNothingLeaked(await res.text(), url);
      }
    }
  });
});

test.describe("agreement uploads", () => {
  async function draftAgreement(): Promise<string> {
    const university = await prisma.university.create({ data: { name: `Upload university ${randomUUID()}`, city: "Pavia" } });
    const agreement = await prisma.agreement.create({
      data: { universityId: university.id, facilityRole: "collegata", startDate: new Date("2025-01-01"), endDate: new Date("2029-12-31") },
    });
    return agreement.id;
  }

  test("a file named .pdf whose content is HTML or an EXE is refused, 400, nothing stored", async ({ request }) => {
    const admin = await createUser(["admin"]);
    const { cookie } = await cookieFor(admin);
    const id = await draftAgreement();
    const documentsBefore = await prisma.storedDocument.count();
    const fakes: Array<[string, Buffer]> = [
      ["html", Buffer.from("<html><body><script>alert(1)</script></body></html>")],
      ["exe", Buffer.concat([Buffer.from("MZ"), Buffer.alloc(2048, 0x90)])],
      ["empty-ish", Buffer.from(" ")],
      ["late header", Buffer.concat([Buffer.alloc(2000, 0x20), Buffer.from("%PDF-1.4")])],
    ];
    for (const [label, buffer] of fakes) {
      const res = await request.post(`/admin/agreements/${id}`, {
        maxRedirects: 0,
        headers: { Origin: ORIGIN, Cookie: cookie },
        multipart: { intent: "upload", document: { name: "x.pdf", mimeType: "application/pdf", buffer } },
      });
      expect(res.status(), label).toBe(400);
      expect(await res.text(), label).toContain("This file is not a PDF (its content was checked, not its name).");
    }
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id } })).documentId).toBeNull();
    expect(await prisma.storedDocument.count()).toBe(documentsBefore);
  });

  test("the refusal is shown next to the file field", async ({ page, loginAs }) => {
    await loginAs(["admin"]);
    const id = await draftAgreement();
    await page.goto(`/admin/agreements/${id}`);
    await page
      .locator("#document")
      .setInputFiles({ name: "x.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html>not a pdf</html>") });
    const upload = page.locator("form").filter({ has: page.locator("#document") });
    await upload.getByRole("button", { name: "Attach the signed PDF" }).click();
    await expect(page.locator("#document-error")).toHaveText("This file is not a PDF (its content was checked, not its name).");
    await expect(page.locator("#document")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#document")).toHaveAttribute("aria-describedby", /document-error/);
  });

  test("an upload over 10 MB is refused with 413 and a message, and the server stays up", async ({ request }) => {
    const admin = await createUser(["admin"]);
    const { cookie } = await cookieFor(admin);
    const id = await draftAgreement();
    const buffer = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(11 * 1024 * 1024, 0x20)]);
    const res = await request.post(`/admin/agreements/${id}`, {
      maxRedirects: 0,
      headers: { Origin: ORIGIN, Cookie: cookie },
      multipart: { intent: "upload", document: { name: "big.pdf", mimeType: "application/pdf", buffer } },
    });
    expect(res.status()).toBe(413);
    expect(await res.text()).toContain("The file is larger than 10 MB.");
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id } })).documentId).toBeNull();
    expect((await request.get("/healthz")).status()).toBe(200);
  });
});

test.describe("bodies too large to read", () => {
  test("a form announced over 1 MB is refused with 413 before it is read, and the server stays up", async ({ request }) => {
    const res = await request.post("/login", {
      maxRedirects: 0,
      headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
      data: `email=a%40example.org&password=${"x".repeat(5 * 1024 * 1024)}`,
    });
    expect(res.status()).toBe(413);
    expect((await request.get("/healthz")).status()).toBe(200);
  });

  test("a body sent in chunks, with no length to check, is refused with 411", async () => {
    const { hostname, port } = new URL(ORIGIN);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = httpRequest(
        {
          hostname,
          port,
          path: "/login",
          method: "POST",
          headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.on("error", reject);
      // Chunks that could go on for ever: the answer comes before the body ends.
      req.write("email=a%40example.org&password=");
      req.write("x".repeat(64 * 1024));
      setTimeout(() => req.end(), 200);
    });
    expect(status).toBe(411);
  });
});

/**
 * Hostile text: closes the tags a value could sit in (title, textarea, an attribute), then tries an
 * image error handler, an inline script and an SVG load handler, each setting the trap `window.__xss`.
 * Escaping is what must stop it; the CSP (script nonces, no 'unsafe-inline') would stop the handlers
 * too, so the tests also look for the elements themselves in the page. People carrying it are named
 * "Persona <text>": a person named exactly like a record the open data publishes (a university) would
 * look, to e2e/open-data.spec.ts, like a person published.
 */
const XSS = `</title></textarea><img src=x onerror=window.__xss=1><script>window.__xss=1</script>"'><svg/onload=window.__xss=1>`;

/**
 * A page that shows the hostile text: its address, or its address with the part of the page that must
 * show it and how many times at least (e.g. a history block: the value, the record's name, the actor).
 */
type XssPage = string | { url: string; within: (page: Page) => Locator; times: number };
/** Where hostile text is stored, and every page that shows it. Add a row to cover another field. */
type XssCase = {
  field: string;
  role: Role;
  /** Stores the text and returns the pages that show it; `cleanup` takes what must go afterwards. */
  seed: (text: string, actor: TestUser, cleanup: Array<() => Promise<unknown>>) => Promise<XssPage[]>;
};

const historyBlock = (page: Page) => page.getByRole("region", { name: "History" });
const adminHistoryList = (page: Page) => page.getByRole("list", { name: "Changes, newest first" });
const ownHistoryList = (page: Page) => page.getByRole("list", { name: "Changes about you, newest first" });
const dashboardCard = (title: string) => (page: Page) => page.getByRole("region", { name: title });

/** A day counted from the hospital's today, as the database stores days (UTC midnight). */
const dayFromToday = (days: number) => addDays(hospitalToday(), days);

/** A resident record in the first programme, or in `programmeId` (one of its own, for what would change a demo programme). */
async function residentRecord(userId: string, overrides: { insurancePolicy?: string; programmeId?: string } = {}) {
  const programme = overrides.programmeId
    ? { id: overrides.programmeId }
    : await prisma.programme.findFirstOrThrow({ select: { id: true } });
  return prisma.resident.create({
    data: {
      userId,
      programmeId: programme.id,
      yearOfTraining: 2,
      studentNumber: `S-${randomUUID().slice(0, 8)}`,
      stayStart: new Date("2025-01-01"),
      stayEnd: new Date("2028-12-31"),
      insurancePolicy: overrides.insurancePolicy ?? null,
    },
  });
}

/**
 * A rotation that ended long ago (so it is never judged again on the dashboard), written with its audit
 * event as createRotation writes them; the rules of createRotation are not the point here.
 */
async function pastRotation(actorId: string, data: { residentId: string; departmentId: string; tutorId: string | null; notes: string }) {
  const fields = { ...data, startDate: new Date("2024-01-08"), endDate: new Date("2024-02-04"), state: "planned" };
  return prisma.$transaction(async (tx) => {
    const rotation = await tx.rotation.create({ data: fields, select: { id: true } });
    await recordAudit(tx, { actorId, action: "create", entityType: "rotation", entityId: rotation.id, before: null, after: fields });
    return rotation;
  });
}

/** A period long past whose residents' answers count as released (made here, never by a release). */
const RELEASED_PERIOD = "1999";

/** Five released answers about a tutor in a department, each with the text as its comment. */
async function releasedAnswers(text: string, tutorId: string, departmentId: string) {
  const version = await prisma.$transaction((tx) => formVersionFor(tx, "resident-rotation", null));
  await prisma.evaluationRelease.upsert({
    where: { period: RELEASED_PERIOD },
    create: { period: RELEASED_PERIOD, releasedAt: new Date(), answers: 5 },
    update: {},
  });
  const answers = Object.fromEntries(
    version.items.map((item) => [item.key, item.type === "rating" ? 3 : item.type === "yesno" ? true : text] as const),
  );
  await prisma.evaluationAnswer.createMany({
    data: Array.from({ length: 5 }, () => ({
      id: randomUUID(),
      period: RELEASED_PERIOD,
      formVersionId: version.id,
      tutorId,
      departmentId,
      answers: JSON.stringify(answers),
    })),
  });
}

/**
 * A confirmed rotation that ended two days ago, supervised by the tutor, with their evaluation of the
 * resident: every text item says the text; signed when asked, and acknowledged with the text as comment.
 */
async function evaluatedRotation(
  text: string,
  spec: { residentId: string; departmentId: string; tutorId: string; signed?: boolean; acknowledged?: boolean },
) {
  const resident = await prisma.resident.findUniqueOrThrow({ where: { id: spec.residentId }, select: { programmeId: true } });
  const rotation = await prisma.rotation.create({
    data: {
      residentId: spec.residentId,
      departmentId: spec.departmentId,
      tutorId: spec.tutorId,
      startDate: dayFromToday(-30),
      endDate: dayFromToday(-2),
      state: "confirmed",
    },
  });
  const version = await prisma.$transaction((tx) => formVersionFor(tx, "tutor-resident", resident.programmeId));
  const answers = Object.fromEntries(
    version.items.map((item) => [item.key, item.type === "rating" ? 3 : item.type === "yesno" ? true : text] as const),
  );
  await prisma.tutorEvaluation.create({
    data: {
      rotationId: rotation.id,
      formVersionId: version.id,
      answers: JSON.stringify(answers),
      signedAt: spec.signed ? new Date() : null,
      signedById: spec.signed ? spec.tutorId : null,
      acknowledgedAt: spec.acknowledged ? new Date() : null,
      residentComment: spec.acknowledged ? text : null,
    },
  });
  return rotation;
}

/** A lesson with one resident's mark, and the attendance event a tutor's marking writes. */
async function markedLesson(tutorId: string, residentId: string, title: string, event: { action: "mark" | "correct"; reason?: string }) {
  const session = await prisma.teachingSession.create({
    data: {
      title,
      type: "lesson",
      date: new Date("2025-03-03"),
      startTime: "09:00",
      durationMinutes: 60,
      createdById: tutorId,
      tutors: { create: { userId: tutorId, lead: true } },
    },
  });
  await prisma.attendance.create({ data: { sessionId: session.id, residentId, status: "present", markedById: tutorId } });
  await prisma.$transaction((tx) =>
    recordAudit(tx, {
      actorId: tutorId,
      action: event.action,
      entityType: "attendance",
      entityId: session.id,
      before: event.action === "correct" ? { [residentId]: "absent", reason: null } : { [residentId]: null },
      after: event.action === "correct" ? { [residentId]: "present", reason: event.reason ?? null } : { [residentId]: "present" },
    }),
  );
  return session;
}

const XSS_CASES: XssCase[] = [
  {
    field: "university name",
    role: "admin",
    seed: async (text) => {
      const u = await prisma.university.create({ data: { name: text, city: "Milano", shortName: "XSS" } });
      return [`/admin/universities?q=${encodeURIComponent(tagOf(text))}`, `/admin/universities/${u.id}`];
    },
  },
  {
    field: "programme director name",
    role: "admin",
    seed: async (text) => {
      const university = await prisma.university.create({ data: { name: `XSS host ${randomUUID()}`, city: "Milano" } });
      const p = await prisma.programme.create({
        data: {
          universityId: university.id,
          specialtyCode: "urologia",
          directorName: text,
          directorEmail: "xss@example.it",
          durationYears: 5,
        },
      });
      return [`/admin/programmes?q=${encodeURIComponent(tagOf(text))}`, `/admin/programmes/${p.id}`];
    },
  },
  {
    field: "department name",
    role: "admin",
    seed: async (text) => {
      const d = await prisma.department.create({ data: { name: text, capacity: 3 } });
      return [`/admin/departments?q=${encodeURIComponent(tagOf(text))}`, `/admin/departments/${d.id}`];
    },
  },
  {
    field: "user name",
    role: "admin",
    seed: async (text) => {
      const person = await createUser(["tutor"], { name: `Persona ${text}` });
      return [`/admin/users?q=${encodeURIComponent(tagOf(text))}`, `/admin/users/${person.id}`];
    },
  },
  {
    field: "agreement notes",
    role: "admin",
    seed: async (text) => {
      const university = await prisma.university.create({ data: { name: `XSS agreement host ${randomUUID()}`, city: "Milano" } });
      const a = await prisma.agreement.create({
        data: {
          universityId: university.id,
          facilityRole: "collegata",
          startDate: new Date("2025-01-01"),
          endDate: new Date("2029-12-31"),
          notes: text,
        },
      });
      return [`/admin/agreements/${a.id}`];
    },
  },
  {
    field: "resident record (name, student number, insurance policy) seen by an administrator",
    role: "admin",
    seed: async (text) => {
      const person = await createUser(["resident"], { name: `Persona ${text}` });
      const programme = await prisma.programme.findFirstOrThrow({ select: { id: true } });
      const r = await prisma.resident.create({
        data: {
          userId: person.id,
          programmeId: programme.id,
          yearOfTraining: 2,
          studentNumber: text,
          insurancePolicy: text,
          stayStart: new Date("2025-01-01"),
          stayEnd: new Date("2028-12-31"),
        },
      });
      return [`/admin/residents?q=${encodeURIComponent(tagOf(text))}`, `/admin/residents/${r.id}`];
    },
  },
  {
    field: "resident record seen by the resident",
    role: "resident",
    seed: async (text, actor) => {
      const programme = await prisma.programme.findFirstOrThrow({ select: { id: true } });
      await prisma.resident.create({
        data: {
          userId: actor.id,
          programmeId: programme.id,
          yearOfTraining: 2,
          studentNumber: `S-${randomUUID().slice(0, 6)}`,
          insurancePolicy: text,
          stayStart: new Date("2025-01-01"),
          stayEnd: new Date("2028-12-31"),
        },
      });
      return ["/me"];
    },
  },
  {
    field: "a logbook entry's note, case reference, activity and resident, in the tutor's queue",
    role: "tutor",
    seed: async (text, actor) => {
      const person = await createUser(["resident"], { name: `Persona ${text}` });
      const resident = await residentRecord(person.id, { programmeId: (await programmeOfItsOwn()).id });
      const department = await prisma.department.create({ data: { name: `${text} logbook ward`, capacity: 2 } });
      const catalogue = await createCatalogue({
        programmeId: resident.programmeId,
        version: 1000 + Math.floor(Math.random() * 1_000_000),
        activities: [{ code: "xss", labelIt: text, labelEn: text, minimums: [] }],
      });
      await createLogbookEntry({
        residentId: resident.id,
        activityId: catalogue.activities[0]!.id,
        departmentId: department.id,
        date: dayFromToday(-1),
        tutorId: actor.id,
        note: text,
      });
      await prisma.logbookEntry.updateMany({ where: { residentId: resident.id }, data: { caseRef: text.slice(0, 40) } });
      return ["/tutor/logbook"];
    },
  },
  {
    field: "the resident's own logbook: activity, category, note, case reference, return reason, department and tutor",
    role: "resident",
    seed: async (text, actor) => {
      const resident = await residentRecord(actor.id, { programmeId: (await programmeOfItsOwn()).id });
      const tutor = await createUser(["tutor"], { name: `Tutor ${text}` });
      const department = await prisma.department.create({ data: { name: `${text} own ward`, capacity: 2 } });
      const catalogue = await createCatalogue({
        programmeId: resident.programmeId,
        version: 1000 + Math.floor(Math.random() * 1_000_000),
        validFrom: new Date("1990-01-01"),
        activities: [{ code: "xss", category: text, labelIt: text, labelEn: text, minimums: [] }],
      });
      await prisma.rotation.create({
        data: {
          residentId: resident.id,
          departmentId: department.id,
          tutorId: tutor.id,
          startDate: dayFromToday(-5),
          endDate: dayFromToday(5),
          state: "confirmed",
        },
      });
      const entry = await createLogbookEntry({
        residentId: resident.id,
        activityId: catalogue.activities[0]!.id,
        departmentId: department.id,
        date: dayFromToday(-1),
        tutorId: tutor.id,
        note: text,
        status: "returned",
      });
      await prisma.logbookEntry.update({ where: { id: entry.id }, data: { caseRef: text.slice(0, 40), returnReason: text } });
      return ["/me/logbook", `/me/logbook/${entry.id}`];
    },
  },
  {
    field: "a catalogue's activity label and category and the resident's name, in the progress pages of a tutor and of an administrator",
    role: "tutor",
    seed: async (text, actor) => {
      const programme = await programmeOfItsOwn();
      const person = await createUser(["resident"], { name: `Persona ${text}` });
      const resident = await prisma.resident.create({
        data: {
          userId: person.id,
          programmeId: programme.id,
          yearOfTraining: 1,
          studentNumber: `S-${randomUUID().slice(0, 8)}`,
          stayStart: dayFromToday(-100),
          stayEnd: dayFromToday(100),
        },
      });
      const department = await prisma.department.create({ data: { name: `${text} progress ward`, capacity: 2 } });
      await prisma.rotation.create({
        data: {
          residentId: resident.id,
          departmentId: department.id,
          tutorId: actor.id,
          startDate: dayFromToday(-10),
          endDate: dayFromToday(10),
          state: "confirmed",
        },
      });
      const catalogue = await createCatalogue({
        programmeId: programme.id,
        activities: [{ code: "xss", category: text, labelIt: text, labelEn: text, minimums: [{ year: 1, degree: "autonomy", count: 5 }] }],
      });
      await createLogbookEntry({
        residentId: resident.id,
        activityId: catalogue.activities[0]!.id,
        departmentId: department.id,
        date: dayFromToday(-1),
        tutorId: actor.id,
        degree: "autonomy",
        status: "certified",
      });
      return [`/tutor/residents/${resident.id}/progress`];
    },
  },
  {
    field: "a catalogue's activity label and the resident's name, in a programme's progress list and a resident's logbook",
    role: "admin",
    seed: async (text) => {
      const programme = await programmeOfItsOwn();
      const person = await createUser(["resident"], { name: `Persona ${text}` });
      const resident = await prisma.resident.create({
        data: {
          userId: person.id,
          programmeId: programme.id,
          yearOfTraining: 1,
          studentNumber: `S-${randomUUID().slice(0, 8)}`,
          stayStart: dayFromToday(-100),
          stayEnd: dayFromToday(100),
        },
      });
      await createCatalogue({
        programmeId: programme.id,
        activities: [{ code: "xss", category: text, labelIt: text, labelEn: text, minimums: [{ year: 1, degree: "support", count: 50 }] }],
      });
      return [`/admin/programmes/${programme.id}/progress?show=all`, `/admin/residents/${resident.id}/logbook`];
    },
  },
  {
    field: "a programme's logbook catalogue: activity labels and category, on the administrators' catalogue page",
    role: "admin",
    seed: async (text) => {
      const university = await prisma.university.create({ data: { name: `XSS catalogue host ${randomUUID()}`, city: "Milano" } });
      const programme = await prisma.programme.create({
        data: {
          universityId: university.id,
          specialtyCode: "urologia",
          directorName: "Prof. Ugo Neri",
          directorEmail: "u@example.it",
          durationYears: 5,
        },
      });
      await createCatalogue({
        programmeId: programme.id,
        activities: [
          { code: "visita", category: text, labelIt: text, labelEn: text, minimums: [{ year: 1, degree: "support", count: 2 }] },
        ],
      });
      return [`/admin/programmes/${programme.id}/logbook`];
    },
  },
  {
    field: "a resident's confidential evaluation of a rotation: its department and tutor",
    role: "resident",
    seed: async (text, actor) => {
      const resident = await residentRecord(actor.id, { programmeId: (await programmeOfItsOwn()).id });
      const tutor = await createUser(["tutor"], { name: `Persona ${text}` });
      const department = await prisma.department.create({ data: { name: `${text} evaluated ward`, capacity: 2 } });
      const rotation = await prisma.rotation.create({
        data: {
          residentId: resident.id,
          departmentId: department.id,
          tutorId: tutor.id,
          startDate: dayFromToday(-30),
          endDate: dayFromToday(-2),
          state: "confirmed",
        },
      });
      return [`/me/evaluations/${rotation.id}`];
    },
  },
  {
    field: "released evaluation results: the tutor's and the department's names and the comments, as administrators see them",
    role: "admin",
    seed: async (text) => {
      const tutor = await createUser(["tutor"], { name: `Persona ${text}` });
      const department = await prisma.department.create({ data: { name: `${text} rated ward`, capacity: 2 } });
      await releasedAnswers(text, tutor.id, department.id);
      return [
        `/admin/evaluations/results?period=${RELEASED_PERIOD}`,
        `/admin/evaluations/results?period=${RELEASED_PERIOD}&tutor=${tutor.id}`,
      ];
    },
  },
  {
    field: "a tutor's own released evaluation results: the comments",
    role: "tutor",
    seed: async (text, actor) => {
      const department = await prisma.department.create({ data: { name: `${text} own rated ward`, capacity: 2 } });
      await releasedAnswers(text, actor.id, department.id);
      return [`/tutor/evaluations/results?period=${RELEASED_PERIOD}`];
    },
  },
  {
    field: "a tutor's evaluations of residents, to fill and signed: the resident, the department, the answers and the resident's comment",
    role: "tutor",
    seed: async (text, actor) => {
      const person = await createUser(["resident"], { name: `Persona ${text}` });
      const resident = await residentRecord(person.id, { programmeId: (await programmeOfItsOwn()).id });
      const department = await prisma.department.create({ data: { name: `${text} evaluation ward`, capacity: 2 } });
      const spec = { residentId: resident.id, departmentId: department.id, tutorId: actor.id };
      const draft = await evaluatedRotation(text, spec);
      const signed = await evaluatedRotation(text, { ...spec, signed: true, acknowledged: true });
      return ["/tutor/evaluations", `/tutor/evaluations/${draft.id}`, `/tutor/evaluations/${signed.id}`];
    },
  },
  {
    field: "the tutors' evaluations of the resident, on their own page: the department, the tutor, the answers and their comment",
    role: "resident",
    seed: async (text, actor) => {
      const resident = await residentRecord(actor.id, { programmeId: (await programmeOfItsOwn()).id });
      const tutor = await createUser(["tutor"], { name: `Persona ${text}` });
      const department = await prisma.department.create({ data: { name: `${text} evaluating ward`, capacity: 2 } });
      const spec = { residentId: resident.id, departmentId: department.id, tutorId: tutor.id, signed: true };
      await evaluatedRotation(text, spec);
      await evaluatedRotation(text, { ...spec, acknowledged: true });
      return ["/me/evaluations"];
    },
  },
  {
    field: "a tutor's evaluation on the administrators' page and on the resident's record: names, answers, the resident's comment",
    role: "admin",
    seed: async (text) => {
      const person = await createUser(["resident"], { name: `Persona ${text}` });
      const resident = await residentRecord(person.id, { programmeId: (await programmeOfItsOwn()).id });
      const tutor = await createUser(["tutor"], { name: `Persona ${text}` });
      const department = await prisma.department.create({ data: { name: `${text} assessed ward`, capacity: 2 } });
      const rotation = await evaluatedRotation(text, {
        residentId: resident.id,
        departmentId: department.id,
        tutorId: tutor.id,
        signed: true,
        acknowledged: true,
      });
      return [`/admin/evaluations/tutor/${rotation.id}`, `/admin/residents/${resident.id}`];
    },
  },
  {
    field: "a leave request: the resident's name and note, as the deciding tutor sees them",
    role: "tutor",
    seed: async (text, actor) => {
      const person = await createUser(["resident"], { name: `Persona ${text}` });
      const resident = await residentRecord(person.id, { programmeId: (await programmeOfItsOwn()).id });
      const department = await prisma.department.create({ data: { name: `${text} leave ward`, capacity: 2 } });
      const rotation = await prisma.rotation.create({
        data: {
          residentId: resident.id,
          departmentId: department.id,
          tutorId: actor.id,
          startDate: dayFromToday(5),
          endDate: dayFromToday(60),
          state: "confirmed",
        },
      });
      await prisma.absence.create({
        data: {
          residentId: resident.id,
          kind: "personal",
          state: "requested",
          startDate: dayFromToday(10),
          endDate: dayFromToday(11),
          note: text,
          rotationId: rotation.id,
        },
      });
      return ["/tutor/absences"];
    },
  },
  {
    field: "a leave request outside any rotation: the resident's name and note, as administrators see them",
    role: "admin",
    seed: async (text) => {
      const person = await createUser(["resident"], { name: `Persona ${text}` });
      const resident = await residentRecord(person.id, { programmeId: (await programmeOfItsOwn()).id });
      await prisma.absence.create({
        data: {
          residentId: resident.id,
          kind: "personal",
          state: "requested",
          startDate: dayFromToday(10),
          endDate: dayFromToday(11),
          note: text,
        },
      });
      return ["/admin/absences"];
    },
  },
  {
    field: "the resident's own leave: the note, the decision's reason and who decided",
    role: "resident",
    seed: async (text, actor) => {
      const resident = await residentRecord(actor.id, { programmeId: (await programmeOfItsOwn()).id });
      const tutor = await createUser(["tutor"], { name: `Persona ${text}` });
      await prisma.absence.create({
        data: {
          residentId: resident.id,
          kind: "personal",
          state: "declined",
          startDate: dayFromToday(20),
          endDate: dayFromToday(21),
          note: text,
          reason: text,
          decidedById: tutor.id,
          decidedAt: new Date(),
        },
      });
      return ["/me/absences"];
    },
  },
  {
    field: "a resident's absences as administrators see them: the name, the note and the reasons",
    role: "admin",
    seed: async (text) => {
      const person = await createUser(["resident"], { name: `Persona ${text}` });
      const programme = await programmeOfItsOwn();
      const resident = await residentRecord(person.id, { programmeId: programme.id });
      await prisma.absence.createMany({
        data: [
          {
            residentId: resident.id,
            kind: "personal",
            state: "declined",
            startDate: dayFromToday(20),
            endDate: dayFromToday(21),
            note: text,
            reason: text,
          },
          {
            residentId: resident.id,
            kind: "protected",
            protectedType: "illness",
            state: "recorded",
            startDate: dayFromToday(30),
            endDate: dayFromToday(31),
            reason: text,
          },
        ],
      });
      const month = toIsoDate(dayFromToday(30)).slice(0, 7);
      return [
        `/admin/residents/${resident.id}/absences`,
        "/admin/absences",
        `/admin/absences/report?university=${programme.universityId}&month=${month}`,
      ];
    },
  },
  {
    field: "a year progression outcome's note and the resident's name",
    role: "admin",
    seed: async (text, actor) => {
      const person = await createUser(["resident"], { name: `Persona ${text}` });
      const programme = await programmeOfItsOwn();
      const resident = await residentRecord(person.id, { programmeId: programme.id });
      const startYear = academicYearOf(hospitalToday(), await academicYearStart()).startYear;
      await prisma.progressionOutcome.create({
        data: {
          residentId: resident.id,
          academicYear: startYear,
          trainingYear: 2,
          outcome: "repeats",
          decidedOn: hospitalToday(),
          note: text,
          recordedById: actor.id,
        },
      });
      return [`/admin/progression?programme=${programme.id}&year=${startYear}`, `/admin/residents/${resident.id}`];
    },
  },
  {
    field: "teaching session title and place",
    role: "tutor",
    seed: async (text, actor) => {
      const session = await prisma.teachingSession.create({
        data: {
          title: text,
          place: text,
          type: "lesson",
          date: new Date(),
          startTime: "09:00",
          durationMinutes: 60,
          createdById: actor.id,
          tutors: { create: { userId: actor.id, lead: true } },
        },
      });
      return [`/tutor/teaching/${session.id}`, `/tutor/teaching/${session.id}/attendance`, "/tutor/teaching"];
    },
  },
  {
    field: "the signed-in person's own name (header, profile)",
    role: "resident",
    seed: async (text, actor) => {
      await prisma.user.update({ where: { id: actor.id }, data: { name: `Persona ${text}` } });
      return ["/profile", "/me"];
    },
  },
  {
    field: "a record's history, on its page and in /admin/history: its values, its name and who changed it",
    role: "admin",
    seed: async (text) => {
      // The change is made by an administrator whose own name is hostile.
      const editor = await createUser(["admin"], { name: `Persona ${text}` });
      const university = await createUniversity({ name: text, city: "Milano", contactOffice: text }, editor.id);
      const agreement = await prisma.agreement.create({
        data: {
          universityId: university.id,
          facilityRole: "collegata",
          startDate: new Date("2025-01-01"),
          endDate: new Date("2029-12-31"),
          signedOn: new Date("2024-12-01"),
          notes: text,
        },
      });
      await terminateAgreement(agreement.id, new Date("2029-06-30"), text, versionOf(agreement), editor.id);
      const universityHistory = `/admin/history?${new URLSearchParams({ type: "university", record: university.id })}`;
      const agreementHistory = `/admin/history?${new URLSearchParams({ type: "agreement", record: agreement.id })}`;
      return [
        // The block lists the creation: who (1), the name (1) and the contact office (1).
        { url: `/admin/universities/${university.id}`, within: historyBlock, times: 3 },
        // The termination: who (1) and the reason (1).
        { url: `/admin/agreements/${agreement.id}`, within: historyBlock, times: 2 },
        // Also the record's name in the entry's heading.
        { url: universityHistory, within: adminHistoryList, times: 4 },
        { url: agreementHistory, within: adminHistoryList, times: 3 },
        // Filtered by that person: both entries, each heading twice (its link, and the hidden words of
        // its "History of this record" link).
        { url: `/admin/history?${new URLSearchParams({ actor: editor.id })}`, within: adminHistoryList, times: 9 },
      ];
    },
  },
  {
    field: "rotation notes, an attendance correction's reason and the names they mention, in /admin/history",
    role: "admin",
    seed: async (text, actor) => {
      const person = await createUser(["resident"], { name: `Persona ${text}` });
      const resident = await residentRecord(person.id);
      const department = await prisma.department.create({ data: { name: `${text} ward`, capacity: 2 } });
      const rotation = await pastRotation(actor.id, { residentId: resident.id, departmentId: department.id, tutorId: null, notes: text });
      const tutor = await createUser(["tutor"], { name: `Persona ${text}` });
      const lesson = await markedLesson(tutor.id, resident.id, text, { action: "correct", reason: text });
      return [
        // "Rotation of <resident> in <department>" (2), the resident (1), the department (1) and the notes (1).
        { url: `/admin/history?${new URLSearchParams({ type: "rotation", record: rotation.id })}`, within: adminHistoryList, times: 5 },
        // The rotation's own page: its history names the resident, the department and the notes.
        { url: `/admin/rotations/${rotation.id}`, within: historyBlock, times: 3 },
        // The lesson's title (1), who corrected (1), the resident whose mark changed (1) and the reason (1).
        { url: `/admin/history?${new URLSearchParams({ type: "attendance", record: lesson.id })}`, within: adminHistoryList, times: 4 },
      ];
    },
  },
  {
    field: "a resident's own history (/me/history): who changed their record, its values, their rotation and lesson",
    role: "resident",
    seed: async (text, actor) => {
      const resident = await residentRecord(actor.id);
      const [editor, tutor] = [
        await createUser(["admin"], { name: `Persona ${text}` }),
        await createUser(["tutor"], { name: `Persona ${text}` }),
      ];
      const { programmeId, yearOfTraining, studentNumber, stayStart, stayEnd } = resident;
      await updateResident(
        resident.id,
        { programmeId, yearOfTraining, studentNumber, stayStart, stayEnd, tutorId: tutor.id, insurancePolicy: text },
        versionOf(resident),
        editor.id,
      );
      const department = await prisma.department.create({ data: { name: `${text} ward`, capacity: 2 } });
      await pastRotation(editor.id, { residentId: resident.id, departmentId: department.id, tutorId: tutor.id, notes: text });
      await markedLesson(tutor.id, resident.id, text, { action: "mark" });
      return [
        // The record's update: who (1), the tutor (1), the policy (1). The rotation: its department in
        // the heading (1) and the changes (1), the tutor (1), the notes (1), who (1). The lesson: its
        // title (1) and who marked it (1).
        { url: "/me/history", within: ownHistoryList, times: 10 },
      ];
    },
  },
  {
    field:
      "the administrators' dashboard: accounts awaiting a first sign-in, the largest departments and their heads, agreements about to end, broken rotations",
    role: "admin",
    seed: async (text, _actor, cleanup) => {
      // No password yet: listed among the accounts awaiting their first sign-in (the newest eight).
      const waiting = await prisma.user.create({
        data: {
          email: `xss-${randomUUID().slice(0, 8)}@example.test`,
          name: `Persona ${text}`,
          language: "en",
          roles: { create: { role: "tutor" } },
        },
      });
      // The largest capacity of all, so it heads the "Largest departments" card.
      const department = await prisma.department.create({ data: { name: `${text} ward`, capacity: 1_000_000_000, headId: waiting.id } });
      // Ending the day after tomorrow: first among the agreements expiring within 90 days.
      const university = await prisma.university.create({ data: { name: text, city: "Milano" } });
      const agreement = await prisma.agreement.create({
        data: {
          universityId: university.id,
          facilityRole: "collegata",
          startDate: new Date("2025-01-01"),
          endDate: dayFromToday(2),
          signedOn: new Date("2024-12-01"),
        },
      });
      // A rotation under way in a ward of no capacity, in someone's name: broken, and the oldest of all.
      const person = await createUser(["resident"], { name: `Persona ${text}` });
      const resident = await residentRecord(person.id);
      const ward = await prisma.department.create({ data: { name: `${text} closed ward`, capacity: 0 } });
      const rotation = await prisma.rotation.create({
        data: {
          residentId: resident.id,
          departmentId: ward.id,
          startDate: new Date("2020-01-06"),
          endDate: dayFromToday(30),
          state: "planned",
        },
      });
      // Taken away afterwards, so that no other journey's dashboard is crowded out by them.
      cleanup.push(
        () => prisma.rotation.delete({ where: { id: rotation.id } }),
        () => prisma.department.delete({ where: { id: ward.id } }),
        () => prisma.agreement.delete({ where: { id: agreement.id } }),
        () => prisma.university.delete({ where: { id: university.id } }),
        () => prisma.department.delete({ where: { id: department.id } }),
        () => prisma.user.delete({ where: { id: waiting.id } }),
      );
      return [
        { url: "/admin", within: dashboardCard("Accounts waiting for their first sign-in"), times: 1 },
        { url: "/admin", within: dashboardCard("Largest departments"), times: 2 },
        { url: "/admin", within: dashboardCard("Agreements expiring within 90 days"), times: 1 },
        // The resident (1), the ward (1) and the reasons, which name the ward (1 or more).
        { url: "/admin", within: dashboardCard("Rotations broken by later changes"), times: 3 },
      ];
    },
  },
];

function tagOf(text: string): string {
  return text.match(/xss-[0-9a-f]{8}/)?.[0] ?? text;
}

/** How many times `text` occurs in `haystack`. */
function occurrences(haystack: string, text: string): number {
  return haystack.split(text).length - 1;
}

test.describe("HTML and script in text fields are shown as text", () => {
  for (const { field, role, seed } of XSS_CASES) {
    test(field, async ({ page, loginAs }) => {
      const actor = await loginAs([role]);
      const text = `xss-${randomUUID().slice(0, 8)} ${XSS}`;
      const cleanup: Array<() => Promise<unknown>> = [];
      try {
        const pages = await seed(text, actor, cleanup);
        const errors: string[] = [];
        page.on("dialog", (dialog) => {
          errors.push(`dialog: ${dialog.message()}`);
          void dialog.dismiss();
        });
        for (const target of pages) {
          const { url, within, times } = typeof target === "string" ? { url: target, within: undefined, times: 1 } : target;
          // The trap is set on this very document: a handler firing after the checks still counts.
          const res = await page.goto(url);
          expect(res?.status(), url).toBe(200);
          // Shown as text, or as the value of an edit form's field, character for character.
          await expect
            .poll(
              () =>
                page.evaluate(
                  (t) =>
                    document.body.innerText.includes(t) ||
                    [...document.querySelectorAll("input, textarea")].some((el) => (el as HTMLInputElement).value === t),
                  text,
                ),
              { message: `${field} on ${url}` },
            )
            .toBe(true);
          // Where the page shows it, as often as it is stored there (each place escapes on its own).
          if (within) {
            await expect(within(page), url).toBeVisible();
            await expect
              .poll(async () => occurrences(await within(page).innerText(), text), { message: `${field} on ${url}` })
              .toBeGreaterThanOrEqual(times);
          }
          // Nothing the text carries became an element, and the trap never fired.
          expect(await page.locator(`img[src="x"], svg[onload], [onerror], [onload]`).count(), url).toBe(0);
          expect(await page.evaluate(() => document.querySelectorAll("script:not([nonce])").length), url).toBe(0);
          expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), url).toBeUndefined();
        }
        expect(errors).toEqual([]);
      } finally {
        for (const undo of cleanup) await undo();
      }
    });
  }
});

test.describe("SQL metacharacters in search boxes", () => {
  const LISTS = [
    "/admin/universities",
    "/admin/programmes",
    "/admin/departments",
    "/admin/residents",
    "/admin/users",
    "/admin/agreements",
    "/admin/rotations",
    "/admin/history",
  ];
  const PAYLOADS = ["' OR 1=1 --", "%", "_", '"; DROP TABLE User; --', "\\", "'; DELETE FROM University; --", "%' OR '1'='1"];

  test("every list answers 200 and the tables survive", async ({ request }) => {
    const admin = await createUser(["admin"]);
    const { cookie } = await cookieFor(admin);
    const before = { users: await prisma.user.count(), universities: await prisma.university.count() };
    for (const list of LISTS) {
      for (const q of PAYLOADS) {
        const res = await request.get(`${list}?${new URLSearchParams({ q, page: q, sort: q, dir: q })}`, {
          maxRedirects: 0,
          headers: { Cookie: cookie },
        });
        expect(res.status(), `${list} q=${q}`).toBe(200);
      }
    }
    expect(await prisma.user.count()).toBeGreaterThanOrEqual(before.users);
    expect(await prisma.university.count()).toBeGreaterThanOrEqual(before.universities);
  });

  /** The text of each row of the list's table, read from the server's HTML (no browser needed). */
  async function rowTexts(request: APIRequestContext, cookie: string, url: string): Promise<string[]> {
    const res = await request.get(url, { maxRedirects: 0, headers: { Cookie: cookie } });
    expect(res.status(), url).toBe(200);
    const body = (await res.text()).match(/<tbody[^>]*>([\s\S]*?)<\/tbody>/)?.[1] ?? "";
    const decode = (html: string) =>
      html
        .replace(/<[^>]+>/g, " ")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&#x27;|&#39;/g, "'")
        .replace(/&amp;/g, "&")
        .replace(/\s+/g, " ")
        .trim();
    return body
      .split(/<tr\b[^>]*>/)
      .slice(1)
      .map(decode);
  }

  /** Lists whose search reads a name, and how to make a record with that name. */
  const LITERAL_LISTS: Array<{ list: string; seed: (name: string) => Promise<unknown> }> = [
    { list: "/admin/universities", seed: (name) => prisma.university.create({ data: { name, city: "Milano" } }) },
    { list: "/admin/departments", seed: (name) => prisma.department.create({ data: { name, capacity: 2 } }) },
    {
      list: "/admin/programmes",
      seed: (name) =>
        prisma.programme.create({
          data: {
            university: { create: { name: `Ateneo ${randomUUID()}`, city: "Milano" } },
            specialtyCode: "oncologia-medica",
            durationYears: 5,
            directorName: name,
            directorEmail: `${randomUUID()}@example.test`,
          },
        }),
    },
    { list: "/admin/users", seed: (name) => createUser(["tutor"], { name }) },
  ];
  // These tests found that Prisma passes `contains` to SQLite's LIKE unescaped, so `%` and `_` listed
  // everything; lists now search through app/models/literal-search.server.ts and person-search.server.ts.
  for (const { list, seed } of LITERAL_LISTS) {
    for (const q of ["%", "_", "!", "\\", "' OR 1=1 --"]) {
      test(`${list}: searching ${q} finds only names that contain it literally`, async ({ request }) => {
        const { cookie } = await cookieFor(await createUser(["admin"]));
        const tag = randomUUID().slice(0, 8);
        // Not the word "name": other journeys find fields by the label "Name" on pages listing these records.
        await seed(`Literal ${tag} ${q} record`);
        const rows = await rowTexts(request, cookie, `${list}?${new URLSearchParams({ q })}`);
        const notMatching = rows.filter((row) => !row.includes(q));
        expect(notMatching, `rows shown for q=${q} that do not contain it`).toEqual([]);
        expect(
          rows.some((row) => row.includes(tag)),
          `the record named with ${q} is found`,
        ).toBe(true);
      });
    }
  }
});

test("every page carries the security headers of server/security.js", async ({ request }) => {
  test.setTimeout(60_000);
  const routes = await manifest();
  const users = {} as Record<Role, { id: string; cookie: string }>;
  for (const role of ROLES) {
    const user = await createUser([role]);
    users[role] = { id: user.id, cookie: (await cookieFor(user)).cookie };
  }
  const subject = await createUser(["resident"]);
  const targets: Array<{ url: string; cookie?: string }> = [];
  for (const route of Object.values(routes)) {
    if (route.id === "root" || !route.module.loader) continue;
    let url = fullPath(routes, route);
    for (const [param, make] of Object.entries(ROUTE_SAMPLES)) {
      if (url.includes(param)) url = url.replace(param, await make({ userId: subject.id, tutorId: users.tutor.id }));
    }
    const policy = route.module.handle?.policy;
    const role = (ROLES as readonly string[]).includes(policy ?? "") ? (policy as Role) : policy === "user" ? "admin" : null;
    targets.push({ url, cookie: role ? users[role].cookie : undefined });
  }
  // Beyond the manifest: the 404 page, a static file, a sign-in redirect and a 403 page.
  targets.push({ url: "/no-such-page" }, { url: "/favicon.svg" }, { url: "/admin" }, { url: "/admin", cookie: users.resident.cookie });
  const failures: string[] = [];
  let checked = 0;
  for (const { url, cookie } of targets) {
    const res = await request.get(url, { maxRedirects: 0, headers: cookie ? { Cookie: cookie } : {} });
    checked++;
    const h = res.headers();
    const label = `${url} (${res.status()})`;
    const csp = h["content-security-policy"] ?? "";
    const scriptSrc =
      csp
        .split(";")
        .map((d) => d.trim())
        .find((d) => d.startsWith("script-src")) ?? "";
    const nonce = scriptSrc.match(/'nonce-([A-Za-z0-9+/=_-]+)'/)?.[1];
    if (!nonce) failures.push(`${label}: no nonce in script-src (${scriptSrc})`);
    if (/'unsafe-inline'|'unsafe-eval'/.test(scriptSrc)) failures.push(`${label}: unsafe script-src`);
    for (const directive of [
      "default-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ]) {
      if (!csp.includes(directive)) failures.push(`${label}: CSP lacks ${directive}`);
    }
    const expected: Record<string, string> = {
      "x-frame-options": "DENY",
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-resource-policy": "same-origin",
      "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
      "strict-transport-security": "max-age=31536000; includeSubDomains",
    };
    for (const [name, value] of Object.entries(expected)) {
      if (h[name] !== value) failures.push(`${label}: ${name} is ${h[name]}`);
    }
    // The document download sets nosniff itself too, so the header may repeat (browsers read the first).
    if (!(h["x-content-type-options"] ?? "").split(",").every((v) => v.trim() === "nosniff") || !h["x-content-type-options"]) {
      failures.push(`${label}: x-content-type-options is ${h["x-content-type-options"]}`);
    }
    // Routes may tighten the referrer policy (the calendar feed sends none), never loosen it.
    if (!["same-origin", "no-referrer"].includes(h["referrer-policy"] ?? ""))
      failures.push(`${label}: referrer-policy is ${h["referrer-policy"]}`);
    // Pages put that very nonce on their scripts, and no script runs without it.
    if ((h["content-type"] ?? "").startsWith("text/html") && res.status() === 200) {
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      const bad = scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`));
      if (bad.length) failures.push(`${label}: scripts without the nonce: ${bad.slice(0, 2).join(" ")}`);
    }
  }
  expect(checked).toBeGreaterThan(40);
  expect(failures).toEqual([]);
});
