import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { PRISMA_PATHS } from "~/utils/database-url";
import { TEST_DATABASE, testDatabaseName } from "../test/test-database";
import { databaseUrl, dropDatabase, recreateDatabase } from "./pg-databases.js";
import { postgresSchema } from "./postgres-schema";

const read = (file: string) => readFileSync(file, "utf8");
const migrations = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => read(path.join(dir, entry.name, "migration.sql")))
    .join("\n");

describe("PostgreSQL's schema and history", () => {
  it("has the same models as SQLite's schema, the one source of truth (run npm run db:schema:postgres after changing it)", () => {
    expect(read(PRISMA_PATHS.postgres.schema)).toBe(postgresSchema(read(PRISMA_PATHS.sqlite.schema)));
  });

  it("creates in its migrations every table either history creates", () => {
    const tables = (sql: string) => new Set([...sql.matchAll(/CREATE (?:VIRTUAL )?TABLE "(\w+)"/g)].map((m) => m[1]!));
    const sqlite = tables(migrations(PRISMA_PATHS.sqlite.migrations));
    const postgres = tables(migrations(PRISMA_PATHS.postgres.migrations));
    // SQLite's rebuilt tables ("new_…") and FTS5's index are SQLite's own ways, with no table of their own here.
    const own = [...sqlite].filter((table) => !table.startsWith("new_") && table !== "PersonSearch");
    expect([...postgres].sort()).toEqual(own.sort());
  });

  it("refuses a SQLite schema it no longer knows how to turn, rather than writing a wrong one", () => {
    expect(() => postgresSchema('datasource db {\n  provider = "sqlite"\n}')).toThrow(/no longer has/);
  });
});

/** The models as a PostgreSQL database holds them: columns, indexes and constraints of the schema's tables. */
async function described(url: string, tables: string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ line: string }>(
      `SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS line
       FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ANY($1)`,
      [tables],
    );
    const indexes = await client.query<{ line: string }>(
      `SELECT indexdef AS line FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY($1)`,
      [tables],
    );
    const constraints = await client.query<{ line: string }>(
      `SELECT c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) AS line
       FROM pg_constraint c WHERE c.conrelid::regclass::text = ANY($1)`,
      [tables.map((table) => `"${table}"`)],
    );
    return [...columns.rows, ...indexes.rows, ...constraints.rows].map((row) => row.line).sort();
  } finally {
    await client.end();
  }
}

describe.runIf(TEST_DATABASE === "postgres")("PostgreSQL's migration history on a real server", () => {
  it("leaves the schema's models exactly as the schema describes them (write a migration after changing it)", async () => {
    const schema = read(PRISMA_PATHS.postgres.schema);
    const tables = [...schema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]!);
    const script = execFileSync(
      "npx",
      ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", PRISMA_PATHS.postgres.schema, "--script"],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    const fresh = testDatabaseName(`drift_${process.pid}`);
    await recreateDatabase(fresh);
    try {
      const client = new pg.Client({ connectionString: databaseUrl(fresh) });
      await client.connect();
      await client.query(script).finally(() => client.end());
      // The worker's database was made by the committed history (test/global-setup.ts).
      expect(await described(process.env.DATABASE_URL!, tables)).toEqual(await described(databaseUrl(fresh), tables));
    } finally {
      await dropDatabase(fresh);
    }
  }, 60_000);
});
