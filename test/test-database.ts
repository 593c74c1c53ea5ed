/**
 * Which database the unit tests run on: SQLite files (the default) or PostgreSQL databases
 * (PORTAL_TEST_DATABASE=postgres, `npm run test:pg`), and the names of the latter.
 */
export const TEST_DATABASE: "sqlite" | "postgres" = process.env.PORTAL_TEST_DATABASE === "postgres" ? "postgres" : "sqlite";

/**
 * The beginning of this run's PostgreSQL databases' names: PORTAL_TEST_PREFIX, which vitest.config.ts sets
 * for each run (two runs on one server never share a database).
 */
export function testDatabasePrefix(): string {
  return (process.env.PORTAL_TEST_PREFIX ?? "portal_test").toLowerCase().replace(/[^a-z0-9_]/g, "_");
}

/** A PostgreSQL database of this run. */
export function testDatabaseName(part: string): string {
  return `${testDatabasePrefix()}_${part}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
}
