import { DAY_MS } from "./dates";

/**
 * The rules of certificates: their kinds, the period they may cover, and the verification code printed
 * on them. Plain values in and out, no database.
 */
export const CERTIFICATE_KINDS = ["resident-teaching", "tutor-teaching", "resident-logbook"] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

export function isCertificateKind(value: unknown): value is CertificateKind {
  return typeof value === "string" && (CERTIFICATE_KINDS as readonly string[]).includes(value);
}

// ─── Period ──────────────────────────────────────────────────────────────────────────────────────

/** A certificate covers at most ten years. */
export const MAX_PERIOD_YEARS = 10;

export type PeriodProblem = "endBeforeStart" | "tooLong";

/** Why a period [from, to] (whole days, inclusive) cannot be certified; null when it can. */
export function periodProblem(from: Date, to: Date): PeriodProblem | null {
  if (to.getTime() < from.getTime()) return "endBeforeStart";
  const limit = new Date(Date.UTC(from.getUTCFullYear() + MAX_PERIOD_YEARS, from.getUTCMonth(), from.getUTCDate()));
  // Ten years from 1 Jan 2020 is up to 31 Dec 2029: the day that starts the eleventh year is too far.
  if (to.getTime() >= limit.getTime()) return "tooLong";
  return null;
}

/** The period's days as a count, for messages and tests. */
export function periodDays(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS) + 1;
}

// ─── Verification code ───────────────────────────────────────────────────────────────────────────

/**
 * Crockford's base32: digits and capital letters without I, L, O and U, so that nothing printed can be
 * misread as something else; a reader who types O for 0 or I/L for 1 is understood all the same.
 * 32 symbols, so a random byte's low five bits pick one without bias.
 */
export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 12; // 60 random bits
const GROUP = 4;

/** A new code, grouped for reading ("7K3M-QX9T-2HCW"), from a cryptographic random source. */
export function generateCertificateCode(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const bytes = random(new Uint8Array(CODE_LENGTH));
  let symbols = "";
  for (const byte of bytes) symbols += CODE_ALPHABET[byte & 31];
  return groupCode(symbols);
}

function groupCode(symbols: string): string {
  const groups: string[] = [];
  for (let i = 0; i < symbols.length; i += GROUP) groups.push(symbols.slice(i, i + GROUP));
  return groups.join("-");
}

/**
 * A code as someone typed or pasted it, in its printed form; null when it cannot be one. Case, spaces,
 * dashes and dots do not matter; O reads as 0, and I or L as 1.
 */
export function normaliseCertificateCode(input: string): string | null {
  const symbols = input
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (symbols.length !== CODE_LENGTH) return null;
  for (const symbol of symbols) if (!CODE_ALPHABET.includes(symbol)) return null;
  return groupCode(symbols);
}
