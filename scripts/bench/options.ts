// The command line of `npm run bench`, read into plain options. Pure, so the unit test can call it.
import type { Dialect } from "~/utils/database-url";
import { flagsOf, readDialect, UsageError } from "../command-line";

export const SIZES = ["demo", "tenfold", "national"] as const;
export type Size = (typeof SIZES)[number];

export type BenchOptions = {
  /** The database the server runs on: SQLite's file, or a database on PG_URL's PostgreSQL server. */
  db: Dialect;
  sizes: Size[];
  /** autocannon connections per page. */
  connections: number;
  /** Seconds measured per page, after the warm-up. */
  duration: number;
  /** Seconds of load before each page's measurement, not recorded: the first requests of a page pay for
   * code loading and SQLite's page cache, which a server that has been up a while no longer does. */
  warmup: number;
  build: boolean;
  write: boolean;
  /** The large-data generator's seed: the same seed gives the same database, so runs compare. */
  seed: number;
  importRows: number;
  /** Only these pages (their keys), without two processes, the import and the daily run; null: everything. */
  pages: string[] | null;
};

export const USAGE = `Usage: npm run bench -- [options]
  --db sqlite|postgres            the database: a SQLite file (default) or PostgreSQL (PG_URL's server)
  --sizes demo,tenfold,national   data sizes to measure (default: all three)
  --connections 16                concurrent connections per page
  --duration 10                   seconds measured per page
  --no-build                      use the existing production build in build/bench
  --no-write                      do not update docs/benchmarks.md
  --pages admin/absences,…        only these pages (keys as in the report), nothing else; never written
  --quick                         smoke run: demo only, 2 s per page, no write`;

export { UsageError };

export function parseOptions(argv: string[]): BenchOptions {
  const options: BenchOptions = {
    db: "sqlite",
    sizes: [...SIZES],
    connections: 16,
    duration: 10,
    warmup: 2,
    build: true,
    write: true,
    seed: 1,
    importRows: 5000,
    pages: null,
  };
  let quick = false;
  const explicit = new Set<string>();
  for (const { flag, value } of flagsOf(argv)) {
    const positive = (name: string) => {
      const number = Number(value());
      if (!Number.isFinite(number) || number <= 0) throw new UsageError(`${name} must be a positive number`);
      return number;
    };
    explicit.add(flag);
    if (flag === "--db") options.db = readDialect(value());
    else if (flag === "--sizes") options.sizes = readSizes(value());
    else if (flag === "--connections") options.connections = Math.round(positive(flag));
    else if (flag === "--duration") options.duration = positive(flag);
    else if (flag === "--no-build") options.build = false;
    else if (flag === "--no-write") options.write = false;
    else if (flag === "--quick") quick = true;
    else if (flag === "--pages") {
      const keys = value()
        .split(",")
        .map((key) => key.trim())
        .filter(Boolean);
      if (keys.length === 0) throw new UsageError("--pages takes page keys separated by commas");
      options.pages = keys;
    } else if (flag === "--help" || flag === "-h") throw new UsageError(USAGE);
    else throw new UsageError(`Unknown option ${flag}\n${USAGE}`);
  }
  // A smoke run checks that everything works, not how fast: small, short, and never the record.
  if (quick) {
    if (!explicit.has("--sizes")) options.sizes = ["demo"];
    if (!explicit.has("--duration")) options.duration = 2;
    options.write = false;
  }
  // A few pages are a look at them, not a run to record.
  if (options.pages) options.write = false;
  options.warmup = Math.min(2, Math.max(0.5, options.duration / 5));
  return options;
}

function readSizes(text: string): Size[] {
  const names = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(SIZES as readonly string[]).includes(name));
  if (unknown.length || names.length === 0) throw new UsageError(`--sizes takes ${SIZES.join(", ")} (got "${text}")`);
  // Always in growing order, whatever order was typed: the growth table reads left to right.
  return SIZES.filter((size) => names.includes(size));
}
