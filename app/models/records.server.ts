/** Raised when a record cannot be deleted because others refer to it; carries what depends on it. */
export class InUseError extends Error {
  constructor(public readonly dependents: Record<string, number>) {
    super("The record is in use");
  }
  get total(): number {
    return Object.values(this.dependents).reduce((sum, n) => sum + n, 0);
  }
}

/** Raised when a unique value (a name) is already taken by another record. */
export class DuplicateError extends Error {
  constructor(public readonly field: string) {
    super(`Duplicate ${field}`);
  }
}

/** The status filter of institutional lists: records in use, archived ones, or all. */
export const ARCHIVE_FILTERS = ["active", "archived", "all"] as const;
export type ArchiveFilter = (typeof ARCHIVE_FILTERS)[number];

export function archiveWhere(filter: ArchiveFilter) {
  return filter === "all" ? {} : { archivedAt: filter === "active" ? null : { not: null } };
}

/** Raised when a chosen record (a university, a person) does not exist or may not be chosen. */
export class InvalidChoiceError extends Error {
  constructor(public readonly field: string) {
    super(`Invalid choice for ${field}`);
  }
}
