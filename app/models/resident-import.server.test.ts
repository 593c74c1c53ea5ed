import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import { templateHeader } from "~/domain/resident-import";
import { toCsv } from "~/utils/csv";
import { prisma } from "~/utils/db.server";
import { createUniversity } from "../../test/factories";
import { applyImport, createImport, previewImport } from "./resident-import.server";
import { refused } from "../../test/refused";
import { Refused } from "~/domain/refusal";

const d = (iso: string) => parseIsoDate(iso)!;

/** A university with two programmes, a tutor and an administrator, all unique to the test. */
async function world() {
  const tag = randomUUID().slice(0, 8);
  const actor = await prisma.user.create({ data: { email: `admin-${tag}@example.test`, name: "Admin" } });
  const tutor = await prisma.user.create({
    data: { email: `tutor-${tag}@example.test`, name: "Tutor", roles: { create: { role: "tutor" } } },
  });
  const university = await createUniversity({
    name: `Ateneo import ${tag}`,
    city: "Pavia",
    programmes: [{ specialtyCode: "oncologia-medica" }, { specialtyCode: "radioterapia" }],
  });
  return { tag, actor, tutor, university };
}

type World = Awaited<ReturnType<typeof world>>;

/** The university's list, written the way Excel in Italian would save it. */
function file(w: World, rows: Array<Partial<Record<string, string>>>) {
  const lines = rows.map((r, i) => {
    const values: Record<string, string> = {
      matricola: `${w.tag}-${i}`,
      cognome: `Cognome${i}`,
      nome: "Anna",
      email: `anna${i}-${w.tag}@studenti.example.it`,
      scuola: "Oncologia medica",
      anno: "1",
      inizio_permanenza: "01/11/2026",
      fine_permanenza: "31/10/2027",
      email_tutor: w.tutor.email,
      polizza: "",
      scadenza_polizza: "",
      ...r,
    };
    return templateHeader("it").map((h) => values[h]);
  });
  return toCsv(templateHeader("it"), lines, "it");
}

const upload = (w: World, content: string) => createImport({ universityId: w.university.id, fileName: "elenco.csv", content }, w.actor.id);

describe("importing the university's list", () => {
  it("previews without writing, then creates every resident with the role, record and audit event", async () => {
    const w = await world();
    const { id } = await upload(w, file(w, [{}, { scuola: "Radioterapia", anno: "4" }]));
    const preview = (await previewImport(id))!;
    expect(preview.summary).toMatchObject({ rows: 2, create: 2, invalid: 0 });
    expect(await prisma.user.count({ where: { email: { contains: w.tag, startsWith: "anna" } } })).toBe(0);

    expect(await applyImport(id, w.actor.id)).toMatchObject({ create: 2 });
    const residents = await prisma.resident.findMany({
      where: { user: { email: { endsWith: `${w.tag}@studenti.example.it` } } },
      include: { user: { include: { roles: true } } },
      orderBy: { studentNumber: "asc" },
    });
    expect(residents.map((r) => [r.user.name, r.yearOfTraining, r.stayStart, r.tutorId, r.user.roles.map((x) => x.role)])).toEqual([
      ["Anna Cognome0", 1, d("2026-11-01"), w.tutor.id, ["resident"]],
      ["Anna Cognome1", 4, d("2026-11-01"), w.tutor.id, ["resident"]],
    ]);
    expect(await prisma.auditEvent.count({ where: { action: "import", entityId: { in: residents.map((r) => r.id) } } })).toBe(2);
    // Applying twice is refused.
    await expect(applyImport(id, w.actor.id)).rejects.toEqual(refused(null, "residentImport.alreadyApplied"));
  });

  it("updates the people it already knows when the same list comes again, instead of duplicating them", async () => {
    const w = await world();
    const first = await upload(w, file(w, [{}, {}]));
    await applyImport(first.id, w.actor.id);
    const again = await upload(w, file(w, [{}, {}]));
    expect((await previewImport(again.id))!.summary).toMatchObject({ unchanged: 2, create: 0 });
    // Next year: both move up a year, and one changed e-mail (found by student number).
    const next = await upload(w, file(w, [{ anno: "2" }, { anno: "2", email: `nuova-${w.tag}@studenti.example.it` }]));
    expect(await applyImport(next.id, w.actor.id)).toMatchObject({ update: 2, create: 0 });
    const residents = await prisma.resident.findMany({
      where: { studentNumber: { startsWith: w.tag } },
      include: { user: true },
      orderBy: { studentNumber: "asc" },
    });
    expect(residents.map((r) => [r.yearOfTraining, r.user.email])).toEqual([
      [2, `anna0-${w.tag}@studenti.example.it`],
      [2, `nuova-${w.tag}@studenti.example.it`],
    ]);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: residents[1]!.id, action: "import" },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(audit.changes)).toEqual({
      email: [`anna1-${w.tag}@studenti.example.it`, `nuova-${w.tag}@studenti.example.it`],
      yearOfTraining: [1, 2],
    });
  });

  it("writes nothing when a row has a problem, even one that appears after the preview", async () => {
    const w = await world();
    const bad = await upload(w, file(w, [{}, { fine_permanenza: "01/01/2026" }]));
    expect((await previewImport(bad.id))!.rows[1]!.problems.map((p) => p.code)).toEqual(["stayEndBeforeStart"]);
    await expect(applyImport(bad.id, w.actor.id)).rejects.toEqual(refused(null, "residentImport.changedSince"));

    const good = await upload(w, file(w, [{}, {}]));
    expect((await previewImport(good.id))!.summary.invalid).toBe(0);
    // Between preview and confirmation the tutor loses the tutor role: the second check catches it.
    await prisma.userRole.delete({ where: { userId_role: { userId: w.tutor.id, role: "tutor" } } });
    await expect(applyImport(good.id, w.actor.id)).rejects.toEqual(refused(null, "residentImport.changedSince"));
    expect(await prisma.resident.count({ where: { studentNumber: { startsWith: w.tag } } })).toBe(0);
    expect((await prisma.residentImport.findUniqueOrThrow({ where: { id: good.id } })).appliedAt).toBeNull();
  });

  it("refuses files it cannot read, saying why", async () => {
    const w = await world();
    const reason = (content: string) =>
      upload(w, content).catch((e: unknown) =>
        e instanceof Refused ? [e.refusals[0]!.key.replace("residentImport.fileErrors.", ""), e.refusals[0]!.values ?? {}] : e,
      );
    expect(await reason("")).toEqual(["empty", {}]);
    expect(await reason("matricola;cognome\r\n")).toEqual(["empty", {}]);
    expect(await reason("cognome;nome;email\r\nRossi;Anna;a@x.it\r\n")).toEqual([
      "missingColumns",
      { columns: "studentNumber, specialty, year, stayStart, stayEnd" },
    ]);
    expect(await reason("%PDF-1.4\u0000\u0001")).toEqual(["notText", {}]);
    expect(await reason("x".repeat(5 * 1024 * 1024 + 1))).toEqual(["tooLarge", { max: 5 }]);
  });

  it("imports 5,000 rows in one transaction in seconds", async () => {
    const w = await world();
    const rows = Array.from({ length: 5000 }, (_, i) => ({ anno: String((i % 5) + 1) }));
    const { id } = await upload(w, file(w, rows));
    const stages: string[] = [];
    const summary = await applyImport(id, w.actor.id, (p) => void stages.push(`${p.stage}:${p.done}/${p.total}`));
    expect(summary.create).toBe(5000);
    expect(stages).toContain("writing:5000/5000");
    expect(stages[0]).toBe("checking:500/5000");
    expect(await prisma.resident.count({ where: { studentNumber: { startsWith: w.tag } } })).toBe(5000);
  }, 60_000);
});
