/** Raised when a record changed since the editor loaded it: the save is refused, nothing is written. */
export class StaleVersionError extends Error {
  constructor() {
    super("The record changed since it was loaded");
  }
}

/** The version an edit form carries: the record's updatedAt as it was when the form was loaded. */
export function versionOf(record: { updatedAt: Date }): string {
  return record.updatedAt.toISOString();
}

export function assertVersion(record: { updatedAt: Date }, version: string): void {
  if (versionOf(record) !== version) throw new StaleVersionError();
}
