import { monthOf } from "./logbook";

/**
 * Who certifies a logbook entry, and how the tutor's queue is laid out. Plain rules: the model
 * (app/models/logbook-review.server.ts) reads the records and applies them.
 */

export type DecidableEntry = { tutorId: string | null; departmentHeadId: string | null };

/**
 * Only the entry's supervising tutor or the head of its department certifies or returns it; entries
 * whose tutor has left (or was removed) wait for the head.
 */
export function mayDecide(entry: DecidableEntry, userId: string): boolean {
  return entry.tutorId === userId || entry.departmentHeadId === userId;
}

/** Why a head sees an entry: it names them, or it waits in their department for a tutor who left its staff. */
export function decidesAsHead(entry: DecidableEntry & { tutorOnStaff: boolean }, userId: string): boolean {
  return entry.tutorId !== userId && entry.departmentHeadId === userId && !entry.tutorOnStaff;
}

export type QueueGroup<E> = { residentId: string; name: string; months: Array<{ month: string; entries: E[] }> };

/** The queue grouped by resident (the one waiting longest first), then by month, oldest first. */
export function groupQueue<E extends { residentId: string; residentName: string; date: Date }>(entries: E[]): QueueGroup<E>[] {
  const ordered = [...entries].sort((a, b) => a.date.getTime() - b.date.getTime());
  const groups = new Map<string, QueueGroup<E>>();
  for (const entry of ordered) {
    let group = groups.get(entry.residentId);
    if (!group) groups.set(entry.residentId, (group = { residentId: entry.residentId, name: entry.residentName, months: [] }));
    const month = monthOf(entry.date);
    let bucket = group.months.find((m) => m.month === month);
    if (!bucket) group.months.push((bucket = { month, entries: [] }));
    bucket.entries.push(entry);
  }
  return [...groups.values()];
}
