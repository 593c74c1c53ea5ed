import { describe, expect, it } from "vitest";
import { canonicalContent, chainEvents, eventHash, GENESIS_HASH, verifyChain, type ChainEvent } from "./audit-chain";

function log(length = 6) {
  const drafts = Array.from({ length }, (_, i) => ({
    at: new Date(Date.UTC(2026, 10, 1, 9, i, 0, 123)),
    actorId: i % 2 ? "user-a" : null,
    action: i === 0 ? "create" : "update",
    entityType: "rotation",
    entityId: `rot-${i % 3}`,
    changes: JSON.stringify({ notes: [null, `note ${i}`] }),
  }));
  const { events, end } = chainEvents({ lastId: 0, lastHash: GENESIS_HASH }, drafts);
  return { events: events as ChainEvent[], head: end };
}

const ids = (events: ChainEvent[]) => events.map((e) => e.id);

describe("eventHash", () => {
  it("is a hex SHA-256 that depends on every field and on the hash before", () => {
    const { events } = log(1);
    const event = events[0]!;
    const hash = eventHash(event, GENESIS_HASH);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(event.hash);
    const variants: ChainEvent[] = [
      { ...event, id: 2 },
      { ...event, at: new Date(event.at.getTime() + 1) },
      { ...event, actorId: "someone" },
      { ...event, action: "delete" },
      { ...event, entityType: "resident" },
      { ...event, entityId: "rot-9" },
      { ...event, changes: event.changes.replace("note", "Note") },
    ];
    for (const variant of variants) expect(eventHash(variant, GENESIS_HASH)).not.toBe(hash);
    expect(eventHash(event, "1".repeat(64))).not.toBe(hash);
  });

  it("encodes fields so that none can bleed into the next", () => {
    const event = log(1).events[0]!;
    const a = { ...event, entityType: "rotation", entityId: "x" };
    const b = { ...event, entityType: "rotatio", entityId: "nx" };
    expect(canonicalContent(a, GENESIS_HASH)).not.toBe(canonicalContent(b, GENESIS_HASH));
    expect(eventHash({ ...event, actorId: null }, GENESIS_HASH)).not.toBe(eventHash({ ...event, actorId: "null" }, GENESIS_HASH));
  });
});

describe("chainEvents", () => {
  it("numbers events after the end and links each to the one before", () => {
    const { events, head } = log(3);
    expect(ids(events)).toEqual([1, 2, 3]);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(head).toEqual({ lastId: 3, lastHash: events[2]!.hash });
    const more = chainEvents(head, [{ ...events[0]!, action: "cancel" }]);
    expect(more.events[0]).toMatchObject({ id: 4, prevHash: events[2]!.hash });
  });
});

describe("verifyChain", () => {
  it("accepts a clean chain, an empty log without a head, and says how long it is", () => {
    const { events, head } = log();
    expect(verifyChain(events, head)).toEqual({ ok: true, count: 6, lastHash: head.lastHash });
    expect(verifyChain([], null)).toEqual({ ok: true, count: 0, lastHash: GENESIS_HASH });
  });

  it("names the event whose field was changed, for every field of every event", () => {
    const fields: Array<(e: ChainEvent) => ChainEvent> = [
      (e) => ({ ...e, at: new Date(e.at.getTime() + 1000) }),
      (e) => ({ ...e, actorId: "intruder" }),
      (e) => ({ ...e, action: "delete" }),
      (e) => ({ ...e, entityType: "resident" }),
      (e) => ({ ...e, entityId: "other" }),
      (e) => ({ ...e, changes: "{}" }),
      (e) => ({ ...e, hash: "f".repeat(64) }),
      (e) => ({ ...e, prevHash: "e".repeat(64) }),
    ];
    const { events, head } = log();
    for (let index = 0; index < events.length; index++) {
      for (const change of fields) {
        const tampered = events.map((e, i) => (i === index ? change(e) : e));
        const result = verifyChain(tampered, head);
        expect(result).toMatchObject({ ok: false, kind: "altered", eventId: index + 1, count: index });
      }
    }
  });

  it("names the event after a gap when one in the middle is deleted, and the one before it", () => {
    const { events, head } = log();
    const result = verifyChain(
      events.filter((e) => e.id !== 3),
      head,
    );
    expect(result).toMatchObject({ ok: false, kind: "removed-or-inserted", eventId: 4 });
    if (!result.ok) expect(result.message).toMatch(/\b2\b.*\b4\b|\b4\b.*\b2\b/);
  });

  it("notices the first event deleted", () => {
    const { events, head } = log();
    expect(verifyChain(events.slice(1), head)).toMatchObject({ ok: false, kind: "removed-or-inserted", eventId: 2 });
  });

  it("notices the last event deleted, through the head, and names it", () => {
    const { events, head } = log();
    const result = verifyChain(events.slice(0, -1), head);
    expect(result).toMatchObject({ ok: false, kind: "truncated", eventId: 6 });
    expect(verifyChain([], head)).toMatchObject({ ok: false, kind: "truncated", eventId: 6 });
  });

  it("notices the head removed while events remain", () => {
    const { events } = log();
    expect(verifyChain(events, null)).toMatchObject({ ok: false, kind: "truncated", eventId: 6 });
  });

  it("notices the end rewritten: the last events replaced and re-hashed, the head left as it was", () => {
    const { events, head } = log();
    const rewritten = chainEvents({ lastId: 4, lastHash: events[3]!.hash! }, [
      { ...events[4]!, changes: "{}" },
      { ...events[5]!, changes: "{}" },
    ]).events;
    const result = verifyChain([...events.slice(0, 4), ...rewritten], head);
    expect(result).toMatchObject({ ok: false, kind: "truncated", eventId: 6 });
  });

  it("names a forged event, whether hashed properly or not", () => {
    const { events, head } = log();
    // Inserted in the middle with a hash that matches its content and links to the event before it:
    // the next event no longer follows.
    const forged = { ...chainEvents({ lastId: 2, lastHash: events[1]!.hash! }, [{ ...events[0]!, action: "forged" }]).events[0]!, id: 3 };
    const middle = verifyChain([...events.slice(0, 2), forged, ...events.slice(3)], head);
    expect(middle).toMatchObject({ ok: false, kind: "removed-or-inserted", eventId: 4 });
    // Inserted with a made-up hash.
    const careless = { ...forged, hash: "a".repeat(64) };
    expect(verifyChain([...events.slice(0, 2), careless, ...events.slice(3)], head)).toMatchObject({
      ok: false,
      kind: "altered",
      eventId: 3,
    });
    // Appended after the last event with a perfect hash: the head does not know it.
    const appended = chainEvents(head, [{ ...events[0]!, action: "forged" }]).events[0]!;
    expect(verifyChain([...events, appended], head)).toMatchObject({ ok: false, kind: "removed-or-inserted", eventId: 7 });
  });

  it("notices two events swapped, by position or by id", () => {
    const { events, head } = log();
    const byPosition = [events[0]!, events[2]!, events[1]!, ...events.slice(3)];
    expect(verifyChain(byPosition, head)).toMatchObject({ ok: false, kind: "removed-or-inserted", eventId: 3 });
    // Rows keep their places but exchange ids (as swapping two rows in the table would).
    const byId = events.map((e) => (e.id === 2 ? { ...events[2]!, id: 2 } : e.id === 3 ? { ...events[1]!, id: 3 } : e));
    expect(verifyChain(byId, head)).toMatchObject({ ok: false, kind: "altered", eventId: 2 });
  });

  it("reports events written before the chain existed as unsealed", () => {
    const { events, head } = log();
    const legacy = events.map((e, i) => (i < 2 ? { ...e, hash: null, prevHash: null } : e));
    expect(verifyChain(legacy, head)).toMatchObject({ ok: false, kind: "unsealed", eventId: 1 });
  });
});
