/**
 * The database the app, the CLI and the scripts use, and its kind. DATABASE_URL overrides the default,
 * a git-ignored SQLite file under data/: `file:` means SQLite, `postgres://` or `postgresql://` means
 * PostgreSQL (docs/decisions/023-postgresql-beside-sqlite.md). Kept free of imports so prisma.config.ts
 * can load it.
 */
export const DEFAULT_DATABASE_URL = "file:./data/portal.db";

export type Dialect = "sqlite" | "postgres";

export function databaseUrl(env: Record<string, string | undefined> = process.env): string {
  const url = env.DATABASE_URL?.trim();
  return url ? url : DEFAULT_DATABASE_URL;
}

/** The kind of database a URL names; anything else is refused, naming the forms understood. */
export function dialectOf(url: string): Dialect {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(?:ql)?:\/\//.test(url)) return "postgres";
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgres:// or postgresql:// (PostgreSQL); it starts with "${url.slice(0, 12)}".`,
  );
}

/** Where each kind keeps its Prisma schema and its migration history. */
export const PRISMA_PATHS: Record<Dialect, { schema: string; migrations: string }> = {
  sqlite: { schema: "prisma/schema.prisma", migrations: "prisma/migrations" },
  postgres: { schema: "prisma/postgres/schema.prisma", migrations: "prisma/postgres/migrations" },
};
