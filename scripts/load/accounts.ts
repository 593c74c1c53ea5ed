// The people the load test signs in as, picked from the demo database before the server starts.
// Only the three demo accounts have a known password; the others are given the same one, hashed by
// the app's own module (Argon2id), so that each simulated person signs in through the real form. Read
// and written through a client of its own (scripts/bench/client.ts), on SQLite or PostgreSQL alike.
import { hashPassword } from "~/auth/password.server";
import { withClient } from "../bench/client";
import { ACCOUNTS, PASSWORD } from "../bench/lookups";
import type { LoadOptions } from "./options";

export type Role = "resident" | "tutor" | "admin";
export type Person = { role: Role; userId: string; email: string; name: string };
/** One simulated person: an account, and their own browser session. */
export type VirtualUser = Person & { label: string };

export { PASSWORD };

/**
 * Who plays each role. Residents at the hospital today (their pages have something on them), the demo
 * resident first; tutors working in a department and looking after residents at the hospital today
 * (the form that logs a session suggests their programmes, and the sheet then expects people), the
 * demo tutor first; administrators, the demo one first. The demo hospital has two administrators:
 * `invite` says how many more the demo administrator must create (scripts/load/prepare.ts inviteAdmin).
 * Residents only read, so should the database have too few, their accounts are shared.
 */
export function pickPeople(url: string, mix: LoadOptions["mix"], today: Date): Promise<{ people: VirtualUser[]; invite: number }> {
  return withClient(url, async (db) => {
    const atHospital = { stayStart: { lte: today }, stayEnd: { gte: today } };
    const person = { id: true, email: true, name: true } as const;
    // By e-mail, the demo account first.
    const ordered = (users: Array<{ id: string; email: string; name: string }>, demo: string) =>
      users.map(({ id, email, name }) => ({ userId: id, email, name })).sort((a, b) => Number(b.email === demo) - Number(a.email === demo));
    const residents = ordered(
      await db.user.findMany({ where: { active: true, resident: { is: atHospital } }, orderBy: { email: "asc" }, select: person }),
      ACCOUNTS.resident,
    );
    const tutors = ordered(
      await db.user.findMany({
        where: { active: true, roles: { some: { role: "tutor" } }, tutorIn: { some: {} }, tutees: { some: atHospital } },
        orderBy: { email: "asc" },
        select: person,
      }),
      ACCOUNTS.tutor,
    );
    const admins = ordered(
      await db.user.findMany({ where: { active: true, roles: { some: { role: "admin" } } }, orderBy: { email: "asc" }, select: person }),
      ACCOUNTS.admin,
    );
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
  });
}

/** Gives every account that will be signed in to the demo password (the demo accounts have it already). */
export async function setPasswords(url: string, people: Person[]): Promise<void> {
  const passwordHash = await hashPassword(PASSWORD);
  await withClient(url, (db) =>
    db.user.updateMany({ where: { id: { in: [...new Set(people.map((p) => p.userId))] } }, data: { passwordHash } }),
  );
}
