// What the command-line scripts (bench, load) share: reading flags, stopping on a usage error, building
// the production app into a folder of their own.
import { execFileSync } from "node:child_process";
import path from "node:path";
import type { Dialect } from "~/utils/database-url";

/** A command line that cannot be followed; its message is the explanation (or the usage). */
export class UsageError extends Error {}

/**
 * Each flag of `argv` with a reader of its value, given as `--flag value` or `--flag=value`: reading
 * the value of the first form consumes the next word.
 */
export function* flagsOf(argv: string[]): Generator<{ flag: string; value: () => string }> {
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split("=", 2) as [string, string | undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    yield { flag, value };
  }
}

/** The databases `--db` chooses between: SQLite's file (the default) or a PostgreSQL server (PG_URL's). */
export const DIALECTS: readonly Dialect[] = ["sqlite", "postgres"];

/** `--db`'s value. */
export function readDialect(text: string): Dialect {
  const dialect = DIALECTS.find((d) => d === text.trim().toLowerCase());
  if (!dialect) throw new UsageError(`--db takes ${DIALECTS.join(" or ")} (got "${text}")`);
  return dialect;
}

/** The options of this process's command line; a usage error is printed and ends the process (exit 2). */
export function readOptionsOrExit<T>(parse: (argv: string[]) => T): T {
  try {
    return parse(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

/**
 * Builds the production app into `dir`: a folder of the script's own, because `remix vite:build` first
 * empties its folder, and build/ holds the end-to-end suites' builds (build/e2e-<port>).
 */
export function buildInto(dir: string, log: (line: string) => void, project?: string): void {
  log(`building ${project ? `the app of ${project}` : "the production app"} into ${dir} (npx remix vite:build)…`);
  execFileSync("npx", ["remix", "vite:build", ...(project ? [project] : [])], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, BUILD_DIR: path.resolve(dir) },
  });
}
