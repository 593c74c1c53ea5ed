import { request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import { ROLES, type Role } from "~/domain/roles";
import { prisma } from "~/utils/db.server";
import { createUser, expect, ORIGIN, test, type TestUser } from "./fixtures";
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
  const posts: Array<{ url: string; form: Record<string, string> }> = [
    { url: "/admin/universities/new", form: { name, city: "Roma" } },
    { url: `/admin/universities/${university.id}`, form: { intent: "archive" } },
    { url: "/profile", form: { intent: "language", language: "it" } },
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
    const res = await request.post(`/tutor/teaching/${session.id}/attendance`, { maxRedirects: 0, headers: { Origin: ORIGIN, Cookie: cookie }, form });
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
  const res = await request.post("/profile", { maxRedirects: 0, headers: { Origin: ORIGIN, Cookie: cookie }, form: { intent: "end-session", sessionId: target.sessionId } });
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
    await page.locator("#document").setInputFiles({ name: "x.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html>not a pdf</html>") });
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

const XSS = `<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>"'><svg/onload=window.__pwned=1>`;

/** Where hostile text is stored, and every page that shows it. Add a row to cover another field. */
type XssCase = { field: string; role: Role; seed: (text: string, actor: TestUser) => Promise<string[]> };
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
        data: { universityId: university.id, specialtyCode: "urologia", directorName: text, directorEmail: "xss@example.it", durationYears: 5 },
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
      const person = await createUser(["tutor"], { name: text });
      return [`/admin/users?q=${encodeURIComponent(tagOf(text))}`, `/admin/users/${person.id}`];
    },
  },
  {
    field: "agreement notes",
    role: "admin",
    seed: async (text) => {
      const university = await prisma.university.create({ data: { name: `XSS agreement host ${randomUUID()}`, city: "Milano" } });
      const a = await prisma.agreement.create({
        data: { universityId: university.id, facilityRole: "collegata", startDate: new Date("2025-01-01"), endDate: new Date("2029-12-31"), notes: text },
      });
      return [`/admin/agreements/${a.id}`];
    },
  },
  {
    field: "resident record (name, student number, insurance policy) seen by an administrator",
    role: "admin",
    seed: async (text) => {
      const person = await createUser(["resident"], { name: text });
      const programme = await prisma.programme.findFirstOrThrow({ select: { id: true } });
      const r = await prisma.resident.create({
        data: { userId: person.id, programmeId: programme.id, yearOfTraining: 2, studentNumber: text, insurancePolicy: text, stayStart: new Date("2025-01-01"), stayEnd: new Date("2028-12-31") },
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
        data: { userId: actor.id, programmeId: programme.id, yearOfTraining: 2, studentNumber: `S-${randomUUID().slice(0, 6)}`, insurancePolicy: text, stayStart: new Date("2025-01-01"), stayEnd: new Date("2028-12-31") },
      });
      return ["/me"];
    },
  },
  {
    field: "teaching session title and place",
    role: "tutor",
    seed: async (text, actor) => {
      const session = await prisma.teachingSession.create({
        data: { title: text, place: text, type: "lesson", date: new Date(), startTime: "09:00", durationMinutes: 60, createdById: actor.id, tutors: { create: { userId: actor.id, lead: true } } },
      });
      return [`/tutor/teaching/${session.id}`, `/tutor/teaching/${session.id}/attendance`, "/tutor/teaching"];
    },
  },
  {
    field: "the signed-in person's own name (header, profile)",
    role: "resident",
    seed: async (text, actor) => {
      await prisma.user.update({ where: { id: actor.id }, data: { name: text } });
      return ["/profile", "/me"];
    },
  },
];

function tagOf(text: string): string {
  return text.match(/xss-[0-9a-f]{8}/)?.[0] ?? text;
}

test.describe("HTML and script in text fields are shown as text", () => {
  for (const { field, role, seed } of XSS_CASES) {
    test(field, async ({ page, loginAs }) => {
      const actor = await loginAs([role]);
      const text = `xss-${randomUUID().slice(0, 8)} ${XSS}`;
      const pages = await seed(text, actor);
      const errors: string[] = [];
      page.on("dialog", (dialog) => {
        errors.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      for (const url of pages) {
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
        expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), url).toBeUndefined();
        expect(await page.locator(`img[src="x"], svg[onload]`).count(), url).toBe(0);
      }
      expect(errors).toEqual([]);
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
        const res = await request.get(`${list}?${new URLSearchParams({ q, page: q, sort: q, dir: q })}`, { maxRedirects: 0, headers: { Cookie: cookie } });
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
    return body.split(/<tr\b[^>]*>/).slice(1).map(decode);
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
        expect(rows.some((row) => row.includes(tag)), `the record named with ${q} is found`).toBe(true);
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
    const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
    const nonce = scriptSrc.match(/'nonce-([A-Za-z0-9+/=_-]+)'/)?.[1];
    if (!nonce) failures.push(`${label}: no nonce in script-src (${scriptSrc})`);
    if (/'unsafe-inline'|'unsafe-eval'/.test(scriptSrc)) failures.push(`${label}: unsafe script-src`);
    for (const directive of ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) {
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
    if (!["same-origin", "no-referrer"].includes(h["referrer-policy"] ?? "")) failures.push(`${label}: referrer-policy is ${h["referrer-policy"]}`);
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
