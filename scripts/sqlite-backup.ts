// Backup and restore of a SQLite database (docs/decisions/010-backup-and-restore.md): the copy with the
// online backup API in one step, checked with integrity_check and foreign_key_check; the restore checks
// the file in one read transaction and copies it into the live file with the same API.
import { copyFileSync, existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import path from "node:path";
import {
  errorText,
  Failure,
  MAIN_TABLES,
  megabytes,
  Refusal,
  seconds,
  type AppliedMigration,
  type BackupKind,
  type Candidate,
  type RowCounts,
} from "./backups";
import { checkConsistency, checkHeader, copyDatabase, databaseFile, openDatabase, type SqliteDatabase } from "./sqlite-file";

/** Row counts of the main tables the database has. */
function rowCounts(db: SqliteDatabase): RowCounts {
  const present = new Set(
    (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>).map((t) => t.name),
  );
  return new Map(
    MAIN_TABLES.filter((t) => present.has(t)).map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]),
  );
}

export const sqliteBackups: BackupKind = {
  extension: ".db",

  async backup(url, out) {
    const live = databaseFile(url);
    if (!existsSync(live) || statSync(live).size === 0) throw new Failure(`there is no database at ${live}.`);
    if (out === live) throw new Failure("the copy cannot be the database itself.");

    const source = openDatabase(live, { readonly: true, fileMustExist: true });
    const mode = source.pragma("journal_mode", { simple: true });
    if (mode !== "wal") console.warn(`Note: ${live} is not in WAL mode (${String(mode)}): writers wait while the copy is taken.`);
    const started = performance.now();
    let pages: number;
    try {
      pages = (await copyDatabase(source, out)).totalPages;
    } catch (error) {
      throw new Failure(`copying ${live}: ${errorText(error)}`);
    } finally {
      source.close();
    }
    const copied = performance.now();

    // One self-contained file: the copy carries the source's WAL flag, which would give it -wal and -shm
    // companions as soon as it is opened.
    const copy = openDatabase(out, { fileMustExist: true });
    copy.pragma("journal_mode = DELETE");
    const check = checkConsistency(copy);
    const rows = check.ok ? rowCounts(copy) : new Map<string, number>();
    copy.close();
    if (!check.ok) {
      renameSync(out, `${out}.failed`);
      throw new Failure(`the copy did not verify (${check.problem}); kept as ${out}.failed for inspection.`);
    }
    return {
      details: `${pages.toLocaleString("en")} pages, copied in ${seconds(copied - started)}, verified in ${seconds(performance.now() - copied)} (integrity_check ok, foreign keys ok)`,
      rows,
    };
  },

  async open(file, url): Promise<Candidate> {
    const live = databaseFile(url);
    if (file === live) throw new Refusal("the backup is the live database itself.");
    const header = checkHeader(file);
    if (!header.ok) throw new Refusal(header.problem);

    let source: SqliteDatabase;
    try {
      source = openDatabase(file, { readonly: true, fileMustExist: true });
      // One read transaction from the first check to the copy: what was checked is what is restored.
      source.exec("BEGIN");
      source.prepare("SELECT count(*) FROM sqlite_master").get();
    } catch (error) {
      throw new Refusal(`${file} cannot be opened: ${errorText(error)}`);
    }
    const close = async () => source.close();
    try {
      const consistency = checkConsistency(source);
      if (!consistency.ok) throw new Refusal(`${file}: ${consistency.problem}`);
      const hasTable = (name: string) => Boolean(source.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name));
      if (!hasTable("_prisma_migrations"))
        throw new Refusal(`${file} has no _prisma_migrations table: it is not a Residency Portal database.`);
      const migrations = source
        .prepare(
          `SELECT migration_name AS name, finished_at AS finished, rolled_back_at AS rolledBack FROM _prisma_migrations ORDER BY migration_name`,
        )
        .all() as AppliedMigration[];
      const chained =
        (source.prepare(`SELECT count(*) AS n FROM pragma_table_info('AuditEvent') WHERE name = 'hash'`).get() as { n: number }).n > 0;
      return {
        checks: "integrity ok, foreign keys ok",
        migrations,
        auditUrl: chained ? `file:${file}` : null,

        async keepSafetyCopy(safety) {
          if (!existsSync(live) || statSync(live).size === 0) return null;
          const started = performance.now();
          const current = openDatabase(live, { readonly: true, fileMustExist: true });
          try {
            await copyDatabase(current, safety);
            return `Safety copy of the live database: ${safety} (${megabytes(safety)}, ${seconds(performance.now() - started)}).`;
          } catch (error) {
            // A live database SQLite cannot read (perhaps why it is being restored) is kept byte for byte.
            for (const suffix of ["", "-wal"]) if (existsSync(live + suffix)) copyFileSync(live + suffix, safety + suffix);
            return `Safety copy of the live database, byte for byte (SQLite could not read it: ${errorText(error)}): ${safety}`;
          } finally {
            current.close();
          }
        },

        // The backup API into the file a running server may keep open: the step takes its write lock,
        // writes every page in one transaction, and the server's next statement sees the restored data.
        async putInPlace() {
          try {
            mkdirSync(path.dirname(live), { recursive: true });
            await copyDatabase(source, live);
          } catch (error) {
            throw new Failure(
              `Restore failed while copying into ${live}: ${errorText(error)}\nSQLite rolled the copy back: the live database is as it was.`,
            );
          }
        },

        async liveRows() {
          const restored = openDatabase(live, { fileMustExist: true });
          try {
            return rowCounts(restored);
          } finally {
            restored.close();
          }
        },

        close,
      };
    } catch (error) {
      await close();
      throw error instanceof Refusal ? error : new Refusal(`${file} cannot be checked: ${errorText(error)}`);
    }
  },
};
