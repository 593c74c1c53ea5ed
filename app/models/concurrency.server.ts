import { refuse } from "~/domain/refusal";
/** The version an edit form carries: the record's updatedAt as it was when the form was loaded. */
export function versionOf(record: { updatedAt: Date }): string {
  return record.updatedAt.toISOString();
}

/** Refuses a save when the record changed since the editor loaded it: nothing is written, the form says so. */
export function assertVersion(record: { updatedAt: Date }, version: string): void {
  if (versionOf(record) !== version) refuse(null, "errors.staleVersion");
}
