import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { createCatalogue, createDepartment, createLogbookEntry, createResident, createUniversity } from "../../test/factories";
import { refused } from "../../test/refused";
import { catalogueOf, copyCatalogue, importCatalogue } from "./logbook-catalogue.server";

const d = (iso: string) => parseIsoDate(iso)!;
const FILE = [
  "codice;categoria;attivita_it;attivita_en;1_supporto;tot_autonomia",
  "visit;Clinica;Prima visita;First visit;12;30",
  "biopsy;Procedure;Biopsia;Biopsy;;4",
].join("\r\n");

/** Two programmes: one with a first version of its catalogue and an entry logged against it, one without. */
async function world() {
  const tag = randomUUID().slice(0, 8);
  const admin = await prisma.user.create({
    data: { email: `admin-${tag}@example.test`, name: `Admin ${tag}`, roles: { create: { role: "admin" } } },
  });
  const university = await createUniversity({
    name: `Ateneo ${tag}`,
    programmes: [{ specialtyCode: "oncologia-medica" }, { specialtyCode: "radioterapia" }],
  });
  const programme = university.programmes[0]!;
  const other = university.programmes[1]!;
  const first = await createCatalogue({
    programmeId: programme.id,
    validFrom: d("2025-11-01"),
    activities: [{ code: "visit", labelIt: "Visita", labelEn: "Visit", minimums: [{ year: 1, degree: "support", count: 5 }] }],
  });
  const user = await prisma.user.create({
    data: { email: `res-${tag}@example.test`, name: `Res ${tag}`, roles: { create: { role: "resident" } } },
  });
  const resident = await createResident({
    userId: user.id,
    programmeId: programme.id,
    studentNumber: tag,
    stayStart: d("2025-01-01"),
    stayEnd: d("2027-12-31"),
  });
  const department = await createDepartment(`Oncologia ${tag}`, 4);
  const entry = await createLogbookEntry({
    residentId: resident.id,
    activityId: first.activities[0]!.id,
    departmentId: department.id,
    date: d("2026-01-10"),
    status: "certified",
  });
  const snapshot = async () => ({
    catalogues: await prisma.logbookCatalogue.findMany({
      where: { programmeId: { in: [programme.id, other.id] } },
      include: { activities: true },
    }),
    entry: await prisma.logbookEntry.findUnique({ where: { id: entry.id } }),
    events: await prisma.auditEvent.count({ where: { entityType: "logbookCatalogue" } }),
  });
  return { admin, programme, other, first, entry, snapshot };
}

describe("importing a catalogue", () => {
  it("writes the next version with an audit event and leaves earlier versions and their entries untouched", async () => {
    const w = await world();
    const before = await w.snapshot();
    const created = await importCatalogue(w.admin.id, w.programme.id, FILE, d("2026-11-01"));
    expect(created.version).toBe(2);
    const after = await w.snapshot();
    expect(after.catalogues.find((c) => c.id === w.first.id)).toEqual(before.catalogues.find((c) => c.id === w.first.id));
    expect(after.entry).toEqual(before.entry);
    const event = await prisma.auditEvent.findFirst({ where: { entityType: "logbookCatalogue", entityId: created.id } });
    expect(event).toMatchObject({ action: "create", actorId: w.admin.id });
    const page = await catalogueOf(w.programme.id, 2, d("2026-12-01"));
    expect(page.inForce).toBe(2);
    expect(page.versions.map((v) => [v.version, v.activities])).toEqual([
      [2, 2],
      [1, 1],
    ]);
    expect(page.chosen?.activities).toEqual([
      {
        code: "visit",
        category: "Clinica",
        labelIt: "Prima visita",
        labelEn: "First visit",
        minimums: [
          { year: 1, degree: "support", count: 12 },
          { year: 0, degree: "autonomy", count: 30 },
        ],
      },
      {
        code: "biopsy",
        category: "Procedure",
        labelIt: "Biopsia",
        labelEn: "Biopsy",
        minimums: [{ year: 0, degree: "autonomy", count: 4 }],
      },
    ]);
    // Before the new version's first day, the first one is still in force.
    expect((await catalogueOf(w.programme.id, undefined, d("2026-06-01"))).chosen?.version).toBe(1);
  });

  it("writes nothing for a file with a problem, nor for a first day not after the latest version's", async () => {
    const w = await world();
    const before = await w.snapshot();
    await expect(importCatalogue(w.admin.id, w.programme.id, `${FILE}\r\nvisit;C;Doppia;Twice;;`, d("2026-11-01"))).rejects.toEqual(
      refused("file", "logbookCatalogue.fileHasErrors", 400),
    );
    await expect(importCatalogue(w.admin.id, w.programme.id, FILE, d("2025-11-01"))).rejects.toEqual(
      refused("validFrom", "logbookCatalogue.validFromNotAfter", 409),
    );
    await expect(importCatalogue(w.admin.id, w.programme.id, "a\u0000b", d("2026-11-01"))).rejects.toEqual(
      refused("file", "logbookCatalogue.errors.notText", 400),
    );
    await expect(importCatalogue(w.admin.id, "nope", FILE, d("2026-11-01"))).rejects.toEqual(refused(null, "errors.notFound", 404));
    expect(await w.snapshot()).toEqual(before);
  });
});

describe("copying a catalogue", () => {
  it("copies the version in force today of another programme as the next version", async () => {
    const w = await world();
    const copied = await copyCatalogue(w.admin.id, w.other.id, w.programme.id, d("2026-11-01"));
    expect(copied.version).toBe(1);
    const page = await catalogueOf(w.other.id);
    expect(page.chosen?.activities).toEqual([
      { code: "visit", category: "Clinica", labelIt: "Visita", labelEn: "Visit", minimums: [{ year: 1, degree: "support", count: 5 }] },
    ]);
    const event = await prisma.auditEvent.findFirst({ where: { entityType: "logbookCatalogue", entityId: copied.id } });
    expect(event).toMatchObject({ action: "copy", actorId: w.admin.id });
  });

  it("refuses a programme without a catalogue, the programme itself, and an early first day, writing nothing", async () => {
    const w = await world();
    const before = await w.snapshot();
    await expect(copyCatalogue(w.admin.id, w.programme.id, w.other.id, d("2026-11-01"))).rejects.toEqual(
      refused("fromProgrammeId", "logbookCatalogue.nothingToCopy", 400),
    );
    await expect(copyCatalogue(w.admin.id, w.programme.id, w.programme.id, d("2026-11-01"))).rejects.toEqual(
      refused("fromProgrammeId", "logbookCatalogue.copyFromItself", 400),
    );
    await copyCatalogue(w.admin.id, w.other.id, w.programme.id, d("2026-11-01"));
    const middle = await w.snapshot();
    await expect(copyCatalogue(w.admin.id, w.other.id, w.programme.id, d("2026-10-01"))).rejects.toEqual(
      refused("validFrom", "logbookCatalogue.validFromNotAfter"),
    );
    expect(await w.snapshot()).toEqual(middle);
    expect(middle.events).toBe(before.events + 1);
  });
});
