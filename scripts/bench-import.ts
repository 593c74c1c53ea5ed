// How long the university's list takes to check and import: `npm run bench:import [-- --rows 5000]`.
// Builds a fresh database under data/bench-import, then times each step of the import as the pages
// run it (upload check, preview, confirm), a second upload of the same list (nothing to write) and a
// list in which every row changes (updates). Prints one line per step.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

const rows = Number(process.argv[process.argv.indexOf("--rows") + 1]) || 5000;
const dir = path.resolve("data/bench-import");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
process.env.DATABASE_URL = `file:${dir}/bench.db`;
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: process.env });

const { prisma, prepareDatabase } = await import("~/utils/db.server");
const { applyImport, createImport, previewImport } = await import("~/models/resident-import.server");
const { templateHeader } = await import("~/domain/resident-import");
const { toCsv } = await import("~/utils/csv");
await prepareDatabase();

const admin = await prisma.user.create({ data: { email: "bench-admin@example.test", name: "Bench" } });
const tutor = await prisma.user.create({
  data: { email: "bench-tutor@example.test", name: "Tutor", roles: { create: { role: "tutor" } } },
});
const university = await prisma.university.create({
  data: {
    name: "Ateneo di prova",
    city: "Milano",
    programmes: { create: { specialtyCode: "oncologia-medica", directorName: "P", directorEmail: "p@example.it", durationYears: 5 } },
  },
});
const list = (year: (i: number) => number) =>
  toCsv(
    templateHeader("it"),
    Array.from({ length: rows }, (_, i) => [
      `B${i}`,
      `Cognome${i}`,
      "Nome",
      `r${i}@bench.example.it`,
      "Oncologia medica",
      year(i),
      "01/11/2026",
      "31/10/2027",
      tutor.email,
      "",
      "",
    ]),
    "it",
  );

async function time<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.log(`${label.padEnd(44)} ${(performance.now() - started).toFixed(0).padStart(6)} ms`);
  return result;
}

console.log(`Import of ${rows} rows (${process.platform}, Node ${process.version})`);
const first = await time("upload check (new list)", () =>
  createImport({ universityId: university.id, fileName: "a.csv", content: list(() => 1) }, admin.id),
);
await time("preview", () => previewImport(first.id));
await time("confirm: create every resident", () => applyImport(first.id, admin.id));
const same = await time("upload check (same list again)", () =>
  createImport({ universityId: university.id, fileName: "b.csv", content: list(() => 1) }, admin.id),
);
const summary = (await previewImport(same.id))!.summary;
console.log(`  → ${summary.unchanged} unchanged, ${summary.create} new`);
const next = await time("upload check (every row changes)", () =>
  createImport({ universityId: university.id, fileName: "c.csv", content: list(() => 2) }, admin.id),
);
await time("confirm: update every resident", () => applyImport(next.id, admin.id));
await prisma.$disconnect();
