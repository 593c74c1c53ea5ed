import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { toIsoDate } from "~/domain/dates";
import { temporaryDatabase } from "../../test/temp-db";
import { dateOf } from "./days";
import { buildPlan, type DatasetSize } from "./plan";
import { tablesOf } from "./rows";
import { writeDatabase } from "./write";

/**
 * A small plan written by the better-sqlite3 writer into a database of its own (a copy of the migrated
 * template, never the worker's), then read back by Prisma and judged by the app's own dashboard check
 * (app/models/broken-rotations.server.ts) and logbook reads in a child process pointed at that file.
 */
const SMALL: DatasetSize = {
  universities: 2,
  programmes: 10,
  departments: 4,
  tutors: 8,
  residents: 80,
  rotations: 400,
  sessions: 120,
  attendance: 900,
};
const TODAY = new Date(Date.UTC(2026, 10, 25));
const database = await temporaryDatabase("seed-large");
afterAll(() => database.dispose());

describe("the large dataset's writer", () => {
  it("stores rows Prisma reads back as written, with no rotation the app flags", async () => {
    const plan = buildPlan(SMALL, 3, TODAY);
    const tables = tablesOf(plan, "$argon2id$test");
    writeDatabase(database.file, tables, () => {});

    const db = database.client;
    expect(await db.rotation.count()).toBe(400);
    expect(await db.attendance.count()).toBe(900);
    expect(await db.logbookCatalogue.count()).toBe(10);
    expect(await db.logbookActivity.count()).toBe(plan.logbook.activityCount);
    expect(await db.logbookEntry.count()).toBe(plan.logbook.entryCount);
    expect(await db.logbookMonth.count()).toBe(plan.logbook.monthCount);
    const entry = await db.logbookEntry.findFirstOrThrow({
      where: { status: "certified" },
      include: { activity: { include: { catalogue: true } } },
    });
    expect(entry.decidedById).toBe(entry.tutorId);
    expect(entry.decidedAt!.getTime()).toBeGreaterThan(entry.date.getTime());
    expect(entry.updatedAt).toEqual(entry.decidedAt);
    expect(entry.activity.catalogue.version).toBe(1);
    expect(JSON.parse(entry.activity.minimums)).toEqual(expect.arrayContaining([expect.objectContaining({ degree: expect.any(String) })]));
    const demo = await db.user.findUniqueOrThrow({ where: { email: "resident@example.org" }, include: { roles: true, resident: true } });
    expect(demo.roles.map((r) => r.role)).toEqual(["resident"]);
    expect(demo.passwordHash).toBe("$argon2id$test");
    expect(demo.active).toBe(true);
    expect(demo.resident!.stayStart).toEqual(dateOf(plan.residents.stayStart[0]!));
    const first = await db.rotation.findFirstOrThrow({ orderBy: { id: "asc" } });
    expect(first.startDate).toEqual(dateOf(plan.rotations.start[0]!));
    const session = await db.teachingSession.findFirstOrThrow({ where: { confirmedAt: { not: null } }, include: { tutors: true } });
    expect(session.tutors.find((t) => t.lead)?.userId).toBe(session.confirmedById);
    // The attendance marks' counts, made once after the load (their triggers were off), are the marks'.
    const [tally] = await db.$queryRawUnsafe<Array<{ rows: number | bigint; marks: number | bigint }>>(
      `SELECT count(*) AS "rows", sum("marks") AS "marks" FROM "AttendanceTally"`,
    );
    expect(Number(tally!.marks)).toBe(900);
    expect(Number(tally!.rows)).toBeGreaterThan(0);

    // Evaluations: the counts planned, a signed one by its rotation's tutor, answers Prisma reads back.
    const ev = plan.evaluations;
    expect(await db.evaluationForm.count()).toBe(2);
    expect(await db.evaluationFormVersion.count()).toBe(2);
    expect(await db.tutorEvaluation.count()).toBe(ev.tutorEvaluationCount);
    expect(await db.tutorEvaluation.count({ where: { signedAt: { not: null } } })).toBe(ev.signedCount);
    expect(await db.evaluationSubmission.count()).toBe(ev.submissionCount);
    expect(await db.evaluationAnswer.count()).toBe(ev.releasedCount);
    expect(await db.sealedEvaluationAnswer.count()).toBe(ev.sealedCount);
    expect(ev.releasedCount + ev.sealedCount).toBe(ev.submissionCount);
    const releases = await db.evaluationRelease.findMany();
    expect(releases.reduce((n, r) => n + r.answers, 0)).toBe(ev.releasedCount);
    expect(releases.every((r) => r.releasedAt.getTime() === TODAY.getTime())).toBe(true);
    const signed = await db.tutorEvaluation.findFirstOrThrow({
      where: { signedAt: { not: null } },
      include: { rotation: true, formVersion: { include: { form: true } } },
    });
    expect(signed.signedById).toBe(signed.rotation.tutorId);
    expect(signed.signedAt!.getTime()).toBeGreaterThan(signed.rotation.endDate.getTime());
    expect(signed.formVersion.form.kind).toBe("tutor-resident");
    expect(Object.keys(JSON.parse(signed.answers) as object)).toEqual(expect.arrayContaining(["knowledge", "objectives-met"]));
    const answer = await db.evaluationAnswer.findFirstOrThrow({ include: { formVersion: { include: { form: true } }, department: true } });
    expect(answer.formVersion.form.kind).toBe("resident-rotation");
    expect(answer.redacted).toBe("[]");
    expect(typeof (JSON.parse(answer.answers) as Record<string, unknown>).recommend).toBe("boolean");
    const sealed = await db.sealedEvaluationAnswer.findFirst();
    if (sealed) expect(Object.keys(JSON.parse(sealed.payload) as object)).toEqual(["formVersionId", "tutorId", "departmentId", "answers"]);

    const run = spawnSync("npx", ["tsx", "scripts/large-dataset/check.ts", "--today", toIsoDate(TODAY)], {
      env: { ...process.env, DATABASE_URL: database.url },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
    expect(result.broken).toBe(0);
    // The logbooks as the app reads them: none outside a rotation, the demo accounts' queue and months.
    expect(result.entriesOutsideRotations).toBe(0);
    expect(result.demoTutorPending).toBeGreaterThan(0);
    expect(result.demoResidentEntries).toBeGreaterThan(10);
    expect(result.demoResidentActivities).toBeGreaterThanOrEqual(11);
    // The evaluations as the domain's rules judge them on the stored rows.
    expect(result.evaluationProblems, JSON.stringify(result.evaluationProblemKinds)).toBe(0);
    expect(result.evaluations).toMatchObject({ submissions: plan.evaluations.submissionCount, released: plan.evaluations.releasedCount });
  }, 60_000);
});
