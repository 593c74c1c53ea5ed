import { randomUUID } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { dialect } from "./sql-dialect.server";

export { storedDate } from "./sql-dialect.server";

/**
 * Inserts many rows of one table given as records, each with the same columns, an id made here when
 * absent: the scheduled checks write tens of thousands of notifications and e-mails with this (Prisma's
 * createMany costs about 0.6 ms a row; the multi-row statements of sql-dialect.server.ts, 0.04 ms).
 */
export type Row = Record<string, string | number | boolean | Date | null>;

/** Writes `rows` into `table`; returns how many. */
export async function insertRows(
  tx: Prisma.TransactionClient,
  table: "Notification" | "OutboxMessage",
  rows: readonly Row[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const withIds = rows.map((row) => ("id" in row ? row : { id: randomUUID(), ...row }));
  const columns = Object.keys(withIds[0]!);
  const values = withIds.map((row) => columns.map((column) => row[column] ?? null));
  for (const statement of dialect.insert(table, columns, values)) await tx.$executeRaw(statement);
  return withIds.length;
}
