// Prisma 6.19 with the JavaScript schema engine and the better-sqlite3 driver adapter:
// the only combination that runs without downloading native engines (docs/decisions/001-prisma-6-js-engine.md).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl } from "./app/utils/database-url";

// The schema's `url = env("DATABASE_URL")` must resolve, or the CLI falls back to downloading the
// old query engine: give it the same default the app uses.
process.env.DATABASE_URL = databaseUrl();
const file = process.env.DATABASE_URL.replace(/^file:/, "");
if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url: databaseUrl() });
  },
});
