import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { randomUUID } from "node:crypto";
import { PAGE_SIZE } from "~/domain/list-query";
import { residentQuerySchema } from "~/schemas/resident";
import { parseSearchParams } from "~/schemas/list-query";
import { createNotificationWorld, createResident, createUniversity } from "../../test/factories";
import { refused } from "../../test/refused";
import { versionOf } from "./concurrency.server";
import { listResidents, updateResident } from "./resident.server";

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

describe("the residents' list in name order", () => {
  it("pages through the people by name, either way, as the whole list orders them", async () => {
    const tag = randomUUID().slice(0, 8);
    const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "oncologia-medica" }] });
    const count = PAGE_SIZE + 2;
    // Created out of name order, two with the same name.
    for (const n of Array.from({ length: count }, (_, i) => (i * 7) % count)) {
      const name = `Persona ${String(n === 1 ? 0 : n).padStart(2, "0")} ${tag}`;
      const user = await prisma.user.create({
        data: { email: `p${n}-${tag}@example.test`, name, roles: { create: { role: "resident" } } },
      });
      await createResident({
        userId: user.id,
        programmeId: university.programmes[0]!.id,
        studentNumber: `${n}-${tag}`,
        stayStart: d("2025-01-01"),
        stayEnd: d("2028-12-31"),
      });
    }
    const list = (params: Record<string, string>, all = false) =>
      listResidents(parseSearchParams(residentQuerySchema, new URL(`http://x/?${new URLSearchParams(params)}`)), { all });
    const names = (result: Awaited<ReturnType<typeof list>>) => result.residents.map((r) => r.user.name);
    for (const dir of ["asc", "desc"]) {
      // The whole list (as the export reads it) against its first two pages, which walk the names' index.
      const whole = await list({ sort: "name", dir }, true);
      expect(whole.total).toBeGreaterThanOrEqual(count);
      const sorted = [...names(whole)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0) * (dir === "asc" ? 1 : -1));
      expect(names(whole)).toEqual(sorted);
      const first = await list({ sort: "name", dir, page: "1" });
      const second = await list({ sort: "name", dir, page: "2" });
      expect(first.residents).toHaveLength(PAGE_SIZE);
      expect([...first.residents, ...second.residents].map((r) => r.id)).toEqual(whole.residents.slice(0, 2 * PAGE_SIZE).map((r) => r.id));
      // And a filtered list pages the same way.
      const ours = await list({ university: university.id, sort: "name", dir }, true);
      expect(ours.total).toBe(count);
      const ourFirst = await list({ university: university.id, sort: "name", dir, page: "1" });
      expect(ourFirst.residents.map((r) => r.id)).toEqual(ours.residents.slice(0, PAGE_SIZE).map((r) => r.id));
    }
  });
});
