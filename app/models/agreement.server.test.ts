import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGREEMENT_STATUSES, agreementStatus, type AgreementStatus } from "~/domain/agreement-status";
import { addDays, daysBetween, toIsoDate } from "~/domain/dates";
import type { AgreementInput } from "~/schemas/agreement";
import { prisma } from "~/utils/db.server";
import {
  attachDocument,
  createAgreement,
  deleteAgreement,
  inForceWhere,
  renewAgreement,
  statusWhere,
  terminateAgreement,
  updateAgreement,
} from "./agreement.server";
import { versionOf } from "./concurrency.server";
import { documentsDir, readDocument } from "./document.server";
import { refused } from "../../test/refused";
import { Refused } from "~/domain/refusal";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

// Uploaded files go to a private temporary folder (documentsDir() reads the variable on every call).
let documentsFolder = "";
const previousDocumentsDir = process.env.DOCUMENTS_DIR;
beforeAll(() => {
  documentsFolder = mkdtempSync(path.join(tmpdir(), "portal-documents-"));
  process.env.DOCUMENTS_DIR = documentsFolder;
});
afterAll(() => {
  if (previousDocumentsDir === undefined) delete process.env.DOCUMENTS_DIR;
  else process.env.DOCUMENTS_DIR = previousDocumentsDir;
  rmSync(documentsFolder, { recursive: true, force: true });
});

async function newUniversity() {
  const id = randomUUID();
  return prisma.university.create({
    data: {
      name: `Università degli Studi ${id}`,
      city: "Milano",
      programmes: {
        create: [
          {
            specialtyCode: "oncologia-medica",
            directorName: "Prof.ssa Niccolò Bianchi",
            directorEmail: `onc-${id}@example.org`,
            durationYears: 5,
          },
          { specialtyCode: "radioterapia", directorName: "Prof. Luca Rossi", directorEmail: `rt-${id}@example.org`, durationYears: 4 },
        ],
      },
    },
    include: { programmes: { orderBy: { specialtyCode: "asc" } } },
  });
}

async function newAdmin() {
  return prisma.user.create({
    data: { email: `admin-${randomUUID()}@example.org`, name: "Agreement Admin", roles: { create: [{ role: "admin" }] } },
  });
}

/** The refusal of a programme already covered, from 2026 to 2028, by the agreement `otherId`. */
const overlapWith = (otherId: string, specialty: string) => ({
  field: null,
  key: "agreements.problems.overlap",
  values: expect.objectContaining({ specialty, start: "2026-01-01", end: "2028-12-31" }),
  link: `/admin/agreements/${otherId}`,
});
const wrongUniversity = (specialty: string) => ({
  field: null,
  key: "agreements.problems.wrongUniversity",
  values: expect.objectContaining({ specialty }),
});

/** A university with two programmes ([0] medical oncology, [1] radiotherapy) and an admin acting on it. */
async function setup() {
  const [university, admin] = await Promise.all([newUniversity(), newAdmin()]);
  const [onco, radio] = university.programmes as [(typeof university.programmes)[number], (typeof university.programmes)[number]];
  return { university, admin, onco, radio };
}

function input(universityId: string, overrides: Partial<AgreementInput> = {}): AgreementInput {
  return {
    universityId,
    facilityRole: "collegata",
    startDate: day("2026-01-01"),
    endDate: day("2028-12-31"),
    signedOn: undefined,
    notes: undefined,
    coverage: [],
    ...overrides,
  };
}

/** What a failed operation must leave untouched. */
async function counts(universityId: string, actorId: string) {
  const [agreements, coverage, audits, documents] = await Promise.all([
    prisma.agreement.count({ where: { universityId } }),
    prisma.agreementProgramme.count({ where: { programme: { universityId } } }),
    prisma.auditEvent.count({ where: { actorId } }),
    prisma.storedDocument.count({ where: { uploadedById: actorId } }),
  ]);
  return { agreements, coverage, audits, documents };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("Expected the operation to be refused");
}

async function auditsOf(entityId: string) {
  const rows = await prisma.auditEvent.findMany({ where: { entityType: "agreement", entityId }, orderBy: { id: "asc" } });
  return rows.map((row) => ({ ...row, changes: JSON.parse(row.changes) as Record<string, [unknown, unknown]> }));
}

describe("createAgreement", () => {
  it("writes the agreement, its covered programmes and one audit event", async () => {
    const { university, admin, onco, radio } = await setup();
    const { id } = await createAgreement(
      input(university.id, {
        signedOn: day("2025-12-15"),
        notes: "Rinnovo triennale",
        coverage: [
          { programmeId: onco.id, posts: 3 },
          { programmeId: radio.id, posts: undefined },
        ],
      }),
      admin.id,
    );

    const saved = await prisma.agreement.findUniqueOrThrow({ where: { id }, include: { programmes: true } });
    expect(saved).toMatchObject({
      universityId: university.id,
      facilityRole: "collegata",
      startDate: day("2026-01-01"),
      endDate: day("2028-12-31"),
      signedOn: day("2025-12-15"),
      notes: "Rinnovo triennale",
      terminatedOn: null,
      renewsId: null,
    });
    // Only the rows with posts are covered.
    expect(saved.programmes.map((p) => ({ programmeId: p.programmeId, posts: p.posts }))).toEqual([{ programmeId: onco.id, posts: 3 }]);

    const audits = await auditsOf(id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "create", entityType: "agreement", actorId: admin.id });
    expect(audits[0]!.changes).toMatchObject({
      universityId: [null, university.id],
      startDate: [null, "2026-01-01T00:00:00.000Z"],
      endDate: [null, "2028-12-31T00:00:00.000Z"],
      signedOn: [null, "2025-12-15T00:00:00.000Z"],
      coverage: [null, { [onco.id]: 3 }],
    });
  });

  it("stores an unsigned agreement as a draft without notes", async () => {
    const { university, admin, onco } = await setup();
    const { id } = await createAgreement(input(university.id, { notes: "", coverage: [{ programmeId: onco.id, posts: 1 }] }), admin.id);
    const saved = await prisma.agreement.findUniqueOrThrow({ where: { id } });
    expect(saved.signedOn).toBeNull();
    expect(saved.notes).toBeNull();
  });

  it("writes nothing at all when the audit event cannot be written", async () => {
    const { university, admin, onco } = await setup();
    const before = await counts(university.id, admin.id);
    await expect(
      createAgreement(input(university.id, { coverage: [{ programmeId: onco.id, posts: 1 }] }), `missing-${randomUUID()}`),
    ).rejects.toThrow();
    expect(await counts(university.id, admin.id)).toEqual(before);
  });

  it("refuses a second agreement covering the same programme over overlapping dates, naming the first, and writes nothing", async () => {
    const { university, admin, onco, radio } = await setup();
    const first = await createAgreement(input(university.id, { coverage: [{ programmeId: onco.id, posts: 2 }] }), admin.id);
    const before = await counts(university.id, admin.id);

    const error = await rejection(
      createAgreement(
        input(university.id, {
          startDate: day("2028-12-31"),
          endDate: day("2031-12-31"),
          coverage: [
            { programmeId: onco.id, posts: 1 },
            { programmeId: radio.id, posts: 1 },
          ],
        }),
        admin.id,
      ),
    );
    expect((error as Refused).refusals).toEqual([overlapWith(first.id, onco.specialtyCode)]);
    expect(await counts(university.id, admin.id)).toEqual(before);
  });

  it("accepts an agreement on the same programme starting the day after the other ends", async () => {
    const { university, admin, onco } = await setup();
    await createAgreement(input(university.id, { coverage: [{ programmeId: onco.id, posts: 2 }] }), admin.id);
    await expect(
      createAgreement(
        input(university.id, { startDate: day("2029-01-01"), endDate: day("2031-12-31"), coverage: [{ programmeId: onco.id, posts: 2 }] }),
        admin.id,
      ),
    ).resolves.toHaveProperty("id");
    expect(await prisma.agreement.count({ where: { universityId: university.id } })).toBe(2);
  });

  it("accepts an overlapping agreement on a different programme", async () => {
    const { university, admin, onco, radio } = await setup();
    await createAgreement(input(university.id, { coverage: [{ programmeId: onco.id, posts: 2 }] }), admin.id);
    await expect(
      createAgreement(input(university.id, { coverage: [{ programmeId: radio.id, posts: 2 }] }), admin.id),
    ).resolves.toHaveProperty("id");
  });

  it("refuses a programme of another university and writes nothing", async () => {
    const { university, admin, onco } = await setup();
    const elsewhere = await newUniversity();
    const foreign = elsewhere.programmes[0]!;
    const before = await counts(university.id, admin.id);

    const error = await rejection(
      createAgreement(
        input(university.id, {
          coverage: [
            { programmeId: onco.id, posts: 1 },
            { programmeId: foreign.id, posts: 1 },
          ],
        }),
        admin.id,
      ),
    );
    expect((error as Refused).refusals).toEqual([wrongUniversity(foreign.specialtyCode)]);
    expect(await counts(university.id, admin.id)).toEqual(before);
    expect(await prisma.agreement.count({ where: { universityId: elsewhere.id } })).toBe(0);
  });

  it("refuses an agreement ending on the day it starts", async () => {
    const { university, admin, onco } = await setup();
    const error = await rejection(
      createAgreement(
        input(university.id, { startDate: day("2026-01-01"), endDate: day("2026-01-01"), coverage: [{ programmeId: onco.id, posts: 1 }] }),
        admin.id,
      ),
    );
    expect((error as Refused).refusals).toEqual([{ field: null, key: "agreements.problems.endBeforeStart" }]);
    expect(await prisma.agreement.count({ where: { universityId: university.id } })).toBe(0);
  });
});

describe("updateAgreement", () => {
  it("saves the edit and records only what changed", async () => {
    const { university, admin, onco, radio } = await setup();
    const { id } = await createAgreement(input(university.id, { coverage: [{ programmeId: onco.id, posts: 2 }] }), admin.id);
    const current = await prisma.agreement.findUniqueOrThrow({ where: { id } });

    await updateAgreement(
      id,
      input(university.id, {
        endDate: day("2029-06-30"),
        coverage: [
          { programmeId: onco.id, posts: 2 },
          { programmeId: radio.id, posts: 4 },
        ],
      }),
      versionOf(current),
      admin.id,
    );

    const saved = await prisma.agreement.findUniqueOrThrow({ where: { id }, include: { programmes: { orderBy: { posts: "asc" } } } });
    expect(saved.endDate).toEqual(day("2029-06-30"));
    expect(saved.programmes.map((p) => [p.programmeId, p.posts])).toEqual([
      [onco.id, 2],
      [radio.id, 4],
    ]);
    const audits = await auditsOf(id);
    expect(audits.map((a) => a.action)).toEqual(["create", "update"]);
    expect(audits[1]!.changes).toEqual({
      endDate: ["2028-12-31T00:00:00.000Z", "2029-06-30T00:00:00.000Z"],
      coverage: [{ [onco.id]: 2 }, { [onco.id]: 2, [radio.id]: 4 }],
    });
  });

  it("refuses a stale version and changes nothing", async () => {
    const { university, admin, onco, radio } = await setup();
    const { id } = await createAgreement(input(university.id, { coverage: [{ programmeId: onco.id, posts: 2 }] }), admin.id);
    const loaded = await prisma.agreement.findUniqueOrThrow({ where: { id }, include: { programmes: true } });
    const stale = new Date(loaded.updatedAt.getTime() - 60_000).toISOString();
    const before = await counts(university.id, admin.id);

    const error = await rejection(
      updateAgreement(
        id,
        input(university.id, { endDate: day("2027-12-31"), coverage: [{ programmeId: radio.id, posts: 9 }] }),
        stale,
        admin.id,
      ),
    );
    expect(error).toEqual(refused(null, "errors.staleVersion"));
    expect(await prisma.agreement.findUniqueOrThrow({ where: { id }, include: { programmes: true } })).toEqual(loaded);
    expect(await counts(university.id, admin.id)).toEqual(before);
  });

  it("keeps the university the agreement was created for", async () => {
    const { university, admin, onco } = await setup();
    const elsewhere = await newUniversity();
    const { id } = await createAgreement(input(university.id, { coverage: [{ programmeId: onco.id, posts: 2 }] }), admin.id);
    const current = await prisma.agreement.findUniqueOrThrow({ where: { id } });

    await updateAgreement(
      id,
      input(elsewhere.id, { notes: "modificata", coverage: [{ programmeId: onco.id, posts: 3 }] }),
      versionOf(current),
      admin.id,
    );

    const saved = await prisma.agreement.findUniqueOrThrow({ where: { id } });
    expect(saved.universityId).toBe(university.id);
    expect(saved.notes).toBe("modificata");
    expect(await prisma.agreement.count({ where: { universityId: elsewhere.id } })).toBe(0);
  });

  it("refuses programmes of the other university even when the form names it", async () => {
    const { university, admin, onco } = await setup();
    const elsewhere = await newUniversity();
    const { id } = await createAgreement(input(university.id, { coverage: [{ programmeId: onco.id, posts: 2 }] }), admin.id);
    const current = await prisma.agreement.findUniqueOrThrow({ where: { id } });
    const foreign = elsewhere.programmes[0]!;

    const error = await rejection(
      updateAgreement(id, input(elsewhere.id, { coverage: [{ programmeId: foreign.id, posts: 1 }] }), versionOf(current), admin.id),
    );
    expect((error as Refused).refusals).toEqual([wrongUniversity(foreign.specialtyCode)]);
    const saved = await prisma.agreement.findUniqueOrThrow({ where: { id }, include: { programmes: true } });
    expect(saved.universityId).toBe(university.id);
    expect(saved.programmes.map((p) => p.programmeId)).toEqual([onco.id]);
  });

  it("refuses dates that would overlap another agreement on the same programme, and keeps the old coverage", async () => {
    const { university, admin, onco } = await setup();
    const first = await createAgreement(input(university.id, { coverage: [{ programmeId: onco.id, posts: 2 }] }), admin.id);
    const second = await createAgreement(
      input(university.id, { startDate: day("2029-01-01"), endDate: day("2031-12-31"), coverage: [{ programmeId: onco.id, posts: 1 }] }),
      admin.id,
    );
    const current = await prisma.agreement.findUniqueOrThrow({ where: { id: second.id } });

    const error = await rejection(
      updateAgreement(
        second.id,
        input(university.id, { startDate: day("2028-06-01"), endDate: day("2031-12-31"), coverage: [{ programmeId: onco.id, posts: 1 }] }),
        versionOf(current),
        admin.id,
      ),
    );
    expect((error as Refused).refusals).toEqual([overlapWith(first.id, onco.specialtyCode)]);
    const saved = await prisma.agreement.findUniqueOrThrow({ where: { id: second.id }, include: { programmes: true } });
    expect(saved.startDate).toEqual(day("2029-01-01"));
    expect(saved.programmes.map((p) => p.posts)).toEqual([1]);
  });
});

describe("terminateAgreement", () => {
  async function signed() {
    const context = await setup();
    const { id } = await createAgreement(
      input(context.university.id, { signedOn: day("2025-12-01"), coverage: [{ programmeId: context.onco.id, posts: 2 }] }),
      context.admin.id,
    );
    const current = await prisma.agreement.findUniqueOrThrow({ where: { id } });
    return { ...context, id, version: versionOf(current) };
  }

  it("refuses to terminate a draft", async () => {
    const { university, admin, onco } = await setup();
    const { id } = await createAgreement(input(university.id, { coverage: [{ programmeId: onco.id, posts: 2 }] }), admin.id);
    const current = await prisma.agreement.findUniqueOrThrow({ where: { id } });

    const error = await rejection(terminateAgreement(id, day("2027-01-01"), "Chiusura della scuola", versionOf(current), admin.id));
    expect(error).toEqual(refused("terminatedOn", "agreements.terminationNotSigned"));
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id } })).terminatedOn).toBeNull();
  });

  it("refuses a termination day before the start", async () => {
    const { id, version, admin } = await signed();
    const error = await rejection(terminateAgreement(id, day("2025-12-31"), "Chiusura della scuola", version, admin.id));
    expect(error).toEqual(refused("terminatedOn", "agreements.terminationBeforeStart"));
    expect((await auditsOf(id)).map((a) => a.action)).toEqual(["create"]);
  });

  it("refuses a termination on or after the end day", async () => {
    const { id, version, admin } = await signed();
    const error = await rejection(terminateAgreement(id, day("2028-12-31"), "Chiusura della scuola", version, admin.id));
    expect(error).toEqual(refused("terminatedOn", "agreements.terminationAfterEnd"));
  });

  it("ends the agreement on the given day, with the reason, and records it", async () => {
    const { id, version, admin } = await signed();
    await terminateAgreement(id, day("2027-03-31"), "Chiusura della scuola", version, admin.id);

    const saved = await prisma.agreement.findUniqueOrThrow({ where: { id } });
    expect(saved.terminatedOn).toEqual(day("2027-03-31"));
    expect(saved.terminationReason).toBe("Chiusura della scuola");
    expect(saved.endDate).toEqual(day("2028-12-31"));
    expect(agreementStatus(saved, day("2027-03-31"))).toBe("expiring");
    expect(agreementStatus(saved, day("2027-04-01"))).toBe("terminated");

    const audits = await auditsOf(id);
    expect(audits.map((a) => a.action)).toEqual(["create", "terminate"]);
    expect(audits[1]).toMatchObject({ actorId: admin.id });
    expect(audits[1]!.changes).toEqual({
      terminatedOn: [null, "2027-03-31T00:00:00.000Z"],
      terminationReason: [null, "Chiusura della scuola"],
    });
  });

  it("refuses a second termination", async () => {
    const { id, version, admin } = await signed();
    await terminateAgreement(id, day("2027-03-31"), "Chiusura della scuola", version, admin.id);
    const current = await prisma.agreement.findUniqueOrThrow({ where: { id } });
    const error = await rejection(terminateAgreement(id, day("2027-01-31"), "Di nuovo", versionOf(current), admin.id));
    expect(error).toEqual(refused("terminatedOn", "agreements.terminationAlreadyTerminated"));
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id } })).terminatedOn).toEqual(day("2027-03-31"));
  });

  it("refuses a stale version", async () => {
    const { id, version, admin } = await signed();
    const stale = new Date(new Date(version).getTime() - 60_000).toISOString();
    await expect(terminateAgreement(id, day("2027-03-31"), "Chiusura della scuola", stale, admin.id)).rejects.toEqual(
      refused(null, "errors.staleVersion"),
    );
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id } })).terminatedOn).toBeNull();
  });

  it("frees the programme from the day after the termination", async () => {
    const { id, version, admin, university, onco } = await signed();
    await terminateAgreement(id, day("2027-03-31"), "Chiusura della scuola", version, admin.id);
    await expect(
      createAgreement(
        input(university.id, { startDate: day("2027-03-31"), endDate: day("2030-03-31"), coverage: [{ programmeId: onco.id, posts: 1 }] }),
        admin.id,
      ),
    ).rejects.toBeInstanceOf(Refused);
    await expect(
      createAgreement(
        input(university.id, { startDate: day("2027-04-01"), endDate: day("2030-03-31"), coverage: [{ programmeId: onco.id, posts: 1 }] }),
        admin.id,
      ),
    ).resolves.toHaveProperty("id");
  });
});

describe("renewAgreement", () => {
  it("creates a draft linked to the old agreement, from the day after its end, with the same programmes and posts", async () => {
    const { university, admin, onco, radio } = await setup();
    const old = await createAgreement(
      input(university.id, {
        facilityRole: "complementare",
        signedOn: day("2025-12-01"),
        notes: "Convenzione quadro",
        coverage: [
          { programmeId: onco.id, posts: 3 },
          { programmeId: radio.id, posts: 1 },
        ],
      }),
      admin.id,
    );

    const renewal = await renewAgreement(old.id, admin.id);

    const saved = await prisma.agreement.findUniqueOrThrow({
      where: { id: renewal.id },
      include: { programmes: { orderBy: { posts: "desc" } } },
    });
    expect(saved.renewsId).toBe(old.id);
    expect(saved.signedOn).toBeNull();
    expect(saved.universityId).toBe(university.id);
    expect(saved.facilityRole).toBe("complementare");
    expect(saved.notes).toBe("Convenzione quadro");
    expect(toIsoDate(saved.startDate)).toBe("2029-01-01");
    expect(daysBetween(saved.startDate, saved.endDate)).toBe(daysBetween(day("2026-01-01"), day("2028-12-31")));
    expect(saved.programmes.map((p) => [p.programmeId, p.posts])).toEqual([
      [onco.id, 3],
      [radio.id, 1],
    ]);
    const audits = await auditsOf(renewal.id);
    expect(audits.map((a) => a.action)).toEqual(["renew"]);
    expect(audits[0]!.changes.renewsId).toEqual([null, old.id]);
    // The old agreement is untouched.
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id: old.id } })).endDate).toEqual(day("2028-12-31"));
  });

  it("starts the renewal of a terminated agreement the day after the termination", async () => {
    const { university, admin, onco } = await setup();
    const old = await createAgreement(
      input(university.id, { signedOn: day("2025-12-01"), coverage: [{ programmeId: onco.id, posts: 2 }] }),
      admin.id,
    );
    const current = await prisma.agreement.findUniqueOrThrow({ where: { id: old.id } });
    await terminateAgreement(old.id, day("2027-06-30"), "Riorganizzazione", versionOf(current), admin.id);

    const renewal = await renewAgreement(old.id, admin.id);
    const saved = await prisma.agreement.findUniqueOrThrow({ where: { id: renewal.id } });
    expect(toIsoDate(saved.startDate)).toBe("2027-07-01");
  });

  it("refuses a second renewal that would overlap the first", async () => {
    const { university, admin, onco } = await setup();
    const old = await createAgreement(input(university.id, { coverage: [{ programmeId: onco.id, posts: 2 }] }), admin.id);
    const first = await renewAgreement(old.id, admin.id);
    const error = await rejection(renewAgreement(old.id, admin.id));
    expect((error as Refused).refusals).toEqual([
      expect.objectContaining({ key: "agreements.problems.overlap", link: `/admin/agreements/${first.id}` }),
    ]);
  });
});

describe("deleteAgreement", () => {
  it("refuses to delete a signed agreement", async () => {
    const { university, admin, onco } = await setup();
    const { id } = await createAgreement(
      input(university.id, { signedOn: day("2025-12-01"), coverage: [{ programmeId: onco.id, posts: 2 }] }),
      admin.id,
    );
    await expect(deleteAgreement(id, admin.id)).rejects.toEqual(refused(null, "agreements.notDraft"));
    expect(await prisma.agreement.findUnique({ where: { id } })).not.toBeNull();
    expect(await prisma.agreementProgramme.count({ where: { agreementId: id } })).toBe(1);
  });

  it("deletes a draft with its coverage and records the deletion", async () => {
    const { university, admin, onco } = await setup();
    const { id } = await createAgreement(input(university.id, { coverage: [{ programmeId: onco.id, posts: 2 }] }), admin.id);
    await deleteAgreement(id, admin.id);

    expect(await prisma.agreement.findUnique({ where: { id } })).toBeNull();
    expect(await prisma.agreementProgramme.count({ where: { agreementId: id } })).toBe(0);
    const audits = await auditsOf(id);
    expect(audits.map((a) => a.action)).toEqual(["create", "delete"]);
    expect(audits[1]!.changes).toMatchObject({ universityId: [university.id, null], coverage: [{ [onco.id]: 2 }, null] });
    // The programme is free again.
    await expect(
      createAgreement(input(university.id, { coverage: [{ programmeId: onco.id, posts: 2 }] }), admin.id),
    ).resolves.toHaveProperty("id");
  });

  it("deletes a draft's document, row and file", async () => {
    const { university, admin, onco } = await setup();
    const { id } = await createAgreement(input(university.id, { coverage: [{ programmeId: onco.id, posts: 2 }] }), admin.id);
    const stored = await attachDocument(id, new File([new TextEncoder().encode("%PDF-1.4\n%%EOF")], "bozza.pdf"), admin.id);
    const file = path.join(documentsDir(), `${stored.id}.pdf`);
    expect(existsSync(file)).toBe(true);

    await deleteAgreement(id, admin.id);
    expect(await prisma.storedDocument.findUnique({ where: { id: stored.id } })).toBeNull();
    expect(existsSync(file)).toBe(false);
  });
});

describe("statusWhere", () => {
  const TODAY = new Date("2026-06-15T00:00:00Z");
  const on = (offset: number) => addDays(TODAY, offset);
  const SIGNED = on(-500);

  type Case = { label: string; expected: AgreementStatus; startDate: Date; endDate: Date; signedOn: Date | null; terminatedOn?: Date };
  const cases: Case[] = [
    { label: "unsigned, future", expected: "draft", startDate: on(30), endDate: on(400), signedOn: null },
    { label: "unsigned, dates already started", expected: "draft", startDate: on(-30), endDate: on(400), signedOn: null },
    { label: "unsigned, ends today", expected: "draft", startDate: on(-300), endDate: TODAY, signedOn: null },
    { label: "unsigned, past", expected: "expired", startDate: on(-400), endDate: on(-1), signedOn: null },
    { label: "signed, starts tomorrow", expected: "scheduled", startDate: on(1), endDate: on(365), signedOn: SIGNED },
    {
      label: "signed, starts later, terminated early in the future",
      expected: "scheduled",
      startDate: on(10),
      endDate: on(400),
      signedOn: SIGNED,
      terminatedOn: on(200),
    },
    { label: "signed, started today, long", expected: "active", startDate: TODAY, endDate: on(365), signedOn: SIGNED },
    { label: "ends in 91 days", expected: "active", startDate: on(-100), endDate: on(91), signedOn: SIGNED },
    { label: "ends in 90 days", expected: "expiring", startDate: on(-100), endDate: on(90), signedOn: SIGNED },
    { label: "ends today", expected: "expiring", startDate: on(-100), endDate: TODAY, signedOn: SIGNED },
    { label: "ended yesterday", expected: "expired", startDate: on(-400), endDate: on(-1), signedOn: SIGNED },
    {
      label: "terminated yesterday",
      expected: "terminated",
      startDate: on(-100),
      endDate: on(300),
      signedOn: SIGNED,
      terminatedOn: on(-1),
    },
    {
      label: "terminated long ago, end also past",
      expected: "terminated",
      startDate: on(-800),
      endDate: on(-10),
      signedOn: SIGNED,
      terminatedOn: on(-300),
    },
    { label: "terminated today", expected: "expiring", startDate: on(-100), endDate: on(300), signedOn: SIGNED, terminatedOn: TODAY },
    { label: "terminated tomorrow", expected: "expiring", startDate: on(-100), endDate: on(300), signedOn: SIGNED, terminatedOn: on(1) },
    { label: "terminated in 90 days", expected: "expiring", startDate: on(-100), endDate: on(300), signedOn: SIGNED, terminatedOn: on(90) },
    { label: "terminated in 91 days", expected: "active", startDate: on(-100), endDate: on(300), signedOn: SIGNED, terminatedOn: on(91) },
  ];

  async function build() {
    const university = await prisma.university.create({ data: { name: `Università ${randomUUID()}`, city: "Pavia" } });
    const rows = [];
    for (const c of cases) {
      const row = await prisma.agreement.create({
        data: {
          universityId: university.id,
          facilityRole: "collegata",
          startDate: c.startDate,
          endDate: c.endDate,
          signedOn: c.signedOn,
          terminatedOn: c.terminatedOn ?? null,
          terminationReason: c.terminatedOn ? "Test" : null,
          notes: c.label,
        },
      });
      rows.push({ ...c, row });
    }
    return { university, rows };
  }

  async function idsWhere(universityId: string, where: ReturnType<typeof statusWhere>) {
    const found = await prisma.agreement.findMany({ where: { AND: [{ universityId }, where] }, select: { id: true } });
    return found.map((a) => a.id).sort();
  }

  it("covers every status with the chosen cases (sanity check of the fixture)", () => {
    for (const c of cases) {
      expect({ label: c.label, status: agreementStatus({ terminatedOn: null, ...c }, TODAY) }).toEqual({
        label: c.label,
        status: c.expected,
      });
    }
    expect(new Set(cases.map((c) => c.expected))).toEqual(new Set(AGREEMENT_STATUSES));
  });

  it("selects exactly the agreements whose computed status is that status, for all six statuses", async () => {
    const { university, rows } = await build();
    for (const status of AGREEMENT_STATUSES) {
      const expected = rows
        .filter(({ row }) => agreementStatus(row, TODAY) === status)
        .map(({ row }) => row.id)
        .sort();
      const labels = (ids: string[]) =>
        rows
          .filter(({ row }) => ids.includes(row.id))
          .map((r) => r.label)
          .sort();
      expect({ status, agreements: labels(await idsWhere(university.id, statusWhere(status, TODAY))) }).toEqual({
        status,
        agreements: labels(expected),
      });
      expect(expected.length).toBeGreaterThan(0);
    }
  });

  it("puts every agreement in exactly one status", async () => {
    const { university, rows } = await build();
    const all: string[] = [];
    for (const status of AGREEMENT_STATUSES) all.push(...(await idsWhere(university.id, statusWhere(status, TODAY))));
    expect(all.sort()).toEqual(rows.map(({ row }) => row.id).sort());
  });

  it("inForceWhere selects the active and expiring agreements", async () => {
    const { university, rows } = await build();
    const expected = rows
      .filter(({ row }) => ["active", "expiring"].includes(agreementStatus(row, TODAY)))
      .map(({ row }) => row.id)
      .sort();
    expect(await idsWhere(university.id, inForceWhere(TODAY))).toEqual(expected);
  });

  it("follows the day: tomorrow the agreement ending today is expired and the one starting tomorrow is active", async () => {
    const { university, rows } = await build();
    const tomorrow = on(1);
    for (const status of AGREEMENT_STATUSES) {
      const expected = rows
        .filter(({ row }) => agreementStatus(row, tomorrow) === status)
        .map(({ row }) => row.id)
        .sort();
      expect({ status, ids: await idsWhere(university.id, statusWhere(status, tomorrow)) }).toEqual({ status, ids: expected });
    }
    const byLabel = (label: string) => rows.find((r) => r.label === label)!.row;
    expect(agreementStatus(byLabel("ends today"), tomorrow)).toBe("expired");
    expect(agreementStatus(byLabel("signed, starts tomorrow"), tomorrow)).toBe("active");
    expect(agreementStatus(byLabel("terminated today"), tomorrow)).toBe("terminated");
  });
});

describe("attachDocument", () => {
  const PDF = new TextEncoder().encode("%PDF-1.4\n%%EOF");

  async function draft() {
    const context = await setup();
    const { id } = await createAgreement(
      input(context.university.id, { coverage: [{ programmeId: context.onco.id, posts: 2 }] }),
      context.admin.id,
    );
    return { ...context, id };
  }

  it("refuses a file that is not a PDF, whatever its name, and stores nothing", async () => {
    const { id, admin, university } = await draft();
    const before = await counts(university.id, admin.id);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    const error = await rejection(attachDocument(id, new File([png], "x.pdf"), admin.id));
    expect(error).toEqual(refused("document", "agreements.documentNotPdf", 400));
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id } })).documentId).toBeNull();
    expect(await counts(university.id, admin.id)).toEqual(before);
  });

  it("refuses a missing or empty file", async () => {
    const { id, admin } = await draft();
    await expect(attachDocument(id, null, admin.id)).rejects.toEqual(refused("document", "agreements.documentMissing", 400));
    await expect(attachDocument(id, new File([], "vuoto.pdf"), admin.id)).rejects.toEqual(
      refused("document", "agreements.documentMissing", 400),
    );
  });

  it("stores a PDF, links it to the agreement and gives back the same bytes", async () => {
    const { id, admin } = await draft();
    const stored = await attachDocument(id, new File([PDF], "../Convenzione Università.pdf"), admin.id);

    const row = await prisma.storedDocument.findUniqueOrThrow({ where: { id: stored.id } });
    expect(row).toMatchObject({
      fileName: "Convenzione Università.pdf",
      contentType: "application/pdf",
      size: PDF.byteLength,
      sha256: createHash("sha256").update(PDF).digest("hex"),
      uploadedById: admin.id,
    });
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id } })).documentId).toBe(stored.id);
    expect(new Uint8Array(await readDocument(stored.id))).toEqual(PDF);
    expect(path.dirname(path.join(documentsDir(), "x"))).toBe(path.resolve(documentsFolder));

    const audits = await auditsOf(id);
    expect(audits.map((a) => a.action)).toEqual(["create", "upload"]);
    expect(audits[1]!.changes).toEqual({ document: [null, "Convenzione Università.pdf"] });
  });

  it("replaces an earlier document, removing its row and file", async () => {
    const { id, admin } = await draft();
    const first = await attachDocument(id, new File([PDF], "prima.pdf"), admin.id);
    const secondBytes = new TextEncoder().encode("%PDF-1.7\n% seconda versione\n%%EOF");
    const second = await attachDocument(id, new File([secondBytes], "seconda.pdf"), admin.id);

    expect((await prisma.agreement.findUniqueOrThrow({ where: { id } })).documentId).toBe(second.id);
    expect(await prisma.storedDocument.findUnique({ where: { id: first.id } })).toBeNull();
    expect(existsSync(path.join(documentsDir(), `${first.id}.pdf`))).toBe(false);
    expect(new Uint8Array(await readDocument(second.id))).toEqual(secondBytes);
    const audits = await auditsOf(id);
    expect(audits.at(-1)!.changes).toEqual({ document: ["prima.pdf", "seconda.pdf"] });
  });
});
