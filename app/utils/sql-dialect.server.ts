import { Prisma } from "~/generated/prisma/client";
import { env } from "./env.server";

/**
 * What the app's raw statements say differently to each database, in one place per dialect
 * (docs/decisions/023-postgresql-beside-sqlite.md). The statements themselves are written once, in the
 * SQL both understand (double-quoted names, CTEs, UNION, `UPDATE … FROM`, `RETURNING`, `ON CONFLICT`),
 * and ask this module for the rest.
 */
export type Value = string | number | boolean | Date | null;

type SqlDialect = {
  /** Bound values in a raw statement's table constructor, a CTE's `VALUES`, where no column gives the type. */
  timestamp(value: Date): Prisma.Sql;
  /** A JSON array of strings bound as one value, as a table `alias` with one column, "value". */
  jsonTexts(json: string, alias: string): Prisma.Sql;
  /** A JSON array of arrays bound as one value, as a table `alias` whose "value" is each inner array. */
  jsonRows(json: string, alias: string): Prisma.Sql;
  /** The `index`-th item (from 0) of a jsonRows row, as text. */
  jsonAt(alias: string, index: number): Prisma.Sql;
  /** LIKE without regard to letters' case (ASCII's on SQLite, every letter's on PostgreSQL). */
  likeAnyCase: Prisma.Sql;
  /** The ids of the people whose search text holds `text` (control characters dropped, trimmed). */
  peopleMatching(text: string): Prisma.Sql;
  /** Statements inserting `rows` (values in `columns`' order) into `table`. */
  insert(table: string, columns: string[], rows: Value[][]): Prisma.Sql[];
  /** Statements setting `columns` of the rows of `table` whose `key` is each row's first value. */
  update(table: string, key: string, columns: string[], rows: Value[][]): Prisma.Sql[];
};

/** Bound values per statement on SQLite (its limit is 32,766: sqlite-adapter.server.ts). */
const VALUES_PER_STATEMENT = 30_000;

function chunks<T>(rows: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
}

/** The rows as one JSON array of objects named by `columns`: dates as ISO text, which timestamp(3) reads as UTC. */
function jsonRecords(columns: string[], rows: Value[][]): string {
  return JSON.stringify(rows.map((row) => Object.fromEntries(columns.map((column, i) => [column, row[i] ?? null]))));
}

/** A DateTime as Prisma stores it in SQLite: ISO 8601 text with "+00:00", so that text comparisons order it. */
export function storedDate(date: Date): string {
  return date.toISOString().replace(/Z$/, "+00:00");
}

/** A LIKE pattern finding `text` anywhere, with `!` as the escape character. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** The text as one FTS5 phrase: every character literal, double quotes doubled. */
export function phrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A table or column name, written in code and checked all the same: never input. */
const identifier = (name: string) => {
  if (!/^[A-Za-z_]\w*$/.test(name)) throw new Error(`Not an identifier: ${name}`);
  return Prisma.raw(`"${name}"`);
};
const names = (columns: string[]) => Prisma.join(columns.map(identifier));

/** A value as Prisma stores it in SQLite: dates as storedDate's text, booleans as 0 or 1. */
const storedValue = (value: Value) => (value instanceof Date ? storedDate(value) : typeof value === "boolean" ? (value ? 1 : 0) : value);

/** Rows as a multi-row VALUES list for SQLite, every value bound, at most VALUES_PER_STATEMENT a statement. */
const valueLists = (rows: Value[][], width: number) =>
  chunks(rows, Math.max(1, Math.floor(VALUES_PER_STATEMENT / width))).map((chunk) =>
    Prisma.join(chunk.map((row) => Prisma.sql`(${Prisma.join(row.map(storedValue))})`)),
  );

const sqlite: SqlDialect = {
  timestamp: (value) => Prisma.sql`${value}`,
  jsonTexts: (json, alias) => Prisma.sql`json_each(${json}) ${identifier(alias)}`,
  jsonRows: (json, alias) => Prisma.sql`json_each(${json}) ${identifier(alias)}`,
  jsonAt: (alias, index) => Prisma.sql`json_extract(${identifier(alias)}."value", ${`$[${index}]`})`,
  likeAnyCase: Prisma.sql`LIKE`,
  // From three characters on through the FTS5 trigram index (migration 20261125050000_person_search);
  // shorter texts read every person's text once. FTS5 reads a NUL as the end of the phrase.
  peopleMatching: (q) =>
    q.length >= 3
      ? Prisma.sql`SELECT t."userId" AS "userId" FROM "PersonSearch" s JOIN "PersonSearchText" t ON t."id" = s.rowid
          WHERE "PersonSearch" MATCH ${phrase(q)}`
      : Prisma.sql`SELECT "userId" FROM "PersonSearchText" WHERE instr(lower("text"), lower(${q})) > 0`,
  // Multi-row VALUES, every value bound.
  insert: (table, columns, rows) =>
    valueLists(rows, columns.length).map((values) => Prisma.sql`INSERT INTO ${identifier(table)} (${names(columns)}) VALUES ${values}`),
  update: (table, key, columns, rows) => {
    const all = [key, ...columns];
    const set = Prisma.join(
      columns.map((column, i) => Prisma.sql`${identifier(column)} = v.${Prisma.raw(`c${i + 1}`)}`),
      ", ",
    );
    return valueLists(rows, all.length).map(
      (values) =>
        Prisma.sql`WITH v(${Prisma.raw(all.map((_, i) => `c${i}`).join(", "))}) AS (VALUES ${values}) UPDATE ${identifier(table)} SET ${set} FROM v WHERE ${identifier(table)}.${identifier(key)} = v.c0`,
    );
  },
};

const postgres: SqlDialect = {
  timestamp: (value) => Prisma.sql`CAST(${value} AS timestamp(3))`,
  jsonTexts: (json, alias) => Prisma.sql`jsonb_array_elements_text(CAST(${json} AS jsonb)) AS ${identifier(alias)}("value")`,
  jsonRows: (json, alias) => Prisma.sql`jsonb_array_elements(CAST(${json} AS jsonb)) AS ${identifier(alias)}("value")`,
  jsonAt: (alias, index) => Prisma.sql`(${identifier(alias)}."value" ->> ${Prisma.raw(String(Math.trunc(index)))})`,
  likeAnyCase: Prisma.sql`ILIKE`,
  // The trigram index (pg_trgm, migration 20261207170000_init) serves ILIKE from three characters on.
  peopleMatching: (q) => Prisma.sql`SELECT "userId" FROM "PersonSearchText" WHERE "text" ILIKE ${containsPattern(q)} ESCAPE '!'`,
  // The rows as one JSON value, read as the table's own row type: one bound value whatever their number,
  // each column typed as the table declares it.
  insert: (table, columns, rows) =>
    rows.length === 0
      ? []
      : [
          Prisma.sql`INSERT INTO ${identifier(table)} (${names(columns)})
            SELECT ${names(columns)} FROM jsonb_populate_recordset(NULL::${identifier(table)}, CAST(${jsonRecords(columns, rows)} AS jsonb))`,
        ],
  update: (table, key, columns, rows) =>
    rows.length === 0
      ? []
      : [
          Prisma.sql`UPDATE ${identifier(table)} t SET ${Prisma.join(
            columns.map((column) => Prisma.sql`${identifier(column)} = v.${identifier(column)}`),
            ", ",
          )}
            FROM jsonb_populate_recordset(NULL::${identifier(table)}, CAST(${jsonRecords([key, ...columns], rows)} AS jsonb)) v
            WHERE t.${identifier(key)} = v.${identifier(key)}`,
        ],
};

/** This process's database's dialect. */
export const dialect: SqlDialect = env.DATABASE_DIALECT === "postgres" ? postgres : sqlite;
