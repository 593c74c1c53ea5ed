import pg from "pg";
import { copyRows } from "./copy-in";
import type { Loader } from "./write";

/**
 * The large dataset's PostgreSQL writer (write.ts): one connection, ONE transaction for the whole load,
 * so a build cut short leaves the database as empty as it was (SQLite's builder gets the same from a
 * temporary file renamed at the end). Each table is emptied and loaded with COPY FREEZE (copy-in.ts).
 * While it loads:
 * - the foreign keys are dropped and added again at the end, which checks every row in one join per key
 *   (kept, each would be checked row by row by its trigger);
 * - the secondary indexes are dropped and built again from their definitions (`pg_get_indexdef`); the
 *   primary keys stay, since the generator's ids grow in insertion order and only ever append;
 * - the triggers of derived data are disabled: the tables' versions, the attendance counts, the broken
 *   rotations' marks, as on SQLite, and also the people's search text, whose trigger reads the person's
 *   resident through an index that is not there yet: it is made at the end with one INSERT … SELECT of
 *   the same function the trigger calls ("PersonSearch_text").
 * Everything here is undone by a rollback, DDL included, so a failure leaves the schema as migrated.
 */
type Named = { table: string; name: string };

/** The foreign keys of the current schema, as `pg_get_constraintdef` writes them. */
const FOREIGN_KEYS = `SELECT c.conrelid::regclass::text AS "table", quote_ident(c.conname) AS "name", pg_get_constraintdef(c.oid) AS "definition"
  FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace ORDER BY 1, 2`;

/** The indexes that no primary key, unique or exclusion constraint stands on (Prisma's @@index and @unique). */
const SECONDARY_INDEXES = `SELECT i.indexrelid::regclass::text AS "name", pg_get_indexdef(i.indexrelid) AS "sql"
  FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
  WHERE t.relnamespace = current_schema()::regnamespace AND t.relname <> '_prisma_migrations'
    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
  ORDER BY 1`;

/** The triggers of derived data (prisma/postgres/migrations/20261207170000_init). */
const DERIVED_TRIGGERS = `SELECT c.oid::regclass::text AS "table", quote_ident(t.tgname) AS "name"
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
  WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace
    AND t.tgname ~ '^(TableVersion|AttendanceTally|BrokenRotation|PersonSearch)_'
  ORDER BY 1, 2`;

export async function postgresLoader(url: string): Promise<Loader> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows = async <T extends pg.QueryResultRow>(sql: string) => (await client.query<T>(sql)).rows;
  let open = false;
  let foreignKeys: Array<Named & { definition: string }> = [];
  let indexes: Array<{ name: string; sql: string }> = [];
  let triggers: Named[] = [];
  return {
    async begin() {
      await client.query("BEGIN");
      open = true;
      // Memory for the index builds' sorts and the counts' grouping (this transaction's only).
      await client.query("SET LOCAL maintenance_work_mem = '1GB'");
      await client.query("SET LOCAL work_mem = '256MB'");
      foreignKeys = await rows(FOREIGN_KEYS);
      for (const { table, name } of foreignKeys) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${name}`);
      indexes = await rows(SECONDARY_INDEXES);
      for (const { name } of indexes) await client.query(`DROP INDEX ${name}`);
      triggers = await rows(DERIVED_TRIGGERS);
      for (const { table, name } of triggers) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER ${name}`);
    },
    async load({ table, columns, rows }) {
      try {
        // Emptied in this transaction (it has no rows: write.ts checked), so COPY may write the rows frozen:
        // readers after the commit find them visible without setting hint bits, index-only scans work at
        // once, and autovacuum has nothing to freeze later.
        await client.query(`TRUNCATE "${table}"`);
        return await copyRows(client, table, columns, rows(), { freeze: true });
      } catch (error) {
        // The server says where in the COPY it stopped ("COPY Attendance, line 301, column markedAt: …").
        const { message, where } = error as { message: string; where?: string };
        throw new Error(`${table}: ${message}${where ? ` (${where})` : ""}`, { cause: error });
      }
    },
    async buildIndexes() {
      for (const { sql } of indexes) await client.query(sql);
      return indexes.length;
    },
    run: async (sql) => void (await client.query(sql)),
    count: async (sql) => Number((await rows<{ n: string | number }>(sql))[0]!.n),
    async deriveOwn() {
      await client.query(`DELETE FROM "PersonSearchText"`);
      const made = await client.query(
        `INSERT INTO "PersonSearchText" ("userId", "text") SELECT "id", "PersonSearch_text"("id") FROM "User" ORDER BY "id"`,
      );
      return { PersonSearchText: made.rowCount ?? 0 };
    },
    async restoreTriggers() {
      for (const { table, name } of triggers) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER ${name}`);
    },
    async statistics() {
      await client.query("ANALYZE");
      return Number(
        (await rows<{ n: string }>(`SELECT count(DISTINCT tablename) AS n FROM pg_stats WHERE schemaname = current_schema()`))[0]!.n,
      );
    },
    async checkForeignKeys() {
      for (const { table, name, definition } of foreignKeys) {
        try {
          await client.query(`ALTER TABLE ${table} ADD CONSTRAINT ${name} ${definition}`);
        } catch (error) {
          const { message, detail } = error as { message: string; detail?: string };
          throw new Error(`Foreign keys broken: ${message}${detail ? ` (${detail})` : ""}`);
        }
      }
    },
    async finish() {
      await client.query("COMMIT");
      open = false;
    },
    async close() {
      if (open) await client.query("ROLLBACK").catch(() => undefined);
      await client.end();
    },
  };
}
