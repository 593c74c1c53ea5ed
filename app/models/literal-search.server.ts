import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { containsPattern, dialect } from "~/utils/sql-dialect.server";

/**
 * Searches that read the text as typed. Prisma's `contains` becomes SQLite's LIKE without an escape
 * character, so a `%` or `_` in a search box matched anything; here every character is itself.
 * Each function returns the ids of the matching rows, for a `{ id: { in } }` in the list's query,
 * which keeps the list's other filters, order and pages in Prisma. Case aside (ASCII letters' on SQLite).
 * (People are searched through their own index: person-search.server.ts.)
 */

/** `column LIKE pattern` for each column, joined by OR; the columns are written in code, never typed. */
function anyContains(columns: string[], text: string): Prisma.Sql {
  const pattern = containsPattern(text);
  return Prisma.join(
    columns.map((column) => Prisma.sql`${Prisma.raw(column)} ${dialect.likeAnyCase} ${pattern} ESCAPE '!'`),
    " OR ",
  );
}

async function ids(query: Prisma.Sql): Promise<string[]> {
  const rows = await prisma.$queryRaw<Array<{ id: string }>>(query);
  return rows.map((r) => r.id);
}

/** Universities by name, short name or city. */
export function universitiesMatching(text: string) {
  return ids(Prisma.sql`SELECT u."id" FROM "University" u WHERE ${anyContains(['u."name"', 'u."shortName"', 'u."city"'], text)}`);
}

/** Departments by name or their head's name. */
export function departmentsMatching(text: string) {
  return ids(
    Prisma.sql`SELECT d."id" FROM "Department" d LEFT JOIN "User" h ON h."id" = d."headId" WHERE ${anyContains(['d."name"', 'h."name"'], text)}`,
  );
}

/** Agreements by their notes or their university's name. */
export function agreementsMatching(text: string) {
  return ids(
    Prisma.sql`SELECT a."id" FROM "Agreement" a JOIN "University" u ON u."id" = a."universityId" WHERE ${anyContains(['a."notes"', 'u."name"'], text)}`,
  );
}

/** Programmes by director's name or e-mail or university's name (specialty names live in code: see programme.server.ts). */
export function programmesMatching(text: string) {
  return ids(
    Prisma.sql`SELECT p."id" FROM "Programme" p JOIN "University" u ON u."id" = p."universityId"
      WHERE ${anyContains(['p."directorName"', 'p."directorEmail"', 'u."name"'], text)}`,
  );
}
