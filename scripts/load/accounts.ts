// The people the load test signs in as, picked from the demo database before the server starts.
// Only the three demo accounts have a known password; the others are given the same one, hashed by
// the app's own module (Argon2id), so that each simulated person signs in through the real form.
import { hashPassword } from "~/auth/password.server";
import { toIsoDate } from "~/domain/dates";
import { openDatabase } from "../sqlite-file";
import { ACCOUNTS, PASSWORD } from "../bench/lookups";
import type { LoadOptions } from "./options";

export type Role = "resident" | "tutor" | "admin";
export type Person = { role: Role; userId: string; email: string; name: string };
/** One simulated person: an account, and their own browser session. */
export type VirtualUser = Person & { label: string };

export { PASSWORD };

/** Stored dates are ISO text with an explicit offset, as Prisma writes them: compared as text. */
const stored = (date: Date) => `${toIsoDate(date)}T00:00:00.000+00:00`;

/**
 * Who plays each role. Residents at the hospital today (their pages have something on them), the demo
 * resident first; tutors working in a department and looking after residents at the hospital today
 * (the form that logs a session suggests their programmes, and the sheet then expects people), the
 * demo tutor first; administrators, the demo one first. The demo hospital has two administrators:
 * `invite` says how many more the demo administrator must create (scripts/load/prepare.ts inviteAdmin).
 * Residents only read, so should the database have too few, their accounts are shared.
 */
export function pickPeople(file: string, mix: LoadOptions["mix"], today: Date): { people: VirtualUser[]; invite: number } {
  const db = openDatabase(file);
  try {
    const now = stored(today);
    const residents = db
      .prepare(
        `SELECT u.id AS userId, u.email, u.name FROM "User" u JOIN "Resident" r ON r.userId = u.id
         WHERE u.active = 1 AND r.stayStart <= ? AND r.stayEnd >= ?
         ORDER BY u.email = ? DESC, u.email`,
      )
      .all(now, now, ACCOUNTS.resident) as Array<Omit<Person, "role">>;
    const tutors = db
      .prepare(
        `SELECT u.id AS userId, u.email, u.name FROM "User" u JOIN "UserRole" ur ON ur.userId = u.id AND ur.role = 'tutor'
         WHERE u.active = 1
           AND EXISTS (SELECT 1 FROM "DepartmentTutor" dt WHERE dt.userId = u.id)
           AND EXISTS (SELECT 1 FROM "Resident" r WHERE r.tutorId = u.id AND r.stayStart <= ? AND r.stayEnd >= ?)
         ORDER BY u.email = ? DESC, u.email`,
      )
      .all(now, now, ACCOUNTS.tutor) as Array<Omit<Person, "role">>;
    const admins = db
      .prepare(
        `SELECT u.id AS userId, u.email, u.name FROM "User" u JOIN "UserRole" ur ON ur.userId = u.id AND ur.role = 'admin'
         WHERE u.active = 1 ORDER BY u.email = ? DESC, u.email`,
      )
      .all(ACCOUNTS.admin) as Array<Omit<Person, "role">>;
    // Attendance sheets are not shared between tutors, so each simulated tutor needs an account of their own.
    if (tutors.length < mix.tutors)
      throw new Error(`The database has ${tutors.length} tutors with residents at the hospital, fewer than the ${mix.tutors} asked for`);
    const cast = (role: Role, people: Array<Omit<Person, "role">>, count: number, prefix: string): VirtualUser[] => {
      if (count > 0 && people.length === 0) throw new Error(`The database has no ${role} to sign in as`);
      return Array.from({ length: count }, (_, i) => ({ ...people[i % people.length]!, role, label: `${prefix}${i + 1}` }));
    };
    const present = Math.min(admins.length, mix.admins);
    return {
      people: [
        ...cast("resident", residents, mix.residents, "r"),
        ...cast("tutor", tutors, mix.tutors, "t"),
        ...cast("admin", admins, present, "a"),
      ],
      invite: mix.admins - present,
    };
  } finally {
    db.close();
  }
}

/** Gives every account that will be signed in to the demo password (the demo accounts have it already). */
export async function setPasswords(file: string, people: Person[]): Promise<void> {
  const hash = await hashPassword(PASSWORD);
  const db = openDatabase(file);
  try {
    const update = db.prepare(`UPDATE "User" SET passwordHash = ? WHERE id = ?`);
    db.transaction(() => {
      for (const id of new Set(people.map((p) => p.userId))) update.run(hash, id);
    })();
  } finally {
    db.close();
  }
}
