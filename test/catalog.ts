import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";

/**
 * What the tests ask of the database's own catalogue, in each dialect: its tables, whom a table's foreign
 * keys reference, and every row of a table in a stable order.
 */
const postgres = env.DATABASE_DIALECT === "postgres";

/** Every table of the database (SQLite's own and FTS5's shadow tables included there). */
export async function allTables(): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<Array<{ name: string }>>(
    postgres
      ? "SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
      : "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
  );
  return rows.map((row) => row.name);
}

/** The tables `table`'s foreign keys reference. */
export async function referencedTables(table: string): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<Array<{ table: string }>>(
    postgres
      ? `SELECT r.relname::text AS "table" FROM pg_constraint c JOIN pg_class r ON r.oid = c.confrelid
           WHERE c.contype = 'f' AND c.conrelid = '"${table}"'::regclass`
      : `SELECT "table" FROM pragma_foreign_key_list('${table}')`,
  );
  return rows.map((row) => row.table);
}

/** Every row of `table`, in an order that depends on the rows alone (SQLite's rowid; PostgreSQL's row text). */
export function allRows(table: string): Promise<unknown[]> {
  return prisma.$queryRawUnsafe<unknown[]>(
    postgres ? `SELECT * FROM "${table}" t ORDER BY t::text` : `SELECT * FROM "${table}" ORDER BY rowid`,
  );
}

/**
 * Makes the database refuse an insert into `table` whenever `condition` (SQL that may name NEW) holds,
 * as a fault injected by a test; returns what removes it.
 */
export async function refuseInserts(name: string, table: string, condition: string): Promise<() => Promise<void>> {
  if (postgres) {
    await prisma.$executeRawUnsafe(
      `CREATE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF ${condition} THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`,
    );
    await prisma.$executeRawUnsafe(`CREATE TRIGGER "${name}" BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${name}"()`);
    return async () => {
      await prisma.$executeRawUnsafe(`DROP TRIGGER "${name}" ON "${table}"`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION "${name}"()`);
    };
  }
  await prisma.$executeRawUnsafe(
    `CREATE TRIGGER "${name}" BEFORE INSERT ON "${table}" WHEN ${condition} BEGIN SELECT RAISE(ABORT, 'refused'); END`,
  );
  return async () => {
    await prisma.$executeRawUnsafe(`DROP TRIGGER "${name}"`);
  };
}

/** The triggers that move the tables' versions: SQLite's one per table and kind of write; PostgreSQL's likewise. */
export async function versionTriggerCount(): Promise<number> {
  const [row] = await prisma.$queryRawUnsafe<Array<{ count: number | bigint }>>(
    postgres
      ? `SELECT COUNT(*) AS count FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'TableVersion\\_%'`
      : `SELECT COUNT(*) AS count FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'TableVersion\\_%' ESCAPE '\\'`,
  );
  return Number(row?.count ?? 0);
}

/** The columns of `table`, by name. */
export async function columnsOf(table: string): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<Array<{ name: string }>>(
    postgres
      ? `SELECT column_name::text AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '${table}'`
      : `SELECT name FROM pragma_table_info('${table}')`,
  );
  return rows.map((row) => row.name);
}

/** The order rows lie in storage: SQLite's rowid, PostgreSQL's tuple address. */
export const STORED_ORDER = Prisma.raw(postgres ? "ctid" : "rowid");
