/**
 * Deterministic randomness and identifiers for the large dataset. Everything drawn here depends only on
 * the seed and the name of the stream, so one phase can change its draws without shifting the others'.
 */

/** mulberry32: a tiny, fast 32-bit generator, good enough for test data (not for anything secret). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over a string: turns (seed, stream name) into a 32-bit seed. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export type Random = {
  /** In [0, 1). */
  next: () => number;
  /** An integer from min to max, both included. */
  int: (min: number, max: number) => number;
  chance: (p: number) => boolean;
  pick: <T>(items: readonly T[]) => T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle: <T>(items: readonly T[]) => T[];
};

/** The stream `name` of the dataset drawn from `seed`. */
export function randomStream(seed: number, name: string): Random {
  const next = mulberry32(hash32(`${seed}:${name}`));
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    shuffle: (items) => {
      const copy = items.slice();
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy;
    },
  };
}

const BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * cuid-like ids: 25 lowercase characters starting with "c", like the ones Prisma makes. The table's
 * letter and the row's number come first, so ids are unique and grow in insertion order (SQLite then
 * appends to each primary-key index instead of inserting at random places, which keeps loading fast);
 * the tail is a hash of (seed, table, number), so ids look random and differ from seed to seed.
 */
export function idMaker(seed: number, table: string): (index: number) => string {
  const prefix = `c${table}`;
  const salt = hash32(`${seed}:${table}`);
  return (index) => {
    let head = "";
    for (let n = index, i = 0; i < 7; i++, n = Math.floor(n / 36)) head = BASE36[n % 36]! + head;
    let tail = "";
    let h = (salt ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
    for (let i = 0; i < 16; i++) {
      h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
      h = (h ^ (h >>> 13)) >>> 0;
      tail += BASE36[h % 36];
    }
    return prefix + head + tail;
  };
}

/**
 * Random UUIDs (version 4 in form, like crypto.randomUUID), drawn from a seeded stream: the ids of the
 * residents' answers, which must say nothing about who wrote them or when, yet come out the same from
 * the same seed. 128 bits from four draws; the version and variant digits set as RFC 9562 has them.
 */
export function uuidMaker(random: Random): () => string {
  const word = () => (Math.floor(random.next() * 0x1_0000_0000) >>> 0).toString(16).padStart(8, "0");
  return () => {
    const hex = word() + word() + word() + word();
    const variant = "89ab"[parseInt(hex[16]!, 16) & 3]!;
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}
