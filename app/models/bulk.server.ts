import { randomUUID } from "node:crypto";
import type { Prisma } from "~/utils/db.server";
import { dialect, type Value } from "~/utils/sql-dialect.server";

/**
 * Writes of thousands of rows (an imported list, the audit events of a series, the daily notifications)
 * in a few statements. Prisma's createMany and update cost about half a millisecond and two milliseconds a
 * row here (STACK.md, docs/decisions/006), where a multi-row statement costs a few hundredths: SQLite's are
 * multi-row VALUES, PostgreSQL's read the rows as one JSON value (sql-dialect.server.ts). Every value is
 * bound, stored as Prisma itself would store it, so the rows read back through Prisma exactly like its own.
 * Table and column names come from code, never from input, and are checked to be plain identifiers.
 */
type Tx = Prisma.TransactionClient;

export async function insertRows(tx: Tx, table: string, columns: string[], rows: Value[][]): Promise<void> {
  for (const statement of dialect.insert(table, columns, rows)) await tx.$executeRaw(statement);
}

/** Sets `columns` of the rows whose `key` is each row's first value. */
export async function updateRows(tx: Tx, table: string, key: string, columns: string[], rows: Value[][]): Promise<void> {
  for (const statement of dialect.update(table, key, columns, rows)) await tx.$executeRaw(statement);
}

/** A row given as a record: its columns by name. */
export type Row = Record<string, Value>;

/**
 * Writes `rows` (records with the same columns; an id made here when absent) into `table`; returns how
 * many: the scheduled checks write tens of thousands of notifications and e-mails with this.
 */
export async function insertRecords(tx: Tx, table: "Notification" | "OutboxMessage", rows: readonly Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  const withIds = rows.map((row) => ("id" in row ? row : { id: randomUUID(), ...row }));
  const columns = Object.keys(withIds[0]!);
  await insertRows(
    tx,
    table,
    columns,
    withIds.map((row) => columns.map((column) => row[column] ?? null)),
  );
  return withIds.length;
}
