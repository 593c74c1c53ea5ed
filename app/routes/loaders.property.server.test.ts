import type { LoaderFunctionArgs } from "@remix-run/node";
import fc from "fast-check";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateCertificateCode } from "~/domain/certificate";
import { formVersionFor } from "~/models/evaluation-form.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { addressOf, databaseWatch, wellFormed } from "../../test/fuzz/harness";
import { nastyValue, strangeRecordId } from "../../test/fuzz/values";
import { makeWorld, type Actor, type World } from "../../test/fuzz/world";

/**
 * Bad addresses never break a page (issue 8, the reading half of actions.property.server.test.ts).
 * Every route with a loader is asked for, as every role, with its path's records taken from the world,
 * swapped for someone else's, a missing one or garbage, and with a query string of generated values
 * for the parameters the app reads (pages, sorts, filters, days, months, years, ids, redirects) and for
 * some it does not. Never a 5xx; and reading changes no row of the database.
 *
 * FUZZ_RUNS=n changes the number of requests per route (default 8).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const ACTORS: Actor[] = ["anonymous", "resident", "tutor", "admin"];

type RouteModule = { loader?: (args: LoaderFunctionArgs) => Promise<unknown>; handle?: { policy?: string } };
const modules = import.meta.glob<RouteModule>(["./*.ts", "./*.tsx", "!./*.test.ts", "!./*.test.tsx"], { eager: true });
const readers = Object.entries(modules).flatMap(([file, module]) =>
  module.loader ? [{ file, path: pathOf(file), loader: module.loader, policy: module.handle?.policy ?? "public" }] : [],
);

/** The address of a flat route file: `admin.universities.$universityId` → `/admin/universities/:universityId`. */
export function pathOf(file: string): string {
  const name = file.replace(/^\.\//, "").replace(/\.tsx?$/, "");
  const segments = name
    .replace(/\[(.*?)\]/g, (_, literal: string) => literal.replace(/\./g, "\u2024"))
    .split(".")
    .map((s) => s.replace(/\u2024/g, "."))
    .filter((s) => s !== "_index")
    .map((s) => s.replace(/_$/, ""))
    .map((s) => (s === "$" ? "*" : s.startsWith("$") ? `:${s.slice(1)}` : s));
  // A segment that began with "[.csv]" belongs to the one before it: `admin.agreements[.csv]`.
  return `/${segments.join("/")}`.replace(/\/\.(\w+)$/, ".$1");
}

/** Query parameters the app reads, and a few it does not. */
const PARAMETERS = [
  "q",
  "page",
  "sort",
  "dir",
  "status",
  "city",
  "staff",
  "role",
  "university",
  "specialty",
  "year",
  "present",
  "department",
  "state",
  "category",
  "user",
  "when",
  "type",
  "record",
  "actor",
  "action",
  "from",
  "to",
  "show",
  "month",
  "resident",
  "changed",
  "code",
  "redirectTo",
  "residentId",
  "departmentId",
  "tutorId",
  "startDate",
  "endDate",
  "rotationId",
  "period",
  "figure",
  "by",
  "id",
  "tutor",
  "version",
  "_data",
  "index",
  "__proto__",
];

/** An e-mail in the portal's mail folder, as file delivery writes them. */
async function mailFile(): Promise<string> {
  const name = `fuzz-${Date.now()}@example.test`;
  await mkdir(env.MAIL_DIR, { recursive: true });
  await writeFile(
    path.join(env.MAIL_DIR, `${name}.eml`),
    `From: a@example.test\r\nSubject: Fuzz\r\nMessage-ID: <${name}>\r\n\r\nHello.\r\n`,
  );
  return name;
}

/** A real value for each path parameter, from the world. */
async function samples(w: World): Promise<Record<string, string>> {
  const certificate = await prisma.certificate.create({
    data: {
      code: generateCertificateCode(),
      kind: "resident-teaching",
      holderId: w.residentUser.id,
      periodStart: new Date("2025-11-01"),
      periodEnd: new Date("2026-10-31"),
      locale: "it",
      minutes: 60,
      sessions: 1,
    },
  });
  return {
    universityId: w.university.id,
    agreementId: w.agreement.id,
    programmeId: w.programme.id,
    departmentId: w.department.id,
    rotationId: w.rotation.id,
    residentId: w.resident.id,
    importId: (await w.fresh.residentImport()).id,
    absenceId: (await w.fresh.absenceWithDocument()).id,
    userId: w.residentUser.id,
    sessionId: w.teaching.id,
    entryId: (await w.fresh.logbookEntry()).id,
    formId: (await formVersionFor(prisma, "tutor-resident", w.programme.id)).formId,
    token: await w.fresh.passwordToken(),
    unsubscribeToken: await w.fresh.unsubscribeToken(),
    code: certificate.code,
    file: "not-a-calendar-token.ics",
    mailFile: await mailFile(),
    "*": "no-such-page",
  };
}

describe("every page and file, as every role, under generated addresses", () => {
  let w: World;
  let real: Record<string, string>;
  const watch = databaseWatch();
  beforeAll(async () => {
    w = await makeWorld();
    real = await samples(w);
  });

  it("reads every route file's address as Remix does", () => {
    expect(pathOf("./admin.universities.$universityId.tsx")).toBe("/admin/universities/:universityId");
    expect(pathOf("./admin.agreements[.csv].ts")).toBe("/admin/agreements.csv");
    expect(pathOf("./tutor.teaching.$sessionId_.attendance.tsx")).toBe("/tutor/teaching/:sessionId/attendance");
    expect(pathOf("./admin._index.tsx")).toBe("/admin");
    expect(pathOf("./_index.tsx")).toBe("/");
    expect(pathOf("./$.tsx")).toBe("/*");
    expect(pathOf("./open.figures[.json].ts")).toBe("/open/figures.json");
  });

  it("starts from addresses that work: each page answers its own role 200 with the world's records", { timeout: 60_000 }, async () => {
    const refused: string[] = [];
    for (const { path, loader, policy } of readers) {
      // Not a page to read: the catch-all 404, and a calendar address that is not one.
      if (path === "/*" || path.startsWith("/calendar/")) continue;
      const actor: Actor =
        policy === "admin" || policy === "tutor" || policy === "resident" ? policy : policy === "user" ? "admin" : "anonymous";
      const params = Object.fromEntries([...path.matchAll(/:(\w+)/g)].map((m) => [m[1]!, real[m[1]!] ?? "x"]));
      const url = `http://localhost${addressOf(path, params)}`;
      const cookie = await w.cookie(actor);
      const status = await loader({
        request: new Request(url, { headers: cookie ? { Cookie: cookie } : {} }),
        params,
        context: { clientAddress: "203.0.113.9", cspNonce: "fuzz" },
      }).then(
        (r) => (r instanceof Response ? r.status : 200),
        (e: unknown) => (e instanceof Response ? e.status : 500),
      );
      if (status !== 200) refused.push(`${actor} ${path}: ${status}`);
    }
    // The home page sends each person to theirs, a GET to the language or sign-out forms goes back, and
    // the world's agreement has no signed document yet; every other page and file answers.
    expect(refused).toEqual([
      "anonymous /: 302",
      "admin /admin/agreements/:agreementId/document: 404",
      "anonymous /language: 302",
      "anonymous /logout: 302",
    ]);
  });

  for (const { path, loader } of readers) {
    it(`${path}: never a 5xx, and reading changes nothing`, { timeout: 120_000 }, async () => {
      const keys = [...path.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? "*");
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ACTORS),
          fc.array(fc.tuple(fc.constantFrom(...PARAMETERS), nastyValue(w.ids)), { maxLength: 4 }),
          fc.option(fc.tuple(fc.nat(), fc.oneof(strangeRecordId(w.ids), nastyValue(w.ids))), { freq: 3 }),
          async (actor, query, swap) => {
            const params: Record<string, string> = Object.fromEntries(keys.map((k) => [k, real[k] ?? "x"]));
            // As Remix would read it from the address.
            if (swap && keys.length) params[keys[swap[0] % keys.length]!] = wellFormed(swap[1]);
            const search = new URLSearchParams(query).toString();
            const url = `http://localhost${addressOf(path, params)}${search ? `?${search}` : ""}`;
            const headers = new Headers();
            const cookie = await w.cookie(actor);
            if (cookie) headers.set("Cookie", cookie);
            const before = await watch.now();
            let status: number;
            try {
              const result = await loader({
                request: new Request(url, { headers }),
                params,
                context: { clientAddress: "203.0.113.9", cspNonce: "fuzz" },
              });
              status = result instanceof Response ? result.status : 200;
            } catch (error) {
              if (!(error instanceof Response)) throw error;
              status = error.status;
            }
            expect(status, `${actor} GET ${url.slice(0, 300)}`).toBeLessThan(500);
            expect((await watch.now()) === before, `${actor} GET ${url.slice(0, 300)} changed the database`).toBe(true);
          },
        ),
        { numRuns: RUNS, endOnFailure: true },
      );
    });
  }
});
