import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PRISMA_PATHS } from "~/utils/database-url";
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
