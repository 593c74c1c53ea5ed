import type { Prisma } from "~/utils/db.server";

/**
 * Writes of thousands of rows (an imported list) in a few statements. Prisma's createMany and update
 * cost about half a millisecond and two milliseconds a row here (STACK.md, docs/decisions/006), so
 * these send multi-row INSERT and UPDATE … FROM (VALUES …) statements through Prisma's raw API, inside
 * the caller's transaction, with every value bound as a parameter. Table and column names come from
 * code, never from input, and are checked to be plain identifiers all the same.
 */
type Tx = Prisma.TransactionClient;
type Value = string | number | boolean | Date | null;

const PARAMETERS_PER_STATEMENT = 8000;
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

function name(identifier: string): string {
  if (!IDENTIFIER.test(identifier)) throw new Error(`Not an identifier: ${identifier}`);
  return `"${identifier}"`;
}

/** Values as Prisma stores them in SQLite (dates as ISO text with an explicit offset). */
function bind(value: Value): string | number | null {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

function chunks<T>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / columns));
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
}

export async function insertRows(tx: Tx, table: string, columns: string[], rows: Value[][]): Promise<void> {
  const head = `INSERT INTO ${name(table)} (${columns.map(name).join(", ")}) VALUES `;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  for (const chunk of chunks(rows, columns.length)) {
    await tx.$executeRawUnsafe(head + chunk.map(() => tuple).join(", "), ...chunk.flat().map(bind));
  }
}

/** Sets `columns` of the rows whose `key` is each row's first value. */
export async function updateRows(tx: Tx, table: string, key: string, columns: string[], rows: Value[][]): Promise<void> {
  const all = [key, ...columns];
  const tuple = `(${all.map(() => "?").join(", ")})`;
  const names = all.map((_, i) => `c${i}`);
  const set = columns.map((column, i) => `${name(column)} = v.c${i + 1}`).join(", ");
  for (const chunk of chunks(rows, all.length)) {
    await tx.$executeRawUnsafe(
      `WITH v(${names.join(", ")}) AS (VALUES ${chunk.map(() => tuple).join(", ")}) UPDATE ${name(table)} SET ${set} FROM v WHERE ${name(table)}.${name(key)} = v.c0`,
      ...chunk.flat().map(bind),
    );
  }
}
