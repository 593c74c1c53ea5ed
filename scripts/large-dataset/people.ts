import { emailLocalPart } from "../../prisma/demo-data";
import { FIRST_NAMES, LAST_NAMES } from "./names";
import type { Random } from "./random";

/** The demo accounts of prisma/demo-data.ts: same e-mails, names and roles. */
export const DEMO = {
  admin: { email: "admin@example.org", name: "Giulia Ferraris" },
  tutor: { email: "tutor@example.org", name: "Marco Bellini" },
  resident: { email: "resident@example.org", name: "Luca Moretti" },
} as const;

export type Person = { name: string; email: string };

/**
 * Invented people with unique e-mails. Names come from small lists, so many people share one: the
 * second "anna.rossi" at a domain becomes "anna.rossi2". Bases hold no digits, so a numbered address
 * can never meet another base.
 */
export class People {
  private readonly seen = new Map<string, number>();

  constructor(private readonly random: Random) {}

  next(domain: string): Person {
    const first = this.random.pick(FIRST_NAMES);
    const last = this.random.pick(LAST_NAMES);
    const local = emailLocalPart(first, last);
    const base = `${local}@${domain}`;
    const n = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, n);
    return { name: `${first} ${last}`, email: `${local}${n === 1 ? "" : n}@${domain}` };
  }
}
