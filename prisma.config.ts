// Prisma 6.19 with the JavaScript schema engine and a driver adapter: the only combination that runs
// without downloading native engines (docs/decisions/001-prisma-6-js-engine.md). DATABASE_URL chooses
// the database, and with it the schema and the migration history (decision 023).
import { mkdirSync } from "node:fs";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl, dataDirectory, dialectOf, PRISMA_PATHS } from "./app/utils/database-url";

// The schema's `url = env("DATABASE_URL")` must resolve, or the CLI falls back to downloading the
// old query engine: give it the same default the app uses.
const url = (process.env.DATABASE_URL = databaseUrl());
const dialect = dialectOf(url);
if (dialect === "sqlite" && url !== "file::memory:") mkdirSync(dataDirectory(url), { recursive: true });

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: PRISMA_PATHS[dialect].schema,
  migrations: { path: PRISMA_PATHS[dialect].migrations },
  async adapter() {
    return dialect === "sqlite" ? new PrismaBetterSQLite3({ url }) : new PrismaPg({ connectionString: url });
  },
});
