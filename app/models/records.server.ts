/** The status filter of institutional lists: records in use, archived ones, or all. */
export const ARCHIVE_FILTERS = ["active", "archived", "all"] as const;
export type ArchiveFilter = (typeof ARCHIVE_FILTERS)[number];

export function archiveWhere(filter: ArchiveFilter) {
  return filter === "all" ? {} : { archivedAt: filter === "active" ? null : { not: null } };
}
