import type { Day } from "./days";
import type { PlanRotations } from "./plan-rotations";
import { randomStream } from "./random";

/**
 * Absences at the rates a hospital sees (issue 19): personal leave in about one rotation in six, a few
 * days inside it (decided by the rotation's tutor: approved once past, most approved ahead, some still
 * waiting or declined); and a short illness in one gap in three between two rotations of a resident that
 * leaves three days or more, recorded by an administrator. Protected absences fall only in those gaps, so
 * that no rotation meets one (the seventh rule holds by construction), and none is long enough to suspend
 * training. Each resident's absences never overlap: at most one leave per rotation, illnesses between.
 * Columns of typed arrays, as the rotations are.
 */
export type PlanAbsences = {
  count: number;
  resident: Int32Array;
  /** The rotation a leave lies in; -1 for a protected absence. */
  rotation: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** 0 requested, 1 approved, 2 declined, 3 recorded (protected: illness). */
  state: Uint8Array;
};

export const ABSENCE_STATES = ["requested", "approved", "declined", "recorded"] as const;

export function planAbsences({ seed, today, rotations }: { seed: number; today: Day; rotations: PlanRotations }) {
  const random = randomStream(seed, "absences");
  const room = rotations.count + 1;
  const absences: PlanAbsences = {
    count: 0,
    resident: new Int32Array(room),
    rotation: new Int32Array(room),
    start: new Int32Array(room),
    end: new Int32Array(room),
    state: new Uint8Array(room),
  };
  const add = (resident: number, rotation: number, start: Day, end: Day, state: number) => {
    const n = absences.count++;
    absences.resident[n] = resident;
    absences.rotation[n] = rotation;
    absences.start[n] = start;
    absences.end[n] = end;
    absences.state[n] = state;
  };
  for (let i = 0; i < rotations.count; i++) {
    const r = rotations.resident[i]!;
    const [from, to] = [rotations.start[i]!, rotations.end[i]!];
    // The demo resident's leave is the demo's own (prisma/demo-absences.ts): none generated.
    if (r !== 0 && to - from >= 6 && random.chance(1 / 6)) {
      const days = random.int(1, 5);
      const start = random.int(from + 1, to - days);
      const state = start + days - 1 < today ? (random.chance(0.95) ? 1 : 2) : random.chance(0.7) ? 1 : random.chance(0.7) ? 0 : 2;
      add(r, i, start, start + days - 1, state);
    }
    // The gap before the resident's next rotation (rotations of a resident come one after another).
    const next = i + 1 < rotations.count && rotations.resident[i + 1] === r ? rotations.start[i + 1]! : null;
    if (r !== 0 && next !== null && next - to - 1 >= 3 && random.chance(1 / 3)) add(r, -1, to + 1, next - 1, 3);
  }
  const trim = <T extends Int32Array | Uint8Array>(a: T) => a.subarray(0, absences.count) as T;
  return {
    count: absences.count,
    resident: trim(absences.resident),
    rotation: trim(absences.rotation),
    start: trim(absences.start),
    end: trim(absences.end),
    state: trim(absences.state),
  };
}
