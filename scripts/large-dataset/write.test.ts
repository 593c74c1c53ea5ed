import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { toIsoDate } from "~/domain/dates";
import { verifyAuditLog } from "~/models/audit.server";
import type { prisma } from "~/utils/db.server";
import { temporaryDatabase } from "../../test/temp-db";
import { TEST_DATABASE } from "../../test/test-database";
import { dateOf } from "./days";
import { buildPlan, type DatasetSize } from "./plan";
import { tablesOf, type TableRows } from "./rows";
import { writeDatabase } from "./write";

/**
 * A small plan written by the writer of the suite's database (better-sqlite3 on SQLite, COPY on
 * PostgreSQL) into a database of its own (a copy of the migrated template, never the worker's), then read
 * back by Prisma and judged by the app's own dashboard check (app/models/broken-rotations.server.ts) and
 * logbook reads in a child process pointed at that database. The same assertions on both.
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

type Client = typeof database.client;

/**
 * What the writer sets aside while it loads and must put back: every index, trigger (and whether it is
 * enabled) and foreign key, as the database's catalogue describes them.
 */
function schemaOf(db: Client): Promise<unknown[]> {
  return db.$queryRawUnsafe(
    TEST_DATABASE === "postgres"
      ? `SELECT 'index' AS "kind", indexdef AS "definition" FROM pg_indexes WHERE schemaname = current_schema()
         UNION ALL SELECT 'trigger', tgname::text || ' ' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal
         UNION ALL SELECT 'constraint', conrelid::regclass::text || ' ' || conname::text || ' ' || pg_get_constraintdef(oid)
           FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
         ORDER BY 1, 2`
      : `SELECT type AS "kind", name || ' ' || coalesce(sql, '') AS "definition" FROM sqlite_master
         WHERE type IN ('index', 'trigger', 'table') AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY 1, 2`,
  );
}

/** Every table's rows, with those of `table` changed by `change` (a row and its number, from 0). */
function changed(tables: TableRows[], table: string, change: (row: unknown[], n: number) => unknown[]): TableRows[] {
  return tables.map((t) =>
    t.table !== table
      ? t
      : {
          ...t,
          rows: function* () {
            let n = 0;
            for (const row of t.rows()) yield change(row, n++);
          },
        },
  );
}

describe("the large dataset's writer", () => {
  it("stores rows Prisma reads back as written, with no rotation the app flags", async () => {
    const plan = buildPlan(SMALL, 3, TODAY);
    const tables = tablesOf(plan, "$argon2id$test");
    const db = database.client;
    const before = await schemaOf(db);
    await writeDatabase(database.url, tables, () => {});
    expect(await schemaOf(db)).toEqual(before);
    if (TEST_DATABASE === "postgres") {
      // Loaded by COPY FREEZE: every page of the table is all-visible from the start.
      const [pages] = await db.$queryRawUnsafe<Array<{ relpages: number; relallvisible: number }>>(
        `SELECT relpages, relallvisible FROM pg_class WHERE relname = 'LogbookEntry'`,
      );
      expect(pages!.relpages).toBeGreaterThan(0);
      expect(pages!.relallvisible).toBe(pages!.relpages);
    }
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

    // The derived data its triggers would have kept: every person's search text, every table's version
    // moved; and the triggers at work again for what the app writes next.
    const texts = await db.$queryRawUnsafe<Array<{ text: string }>>(
      `SELECT t."text" FROM "PersonSearchText" t JOIN "User" u ON u."id" = t."userId" WHERE u."email" = 'resident@example.org'`,
    );
    expect(texts).toEqual([{ text: `${demo.name} ${demo.email} ${demo.resident!.studentNumber}` }]);
    expect(Number((await db.$queryRawUnsafe<Array<{ n: number | bigint }>>(`SELECT count(*) AS n FROM "PersonSearchText"`))[0]!.n)).toBe(
      await db.user.count(),
    );
    const version = async () =>
      Number(
        (await db.$queryRawUnsafe<Array<{ version: number | bigint }>>(`SELECT "version" FROM "TableVersion" WHERE "name" = 'User'`))[0]!
          .version,
      );
    const moved = await version();
    expect(moved).toBeGreaterThan(0);
    const added = await db.user.create({ data: { email: "after-the-load@example.org", name: "Dopo Carico" } });
    expect(await version()).toBe(moved + 1);
    expect(await db.$queryRawUnsafe(`SELECT "text" FROM "PersonSearchText" WHERE "userId" = '${added.id}'`)).toEqual([
      { text: "Dopo Carico after-the-load@example.org" },
    ]);
    // The audit chain (empty: the generated history is not the app's) verifies.
    expect(await verifyAuditLog({ db: db as unknown as typeof prisma })).toMatchObject({ ok: true });
    // Written once: a database with rows is refused before anything is set aside.
    await expect(writeDatabase(database.url, tables, () => {})).rejects.toThrow(/User already has rows/);
    expect(await schemaOf(db)).toEqual(before);
  }, 60_000);

  it("refuses rows that point at nothing", async () => {
    const other = await temporaryDatabase("seed-large-orphan");
    try {
      const before = await schemaOf(other.client);
      const tables = changed(tablesOf(buildPlan(SMALL, 3, TODAY), "$argon2id$test"), "Rotation", (row, n) =>
        n === 7 ? [row[0], "no-such-resident", ...row.slice(2)] : row,
      );
      await expect(writeDatabase(other.url, tables, () => {})).rejects.toThrow(/Foreign keys broken/);
      // PostgreSQL's load is one transaction: nothing of it is left. (SQLite's builder removes its temporary file.)
      if (TEST_DATABASE === "postgres") {
        expect(await other.client.user.count()).toBe(0);
        expect(await schemaOf(other.client)).toEqual(before);
      }
    } finally {
      await other.dispose();
    }
  }, 60_000);

  it.runIf(TEST_DATABASE === "postgres")(
    "cut short on PostgreSQL, leaves the database as migrated, ready to be written",
    async () => {
      const other = await temporaryDatabase("seed-large-cut");
      try {
        const before = await schemaOf(other.client);
        const tables = tablesOf(buildPlan(SMALL, 3, TODAY), "$argon2id$test");
        // The generator fails in the middle of a COPY: the server is told to abandon it (CopyFail).
        const failing = changed(tables, "LogbookEntry", (row, n) => {
          if (n === 500) throw new Error("the generator stopped");
          return row;
        });
        await expect(writeDatabase(other.url, failing, () => {})).rejects.toThrow("the generator stopped");
        // A row the server refuses in the middle of a COPY: a text where a time goes.
        const refused = changed(tables, "Attendance", (row, n) => (n === 300 ? [...row.slice(0, 3), "not a time", ...row.slice(4)] : row));
        await expect(writeDatabase(other.url, refused, () => {})).rejects.toThrow(
          /^Attendance: invalid input syntax for type timestamp.*line 301, column markedAt/,
        );
        expect(await other.client.user.count()).toBe(0);
        expect(await schemaOf(other.client)).toEqual(before);

        await writeDatabase(other.url, tables, () => {});
        expect(await other.client.logbookEntry.count()).toBe(tables.find((t) => t.table === "LogbookEntry")!.count);
      } finally {
        await other.dispose();
      }
    },
    60_000,
  );
});
