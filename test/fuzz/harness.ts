import type { ActionFunctionArgs } from "@remix-run/node";
import { createHash } from "node:crypto";
import { decodeMessage } from "~/domain/refusal";
import { en } from "~/i18n/catalog/en";
import { it } from "~/i18n/catalog/it";
import { ANY_TABLE, writesByTable } from "~/utils/statements.server";
import { allRows, allTables, referencedTables } from "../catalog";
import { formDataOf, type Fields } from "./payload";

/**
 * Calling a route's action as the server would, and judging the answer, for the property test of
 * every action (app/routes/actions.property.server.test.ts).
 */

export type Action = (args: ActionFunctionArgs) => Promise<unknown>;

/** What the browser gets: the status, whether the action threw it (Remix then shows the error page), the body. */
export type Answer = { status: number; thrown: boolean; body: unknown };

const ORIGIN = "http://localhost";

/** A body that is not a form, as a tampered request may send: its Content-Type (none if null) and its text. */
export type RawBody = { type: string | null; text: string };

export const RAW_BODIES: RawBody[] = [
  { type: "application/json", text: '{"name":"x","roles":["admin"]}' },
  { type: "text/plain", text: "name=x" },
  { type: null, text: "" },
  { type: "multipart/form-data; boundary=zz", text: "--zz\r\ngarbage without headers" },
  { type: "multipart/form-data", text: "no boundary at all" },
  { type: "multipart/form-data; boundary=zz", text: '--zz\r\nContent-Disposition: form-data; name=""\r\n\r\nx\r\n--zz--\r\n' },
  { type: "application/x-www-form-urlencoded", text: "%zz=%&&==&intent=%E0%A4%A" },
];

/** Posts the form (or a raw body) to the action with the session cookie (if any); an exception that is not a Response is a 500 and is thrown on. */
export async function post(
  action: Action,
  url: string,
  params: Record<string, string>,
  body: Fields | RawBody,
  cookie: string | null,
): Promise<Answer> {
  const headers = new Headers({ Origin: ORIGIN, "User-Agent": "fuzz" });
  if (cookie) headers.set("Cookie", cookie);
  if (!Array.isArray(body) && body.type) headers.set("Content-Type", body.type);
  const request = new Request(ORIGIN + url, { method: "POST", body: Array.isArray(body) ? formDataOf(body) : body.text, headers });
  try {
    return await answerOf(await action({ request, params, context: { clientAddress: "203.0.113.9", cspNonce: "fuzz" } }), false);
  } catch (error) {
    if (error instanceof Response) return answerOf(error, true);
    throw error;
  }
}

/** The text as it can travel in an address or a form: UTF-8, where a lone surrogate becomes U+FFFD. */
export function wellFormed(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}

/** The address of a route pattern with its parameters (`:name`, and `*` for the splat), each encoded. */
export function addressOf(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:(\w+)|\*/g, (_, key?: string) => encodeURIComponent(wellFormed(params[key ?? "*"] ?? "")));
}

async function answerOf(result: unknown, thrown: boolean): Promise<Answer> {
  if (result instanceof Response) {
    const text = await result.text().catch(() => "");
    let body: unknown = text;
    try {
      body = JSON.parse(text.split("\n")[0] ?? "");
    } catch {
      // Not JSON: the text itself.
    }
    return { status: result.status, thrown, body };
  }
  // Remix's data(): a body with a status, not yet a Response.
  if (result && typeof result === "object" && (result as { type?: unknown }).type === "DataWithResponseInit") {
    const { data, init } = result as { data: unknown; init: ResponseInit | null };
    return { status: init?.status ?? 200, thrown, body: data };
  }
  return { status: 200, thrown, body: result };
}

// ─── Has anything changed? ───────────────────────────────────────────────────────────────────────

/** Who is signed in and failed sign-ins: bookkeeping a refused request may rightly write (a wrong password is counted). */
const UNHASHED = new Set(["Session", "LoginThrottle"]);

/**
 * The tables of the portal's data. Not hashed: the UNHASHED tables, the migrations table, and what
 * triggers and reads keep from the rows written (the search index, the attendance marks' counts, the
 * broken rotations' verdicts, which a page's read brings up to date, and the tables' versions, which move
 * with the UNHASHED tables' writes too).
 */
async function hashedTables(): Promise<string[]> {
  const derived = /^(?:sqlite_|PersonSearch|BrokenRotation|_prisma_migrations$|TableVersion$|AttendanceTally$)/;
  return (await allTables()).filter((name) => !derived.test(name) && !UNHASHED.has(name));
}

/** A digest of every row of one table. */
async function tableDigest(name: string): Promise<string> {
  const rows = await allRows(name);
  return createHash("sha256")
    .update(name)
    .update(JSON.stringify(rows, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v)))
    .digest("hex");
}

/** A digest of every row of every table of the portal's data. */
export async function fingerprint(): Promise<string> {
  const hash = createHash("sha256");
  for (const name of await hashedTables()) hash.update(await tableDigest(name));
  return hash.digest("hex");
}

/**
 * For each table, the tables whose rows a delete or update of it may change through their foreign keys
 * (ON DELETE CASCADE or SET NULL, ON UPDATE CASCADE), directly or through others.
 */
async function cascadesOf(tables: string[]): Promise<Map<string, Set<string>>> {
  const referencedBy = new Map<string, Set<string>>();
  for (const name of tables) {
    for (const table of await referencedTables(name)) referencedBy.set(table, (referencedBy.get(table) ?? new Set()).add(name));
  }
  const closure = new Map<string, Set<string>>();
  for (const name of tables) {
    const reached = new Set<string>();
    const queue = [name];
    while (queue.length)
      for (const next of referencedBy.get(queue.pop()!) ?? []) if (!reached.has(next) && reached.add(next)) queue.push(next);
    closure.set(name, reached);
  }
  return closure;
}

/**
 * Watches the database between requests: hashing all of it costs seconds once other tests have filled
 * the worker's database, so each table keeps its digest and only the tables a statement may have changed
 * are hashed again. Every statement goes through the adapter, which counts the writes of each table
 * (statements.server.ts); a table's cascades are hashed again with it, and a statement the adapter
 * could not read makes every table be hashed again.
 */
export function databaseWatch() {
  let known: { counts: Readonly<Record<string, number>>; tables: string[]; cascades: Map<string, Set<string>> } | null = null;
  const digests = new Map<string, string>();
  return {
    /** The digest now. */
    async now(): Promise<string> {
      const counts = writesByTable();
      let dirty: Set<string>;
      if (!known || counts[ANY_TABLE] !== known.counts[ANY_TABLE]) {
        const tables = known?.tables ?? (await hashedTables());
        known = { counts, tables, cascades: known?.cascades ?? (await cascadesOf(await allTables())) };
        dirty = new Set(tables);
      } else {
        const previous = known.counts;
        dirty = new Set();
        for (const [table, count] of Object.entries(counts)) {
          if (count === previous[table]) continue;
          dirty.add(table);
          for (const reached of known.cascades.get(table) ?? []) dirty.add(reached);
        }
        known = { ...known, counts };
      }
      for (const table of known.tables) if (dirty.has(table) || !digests.has(table)) digests.set(table, await tableDigest(table));
      const hash = createHash("sha256");
      for (const table of known.tables) hash.update(digests.get(table)!);
      return hash.digest("hex");
    },
  };
}

// ─── Messages ────────────────────────────────────────────────────────────────────────────────────

function lookup(catalog: unknown, key: string): boolean {
  let node: unknown = catalog;
  const parts = key.split(".");
  for (const [i, part] of parts.entries()) {
    if (!node || typeof node !== "object") return false;
    const record = node as Record<string, unknown>;
    if (i === parts.length - 1) return typeof record[part] === "string" || typeof record[`${part}_other`] === "string";
    node = record[part];
  }
  return false;
}

/**
 * Whether the text is a key of both catalogues, which the form turns into a sentence in the reader's
 * language; a refusal's key may carry its values (`key?{"day":…}`, see encodeMessage).
 */
export function isTranslationKey(text: string): boolean {
  const { key } = decodeMessage(text);
  return lookup(en, key) && lookup(it, key);
}

/**
 * The messages a refused form shows, from the shapes of the portal's action answers: Conform's reply
 * (`result.error`: keys), a sentence already translated (`message`, `inUse`), rule problems
 * (`problems`), an error key (`error`), upload errors (`errors`).
 */
export function messagesOf(body: unknown): { keys: string[]; sentences: string[] } {
  const keys: string[] = [];
  const sentences: string[] = [];
  if (!body || typeof body !== "object") return { keys, sentences: typeof body === "string" && body ? [body] : [] };
  const b = body as Record<string, unknown>;
  const result = b.result as { error?: Record<string, string[] | null> } | null | undefined;
  for (const list of Object.values(result?.error ?? {})) keys.push(...(list ?? []));
  if (typeof b.error === "string") keys.push(b.error);
  for (const field of ["message", "inUse"]) if (typeof b[field] === "string" && b[field]) sentences.push(b[field]);
  if (Array.isArray(b.problems)) sentences.push(...b.problems.map((p) => JSON.stringify(p)));
  if (b.errors && typeof b.errors === "object") sentences.push(...Object.values(b.errors).map((e) => JSON.stringify(e)));
  return { keys, sentences };
}
