// The child process of scripts/crash.test.ts: work that writes in one transaction, done the way the pages
// do it, announced line by line so that the test can kill it (SIGKILL) while the transaction is open.
// DATABASE_URL names the database. Lines printed: "ready" (fixtures in place, nothing open), "import
// <id>", "under way <stage> <done>/<total>" (progress of an import's transaction), "done".
//   npx tsx scripts/crash-work.ts import <tag> <rows>   a list of <rows> new residents, uploaded then applied
//   npx tsx scripts/crash-work.ts apply <id>…           the same imports applied again
//   npx tsx scripts/crash-work.ts series <tag>…         a weekly series of 52 sessions titled <tag>, for each tag
import { templateHeader } from "~/domain/resident-import";
import { applyImport, createImport } from "~/models/resident-import.server";
import { createTeaching } from "~/models/teaching.server";
import { teachingCreateSchema } from "~/schemas/teaching";
import { toCsv } from "~/utils/csv";
import { prepareDatabase, prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";

const [what, ...args] = process.argv.slice(2);
await prepareDatabase();
// SQLite: a page cache of 256 KB instead of 8 MB: the transaction spills its pages into the WAL before it
// commits, as a national-size import would, so a kill leaves uncommitted frames on disk to be ignored.
// (PostgreSQL's server aborts the transaction of a connection that goes away.)
if (env.DATABASE_DIALECT === "sqlite") await prisma.$queryRawUnsafe("PRAGMA cache_size = 64");

async function fixtures() {
  const admin = await prisma.user.upsert({
    where: { email: "crash-admin@example.test" },
    update: {},
    create: { email: "crash-admin@example.test", name: "Crash Admin" },
  });
  const tutor = await prisma.user.upsert({
    where: { email: "crash-tutor@example.test" },
    update: {},
    create: { email: "crash-tutor@example.test", name: "Crash Tutor", roles: { create: { role: "tutor" } } },
  });
  const university =
    (await prisma.university.findFirst({ where: { name: "Ateneo crash" }, include: { programmes: true } })) ??
    (await prisma.university.create({
      data: {
        name: "Ateneo crash",
        city: "Milano",
        programmes: { create: { specialtyCode: "oncologia-medica", directorName: "P", directorEmail: "p@example.it", durationYears: 5 } },
      },
      include: { programmes: true },
    }));
  return { admin, tutor, university, programme: university.programmes[0]! };
}

const { admin, tutor, university, programme } = await fixtures();
console.log("ready");
const progress = (p: { stage: string; done: number; total: number }) => console.log(`under way ${p.stage} ${p.done}/${p.total}`);

if (what === "import") {
  const [tag, rows] = [args[0]!, Number(args[1])];
  const content = toCsv(
    templateHeader("it"),
    Array.from({ length: rows }, (_, i) => [
      `${tag}-${i}`,
      `Cognome${i}`,
      "Nome",
      `${tag}-r${i}@crash.example.it`,
      "Oncologia medica",
      1,
      "01/11/2026",
      "31/10/2027",
      tutor.email,
      "",
      "",
    ]),
    "it",
  );
  const stored = await createImport({ universityId: university.id, fileName: `${tag}.csv`, content }, admin.id);
  console.log(`import ${stored.id}`);
  await applyImport(stored.id, admin.id, progress);
} else if (what === "apply") {
  for (const id of args) await applyImport(id, admin.id, progress);
} else if (what === "series") {
  for (const tag of args) {
    const input = teachingCreateSchema.parse({
      title: tag,
      type: "lecture",
      date: "2027-01-04",
      startTime: "09:00",
      durationMinutes: "60",
      programmeIds: [programme.id],
      repeat: "weekly",
      until: "2027-12-27",
    });
    await createTeaching(input, tutor.id);
  }
} else {
  throw new Error(`Unknown work: ${what}`);
}
console.log("done");
await prisma.$disconnect();
