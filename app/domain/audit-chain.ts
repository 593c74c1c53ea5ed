import { createHash } from "node:crypto";

/**
 * The audit log as a hash chain (docs/decisions/008-tamper-evident-audit.md). Every event carries the
 * SHA-256 of its own content together with the hash of the event before it, and a one-row head
 * records the last event's id and hash. Changing, removing or inserting an event then breaks a link
 * that anyone can recompute from the rows alone; removing the last events disagrees with the head.
 */

/** The `prevHash` of the first event of the chain. */
export const GENESIS_HASH = "0".repeat(64);

/** Bumped only if the canonical form ever changes; part of every hash so old and new forms never collide. */
const FORMAT = "audit-event/1";

/** An event as stored, in the fields the chain covers. */
export type ChainEvent = {
  id: number;
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  /** The JSON text of {"field": [before, after]} exactly as stored. */
  changes: string;
  prevHash: string | null;
  hash: string | null;
};

/** The end of the chain as the head row records it; null when there is no head row. */
export type ChainHead = { lastId: number; lastHash: string } | null;

export type ChainProblemKind = "altered" | "removed-or-inserted" | "truncated" | "unsealed";
export type ChainProblem = { eventId: number; kind: ChainProblemKind; message: string };
export type ChainResult = { ok: true; count: number; lastHash: string } | ({ ok: false; count: number } & ChainProblem);

type Content = Omit<ChainEvent, "prevHash" | "hash">;

/**
 * The exact text that is hashed: a JSON array in a fixed order, so that no field can bleed into the
 * next one ("ab" + "c" and "a" + "bc" encode differently) and nothing depends on key order.
 */
export function canonicalContent(event: Content, prevHash: string): string {
  return JSON.stringify([
    FORMAT,
    event.id,
    event.at.toISOString(),
    event.actorId,
    event.action,
    event.entityType,
    event.entityId,
    event.changes,
    prevHash,
  ]);
}

/** Hex SHA-256 of an event's content chained to the hash before it. */
export function eventHash(event: Content, prevHash: string): string {
  return createHash("sha256").update(canonicalContent(event, prevHash), "utf8").digest("hex");
}

/**
 * Hashes new events onto the end of a chain, in order: their ids follow the head's one by one, so
 * the id is part of what is hashed. Returns the sealed events and the new end.
 */
export function chainEvents<T extends Omit<Content, "id">>(end: { lastId: number; lastHash: string }, events: T[]) {
  const numbered = events.map((event, i) => ({ ...event, id: end.lastId + 1 + i }));
  return linkEvents(end, numbered);
}

/**
 * Hashes events that already have their ids (in increasing order) onto the end of a chain: how events
 * written before the chain existed are sealed once.
 */
export function linkEvents<T extends Content>(end: { lastId: number; lastHash: string }, events: T[]) {
  let { lastId, lastHash } = end;
  const sealed = events.map((event) => {
    if (event.id <= lastId) throw new Error(`Event ${event.id} cannot follow event ${lastId}.`);
    const prevHash = lastHash;
    lastId = event.id;
    lastHash = eventHash(event, prevHash);
    return { ...event, prevHash, hash: lastHash };
  });
  return { events: sealed, end: { lastId, lastHash } };
}

const short = (hash: string) => hash.slice(0, 12);

/**
 * Checks a chain one event at a time, keeping only the last event seen, so a log of any length is
 * walked in constant memory. `push` returns the first problem found, `end` compares what was seen
 * with the head.
 */
export class ChainVerifier {
  count = 0;
  last: { id: number; hash: string } | null = null;

  push(event: ChainEvent): ChainProblem | null {
    if (event.hash === null || event.prevHash === null) {
      return {
        eventId: event.id,
        kind: "unsealed",
        message: `Event ${event.id} has no hash: it was written before the chain existed and was never sealed (npm run audit:seal).`,
      };
    }
    if (eventHash(event, event.prevHash) !== event.hash) {
      return { eventId: event.id, kind: "altered", message: `Event ${event.id} was altered: its hash does not match its content.` };
    }
    const expected = this.last?.hash ?? GENESIS_HASH;
    if (event.prevHash !== expected) {
      const where = this.last ? `the event before it is ${this.last.id}` : "it is the first event of the log";
      const between = this.last ? `between events ${this.last.id} and ${event.id}` : `before event ${event.id}`;
      return {
        eventId: event.id,
        kind: "removed-or-inserted",
        message: `Event ${event.id} does not follow the event before it (${where}): an event was removed or inserted ${between}.`,
      };
    }
    this.count++;
    this.last = { id: event.id, hash: event.hash };
    return null;
  }

  /** Whether the events seen so far end where the head says the log ends. */
  end(head: ChainHead): ChainProblem | null {
    const last = this.last;
    if (!head) {
      if (!last) return null;
      return {
        eventId: last.id,
        kind: "truncated",
        message: `The log has ${this.count} events but no head: the head was removed, so removed last events could not be noticed.`,
      };
    }
    if (!last) {
      return {
        eventId: head.lastId,
        kind: "truncated",
        message: `The log is empty but the head records event ${head.lastId} (${short(head.lastHash)}) as the last: every event was removed.`,
      };
    }
    if (last.id < head.lastId) {
      return {
        eventId: head.lastId,
        kind: "truncated",
        message: `The log ends at event ${last.id} but the head records event ${head.lastId} (${short(head.lastHash)}) as the last: the events after ${last.id} were removed.`,
      };
    }
    if (last.id > head.lastId) return afterHead(last.id, head);
    if (last.hash !== head.lastHash) {
      return {
        eventId: last.id,
        kind: "truncated",
        message: `Event ${last.id} is the last, as the head says, but its hash (${short(last.hash)}) is not the head's (${short(head.lastHash)}): the end of the log was rewritten.`,
      };
    }
    return null;
  }
}

/** An event past the last one the head records. */
export function afterHead(eventId: number, head: NonNullable<ChainHead>): ChainProblem {
  return {
    eventId,
    kind: "removed-or-inserted",
    message: `Event ${eventId} comes after event ${head.lastId}, which the head records as the last: it was inserted.`,
  };
}

/** Verifies a whole chain given in id order against its head; the first problem wins. */
export function verifyChain(events: Iterable<ChainEvent>, head: ChainHead): ChainResult {
  const verifier = new ChainVerifier();
  const fail = (problem: ChainProblem): ChainResult => ({ ok: false, count: verifier.count, ...problem });
  for (const event of events) {
    if (head && event.id > head.lastId) return fail(verifier.end(head) ?? afterHead(event.id, head));
    const problem = verifier.push(event);
    if (problem) return fail(problem);
  }
  const problem = verifier.end(head);
  if (problem) return fail(problem);
  return { ok: true, count: verifier.count, lastHash: verifier.last?.hash ?? GENESIS_HASH };
}
