import { openDatabase, type SqliteDatabase as Database } from "../sqlite-file";
import type { TableRows } from "./rows";
import type { Loader } from "./write";

/**
 * The large dataset's SQLite writer (write.ts): better-sqlite3 directly, prepared multi-row INSERTs inside
 * one transaction per table, with the journal and fsync off while loading (the file is a temporary one
 * until it is complete, so a crash costs nothing), then write-ahead logging on, as the app runs it.
 * The people's search (FTS5) keeps its triggers: a row per person, cheap beside the rest.
 *
 * better-sqlite3 is the Prisma adapter's own dependency, not one of ours (scripts/sqlite-file.ts).
 */
/** Rows per INSERT statement: fewer calls from JavaScript into SQLite, same rows. */
const BATCH = 64;

function insertAll(db: Database, { table, columns, rows }: TableRows): number {
  const row = `(${columns.map(() => "?").join(", ")})`;
  const sql = (n: number) => `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${Array(n).fill(row).join(", ")}`;
  const batch = db.prepare(sql(BATCH));
  let written = 0;
  db.transaction(() => {
    let pending: unknown[] = [];
    let count = 0;
    for (const values of rows()) {
      for (const v of values) pending.push(v);
      if (++count === BATCH) {
        batch.run(...pending);
        written += count;
        pending = [];
        count = 0;
      }
    }
    if (count > 0) {
      db.prepare(sql(count)).run(...pending);
      written += count;
    }
  })();
  return written;
}

export function sqliteLoader(file: string): Loader {
  const db = openDatabase(file);
  let indexes: Array<{ name: string; sql: string }> = [];
  let triggers: Array<{ name: string; sql: string }> = [];
  return {
    async begin() {
      db.pragma("journal_mode = OFF");
      db.pragma("synchronous = OFF");
      db.pragma("foreign_keys = OFF");
      db.pragma("temp_store = MEMORY");
      db.pragma("cache_size = -262144");
      indexes = db
        .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name <> '_prisma_migrations'`)
        .all() as Array<{ name: string; sql: string }>;
      for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`);
      triggers = db
        .prepare(
          `SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
             AND (name LIKE 'TableVersion\\_%' ESCAPE '\\' OR name LIKE 'AttendanceTally\\_%' ESCAPE '\\'
               OR name LIKE 'BrokenRotation\\_%' ESCAPE '\\')`,
        )
        .all() as Array<{ name: string; sql: string }>;
      for (const { name } of triggers) db.exec(`DROP TRIGGER "${name}"`);
    },
    load: async (table) => insertAll(db, table),
    async buildIndexes() {
      for (const { sql } of indexes) db.exec(sql);
      return indexes.length;
    },
    run: async (sql) => void db.exec(sql),
    count: async (sql) => (db.prepare(sql).get() as { n: number }).n,
    deriveOwn: async () => ({}),
    async restoreTriggers() {
      for (const { sql } of triggers) db.exec(sql);
    },
    // As a server's first start gathers them (checkpointer.server.ts).
    async statistics() {
      db.pragma("analysis_limit = 400");
      db.pragma("optimize = 0x10002");
      return (db.prepare("SELECT count(DISTINCT tbl) AS n FROM sqlite_stat1").get() as { n: number }).n;
    },
    async checkForeignKeys() {
      const broken = db.prepare("PRAGMA foreign_key_check").all();
      if (broken.length > 0) throw new Error(`Foreign keys broken: ${JSON.stringify(broken.slice(0, 5))}`);
    },
    finish: async () => void db.pragma("journal_mode = WAL"),
    close: async () => db.close(),
  };
}
