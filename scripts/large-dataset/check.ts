// Judges a generated database with the app's own code, as the dashboard does:
// `DATABASE_URL=file:<db> npx tsx scripts/large-dataset/check.ts [--today YYYY-MM-DD] [--write]`.
// Prints one JSON line: the rotations the seven rules now flag (app/models/broken-rotations.server.ts);
// the logbooks as the app reads them (the demo tutor's queue, the demo resident's months and progress,
// and the entries that lie outside a rotation of their resident in their department, or in the future);
// the evaluations against the domain's rules (only confirmed rotations that have opened, signed by their
// tutor, one answer per done mark, sealed only in periods not yet releasable, releases that add up);
// and with --write (ONLY on a copy: it changes the file) that the app can write to it: a rotation
// planned through the app's model (all seven rules checked, audit event appended) and a university's list
// of two residents imported through the import model.
import { hospitalToday, parseIsoDate, toIsoDate } from "~/domain/dates";
import { DEFAULT_EVALUATION_SETTINGS, openBy, periodByKey, periodReleasable } from "~/domain/evaluations";
import { DEFAULT_YEAR_START } from "~/domain/teaching";
import { brokenRotations } from "~/models/broken-rotations.server";
import { applyImport, createImport } from "~/models/resident-import.server";
import { translator } from "~/i18n/i18n";
import { messageText } from "~/i18n/message";
import { monthStates } from "~/models/logbook.server";
import { residentProgress } from "~/models/logbook-progress.server";
import { pendingCount } from "~/models/logbook-review.server";
import { checkRotation, createRotation } from "~/models/rotation.server";
import { prisma } from "~/utils/db.server";

const at = process.argv.indexOf("--today");
const today = (at >= 0 ? parseIsoDate(process.argv[at + 1] ?? "") : null) ?? hospitalToday();
const result: Record<string, unknown> = { today: toIsoDate(today) };
const english = translator("en");

try {
  let started = performance.now();
  const broken = await brokenRotations({ today, limit: 3 });
  result.broken = broken.total;
  result.brokenExamples = broken.rotations.map(
    (r) => `${r.residentName} in ${r.departmentName}: ${r.problems.map((m) => messageText(english, m).text).join("; ")}`,
  );
  result.brokenMs = Math.round(performance.now() - started);

  started = performance.now();
  const tutor = await prisma.user.findUniqueOrThrow({ where: { email: "tutor@example.org" }, select: { id: true } });
  const demo = await prisma.resident.findFirstOrThrow({ where: { user: { email: "resident@example.org" } }, select: { id: true } });
  result.demoTutorPending = await pendingCount(tutor.id);
  const months = await monthStates(prisma, demo.id, today);
  result.demoResidentEntries = months.reduce((n, m) => n + m.entries, 0);
  result.demoResidentMonths = {
    all: months.length,
    closed: months.filter((m) => m.closed).length,
    countersigned: months.filter((m) => m.countersigned).length,
  };
  const progress = await residentProgress(demo.id, today);
  result.demoResidentActivities = progress.rows.length;
  // Entries the rules refuse: after today, or on a day no rotation of theirs in that department covers.
  // SQLite stores dates as text ("2026-11-25T00:00:00.000+00:00"), so the comparison is on text there;
  // PostgreSQL reads the same text as a timestamp.
  const endOfToday = `${toIsoDate(today)}T23:59:59`;
  const [outside] = await prisma.$queryRaw<Array<{ orphans: bigint }>>`
    SELECT COUNT(*) AS orphans FROM "LogbookEntry" e
    WHERE e."date" > ${endOfToday} OR NOT EXISTS (
      SELECT 1 FROM "Rotation" r WHERE r."residentId" = e."residentId" AND r."departmentId" = e."departmentId"
        AND r."startDate" <= e."date" AND e."date" <= r."endDate")`;
  result.entriesOutsideRotations = Number(outside?.orphans ?? 0);
  result.logbookMs = Math.round(performance.now() - started);

  // The evaluations, with the hospital's default settings (the generated database has none of its own).
  started = performance.now();
  const settings = DEFAULT_EVALUATION_SETTINGS;
  const opened = openBy(today, settings);
  const notOpen = {
    rotation: {
      OR: [{ state: { not: "confirmed" } }, { startDate: { gt: opened.startOnOrBefore } }, { endDate: { gt: opened.endOnOrBefore } }],
    },
  };
  const [tutorEvaluations, signed, submissions, sealedByPeriod, releasedByPeriod, releases] = await Promise.all([
    prisma.tutorEvaluation.count(),
    prisma.tutorEvaluation.count({ where: { signedAt: { not: null } } }),
    prisma.evaluationSubmission.count(),
    prisma.sealedEvaluationAnswer.groupBy({ by: ["period"], _count: { _all: true } }),
    prisma.evaluationAnswer.groupBy({ by: ["period"], _count: { _all: true } }),
    prisma.evaluationRelease.findMany(),
  ]);
  const sealed = sealedByPeriod.reduce((n, p) => n + p._count._all, 0);
  const released = releasedByPeriod.reduce((n, p) => n + p._count._all, 0);
  const [signers] = await prisma.$queryRaw<Array<{ wrong: bigint }>>`
    SELECT COUNT(*) AS wrong FROM "TutorEvaluation" e JOIN "Rotation" r ON r."id" = e."rotationId"
    WHERE e."signedAt" IS NOT NULL AND (e."signedById" IS DISTINCT FROM r."tutorId" OR e."signedAt" <= r."endDate")`;
  const releasable = (key: string) => {
    const period = periodByKey(key, DEFAULT_YEAR_START);
    return period !== null && periodReleasable(period, today, settings);
  };
  const releasedCount = new Map(releasedByPeriod.map((p) => [p.period, p._count._all]));
  const evaluationProblems = {
    notOpen: (await prisma.tutorEvaluation.count({ where: notOpen })) + (await prisma.evaluationSubmission.count({ where: notOpen })),
    wrongSigner: Number(signers?.wrong ?? 0),
    answersNotSubmissions: Math.abs(submissions - sealed - released),
    sealedReleasable: sealedByPeriod.filter((p) => releasable(p.period)).length,
    releasedTooSoon: releasedByPeriod.filter((p) => !releasable(p.period)).length,
    releasesNotAddingUp:
      releases.filter((r) => releasedCount.get(r.period) !== r.answers).length +
      releasedByPeriod.filter((p) => !releases.some((r) => r.period === p.period)).length,
  };
  result.evaluations = { tutorEvaluations, signed, submissions, sealed, released, releases: releases.length };
  result.evaluationProblems = Object.values(evaluationProblems).reduce((n, v) => n + v, 0);
  if (result.evaluationProblems) result.evaluationProblemKinds = evaluationProblems;
  result.evaluationsMs = Math.round(performance.now() - started);

  if (process.argv.includes("--write")) {
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@example.org" }, select: { id: true } });
    // A one-day rotation on the first day of a stay that begins before its first rotation, where the rules allow it.
    const candidates = await prisma.resident.findMany({
      where: { stayStart: { gt: today } },
      select: { id: true, stayStart: true },
      take: 200,
      orderBy: { id: "asc" },
    });
    started = performance.now();
    for (const resident of candidates) {
      const first = await prisma.rotation.findFirst({
        where: { residentId: resident.id },
        orderBy: { startDate: "asc" },
        select: { startDate: true },
      });
      if (!first || first.startDate <= resident.stayStart) continue;
      const department = await prisma.department.findFirstOrThrow({
        select: { id: true, tutors: { select: { userId: true }, take: 1 } },
        skip: candidates.indexOf(resident) % 10,
      });
      const input = {
        residentId: resident.id,
        departmentId: department.id,
        tutorId: department.tutors[0]!.userId,
        startDate: resident.stayStart,
        endDate: resident.stayStart,
        state: "planned" as const,
      };
      if ((await checkRotation(input)).length > 0) continue;
      result.rotationCreated = (await createRotation(input, admin.id)).id;
      break;
    }
    result.rotationMs = Math.round(performance.now() - started);

    started = performance.now();
    const programme = await prisma.programme.findFirstOrThrow({
      where: { specialtyCode: "oncologia-medica" },
      select: { universityId: true },
    });
    const header = "matricola;cognome;nome;email;scuola;anno;inizio permanenza;fine permanenza";
    const lines = [1, 2].map(
      (n) =>
        `IMP${n};Verdi;Prova${n};prova${n}.verdi@import.example.it;Oncologia medica;1;${toIsoDate(today)};${toIsoDate(new Date(today.getTime() + 200 * 86_400_000))}`,
    );
    const upload = await createImport(
      { universityId: programme.universityId, fileName: "prova.csv", content: [header, ...lines].join("\r\n") },
      admin.id,
    );
    result.imported = await applyImport(upload.id, admin.id);
    result.importMs = Math.round(performance.now() - started);
  }
  console.log(JSON.stringify(result));
} finally {
  await prisma.$disconnect();
}
