import fc from "fast-check";

/**
 * What an attacker or a broken client can put in a form: the values of the property test of every
 * action (app/routes/actions.property.server.test.ts). Each is a string, as in a real form post, or a
 * file where a text was expected.
 */

/** Texts that have broken web applications: empty, huge, invisible, right-to-left, markup, SQL, paths. */
const NASTY_TEXTS = [
  "",
  " ",
  "\t\n",
  "\u0000",
  "a\u0000b",
  "\u0007\u001b[31mred",
  "\u202eevil\u202c",
  "\ufeff",
  "\ud800",
  "😀👩‍⚕️🇮🇹",
  "Zoë Ñandú Łódź ß",
  '\'; DROP TABLE "User"; --',
  "' OR '1'='1",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "%_!\\",
  "../../etc/passwd",
  "null",
  "undefined",
  "true",
  "[object Object]",
  "__proto__",
  "constructor",
  '{"$ne":null}',
];

/** Numbers that are not: negative, huge, fractional, hexadecimal, infinite. */
const NASTY_NUMBERS = ["-1", "0", "-0", "1.5", "1e309", "NaN", "Infinity", "0x10", "2147483648", "9007199254740993", " 3 ", "3abc", "1,5"];

/** Days that are not, or are far away. */
const NASTY_DATES = [
  "0000-00-00",
  "0001-01-01",
  "1899-12-31",
  "9999-12-31",
  "275760-09-13",
  "2026-02-30",
  "2026-13-01",
  "-001-01-01",
  "20261124",
  "2026-11-24T25:00",
  "24/11/2026",
  "2026-11-24 ",
];

export const HUNDRED_KB = "x".repeat(100 * 1024);

export const nastyText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_TEXTS) },
  { weight: 1, arbitrary: fc.constant(HUNDRED_KB) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }) },
);
export const nastyNumber = fc.constantFrom(...NASTY_NUMBERS);
export const nastyDate = fc.constantFrom(...NASTY_DATES);

/** A value for any field: nasty, or the id of some record (`ids`: the world's, of every kind and owner). */
export function nastyValue(ids: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: nastyText },
    { weight: 2, arbitrary: nastyNumber },
    { weight: 2, arbitrary: nastyDate },
    { weight: 3, arbitrary: fc.constantFrom(...ids) },
    { weight: 1, arbitrary: fc.uuid() },
  );
}

/** What may replace the record in an address: any record of the world (someone else's, of another kind), none, or garbage. */
export function strangeRecordId(ids: string[]): fc.Arbitrary<string> {
  return fc.constantFrom(...ids, "00000000-0000-0000-0000-000000000000", "../../etc/passwd", "%00", "x".repeat(5000), "");
}

/** Field names a form never has, or has with indexes no form would send. */
export const strangeName = fc.oneof(
  fc.constantFrom(
    "id",
    "createdById",
    "userId",
    "roles",
    "active",
    "passwordHash",
    "__proto__",
    "constructor",
    "prototype",
    "intent",
    "version",
    "coverage[0].posts",
    "coverage[-1].programmeId",
    "coverage[99999999].posts",
    "programmeIds[1000000]",
    "tutorIds[4999]",
    "mark.",
    "a.b.c.d.e.f",
    "x".repeat(5000),
  ),
  fc.string({ maxLength: 20 }),
);
