import { remembered } from "~/utils/read-cache.server";

/**
 * A list's total for its page count. The whole table's is remembered until the table changes: SQLite
 * counts by walking an index (500,000 rotations, 45,000 residents at national size), and the unfiltered
 * list is the one every visit opens first. A filtered list is counted each time: its filters vary too
 * much to keep.
 */
export function listTotal<W extends object>(table: string, where: W, count: (where: W) => Promise<number>): Promise<number> {
  return Object.keys(where).length === 0 ? remembered(`list-total:${table}`, () => count(where)) : count(where);
}
