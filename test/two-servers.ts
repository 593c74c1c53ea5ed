import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { Refused, type Refusal, type RefusalStatus } from "~/domain/refusal";

/**
 * Two servers writing at the same moment, for the race tests: two processes of their own (test/server-process.ts),
 * each with its own connections to this worker's database, as two application servers sharing it would
 * have. `fromTwoServers(a, b)` hands call a to one and call b to the other at once and settles like
 * Promise.allSettled: a refusal comes back as the same Refused the page would show.
 *
 * On PostgreSQL this is the race the rules must survive (transactions take turns through an advisory
 * lock, docs/decisions/023); on SQLite, the file's write lock does the same across processes.
 */

/** The time a test that calls fromTwoServers may take: the first in a worker starts the two processes (a few seconds). */
export const TWO_SERVERS_TIMEOUT = 30_000;

/** A call of an exported function of one of the app's modules, made in the other process. */
export type ServerCall = { module: string; name: string; args: unknown[] };

/** `on("~/models/rotation.server", createRotation, input, actorId)`: typed like a direct call. */
export function on<A extends unknown[]>(module: string, fn: (...args: A) => Promise<unknown>, ...args: A): ServerCall {
  return { module, name: fn.name, args };
}

// ─── What crosses between the processes: JSON, with dates and form fields kept ─────────────────────────

const FIELDS = Symbol("form fields");
type FieldReader = ((name: string) => string | null) & { [FIELDS]: Record<string, string> };

/** Submitted form fields, as a page reads them (`item.<key>`), which can also be sent to the other process. */
export function formFields(values: Record<string, string>): FieldReader {
  return Object.assign((name: string) => values[name] ?? null, { [FIELDS]: values });
}

export function encode(value: unknown): string {
  return JSON.stringify(value, function (key, item: unknown) {
    // JSON.stringify has already turned a Date into its ISO text: look at the original.
    const original = (this as Record<string, unknown>)[key];
    if (original instanceof Date) return { $date: original.toISOString() };
    if (typeof original === "function" && FIELDS in original) return { $fields: (original as FieldReader)[FIELDS] };
    return item;
  });
}

export function decode(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) => {
    if (item && typeof item === "object" && "$date" in item) return new Date((item as { $date: string }).$date);
    if (item && typeof item === "object" && "$fields" in item) return formFields((item as { $fields: Record<string, string> }).$fields);
    return item;
  });
}

export type Outcome =
  { ok: true; value: unknown } | { ok: false; refused: { refusals: Refusal[]; status: RefusalStatus } } | { ok: false; error: string };

// ─── The two processes ───────────────────────────────────────────────────────────────────────────────

type Server = { child: ChildProcessWithoutNullStreams; waiting: Map<number, (outcome: Outcome) => void>; ready: Promise<void> };
let servers: Promise<[Server, Server]> | undefined;
let nextId = 0;

function start(): Server {
  const child = spawn(process.execPath, ["--import", "tsx", "test/server-process.ts"], {
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
    stdio: ["pipe", "pipe", "pipe"],
  });
  // The processes end with this one: their input closes, and they stop.
  child.unref();
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const waiting = new Map<number, (outcome: Outcome) => void>();
  const ready = new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`A test server stopped (${code}): ${errors}`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (line === "ready") return resolve();
      const { id, ...outcome } = decode(line) as Outcome & { id: number };
      waiting.get(id)?.(outcome);
      waiting.delete(id);
    });
  });
  return { child, waiting, ready };
}

function ask(server: Server, call: ServerCall): Promise<Outcome> {
  const id = nextId++;
  return new Promise((resolve) => {
    server.waiting.set(id, resolve);
    server.child.stdin.write(`${encode({ id, ...call })}\n`);
  });
}

function settled(outcome: Outcome): PromiseSettledResult<unknown> {
  if (outcome.ok) return { status: "fulfilled", value: outcome.value };
  if ("refused" in outcome) return { status: "rejected", reason: new Refused(outcome.refused.refusals, outcome.refused.status) };
  return { status: "rejected", reason: new Error(outcome.error) };
}

/** Call a on one server and call b on the other, at the same moment; settles when both have answered. */
export async function fromTwoServers(
  a: ServerCall,
  b: ServerCall,
): Promise<[PromiseSettledResult<unknown>, PromiseSettledResult<unknown>]> {
  servers ??= (async () => {
    const pair: [Server, Server] = [start(), start()];
    await Promise.all(pair.map((server) => server.ready));
    return pair;
  })();
  const [one, other] = await servers;
  // Each loads its module first, so that neither call starts late by the time an import takes.
  await Promise.all([ask(one, { ...a, name: "", args: [] }), ask(other, { ...b, name: "", args: [] })]);
  const outcomes = await Promise.all([ask(one, a), ask(other, b)]);
  return [settled(outcomes[0]), settled(outcomes[1])];
}
