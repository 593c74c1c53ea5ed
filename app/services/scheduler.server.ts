import { Cron } from "croner";
import { hospitalToday, HOSPITAL_TIME_ZONE } from "~/domain/dates";
import { dailyOccasion, FREQUENT_MINUTES, frequentOccasion, windowSince } from "~/domain/schedule";
import { digestHour } from "~/models/settings.server";
import {
  claimOccasion,
  finishOccasion,
  lastDailyRun,
  lastFrequentRun,
  runDailyChecks,
  runFrequentChecks,
  type DailyOutcome,
  type FrequentOutcome,
} from "~/models/scheduled-checks.server";

/**
 * The scheduled checks: every five minutes (attendance still to confirm, rotations newly broken) and
 * once a day at the hospital's digest hour, in Europe/Rome (agreements ending, rotations starting,
 * insurance, logbook reminders, digests). croner keeps the calendar, across the changes to and from
 * daylight saving time; the database decides who runs each occasion: every process may try, the one
 * that inserts the occasion's row runs it, so that WEB_CONCURRENCY=2 or several servers run it once.
 */

/** The daily occasion of `now`'s hospital day, unless another process (or an earlier start) ran it. */
export async function runDailyOccasion(now = new Date()): Promise<DailyOutcome | null> {
  const today = hospitalToday(now);
  const previous = await lastDailyRun();
  const occasion = dailyOccasion(today);
  if (!(await claimOccasion(occasion, now))) return null;
  const outcome = await runDailyChecks(windowSince(previous, today), now);
  await finishOccasion(occasion, outcome, now);
  return outcome;
}

/** The frequent check of `now`'s five-minute slot, covering the time since the last one (a day at most). */
export async function runFrequentOccasion(now = new Date()): Promise<FrequentOutcome | null> {
  const previous = await lastFrequentRun();
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const since = previous && previous > dayAgo ? previous : new Date(now.getTime() - FREQUENT_MINUTES * 60_000);
  const occasion = frequentOccasion(now);
  if (!(await claimOccasion(occasion, now))) return null;
  const outcome = await runFrequentChecks(since, now);
  await finishOccasion(occasion, outcome, now);
  return outcome;
}

/** Whether the daily occasion of `now`'s day is due: the digest hour has come on the hospital's clock. */
export function dailyDue(now: Date, hour: number): boolean {
  const clock = new Intl.DateTimeFormat("en-GB", { timeZone: HOSPITAL_TIME_ZONE, hour: "2-digit", hourCycle: "h23" });
  return Number(clock.format(now)) >= hour;
}

/** Today's daily occasion if the digest hour (the administrators' setting, read each time) has come. */
export async function runDailyOccasionIfDue(now = new Date()): Promise<DailyOutcome | null> {
  return dailyDue(now, await digestHour()) ? runDailyOccasion(now) : null;
}

/**
 * Starts the checks in this process; returns a function that stops them. Every hour, on the hour of the
 * hospital's clock, today's daily occasion runs if its hour has come and nobody ran it yet: at the digest
 * hour itself, or at the first hour after a downtime that missed it. The first checks run at once.
 */
export async function startScheduler(log: (line: string) => void = console.log): Promise<() => void> {
  const guarded = (name: string, run: () => Promise<unknown>) => async () => {
    try {
      const outcome = await run();
      if (outcome) log(`[scheduler] ${name}: ${JSON.stringify(outcome)}`);
    } catch (error) {
      log(`[scheduler] ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  };
  const frequent = guarded("frequent check", () => runFrequentOccasion());
  const daily = guarded("daily check", () => runDailyOccasionIfDue());
  const jobs = [
    new Cron(`*/${FREQUENT_MINUTES} * * * *`, { timezone: HOSPITAL_TIME_ZONE, protect: true, name: "frequent" }, frequent),
    new Cron("0 * * * *", { timezone: HOSPITAL_TIME_ZONE, protect: true, name: "daily" }, daily),
  ];
  await frequent();
  await daily();
  return () => {
    for (const job of jobs) job.stop();
  };
}
