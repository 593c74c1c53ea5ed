// The daily occasion at a size's scale, in a process of its own on the size's database copy (as the
// server runs it, with the same modules): how long queueing its notifications takes, and how late the
// event loop ran meanwhile (a server's requests wait that long). A week's catch-up, the most the
// scheduler ever does at once, so that the run notifies as many people as a day after a downtime would.
// Run by run-size.ts; prints one JSON line: DailyRunTiming.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout } from "node:timers/promises";
import { addDays, hospitalToday } from "~/domain/dates";
import { windowSince } from "~/domain/schedule";
import { runDailyChecks } from "~/models/scheduled-checks.server";
import { startCheckpointer } from "~/utils/checkpointer.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";

const now = new Date();
const today = hospitalToday(now);
// A server's Prisma is warm: its first query (the client's start) is not the daily run's.
await prisma.user.findFirst({ select: { id: true } });
// The server's checkpoints are off its main thread (app/utils/checkpointer.server.ts): so are these.
// PostgreSQL checkpoints itself, as the server leaves it to (app/entry.server.tsx).
const stopCheckpointer = env.DATABASE_DIALECT === "sqlite" ? await startCheckpointer() : async () => {};
const delay = monitorEventLoopDelay({ resolution: 10 });
// A timer that runs all along, as a server's requests would: the histogram measures how late it fires.
const ticking = setInterval(() => {}, 5);
delay.enable();
// The histogram counts a delay from its timer's second turn: let it take its first before the run begins.
await setTimeout(20);
const started = performance.now();
const outcome = await runDailyChecks(windowSince(addDays(today, -8), today), now);
const seconds = (performance.now() - started) / 1000;
delay.disable();
clearInterval(ticking);
const [notifications, emails] = await Promise.all([
  prisma.notification.count({ where: { createdAt: now } }),
  prisma.outboxMessage.count({ where: { createdAt: now } }),
]);
const people = await prisma.notification.groupBy({ by: ["userId"], where: { createdAt: now } });
console.log(
  JSON.stringify({
    seconds,
    notifications,
    emails,
    people: people.length,
    outcome,
    delayP99Ms: delay.percentile(99) / 1e6,
    delayMaxMs: delay.max / 1e6,
  }),
);
await stopCheckpointer();
await prisma.$disconnect();
