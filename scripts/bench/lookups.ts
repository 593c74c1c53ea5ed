// The ids the measured pages need, read from the run's database through a client of its own
// (./client.ts), the same way on SQLite and PostgreSQL; and the writes the benchmark makes between pages.
import { randomUUID } from "node:crypto";
import { withClient } from "./client";

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

function found<T>(row: T | null, what: string): T {
  if (!row) throw new Error(`Not found in the database: ${what}. Is it a demo (or large demo-compatible) database?`);
  return row;
}

/** `url`: the run's database, `file:` or `postgres://`. */
export function readLookups(url: string): Promise<Lookups> {
  return withClient(url, async (db) => {
    const department = found(
      await db.department.findFirst({
        where: { archivedAt: null, tutors: { some: { user: { email: ACCOUNTS.tutor } } } },
        orderBy: { name: "asc" },
        select: { id: true },
      }),
      `a department of ${ACCOUNTS.tutor}`,
    );
    const resident = found(
      await db.resident.findFirst({
        where: { user: { email: ACCOUNTS.resident }, programme: { archivedAt: null, university: { archivedAt: null } } },
        select: {
          id: true,
          programmeId: true,
          user: { select: { name: true } },
          programme: { select: { universityId: true, specialtyCode: true } },
        },
      }),
      `the training record of ${ACCOUNTS.resident}`,
    );
    const setting = await db.setting.findUnique({ where: { key: "academicYearStart" }, select: { value: true } });
    const surname = resident.user.name.trim().split(/\s+/).at(-1) ?? "";
    const [residents, rotations, sessions, attendance, agreements] = await Promise.all([
      db.resident.count(),
      db.rotation.count(),
      db.teachingSession.count(),
      db.attendance.count(),
      db.agreement.count(),
    ]);
    return {
      tutorDepartmentId: department.id,
      residentId: resident.id,
      residentSearch: surname.slice(0, 4).toLowerCase(),
      programmeId: resident.programmeId,
      universityId: resident.programme.universityId,
      specialtyCode: resident.programme.specialtyCode,
      academicYearStart: setting?.value ?? null,
      counts: { residents, rotations, sessions, attendance, agreements },
    };
  });
}

/** Residents whose e-mail ends with `@domain`: the import's check that every row was written. */
export function countResidentsOfDomain(url: string, domain: string): Promise<number> {
  return withClient(url, (db) => db.resident.count({ where: { user: { email: { endsWith: `@${domain}` } } } }));
}

/**
 * A write from another connection, as a second server process or a command-line tool makes one: a
 * resident's new logbook entry, the commonest write of a working day (a copy of an existing entry,
 * waiting for its tutor). Reads remembered from other tables must survive it; what reads logbook
 * entries must see it.
 */
export function writeSomething(url: string): Promise<void> {
  return withClient(url, async (db) => {
    const model = found(
      await db.logbookEntry.findFirst({
        select: { residentId: true, activityId: true, date: true, degree: true, tutorId: true, departmentId: true },
      }),
      "a logbook entry to copy",
    );
    await db.logbookEntry.create({ data: { ...model, id: `bench-${randomUUID()}`, count: 1, status: "pending" }, select: { id: true } });
  });
}
