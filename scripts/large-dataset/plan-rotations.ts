import type { Day } from "./days";
import { DEMO, People, type Person } from "./people";
import type { Organisation } from "./plan-org";
import { randomStream } from "./random";
import { REACH, ROTATION_DAYS, type Shape } from "./shape";
import type { DatasetSize } from "./sizes";

/**
 * Residents and their rotations, placed so that every rotation keeps the seven rules of docs/domain.md by
 * construction: one after another through the resident's stay (1, 2); only on days the department has
 * a free place (3) and the programme a free post under the agreement in force (4, 5), both read from
 * day-by-day occupancy arrays; supervised by a tutor on the department's staff (6). Columns of typed
 * arrays rather than objects: the national size has half a million rotations.
 */
export type PlanResidents = {
  count: number;
  people: Person[];
  programme: Int32Array;
  /** The tutor (Resident.tutorId), as an index into the organisation's tutors. */
  tutor: Int32Array;
  year: Uint8Array;
  stayStart: Int32Array;
  stayEnd: Int32Array;
  /** Insurance expiry, in days after the stay's end (negative: before it). */
  insuranceSlack: Int16Array;
};
export type PlanRotations = {
  count: number;
  resident: Int32Array;
  department: Int32Array;
  tutor: Int32Array;
  start: Int32Array;
  end: Int32Array;
};

/** As prisma/demo-rotations.ts decides: ended, under way or starting within 30 days → confirmed. */
export function rotationState(start: Day, today: Day): "confirmed" | "planned" {
  return start <= today + 30 ? "confirmed" : "planned";
}

export const studentNumber = (r: number) => (r === 0 ? "R10427" : `M${100000 + r}`);

/** How many of the first residents the demo tutor looks after (the demo resident among them). */
export const DEMO_TUTEES = 10;

export function planRotations(size: DatasetSize, shape: Shape, org: Organisation, seed: number) {
  const random = randomStream(seed, "rotations");
  const people = new People(randomStream(seed, "resident-people"));
  const { today, window } = shape;
  const N = size.residents;
  const W = window.end - window.start + 1;
  const programmes = org.programmes;
  const T = org.tutors.length;

  // Programmes shared out evenly; the demo resident in medical oncology at the first university, the
  // demo tutor's residents in programmes with an agreement in force well beyond today.
  const residents: PlanResidents = {
    count: N,
    people: [],
    programme: new Int32Array(N),
    tutor: new Int32Array(N),
    year: new Uint8Array(N),
    stayStart: new Int32Array(N),
    stayEnd: new Int32Array(N),
    insuranceSlack: new Int16Array(N),
  };
  const order = random.shuffle(programmes.map((_, i) => i));
  const lasting = programmes
    .map((_, i) => i)
    .filter((i) => programmes[i]!.coverStart <= today - 400 && programmes[i]!.coverEnd >= today + 400);
  const oncology = programmes.findIndex((p) => p.universityIndex === 0 && p.specialtyCode === "oncologia-medica");
  for (let r = 0; r < N; r++) {
    const p = r === 0 && oncology >= 0 ? oncology : r < DEMO_TUTEES && lasting.length ? random.pick(lasting) : order[r % order.length]!;
    residents.programme[r] = p;
    residents.tutor[r] = r < DEMO_TUTEES || T < 2 ? 0 : random.int(1, T - 1);
    residents.year[r] = r === 0 ? Math.min(3, programmes[p]!.durationYears) : random.int(1, programmes[p]!.durationYears);
    residents.insuranceSlack[r] = r === 0 ? 60 : random.int(-30, 120);
    residents.people.push(r === 0 ? { ...DEMO.resident } : people.next("studenti.example.it"));
  }

  // How many rotations each resident should have: spread around the average, summing to the target.
  const wanted = new Int32Array(N);
  let total = 0;
  for (let r = 0; r < N; r++)
    total += wanted[r] = Math.min(shape.kMax, Math.max(shape.kMin, Math.round(shape.perResident * (0.4 + 1.2 * random.next()))));
  while (N > 0 && total !== size.rotations) {
    const r = random.int(0, N - 1);
    const step = total > size.rotations ? -1 : 1;
    if (wanted[r]! + step < 0 || wanted[r]! + step > shape.kMax) continue;
    wanted[r] = wanted[r]! + step;
    total += step;
  }

  const capacity = org.departments.map((d) => d.capacity);
  const departmentDays = new Uint16Array(org.departments.length * W);
  const programmeDays = new Uint16Array(programmes.length * W);
  const room = R(size.rotations + shape.kMax + 1000);
  const rotations: PlanRotations = { count: 0, resident: room(), department: room(), tutor: room(), start: room(), end: room() };

  /** The first day from..to on which the programme has no post left (or no agreement in force), or -1. */
  const postsRunOut = (p: number, from: Day, to: Day) => {
    const base = p * W - window.start;
    for (let day = from; day <= to; day++) if (programmeDays[base + day]! >= org.posts[base + day]!) return day;
    return -1;
  };
  const fits = (d: number, from: Day, to: Day) => {
    for (let i = d * W + from - window.start, last = d * W + to - window.start; i <= last; i++)
      if (departmentDays[i]! >= capacity[d]!) return false;
    return true;
  };
  const place = (r: number, d: number, from: Day, to: Day) => {
    const own = org.tutorDepartments[residents.tutor[r]!]!;
    const staff = org.departments[d]!.tutorIndexes;
    const n = rotations.count++;
    rotations.resident[n] = r;
    rotations.department[n] = d;
    rotations.tutor[n] = own.includes(d) ? residents.tutor[r]! : staff[random.int(0, staff.length - 1)]!;
    rotations.start[n] = from;
    rotations.end[n] = to;
    for (let i = d * W + from - window.start, last = d * W + to - window.start; i <= last; i++) departmentDays[i]!++;
    const p = residents.programme[r]!;
    for (let i = p * W + from - window.start, last = p * W + to - window.start; i <= last; i++) programmeDays[i]!++;
  };

  let carry = 0;
  for (let r = 0; r < N; r++) {
    const p = programmes[residents.programme[r]!]!;
    const need = wanted[r]! + carry;
    const lengths = Array.from({ length: Math.min(shape.kMax, Math.max(0, need)) }, () => random.int(ROTATION_DAYS.min, ROTATION_DAYS.max));
    const latest = Math.min(p.coverEnd, window.end);
    let span = lengths.reduce((a, b) => a + b, 0);
    // Where the stay may begin: within the agreements' reach and the window, near enough to today.
    let lo = 0;
    let hi = -1;
    for (; lengths.length > 0; span -= lengths.pop()!) {
      lo = Math.max(today - REACH.past - span + 1, p.coverStart, window.start);
      hi = Math.min(today + REACH.future, latest - span - 14);
      // The demo tutor's residents are at the hospital today and for at least two months more.
      if (r > 0 && r < DEMO_TUTEES) {
        lo = Math.max(lo, today - span + 61);
        hi = Math.min(hi, today - 1);
      }
      if (lo <= hi) break;
    }
    // The demo resident's stay is the demo's: four months behind, eight ahead, filled with rotations.
    const fixed = r === 0 ? { start: today - 120, end: today + 240 } : null;
    let cursor = fixed ? fixed.start : lengths.length ? random.int(lo, hi) : today;
    const first = rotations.count;
    let previous = -1;
    for (let j = 0, tries = 0; fixed ? cursor <= fixed.end : j < lengths.length;) {
      const length = fixed ? random.int(ROTATION_DAYS.min, ROTATION_DAYS.max) : lengths[j]!;
      const end = fixed ? Math.min(cursor + length - 1, fixed.end) : cursor + length - 1;
      if (end > latest || tries > 40) break;
      const full = postsRunOut(residents.programme[r]!, cursor, end);
      if (full >= 0) {
        cursor = full + 1;
        tries++;
        continue;
      }
      // Their tutor's departments first, then a few at random; never twice in a row in the same one.
      const own = org.tutorDepartments[residents.tutor[r]!]!;
      const choices = [...own, ...Array.from({ length: 8 }, () => random.int(0, capacity.length - 1))];
      const d = choices.find((c) => c !== previous && fits(c, cursor, end));
      if (d === undefined) {
        cursor += 7;
        tries++;
        continue;
      }
      place(r, d, cursor, end);
      previous = d;
      cursor = end + 1 + (random.chance(0.1) ? random.int(1, 14) : 0);
      j++;
    }
    const placed = rotations.count - first;
    carry = need - placed;
    if (fixed) {
      residents.stayStart[r] = fixed.start;
      residents.stayEnd[r] = fixed.end;
    } else if (placed > 0) {
      residents.stayStart[r] = rotations.start[first]! - random.int(0, 14);
      residents.stayEnd[r] = rotations.end[rotations.count - 1]! + random.int(0, 14);
    } else {
      residents.stayStart[r] = cursor;
      residents.stayEnd[r] = cursor + ROTATION_DAYS.max;
    }
  }
  const trim = (a: Int32Array) => a.subarray(0, rotations.count);
  return {
    residents,
    rotations: {
      count: rotations.count,
      resident: trim(rotations.resident),
      department: trim(rotations.department),
      tutor: trim(rotations.tutor),
      start: trim(rotations.start),
      end: trim(rotations.end),
    },
  };
}

const R = (n: number) => () => new Int32Array(n);
