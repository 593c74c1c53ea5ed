/**
 * Why a write was refused, in one shape for every kind of record: the form field the message belongs
 * beside (null for the form as a whole), the catalogue key of the message, and the values it names,
 * already resolved to what a person reads (a department's name, not its id; a day as YYYY-MM-DD, which
 * the catalogue formats with `{{day, day}}`). A link points at the record that explains the refusal:
 * the overlapping rotation, the agreement whose posts are taken.
 *
 * Models throw a `Refused` from inside their transaction, so the refusal rolls back every row the write
 * had added (its audit event, an outbox row); `refusalReply` (app/utils/refusal.server.ts) turns it into
 * the form's reply and `messageText` (app/i18n/message.ts) turns keys into words.
 */
export type RefusalValues = Record<string, string | number>;
export type Refusal = { field: string | null; key: string; values?: RefusalValues; link?: string };

/** The HTTP status of a refusal: 400 for a choice only a tampered form makes, 404 when the record is not the user's to see, 409 otherwise. */
export type RefusalStatus = 400 | 404 | 409 | 410 | 413;

export class Refused extends Error {
  constructor(
    public readonly refusals: readonly Refusal[],
    public readonly status: RefusalStatus = 409,
  ) {
    super(`Refused: ${refusals.map((r) => (r.field ? `${r.field}: ${r.key}` : r.key)).join("; ")}`);
  }
}

/** Refuses a write for one reason: `refuse("name", "departments.nameTaken")`. */
export function refuse(
  field: string | null,
  key: string,
  options: { values?: RefusalValues; link?: string; status?: RefusalStatus } = {},
): never {
  const { status, ...rest } = options;
  throw new Refused([{ field, key, ...rest }], status);
}

/** The record does not exist or is not the user's: both read as "not found", so nobody learns which. */
export function notFound(): never {
  throw new Refused([{ field: null, key: "errors.notFound" }], 404);
}

/**
 * A refusal as one string, the form that conform's field errors carry to the browser: the key alone, or
 * the key followed by its values as JSON (`rotations.problems.capacity?{"day":"2026-12-04","capacity":3}`),
 * which keeps numbers numbers so that the catalogue's plurals still apply.
 */
export function encodeMessage({ key, values, link }: Pick<Refusal, "key" | "values" | "link">): string {
  if (!values && !link) return key;
  return `${key}?${JSON.stringify({ ...values, ...(link ? { $link: link } : {}) })}`;
}

/** The key, values and link of a message made by encodeMessage, or of a bare key (a schema's messages are keys). */
export function decodeMessage(message: string): { key: string; values: RefusalValues; link?: string } {
  const at = message.indexOf("?");
  if (at < 0) return { key: message, values: {} };
  try {
    const { $link: link, ...values } = JSON.parse(message.slice(at + 1)) as RefusalValues;
    return { key: message.slice(0, at), values, ...(typeof link === "string" ? { link } : {}) };
  } catch {
    return { key: message, values: {} };
  }
}
