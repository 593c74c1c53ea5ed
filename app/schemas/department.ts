import { z } from "~/schemas/z";
import { listQuerySchema } from "./list-query";

/** A department (hospital unit), as administrators enter it. Messages are translation keys. */
export const departmentSchema = z.object({
  name: z.string({ error: "errors.required" }).trim().min(2, { error: "errors.nameTooShort" }).max(150, { error: "errors.tooLong" }),
  headId: z.string().max(40).optional(),
  capacity: z.coerce
    .number({ error: "departments.capacityInvalid" })
    .int({ error: "departments.capacityInvalid" })
    .min(1, { error: "departments.capacityInvalid" })
    .max(500, { error: "departments.capacityInvalid" }),
  tutorIds: z.array(z.string().max(40)).max(500).default([]),
});
export type DepartmentInput = z.output<typeof departmentSchema>;

export const DEPARTMENT_SORTS = ["name", "capacity", "updatedAt"] as const;

export const departmentQuerySchema = listQuerySchema(DEPARTMENT_SORTS).extend({
  status: z.enum(["active", "archived", "all"]).catch("active"),
  staff: z.enum(["any", "none"]).catch("any"),
});
