import path from "node:path";

/**
 * The database the app, the CLI and the scripts use, and its kind. DATABASE_URL overrides the default,
 * a git-ignored SQLite file under data/: `file:` means SQLite, `postgres://` or `postgresql://` means
 * PostgreSQL (docs/decisions/023-postgresql-beside-sqlite.md). Kept free of the app's imports so
 * prisma.config.ts can load it.
 */
export const DEFAULT_DATABASE_URL = "file:./data/portal.db";

export type Dialect = "sqlite" | "postgres";

export function databaseUrl(env: Record<string, string | undefined> = process.env): string {
  const url = env.DATABASE_URL?.trim();
  return url ? url : DEFAULT_DATABASE_URL;
}

/** What DATABASE_URL may be. */
export const DATABASE_URL_RULE = "DATABASE_URL must start with file: (SQLite) or postgres:// or postgresql:// (PostgreSQL)";

/** The kind of database a URL names, or null for any other. */
export function knownDialect(url: string): Dialect | null {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(?:ql)?:\/\//.test(url)) return "postgres";
  return null;
}

/** The kind of database a URL names; anything else is refused, naming the forms understood. */
export function dialectOf(url: string): Dialect {
  const dialect = knownDialect(url);
  if (!dialect) throw new Error(`${DATABASE_URL_RULE}; it starts with "${url.slice(0, 12)}".`);
  return dialect;
}

/** Where each kind keeps its Prisma schema and its migration history. */
export const PRISMA_PATHS: Record<Dialect, { schema: string; migrations: string }> = {
  sqlite: { schema: "prisma/schema.prisma", migrations: "prisma/migrations" },
  postgres: { schema: "prisma/postgres/schema.prisma", migrations: "prisma/postgres/migrations" },
};

/**
 * The folder of the files that go with the database (e-mails written as files, signed documents, unless
 * MAIL_DIR and DOCUMENTS_DIR say otherwise): the SQLite file's own folder; `data/` with PostgreSQL, which
 * has no file to stand beside.
 */
export function dataDirectory(url: string): string {
  return dialectOf(url) === "sqlite" ? path.dirname(path.resolve(url.replace(/^file:/, ""))) : path.resolve("data");
}
