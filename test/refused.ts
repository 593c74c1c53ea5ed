import { expect } from "vitest";
import { Refused, type RefusalStatus } from "~/domain/refusal";

/**
 * What a refused write must look like to the form: `await expect(save()).rejects.toEqual(refused("name", "departments.nameTaken"))`.
 * The first refusal is the one named; a status, when given, must match too.
 */
export function refused(field: string | null, key: string, status?: RefusalStatus) {
  return expect.objectContaining({
    constructor: Refused,
    refusals: expect.arrayContaining([expect.objectContaining({ field, key })]),
    ...(status ? { status } : {}),
  });
}
