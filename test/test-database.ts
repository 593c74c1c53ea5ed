/**
 * Which database the unit tests run on: SQLite files (the default) or PostgreSQL databases
 * (PORTAL_TEST_DATABASE=postgres, `npm run test:pg`), and the names of the latter.
 */
export const TEST_DATABASE: "sqlite" | "postgres" = process.env.PORTAL_TEST_DATABASE === "postgres" ? "postgres" : "sqlite";

/** A PostgreSQL database of this run: PORTAL_TEST_PREFIX (default portal_test) keeps two runs apart. */
export function testDatabaseName(part: string): string {
  return `${process.env.PORTAL_TEST_PREFIX ?? "portal_test"}_${part}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
}
