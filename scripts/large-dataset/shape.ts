import type { Day } from "./days";
import type { DatasetSize } from "./sizes";

/**
 * How the dataset is laid out in time around "today", derived from the size alone so that every phase
 * agrees: how many rotations a resident has, how long their stay lasts, and the span of days the
 * occupancy arrays must cover.
 *
 * Rotations last 45–100 days, one after another through the stay (as in prisma/demo-rotations.ts), so
 * a resident with k rotations stays about k × 72 days. Stays end no earlier than a year ago and start
 * no later than 200 days from now, so every resident has something to do with this year's teaching.
 */
export const ROTATION_DAYS = { min: 45, max: 100 } as const;
export const REACH = { past: 365, future: 200 } as const;

export type Shape = {
  today: Day;
  /** Rotations per resident: the average, and the range of one resident's count. */
  perResident: number;
  kMin: number;
  kMax: number;
  /** Share of the residents at the hospital on a day near today, to size capacities and posts. */
  presentShare: number;
  /** The days the occupancy arrays cover; no rotation is placed outside them. */
  window: { start: Day; end: Day };
};

export function shapeOf(size: DatasetSize, today: Day): Shape {
  const perResident = size.residents > 0 ? size.rotations / size.residents : 0;
  const kMin = Math.max(1, Math.round(perResident * 0.4));
  const kMax = Math.max(kMin, Math.ceil(perResident * 1.6) + 2);
  const meanSpan = perResident * ((ROTATION_DAYS.min + ROTATION_DAYS.max) / 2);
  const presentShare = meanSpan / (REACH.past + REACH.future + meanSpan);
  const maxSpan = kMax * ROTATION_DAYS.max;
  return {
    today,
    perResident,
    kMin,
    kMax,
    presentShare,
    window: { start: today - REACH.past - maxSpan - 30, end: today + REACH.future + maxSpan + 400 },
  };
}
