// The ids the measured pages need, read straight from the SQLite file (scripts/sqlite-file.ts).
import { randomUUID } from "node:crypto";
import { openDatabase, type SqliteDatabase } from "../sqlite-file";

export const ACCOUNTS = { admin: "admin@example.org", tutor: "tutor@example.org", resident: "resident@example.org" } as const;
export const PASSWORD = "Demo-Portal-1";

export type Lookups = {
  /** A department of the demo tutor's: its planning board is measured. */
  tutorDepartmentId: string;
  /** The demo resident, and the start of their surname as a search term. */
  residentId: string;
  residentSearch: string;
  /** The demo resident's programme: its logbook progress list is measured. */
  programmeId: string;
  /** The demo resident's university and specialty: the import's rows join that programme. */
  universityId: string;
  specialtyCode: string;
  /** The academic year's first day as stored (MM-DD), or null for the default. */
  academicYearStart: string | null;
  /** How much data the size holds, for the report. */
  counts: Record<"residents" | "rotations" | "sessions" | "attendance" | "agreements", number>;
};

function one(db: SqliteDatabase, what: string, sql: string, ...params: unknown[]): Record<string, unknown> {
  const row = db.prepare(sql).get(...params) as Record<string, unknown> | undefined;
  if (!row) throw new Error(`Not found in the database: ${what}. Is it a demo (or large demo-compatible) database?`);
  return row;
}

export function readLookups(file: string): Lookups {
  const db = openDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const department = one(
      db,
      `a department of ${ACCOUNTS.tutor}`,
      `SELECT d.id FROM "Department" d JOIN "DepartmentTutor" dt ON dt.departmentId = d.id JOIN "User" u ON u.id = dt.userId
       WHERE u.email = ? AND d.archivedAt IS NULL ORDER BY d.name LIMIT 1`,
      ACCOUNTS.tutor,
    );
    const resident = one(
      db,
      `the training record of ${ACCOUNTS.resident}`,
      `SELECT r.id, u.name, r.programmeId, p.universityId, p.specialtyCode FROM "Resident" r JOIN "User" u ON u.id = r.userId
       JOIN "Programme" p ON p.id = r.programmeId JOIN "University" un ON un.id = p.universityId
       WHERE u.email = ? AND p.archivedAt IS NULL AND un.archivedAt IS NULL`,
      ACCOUNTS.resident,
    );
    const setting = db.prepare(`SELECT value FROM "Setting" WHERE key = 'academicYearStart'`).get() as { value: string } | undefined;
    const count = (table: string) => Number(one(db, table, `SELECT count(*) AS n FROM "${table}"`).n);
    const surname = String(resident.name).trim().split(/\s+/).at(-1) ?? "";
    return {
      tutorDepartmentId: String(department.id),
      residentId: String(resident.id),
      residentSearch: surname.slice(0, 4).toLowerCase(),
      programmeId: String(resident.programmeId),
      universityId: String(resident.universityId),
      specialtyCode: String(resident.specialtyCode),
      academicYearStart: setting ? String(setting.value) : null,
      counts: {
        residents: count("Resident"),
        rotations: count("Rotation"),
        sessions: count("TeachingSession"),
        attendance: count("Attendance"),
        agreements: count("Agreement"),
      },
    };
  } finally {
    db.close();
  }
}

/** Residents whose e-mail matches a LIKE pattern: the import's check that every row was written. */
export function countResidentsByEmail(file: string, pattern: string): number {
  const db = openDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const row = one(
      db,
      "residents",
      `SELECT count(*) AS n FROM "Resident" r JOIN "User" u ON u.id = r.userId WHERE u.email LIKE ?`,
      pattern,
    );
    return Number(row.n);
  } finally {
    db.close();
  }
}

/**
 * A write from another connection, as a second server process or a command-line tool makes one: a
 * resident's new logbook entry, the commonest write of a working day (a copy of an existing entry,
 * waiting for its tutor). Reads remembered from other tables must survive it; what reads logbook
 * entries must see it.
 */
export function writeSomething(file: string): void {
  const db = openDatabase(file, { fileMustExist: true });
  try {
    const now = new Date().toISOString().replace("Z", "+00:00"); // Prisma's way of storing a DateTime here
    db.prepare(
      `INSERT INTO "LogbookEntry" ("id", "residentId", "activityId", "date", "count", "degree", "tutorId", "departmentId", "status", "createdAt", "updatedAt")
       SELECT ?, "residentId", "activityId", "date", 1, "degree", "tutorId", "departmentId", 'pending', ?, ? FROM "LogbookEntry" LIMIT 1`,
    ).run(`bench-${randomUUID()}`, now, now);
  } finally {
    db.close();
  }
}
