/**
 * How big the generated hospital is. `national` is a whole country's residents in one portal (the
 * benchmark's worst case); `tenfold` is ten times the demo database (prisma/demo-data.ts). Tests pass
 * their own small sizes. Agreements are not counted here: each university gets a handful (plan-org.ts).
 */
export type DatasetSize = {
  universities: number;
  programmes: number;
  departments: number;
  tutors: number;
  residents: number;
  rotations: number;
  sessions: number;
  attendance: number;
};

export const SIZES = {
  national: {
    universities: 60,
    programmes: 2_500,
    departments: 400,
    tutors: 3_000,
    residents: 45_000,
    rotations: 500_000,
    sessions: 60_000,
    attendance: 1_500_000,
  },
  tenfold: {
    universities: 60,
    programmes: 480,
    departments: 240,
    tutors: 350,
    residents: 2_200,
    rotations: 5_200,
    sessions: 14_000,
    attendance: 59_000,
  },
} as const satisfies Record<string, DatasetSize>;

export type SizeName = keyof typeof SIZES;

export function isSizeName(name: string): name is SizeName {
  return Object.hasOwn(SIZES, name);
}
