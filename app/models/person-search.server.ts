import { prisma } from "~/utils/db.server";

/**
 * The accounts whose name, e-mail or student number contains `text` as typed, case aside: a `%` or `_`
 * in the search box is that character, not a wildcard (Prisma's `contains` would send both to SQLite's
 * LIKE unescaped). From three characters on through the index of three-character pieces kept by the
 * database itself (migration 20261125050000_person_search): milliseconds among 48,000 people, where
 * scanning every name took a fifth of a second. Shorter texts read every person's text once. Control
 * characters are dropped from the text.
 */
export async function peopleMatching(text: string): Promise<string[]> {
  // No name holds a control character, and FTS5 reads a NUL as the end of the phrase: they are dropped.
  const q = text.replace(/\p{Cc}/gu, "").trim();
  const rows =
    q.length >= 3
      ? await prisma.$queryRaw<Array<{ userId: string }>>`
          SELECT t."userId" AS "userId" FROM "PersonSearch" s JOIN "PersonSearchText" t ON t."id" = s.rowid
          WHERE "PersonSearch" MATCH ${phrase(q)}`
      : await prisma.$queryRaw<Array<{ userId: string }>>`
          SELECT "userId" FROM "PersonSearchText" WHERE instr(lower("text"), lower(${q})) > 0`;
  return rows.map((r) => r.userId);
}

/** The text as one FTS5 phrase: every character literal, double quotes doubled. */
export function phrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}
