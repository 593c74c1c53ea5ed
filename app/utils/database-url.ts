/**
 * The SQLite database the app, the CLI and the scripts use. DATABASE_URL overrides the default,
 * a git-ignored file under data/. Kept free of imports so prisma.config.ts can load it.
 */
export const DEFAULT_DATABASE_URL = "file:./data/portal.db";

export function databaseUrl(env: Record<string, string | undefined> = process.env): string {
  const url = env.DATABASE_URL?.trim();
  return url ? url : DEFAULT_DATABASE_URL;
}
