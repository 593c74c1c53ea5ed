import { dialectOf } from "~/utils/database-url";
import { databaseFile } from "../sqlite-file";
import type { PhaseReport } from "./plan";
import type { TableRows } from "./rows";
import { postgresLoader } from "./write-postgres";
import { sqliteLoader } from "./write-sqlite";

/**
 * How one kind of database takes the rows: SQLite's file through better-sqlite3 (write-sqlite.ts),
 * PostgreSQL through pg with COPY (write-postgres.ts). writeDatabase runs the same steps on either, in the
 * same order, with the same SQL where the two agree; the rows come from the one generator (rows.ts).
 */
export type Loader = {
  /**
   * Sets aside what would cost once per row: the secondary indexes (dropped, built again at the end from
   * their own definitions: sorting once is much faster than millions of random insertions), the foreign
   * keys' enforcement, and the triggers that keep derived data, whose tables are made once at the end.
   */
  begin(): Promise<void>;
  /** Writes every row of a table; how many were written. */
  load(table: TableRows): Promise<number>;
  /** Builds the indexes begin dropped; how many. */
  buildIndexes(): Promise<number>;
  /** Runs a statement written once for both databases. */
  run(sql: string): Promise<void>;
  /** The number a statement written once for both gives in its column "n". */
  count(sql: string): Promise<number>;
  /** The derived tables of this database alone whose triggers begin set aside, made once; their rows. */
  deriveOwn(): Promise<Record<string, number>>;
  /** Puts back the triggers begin set aside. */
  restoreTriggers(): Promise<void>;
  /** Gathers the planner's statistics, as a database that has served for a while has them; how many tables. */
  statistics(): Promise<number>;
  /** Fails, naming some, when a row points at no row (the load did not enforce foreign keys). */
  checkForeignKeys(): Promise<void>;
  /** Makes the database what the app runs: SQLite's write-ahead log on, PostgreSQL's transaction committed. */
  finish(): Promise<void>;
  /** Closes the connection; a PostgreSQL load that did not finish is rolled back. */
  close(): Promise<void>;
};

/** The attendance marks counted as their triggers would have counted them one by one (AttendanceTally). */
const ATTENDANCE_TALLY = `INSERT INTO "AttendanceTally" ("sessionId", "status", "programmeId", "marks")
  SELECT a."sessionId", a."status", r."programmeId", COUNT(*) FROM "Attendance" a JOIN "Resident" r ON r."id" = a."residentId"
  GROUP BY a."sessionId", a."status", r."programmeId"`;

/**
 * Writes the rows into the database at `url` (`file:` or `postgres(ql)://`), which `prisma migrate deploy`
 * has already made, checks that every foreign key points at a row, and leaves it as the app runs it.
 * The tables' versions, the attendance marks' counts and the marks of what may have broken a rotation
 * would be moved once per row written: their triggers are off during the load, the versions are moved
 * once and the counts made once at the end; the rotations are judged at the first read
 * (broken-rotations.server.ts), which seed-large.ts does as its last step.
 */
export async function writeDatabase(url: string, tables: TableRows[], report: PhaseReport): Promise<void> {
  const loader = dialectOf(url) === "postgres" ? await postgresLoader(url) : sqliteLoader(databaseFile(url));
  try {
    // Into empty tables only, before anything is set aside: the ids are the generator's, and a database in
    // use is never mixed with made-up people.
    for (const { table } of tables) {
      if (await loader.count(`SELECT count(*) AS n FROM (SELECT 1 FROM "${table}" LIMIT 1) AS "any"`))
        throw new Error(`${table} already has rows: the large dataset is written into a newly migrated database only.`);
    }
    await loader.begin();
    for (const table of tables) {
      const written = await loader.load(table);
      if (written !== table.count) throw new Error(`${table.table}: ${written} rows written, ${table.count} expected`);
      report(`write ${table.table}`, { rows: written });
    }
    report("indexes", { rebuilt: await loader.buildIndexes() });
    await loader.run(`DELETE FROM "AttendanceTally"`);
    await loader.run(ATTENDANCE_TALLY);
    report("attendance counts", { rows: await loader.count(`SELECT count(*) AS n FROM "AttendanceTally"`) });
    const own = await loader.deriveOwn();
    if (Object.keys(own).length > 0) report("derived tables", own);
    await loader.restoreTriggers();
    await loader.run(`UPDATE "TableVersion" SET "version" = "version" + 1`);
    report("statistics", { tables: await loader.statistics() });
    await loader.checkForeignKeys();
    report("foreign keys checked", { problems: 0 });
    await loader.finish();
  } finally {
    await loader.close();
  }
}
