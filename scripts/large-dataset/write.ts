import { openDatabase, type SqliteDatabase as Database } from "../sqlite-file";
import type { PhaseReport } from "./plan";
import type { TableRows } from "./rows";

/**
 * Writes the rows into a database that `prisma migrate deploy` has already created, through
 * better-sqlite3 directly: prepared statements inside one transaction per table, with the journal and
 * fsync off while loading (the file is a temporary one until it is complete, so a crash costs nothing),
 * then write-ahead logging on, as the app runs it.
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

/**
 * Loads every table, checks that every foreign key points at a row (the load runs without enforcing
 * them, for speed), and leaves the file in WAL mode. Secondary indexes are dropped during the load and
 * built again at the end from their own definitions: sorting once is much faster than millions of
 * random index insertions.
 */
export function writeDatabase(file: string, tables: TableRows[], report: PhaseReport): void {
  const db = openDatabase(file);
  try {
    db.pragma("journal_mode = OFF");
    db.pragma("synchronous = OFF");
    db.pragma("foreign_keys = OFF");
    db.pragma("temp_store = MEMORY");
    db.pragma("cache_size = -262144");
    const indexes = db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name <> '_prisma_migrations'`)
      .all() as Array<{ name: string; sql: string }>;
    for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`);
    // The tables' versions (read-cache.server.ts), the attendance marks' counts and the marks of what may
    // have broken a rotation would be moved once per row written: the versions are set once and the counts
    // made once, at the end, instead; the rotations are judged at the first read (broken-rotations.server.ts).
    const versionTriggers = db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
           AND (name LIKE 'TableVersion\\_%' ESCAPE '\\' OR name LIKE 'AttendanceTally\\_%' ESCAPE '\\'
             OR name LIKE 'BrokenRotation\\_%' ESCAPE '\\')`,
      )
      .all() as Array<{ name: string; sql: string }>;
    for (const { name } of versionTriggers) db.exec(`DROP TRIGGER "${name}"`);

    for (const table of tables) {
      const written = insertAll(db, table);
      if (written !== table.count) throw new Error(`${table.table}: ${written} rows written, ${table.count} expected`);
      report(`write ${table.table}`, { rows: written });
    }
    for (const { sql } of indexes) db.exec(sql);
    report("indexes", { rebuilt: indexes.length });
    db.exec(`DELETE FROM "AttendanceTally"`);
    db.exec(`INSERT INTO "AttendanceTally" ("sessionId", "status", "programmeId", "marks")
      SELECT a."sessionId", a."status", r."programmeId", COUNT(*) FROM "Attendance" a JOIN "Resident" r ON r."id" = a."residentId"
      GROUP BY a."sessionId", a."status", r."programmeId"`);
    report("attendance counts", { rows: (db.prepare(`SELECT count(*) AS n FROM "AttendanceTally"`).get() as { n: number }).n });
    for (const { sql } of versionTriggers) db.exec(sql);
    db.exec(`UPDATE "TableVersion" SET "version" = "version" + 1`);
    // The planner's statistics, as a server's first start gathers them (checkpointer.server.ts): a
    // database that has served for a while has them.
    db.pragma("analysis_limit = 400");
    db.pragma("optimize = 0x10002");
    report("statistics", { tables: (db.prepare("SELECT count(DISTINCT tbl) AS n FROM sqlite_stat1").get() as { n: number }).n });

    const broken = db.prepare("PRAGMA foreign_key_check").all();
    if (broken.length > 0) throw new Error(`Foreign keys broken: ${JSON.stringify(broken.slice(0, 5))}`);
    report("foreign keys checked", { problems: 0 });
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}
