import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { renderLogbookExtractPdf } from "~/services/logbook-extract-pdf.server";
import { prisma } from "~/utils/db.server";
import { createCatalogue, createDepartment, createLogbookEntry, createResident, createUniversity } from "../../test/factories";
import { pdfText } from "../../test/pdf-text";
import { refused } from "../../test/refused";
import { verifyCertificate } from "./certificate.server";
import { certifiedEntries, extractProgress, issueLogbookExtract } from "./logbook-extract.server";

const d = (iso: string) => parseIsoDate(iso)!;

/** A resident with two rotations (Oncology, then Haematology) and entries of every status on the edges of the year. */
async function world() {
  const tag = randomUUID().slice(0, 8);
  const admin = await prisma.user.create({
    data: { email: `admin-${tag}@example.test`, name: "Admin", roles: { create: { role: "admin" } } },
  });
  const tutor = await prisma.user.create({
    data: { email: `tutor-${tag}@example.test`, name: `Laura Bianchi ${tag}`, roles: { create: { role: "tutor" } } },
  });
  const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "oncologia-medica" }] });
  const programme = university.programmes[0]!;
  const user = await prisma.user.create({
    data: { email: `res-${tag}@example.test`, name: `Giulia Rossi ${tag}`, roles: { create: { role: "resident" } } },
  });
  const resident = await createResident({
    userId: user.id,
    programmeId: programme.id,
    studentNumber: `M-${tag}`,
    stayStart: d("2025-01-01"),
    stayEnd: d("2027-12-31"),
    yearOfTraining: 2,
  });
  const oncology = await createDepartment(`Oncologia ${tag}`, 4, [tutor.id]);
  const haematology = await createDepartment(`Ematologia ${tag}`, 4, [tutor.id]);
  const first = await prisma.rotation.create({
    data: {
      residentId: resident.id,
      departmentId: oncology.id,
      tutorId: tutor.id,
      startDate: d("2025-11-01"),
      endDate: d("2026-03-31"),
      state: "confirmed",
    },
  });
  const catalogue = await createCatalogue({
    programmeId: programme.id,
    activities: [
      { code: "first-visit", labelIt: "Prima visita", labelEn: "First visit", minimums: [{ year: 2, degree: "autonomy", count: 10 }] },
      {
        code: "biopsy",
        labelIt: "Biopsia osteomidollare",
        labelEn: "Bone-marrow biopsy",
        minimums: [{ year: 2, degree: "support", count: 4 }],
      },
    ],
  });
  const [visit, biopsy] = [catalogue.activities[0]!, catalogue.activities[1]!];
  const entry = (date: string, department: string, activityId: string, status: "pending" | "certified" | "returned", count = 1) =>
    createLogbookEntry({
      residentId: resident.id,
      activityId,
      departmentId: department,
      date: d(date),
      count,
      tutorId: tutor.id,
      status,
      degree: "autonomy",
    });
  await entry("2025-11-01", oncology.id, visit.id, "certified", 3);
  await entry("2026-03-31", oncology.id, visit.id, "certified", 2);
  await entry("2026-02-02", oncology.id, visit.id, "pending", 5);
  await entry("2026-02-03", oncology.id, biopsy.id, "returned", 1);
  await entry("2026-05-04", haematology.id, biopsy.id, "certified", 1);
  await entry("2026-11-01", haematology.id, biopsy.id, "certified", 7);
  return { tag, admin, tutor, user, resident, programme, first, oncology, haematology };
}

describe("the certified logbook extract", () => {
  it("lists only certified entries of the period, first and last day included, with who certified them", async () => {
    const w = await world();
    const found = await certifiedEntries({ resident: { id: w.resident.id }, from: d("2025-11-01"), to: d("2026-10-31") });
    expect(found.entries.map((e) => [e.date, e.count, e.certifiedBy])).toEqual([
      [d("2025-11-01"), 3, w.tutor.name],
      [d("2026-03-31"), 2, w.tutor.name],
      [d("2026-05-04"), 1, w.tutor.name],
    ]);
  });

  it("covers one rotation: its dates and its department only", async () => {
    const w = await world();
    const found = await certifiedEntries({
      resident: { userId: w.user.id },
      from: d("2020-01-01"),
      to: d("2029-12-31"),
      rotationId: w.first.id,
    });
    expect([found.from, found.to]).toEqual([d("2025-11-01"), d("2026-03-31")]);
    expect(found.rotation).toEqual({ department: w.oncology.name });
    expect(found.entries.map((e) => e.count)).toEqual([3, 2]);
  });

  it("is issued with its figures, recorded in the history, and confirmed by /verify", async () => {
    const w = await world();
    const extract = await issueLogbookExtract(
      { holderId: w.user.id, from: d("2025-11-01"), to: d("2026-10-31"), locale: "it" },
      w.admin.id,
    );
    expect(extract).toMatchObject({ performed: 6, holder: { name: w.user.name, yearOfTraining: 2 } });
    const verified = await verifyCertificate(extract.code.toLowerCase());
    expect(verified).toMatchObject({ kind: "resident-logbook", holderName: w.user.name, entries: 3, performed: 6 });
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { entityType: "certificate", actorId: w.admin.id },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(event.changes)).toMatchObject({ kind: [null, "resident-logbook"], entries: [null, 3] });

    const progress = await extractProgress(w.user.id, d("2026-10-31"));
    expect(progress?.rows.map((r) => [r.code, r.cells.autonomy.year.done])).toEqual([
      ["first-visit", 5],
      ["biopsy", 1],
    ]);
    const { text } = await pdfText(await renderLogbookExtractPdf(extract, { origin: "https://portal.example.org", progress }));
    for (const expected of [
      "Estratto certificato del libretto diario",
      w.user.name,
      "Prima visita",
      "novembre 2025",
      w.tutor.name,
      "5 / 10",
      extract.code,
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("includes, when asked, the signed evaluations of the rotations the period touches, with the resident's reading", async () => {
    const w = await world();
    const form = await prisma.evaluationForm.create({
      data: {
        kind: "tutor-resident",
        programmeId: w.programme.id,
        versions: {
          create: {
            version: 1,
            items: JSON.stringify([
              {
                key: "knowledge",
                type: "rating",
                required: true,
                label: { it: "Conoscenze", en: "Knowledge" },
                scale: { it: ["Scarse", "Buone", "Ottime"], en: ["Poor", "Good", "Excellent"] },
              },
              { key: "ready", type: "yesno", required: true, label: { it: "Pronto per l'autonomia", en: "Ready for autonomy" } },
              { key: "notes", type: "text", required: false, label: { it: "Note", en: "Notes" } },
            ]),
          },
        },
      },
      select: { versions: { select: { id: true } } },
    });
    const formVersionId = form.versions[0]!.id;
    const rotation = (departmentId: string, start: string, end: string) =>
      prisma.rotation.create({
        data: { residentId: w.resident.id, departmentId, tutorId: w.tutor.id, startDate: d(start), endDate: d(end), state: "confirmed" },
      });
    const second = await rotation(w.haematology.id, "2026-04-01", "2026-10-31");
    const later = await rotation(w.oncology.id, "2026-11-01", "2027-01-31");
    const signedBy = { signedAt: d("2026-04-05"), signedById: w.tutor.id };
    await prisma.tutorEvaluation.createMany({
      data: [
        {
          rotationId: w.first.id,
          formVersionId,
          answers: JSON.stringify({ knowledge: 3, ready: true, notes: "Solid on first visits" }),
          ...signedBy,
          acknowledgedAt: d("2026-04-09"),
          residentComment: "Thank you",
        },
        { rotationId: second.id, formVersionId, answers: JSON.stringify({ knowledge: 2 }) }, // a draft: never printed
        { rotationId: later.id, formVersionId, answers: JSON.stringify({ knowledge: 1, ready: false }), ...signedBy }, // outside the period
      ],
    });
    const period = { holderId: w.user.id, from: d("2025-11-01"), to: d("2026-10-31"), locale: "en" as const };

    const extract = await issueLogbookExtract({ ...period, withEvaluations: true }, w.admin.id);
    expect(extract.evaluations?.map((e) => [e.rotationId, e.answers, e.signedBy, e.residentComment])).toEqual([
      [w.first.id, { knowledge: 3, ready: true, notes: "Solid on first visits" }, w.tutor.name, "Thank you"],
    ]);
    expect(await verifyCertificate(extract.code)).toMatchObject({ entries: 3, evaluations: 1 });
    const { text } = await pdfText(await renderLogbookExtractPdf(extract, { origin: "https://portal.example.org" }));
    for (const expected of [
      "Signed evaluations",
      `Evaluation: ${w.oncology.name}`,
      "Knowledge",
      "Excellent (3/3)",
      "Ready for autonomy",
      "Solid on first visits",
      "Thank you",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("Poor (1/3)");

    // One rotation: that rotation's evaluation alone, whatever the period.
    const single = await issueLogbookExtract({ ...period, rotationId: later.id, withEvaluations: true }, w.admin.id);
    expect(single.evaluations?.map((e) => [e.rotationId, e.acknowledgedAt])).toEqual([[later.id, null]]);
    expect(await pdfText(await renderLogbookExtractPdf(single, { origin: "https://portal.example.org" }))).toMatchObject({
      text: expect.stringContaining("Not yet"),
    });

    // Not asked for: none printed, and /verify says nothing of them.
    const plain = await issueLogbookExtract(period, w.admin.id);
    expect(plain.evaluations).toBeNull();
    expect(await verifyCertificate(plain.code)).toMatchObject({ evaluations: null });
    expect((await pdfText(await renderLogbookExtractPdf(plain, { origin: "https://portal.example.org" }))).text).not.toContain("Knowledge");

    // Someone else's evaluations never reach this resident's extract.
    const other = await world();
    const theirs = await issueLogbookExtract({ ...period, holderId: other.user.id, withEvaluations: true }, w.admin.id);
    expect(theirs.evaluations).toEqual([]);
    expect((await pdfText(await renderLogbookExtractPdf(theirs, { origin: "https://portal.example.org" }))).text).toContain(
      "No signed evaluation for the rotations of this period.",
    );
  });

  it("refuses a period too long, a rotation of someone else, and a person without a training record", async () => {
    const w = await world();
    const other = await world();
    await expect(
      issueLogbookExtract({ holderId: w.user.id, from: d("2010-01-01"), to: d("2026-01-01"), locale: "en" }, w.admin.id),
    ).rejects.toEqual(refused("to", "certificates.notIssued.tooLong"));
    await expect(
      issueLogbookExtract(
        { holderId: w.user.id, from: d("2025-01-01"), to: d("2026-01-01"), rotationId: other.first.id, locale: "en" },
        w.admin.id,
      ),
    ).rejects.toEqual(refused("rotationId", "certificates.logbook.unknownRotation", 400));
    await expect(
      issueLogbookExtract({ holderId: w.tutor.id, from: d("2025-01-01"), to: d("2026-01-01"), locale: "en" }, w.admin.id),
    ).rejects.toEqual(refused("holderId", "certificates.logbook.notResident", 404));
    expect(await prisma.certificate.count({ where: { holderId: { in: [w.user.id, w.tutor.id] } } })).toBe(0);
  });
});
