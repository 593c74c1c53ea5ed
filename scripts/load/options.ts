// The command line of `npm run load`, read into plain options.
import type { Dialect } from "~/utils/database-url";
import { flagsOf, readDialect, UsageError } from "../command-line";

export type LoadOptions = {
  /** The database the server runs on: SQLite's file, or a database on PG_URL's PostgreSQL server. */
  db: Dialect;
  /** Seconds the simulated people work, after all of them have signed in. */
  seconds: number;
  /** How many of each role: 50 people by default, mostly residents reading. */
  mix: { residents: number; tutors: number; admins: number };
  /** Server processes (WEB_CONCURRENCY). */
  processes: number;
  port: number;
  build: boolean;
  /** The pause between one person's requests, in ms: random between 0 and this. */
  thinkMs: number;
};

export const USAGE = `Usage: npm run load -- [options]
  --db sqlite|postgres  the database: a SQLite file (default) or PostgreSQL (PG_URL's server)
  --seconds 60          how long the simulated people work
  --users 50            how many people, split 60% residents, 24% tutors, 16% administrators
  --mix 30,12,8         or exactly: residents,tutors,administrators
  --processes 1         server processes (WEB_CONCURRENCY)
  --port 3460           the server's port
  --think 200           at most this many ms between one person's requests (random)
  --no-build            use the existing production build in build/load`;

export { UsageError };

/** 30/12/8 of 50, scaled: at least one of each role, so every kind of work is exercised. */
export function mixOf(users: number): LoadOptions["mix"] {
  const tutors = Math.max(1, Math.round(users * 0.24));
  const admins = Math.max(1, Math.round(users * 0.16));
  return { residents: Math.max(1, users - tutors - admins), tutors, admins };
}

export function parseOptions(argv: string[]): LoadOptions {
  const options: LoadOptions = { db: "sqlite", seconds: 60, mix: mixOf(50), processes: 1, port: 3460, build: true, thinkMs: 200 };
  for (const { flag, value } of flagsOf(argv)) {
    const whole = (min: number) => {
      const number = Number(value());
      if (!Number.isInteger(number) || number < min) throw new UsageError(`${flag} must be a whole number ≥ ${min}`);
      return number;
    };
    if (flag === "--db") options.db = readDialect(value());
    else if (flag === "--seconds") options.seconds = whole(1);
    else if (flag === "--users") options.mix = mixOf(whole(3));
    else if (flag === "--mix") {
      const parts = value().split(",").map(Number);
      if (parts.length !== 3 || parts.some((n) => !Number.isInteger(n) || n < 0) || parts.every((n) => n === 0)) {
        throw new UsageError("--mix takes three whole numbers: residents,tutors,administrators");
      }
      options.mix = { residents: parts[0]!, tutors: parts[1]!, admins: parts[2]! };
    } else if (flag === "--processes") options.processes = whole(1);
    else if (flag === "--port") {
      options.port = whole(1024);
      // Ports the other suites of this machine use: a load test there would disturb them or fail.
      if ([3100, 3411, 3430].includes(options.port)) throw new UsageError(`Port ${options.port} belongs to another suite`);
    } else if (flag === "--think") options.thinkMs = whole(0);
    else if (flag === "--no-build") options.build = false;
    else if (flag === "--help" || flag === "-h") throw new UsageError(USAGE);
    else throw new UsageError(`Unknown option ${flag}\n${USAGE}`);
  }
  return options;
}
