// One of the two servers of the race tests (test/two-servers.ts): a process of its own on DATABASE_URL,
// with its own connections, that calls the app's exported functions it is told to. One JSON line in
// ({ id, module, name, args }; no name: load the module), one out ({ id, ok, value | refused | error });
// "ready" once connected.
import { createInterface } from "node:readline";
import { Refused } from "~/domain/refusal";
import { prepareDatabase, prisma } from "~/utils/db.server";
import { decode, encode, type Outcome, type ServerCall } from "./two-servers";

await prepareDatabase();
// A transaction now, so that the first call finds its connection open, as on a server that has served.
await prisma.$transaction(async (tx) => tx.$queryRawUnsafe("SELECT 1"));

async function run({ module, name, args }: ServerCall): Promise<Outcome> {
  try {
    const loaded = (await import(module.replace(/^~\//, "../app/") + ".ts")) as Record<string, unknown>;
    // No name: load the module only, so that the call that follows starts at once.
    if (!name) return { ok: true, value: null };
    const fn = loaded[name];
    if (typeof fn !== "function") return { ok: false, error: `${module} exports no function ${name}` };
    return { ok: true, value: (await (fn as (...a: unknown[]) => Promise<unknown>)(...args)) ?? null };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refused: { refusals: [...error.refusals], status: error.status } };
    return { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

createInterface({ input: process.stdin })
  .on("line", (line) => {
    const { id, ...call } = decode(line) as ServerCall & { id: number };
    void run(call).then((outcome) => process.stdout.write(`${encode({ id, ...outcome })}\n`));
  })
  .on("close", () => void prisma.$disconnect().finally(() => process.exit(0)));
console.log("ready");
