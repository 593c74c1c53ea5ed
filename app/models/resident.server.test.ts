import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createNotificationWorld } from "../../test/factories";
import { refused } from "../../test/refused";
import { versionOf } from "./concurrency.server";
import { updateResident } from "./resident.server";

const d = (iso: string) => parseIsoDate(iso)!;

/** The record as the edit form sends it back, with the changes given. */
async function formOf(residentId: string, changes: Record<string, unknown>) {
  const r = await prisma.resident.findUniqueOrThrow({ where: { id: residentId } });
  return {
    input: {
      programmeId: r.programmeId,
      yearOfTraining: r.yearOfTraining,
      studentNumber: r.studentNumber,
      stayStart: r.stayStart,
      stayEnd: r.stayEnd,
      tutorId: r.tutorId ?? undefined,
      insurancePolicy: r.insurancePolicy ?? undefined,
      insuranceExpiry: r.insuranceExpiry ?? undefined,
      contractStart: r.contractStart ?? undefined,
      ...changes,
    },
    version: versionOf(r),
  };
}

describe("the year of training", () => {
  it("is edited freely until the contract start is known; then correcting it needs a reason, kept in the history", async () => {
    const w = await createNotificationWorld(d("2068-11-01"), d("2071-10-31"));
    const save = async (changes: Record<string, unknown>) => {
      const { input, version } = await formOf(w.resident.id, changes);
      await updateResident(w.resident.id, input as Parameters<typeof updateResident>[1], version, w.admin.id);
    };
    await save({ yearOfTraining: 2 });
    await save({ contractStart: d("2067-11-01") });
    expect(await prisma.resident.findUniqueOrThrow({ where: { id: w.resident.id } })).toMatchObject({ yearOfTraining: 2 });

    await expect(save({ yearOfTraining: 3 })).rejects.toEqual(refused("yearReason", "residents.yearReasonRequired", 400));
    await expect(save({ yearOfTraining: 3, yearReason: "   " })).rejects.toEqual(refused("yearReason", "residents.yearReasonRequired"));
    expect((await prisma.resident.findUniqueOrThrow({ where: { id: w.resident.id } })).yearOfTraining).toBe(2);

    await save({ yearOfTraining: 3, yearReason: "Anno convalidato dalla scuola" });
    expect((await prisma.resident.findUniqueOrThrow({ where: { id: w.resident.id } })).yearOfTraining).toBe(3);
    const last = await prisma.auditEvent.findFirstOrThrow({
      where: { entityType: "resident", entityId: w.resident.id },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(last.changes)).toMatchObject({ yearOfTraining: [2, 3], reason: [null, "Anno convalidato dalla scuola"] });
    // Other changes need no reason.
    await save({ studentNumber: `X-${w.tag}` });
  });
});
