import { prisma } from "~/utils/db.server";
import { dialect } from "~/utils/sql-dialect.server";

/**
 * The accounts whose name, e-mail or student number contains `text` as typed, case aside: a `%` or `_`
 * in the search box is that character, not a wildcard (Prisma's `contains` would send both to SQLite's
 * LIKE unescaped). From three characters on through the index of three-character pieces kept by the
 * database itself (SQLite's FTS5 trigram, PostgreSQL's pg_trgm): milliseconds among 48,000 people, where
 * scanning every name took a fifth of a second. Control characters are dropped from the text.
 */
export async function peopleMatching(text: string): Promise<string[]> {
  // No name holds a control character, and FTS5 reads a NUL as the end of the phrase: they are dropped.
  const q = text.replace(/\p{Cc}/gu, "").trim();
  const rows = await prisma.$queryRaw<Array<{ userId: string }>>(dialect.peopleMatching(q));
  return rows.map((r) => r.userId);
}
