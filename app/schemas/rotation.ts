import { z } from "~/schemas/z";
import { isoDate } from "./dates";
import { listQuerySchema } from "./list-query";

/** A rotation, as the coordinator plans it. Messages are translation keys. */
export const rotationSchema = z
  .object({
    residentId: z.string({ error: "rotations.residentRequired" }).min(1).max(40),
    departmentId: z.string({ error: "rotations.departmentRequired" }).min(1).max(40),
    tutorId: z.string({ error: "rotations.tutorRequired" }).min(1).max(40),
    startDate: isoDate,
    endDate: isoDate,
    state: z.enum(["planned", "confirmed"], { error: "errors.required" }).default("planned"),
    notes: z.string().trim().max(1000, { error: "errors.tooLong" }).optional(),
  })
  .refine((v) => v.endDate >= v.startDate, { path: ["endDate"], error: "rotations.endBeforeStart" });
export type RotationInput = z.output<typeof rotationSchema>;

export const ROTATION_SORTS = ["startDate", "endDate", "updatedAt"] as const;

export const rotationQuerySchema = listQuerySchema(ROTATION_SORTS).extend({
  department: z.string().max(40).catch(""),
  state: z.enum(["planned", "confirmed", "cancelled"]).or(z.literal("")).catch(""),
  when: z.enum(["current", "upcoming", "past", "all"]).catch("all"),
});
