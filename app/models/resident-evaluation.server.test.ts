import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { addDays } from "~/domain/dates";
import { periodCloses, periodOf } from "~/domain/evaluations";
import { academicYear } from "~/domain/teaching";
import { prisma } from "~/utils/db.server";
import { columnsOf, STORED_ORDER } from "../../test/catalog";
import { databaseBytes } from "../../test/database-bytes";
import { TEST_DATABASE } from "../../test/test-database";
import { createDepartment, createResident, createUniversity } from "../../test/factories";
import { refused } from "../../test/refused";
import { formFields, fromTwoServers, on, TWO_SERVERS_TIMEOUT } from "../../test/two-servers";
import {
  redactComment,
  releaseClosedPeriods,
  releasedPeriods,
  residentEvaluation,
  resultsFor,
  resultsOverview,
  rotationsToEvaluate,
  submitResidentEvaluation,
  type FieldReader,
} from "./resident-evaluation.server";
import { academicYearStart, evaluationSettings } from "./settings.server";

/**
 * The residents' confidential evaluations of their rotations (issue 18, section 4): who may submit and
 * when, the release of a closed period, the threshold of 5, redaction, and the proof that nothing stored
 * after a release ties an answer to its author.
 */

/** A complete answer of the default form; `comment` and the first rating tell answers apart. */
function answer(rating: number, comment = ""): FieldReader {
  const fields: Record<string, string> = {
    "item.teaching-received": String(rating),
    "item.tutor-available": "4",
    "item.autonomy-fit": "3",
    "item.unit-organisation": "5",
    "item.workload": "2",
    "item.recommend": rating >= 3 ? "yes" : "no",
    "item.comment": comment,
  };
  return formFields(fields);
}

/** The days of an academic year's period: a rotation ending in it, a day its evaluation is due, and the day after it closes. */
async function daysOf(startYear: number) {
  const settings = await evaluationSettings();
  const year = academicYear(startYear, await academicYearStart());
  const start = addDays(year.start, 10);
  const end = addDays(year.start, 40);
  const period = periodOf(end, await academicYearStart(), settings.period);
  const closes = periodCloses(period, settings);
  return { start, end, period: period.key, due: addDays(end, 1), lastDay: closes, afterClose: addDays(closes, 1) };
}

/** A tutor, a department, and `count` residents each with a confirmed rotation there in the academic year `startYear`. */
async function world(count: number, startYear: number, { tutorId, departmentId }: { tutorId?: string; departmentId?: string } = {}) {
  const tag = randomUUID().slice(0, 8);
  const tutor = tutorId
    ? { id: tutorId }
    : await prisma.user.create({
        data: { email: `tutor-${tag}@example.test`, name: `Tutor ${tag}`, roles: { create: { role: "tutor" } } },
      });
  const department = departmentId ? { id: departmentId } : await createDepartment(`Oncologia ${tag}`, 50, [tutor.id]);
  const university = await createUniversity({ name: `Ateneo ${tag}`, programmes: [{ specialtyCode: "oncologia-medica" }] });
  const days = await daysOf(startYear);
  const residents = [];
  for (let i = 0; i < count; i++) {
    const user = await prisma.user.create({
      data: { email: `r${i}-${tag}@example.test`, name: `Resident ${i} ${tag}`, roles: { create: { role: "resident" } } },
    });
    const record = await createResident({
      userId: user.id,
      programmeId: university.programmes[0]!.id,
      studentNumber: `${tag}-${i}`,
      stayStart: addDays(days.start, -400),
      stayEnd: addDays(days.end, 400),
    });
    const rotation = await prisma.rotation.create({
      data: {
        residentId: record.id,
        departmentId: department.id,
        tutorId: tutor.id,
        startDate: days.start,
        endDate: days.end,
        state: "confirmed",
      },
    });
    residents.push({ userId: user.id, residentId: record.id, rotationId: rotation.id });
  }
  return { tag, tutor, department, residents, days };
}

/** Each resident of the world submits, in order, answer `make(i)`. */
async function submitAll(w: Awaited<ReturnType<typeof world>>, make: (i: number) => FieldReader = (i) => answer(1 + (i % 5))) {
  for (const [i, r] of w.residents.entries()) await submitResidentEvaluation(r.userId, r.rotationId, make(i), w.days.due);
}

beforeEach(async () => {
  // Releases cover every period of the database: each test starts with no answers of anyone's.
  await prisma.evaluationAnswer.deleteMany();
  await prisma.sealedEvaluationAnswer.deleteMany();
  await prisma.evaluationRelease.deleteMany();
  await prisma.setting.deleteMany({ where: { key: { startsWith: "evaluations." } } });
});

describe("submitting", () => {
  it("keeps the done mark, a sealed answer with no author, and an audit event without content, in one go", async () => {
    const w = await world(1, 2030);
    const [r] = w.residents;
    await submitResidentEvaluation(r!.userId, r!.rotationId, answer(4, `Ottimo reparto ${w.tag}`), w.days.due);

    expect(await prisma.evaluationSubmission.findUnique({ where: { rotationId: r!.rotationId } })).toEqual({
      rotationId: r!.rotationId,
      residentId: r!.residentId,
    });
    const sealed = await prisma.sealedEvaluationAnswer.findMany({ where: { period: w.days.period } });
    expect(sealed).toHaveLength(1);
    expect(sealed[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const payload = JSON.parse(sealed[0]!.payload) as Record<string, unknown>;
    expect(Object.keys(payload)).toEqual(["formVersionId", "tutorId", "departmentId", "answers"]);
    expect(payload).toMatchObject({ tutorId: w.tutor.id, departmentId: w.department.id });
    expect(sealed[0]!.payload).not.toContain(r!.userId);
    expect(sealed[0]!.payload).not.toContain(r!.residentId);
    expect(sealed[0]!.payload).not.toContain(r!.rotationId);

    const events = await prisma.auditEvent.findMany({ where: { entityType: "residentEvaluation", entityId: r!.rotationId } });
    expect(events.map((e) => [e.action, e.actorId, JSON.parse(e.changes)])).toEqual([["submit", r!.userId, { submitted: [null, true] }]]);
    expect(events[0]!.changes).not.toContain("Ottimo");

    const [listed] = await rotationsToEvaluate(r!.residentId, w.days.due);
    expect(listed).toMatchObject({ rotationId: r!.rotationId, state: "done" });
    expect(await residentEvaluation(r!.userId, r!.rotationId, w.days.due)).toMatchObject({ state: "done", open: false, items: [] });
  });

  it("refuses every unanswered required question beside itself, and a rating off the scale, writing nothing", async () => {
    const w = await world(1, 2030);
    const [r] = w.residents;
    const fields: FieldReader = (name) => ({ "item.teaching-received": "9", "item.recommend": "maybe" })[name];
    const error = await submitResidentEvaluation(r!.userId, r!.rotationId, fields, w.days.due).catch((e: unknown) => e);
    expect(error).toEqual(refused("item.teaching-received", "evaluations.answerProblems.outOfScale", 400));
    expect(error).toEqual(refused("item.recommend", "evaluations.answerProblems.yesOrNo", 400));
    expect(error).toEqual(refused("item.workload", "evaluations.answerProblems.required", 400));
    expect(await prisma.evaluationSubmission.count({ where: { rotationId: r!.rotationId } })).toBe(0);
    expect(await prisma.sealedEvaluationAnswer.count()).toBe(0);
  });

  it(
    "refuses a second submission, and of two at once on two servers keeps exactly one",
    async () => {
      const w = await world(2, 2030);
      const [first, second] = w.residents;
      await submitResidentEvaluation(first!.userId, first!.rotationId, answer(3), w.days.due);
      await expect(submitResidentEvaluation(first!.userId, first!.rotationId, answer(5), w.days.due)).rejects.toEqual(
        refused(null, "residentEvaluations.refusals.alreadySubmitted", 409),
      );
      // Two submissions at once, arriving at two servers.
      const results = await fromTwoServers(
        on("~/models/resident-evaluation.server", submitResidentEvaluation, second!.userId, second!.rotationId, answer(2), w.days.due),
        on("~/models/resident-evaluation.server", submitResidentEvaluation, second!.userId, second!.rotationId, answer(4), w.days.due),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(rejected.reason).toEqual(refused(null, "residentEvaluations.refusals.alreadySubmitted", 409));
      expect(await prisma.sealedEvaluationAnswer.count()).toBe(2);
      expect(await prisma.evaluationSubmission.count({ where: { rotationId: { in: [first!.rotationId, second!.rotationId] } } })).toBe(2);
    },
    TWO_SERVERS_TIMEOUT,
  );

  it("lets only the rotation's own resident submit: anyone else is told it does not exist", async () => {
    const w = await world(2, 2030);
    const [mine, theirs] = w.residents;
    await expect(submitResidentEvaluation(mine!.userId, theirs!.rotationId, answer(3), w.days.due)).rejects.toEqual(
      refused(null, "errors.notFound", 404),
    );
    await expect(residentEvaluation(mine!.userId, theirs!.rotationId, w.days.due)).rejects.toEqual(refused(null, "errors.notFound", 404));
    await expect(submitResidentEvaluation(mine!.userId, `no-such-${w.tag}`, answer(3), w.days.due)).rejects.toEqual(
      refused(null, "errors.notFound", 404),
    );
    expect(await prisma.sealedEvaluationAnswer.count()).toBe(0);
  });

  it("refuses a cancelled (withdrawn) rotation, one not open yet, and one whose period has closed", async () => {
    const w = await world(3, 2030);
    const [cancelled, early, late] = w.residents;
    await prisma.rotation.update({ where: { id: cancelled!.rotationId }, data: { state: "cancelled" } });
    await expect(submitResidentEvaluation(cancelled!.userId, cancelled!.rotationId, answer(3), w.days.due)).rejects.toEqual(
      refused(null, "residentEvaluations.refusals.withdrawn", 409),
    );
    await expect(submitResidentEvaluation(early!.userId, early!.rotationId, answer(3), addDays(w.days.start, 1))).rejects.toEqual(
      refused(null, "residentEvaluations.refusals.notOpen", 409),
    );
    // The last day of the period is still accepted; the day after, nothing.
    await expect(submitResidentEvaluation(late!.userId, late!.rotationId, answer(3), w.days.afterClose)).rejects.toEqual(
      refused(null, "residentEvaluations.refusals.periodClosed", 409),
    );
    expect(await residentEvaluation(late!.userId, late!.rotationId, w.days.afterClose)).toMatchObject({
      state: "overdue",
      open: false,
      closed: true,
    });
    await submitResidentEvaluation(late!.userId, late!.rotationId, answer(3), w.days.lastDay);
    expect(await prisma.sealedEvaluationAnswer.count()).toBe(1);
  });
});

describe("release", () => {
  it("happens only once the period has closed, once, and leaves no sealed copy", async () => {
    const w = await world(3, 2031);
    await submitAll(w);
    expect(await releaseClosedPeriods(w.days.lastDay)).toEqual([]);
    expect(await prisma.evaluationAnswer.count()).toBe(0);
    expect(await releaseClosedPeriods(w.days.afterClose)).toEqual([{ period: w.days.period, answers: 3 }]);
    expect(await prisma.sealedEvaluationAnswer.count()).toBe(0);
    expect(await prisma.evaluationAnswer.count({ where: { period: w.days.period } })).toBe(3);
    // Idempotent: the daily check runs again and again.
    expect(await releaseClosedPeriods(addDays(w.days.afterClose, 1))).toEqual([]);
    expect(await prisma.evaluationAnswer.count()).toBe(3);
    const [event] = await prisma.auditEvent.findMany({
      where: { entityType: "evaluationAnswer", action: "release", entityId: w.days.period },
    });
    expect(JSON.parse(event!.changes)).toEqual({ answers: [null, 3] });
    expect((await releasedPeriods()).map((p) => [p.key, p.answers])).toEqual([[w.days.period, 3]]);
  });

  it("leaves a later period sealed while releasing an earlier one", async () => {
    const earlier = await world(2, 2031);
    const later = await world(2, 2032, { tutorId: earlier.tutor.id, departmentId: earlier.department.id });
    await submitAll(earlier);
    await submitAll(later);
    expect(await releaseClosedPeriods(earlier.days.afterClose)).toEqual([{ period: earlier.days.period, answers: 2 }]);
    expect(await prisma.sealedEvaluationAnswer.count({ where: { period: later.days.period } })).toBe(2);
  });
});

describe("results and the threshold of 5", () => {
  it.each([
    [4, false],
    [5, true],
    [6, true],
  ])("with %i answers for a tutor and their department, results are shown: %s", async (count, shown) => {
    const w = await world(count, 2033);
    await submitAll(w, (i) => answer(1 + (i % 5), `Commento ${i} ${w.tag}`));
    // Not before the release, whatever the count.
    expect(await resultsFor({ scope: "tutor", id: w.tutor.id, period: w.days.period })).toBeNull();
    await releaseClosedPeriods(w.days.afterClose);
    const tutor = await resultsFor({ scope: "tutor", id: w.tutor.id, period: w.days.period });
    const department = await resultsFor({ scope: "department", id: w.department.id, period: w.days.period });
    const overview = await resultsOverview(w.days.period);
    const line = overview!.tutors.find((t) => t.id === w.tutor.id)!;
    expect(line).toMatchObject({ count: shown ? count : "<5", shown });
    expect(overview!.departments.find((d) => d.id === w.department.id)).toMatchObject({ count: shown ? count : "<5", shown });
    if (!shown) {
      expect(tutor).toBeNull();
      expect(department).toBeNull();
      return;
    }
    expect(tutor!.count).toBe(count);
    const teaching = tutor!.items.find((item) => item.key === "teaching-received");
    const ratings = Array.from({ length: count }, (_, i) => 1 + (i % 5));
    expect(teaching).toMatchObject({
      type: "rating",
      answered: count,
      mean: Math.round((ratings.reduce((a, b) => a + b, 0) / count) * 100) / 100,
      counts: [1, 2, 3, 4, 5].map((point) => ratings.filter((r) => r === point).length),
    });
    expect(tutor!.items.find((item) => item.key === "recommend")).toMatchObject({
      type: "yesno",
      yes: ratings.filter((r) => r >= 3).length,
    });
    const comments = tutor!.items.find((item) => item.key === "comment");
    expect(comments?.type === "text" && comments.comments.map((c) => c.text).sort()).toEqual(
      Array.from({ length: count }, (_, i) => `Commento ${i} ${w.tag}`).sort(),
    );
    expect(department!.count).toBe(count);
  });

  it("offers no results of an unreleased or unknown period", async () => {
    const w = await world(5, 2034);
    await submitAll(w);
    expect(await resultsOverview(w.days.period)).toBeNull();
    expect(await resultsOverview("not-a-period")).toBeNull();
    expect(await resultsFor({ scope: "department", id: w.department.id, period: "1999" })).toBeNull();
  });

  it("withholds a department whose answers, less a tutor's shown whole inside it, would leave fewer than 5", async () => {
    const w = await world(6, 2035);
    const other = await world(2, 2035, { departmentId: w.department.id });
    await submitAll(w);
    await submitAll(other);
    await releaseClosedPeriods(w.days.afterClose);
    const overview = await resultsOverview(w.days.period);
    expect(overview!.tutors.find((t) => t.id === w.tutor.id)).toMatchObject({ count: 6, shown: true });
    expect(overview!.tutors.find((t) => t.id === other.tutor.id)).toMatchObject({ count: "<5", shown: false });
    // 8 answers, 6 of them the first tutor's: showing both would show the other tutor's 2 by difference.
    expect(overview!.departments.find((d) => d.id === w.department.id)).toMatchObject({ count: 8, shown: false, withheld: true });
    expect(await resultsFor({ scope: "department", id: w.department.id, period: w.days.period })).toBeNull();
  });
});

describe("redaction", () => {
  it("replaces a comment by nothing, lists it as redacted, and records which, never the text", async () => {
    const w = await world(5, 2036);
    const admin = await prisma.user.create({
      data: { email: `admin-${w.tag}@example.test`, name: "Admin", roles: { create: { role: "admin" } } },
    });
    await submitAll(w, (i) => answer(3, i === 0 ? `Offensive words ${w.tag}` : `Fine ${i}`));
    await releaseClosedPeriods(w.days.afterClose);
    const before = await resultsFor({ scope: "tutor", id: w.tutor.id, period: w.days.period });
    const item = before!.items.find((i) => i.key === "comment");
    const target = item?.type === "text" ? item.comments.find((c) => c.text === `Offensive words ${w.tag}`)! : null;
    await redactComment(admin.id, target!.answerId, "comment");

    const after = await resultsFor({ scope: "tutor", id: w.tutor.id, period: w.days.period });
    const comments = after!.items.find((i) => i.key === "comment");
    expect(comments?.type === "text" && comments.comments.find((c) => c.answerId === target!.answerId)).toEqual({
      answerId: target!.answerId,
      text: null,
    });
    const stored = await prisma.evaluationAnswer.findUniqueOrThrow({ where: { id: target!.answerId } });
    expect(stored.answers).not.toContain("Offensive");
    expect(JSON.parse(stored.redacted)).toEqual(["comment"]);
    const events = await prisma.auditEvent.findMany({
      where: { entityType: "evaluationAnswer", action: "redact", entityId: target!.answerId },
    });
    expect(events.map((e) => [e.actorId, JSON.parse(e.changes)])).toEqual([[admin.id, { redacted: [null, "comment"] }]]);
    expect(events[0]!.changes).not.toContain("Offensive");

    await expect(redactComment(admin.id, target!.answerId, "comment")).rejects.toEqual(
      refused(null, "residentEvaluations.results.alreadyRedacted", 409),
    );
    await expect(redactComment(admin.id, target!.answerId, "workload")).rejects.toEqual(
      refused("itemKey", "residentEvaluations.results.notAComment", 400),
    );
    await expect(redactComment(admin.id, `no-such-${w.tag}`, "comment")).rejects.toEqual(refused(null, "errors.notFound", 404));
  });
});

// ─── The proof (issue 18, section 4) ─────────────────────────────────────────────────────────────

/**
 * Every byte of the worker's database on disk: the file and its write-ahead log. SQLite's alone: a
 * PostgreSQL server's files are not the tests' to read (decision 023 says what stands for them there).
 */
const sqliteFile = TEST_DATABASE === "sqlite";
const workerDatabaseBytes = () => databaseBytes(process.env.__PORTAL_TEST_DB!.replace(/^file:/, ""));

/** Spearman's rank correlation of two orderings of the same n items (positions 0…n-1). */
function rankCorrelation(a: number[], b: number[]): number {
  const n = a.length;
  const d2 = a.reduce((sum, x, i) => sum + (x - b[i]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe("confidential by construction: after a release, nothing stored matches an answer to its author better than chance", () => {
  it("holds for columns, done marks, audit, ids, row order and the bytes of the file", { timeout: 60_000 }, async () => {
    const AUTHORS = 8;
    const TRIALS = 50;
    const w = await world(AUTHORS, 2037);

    // 1. No column could carry an author, a rotation or a time.
    const columns = await columnsOf("EvaluationAnswer");
    expect(columns.sort()).toEqual(["answers", "departmentId", "formVersionId", "id", "period", "redacted", "tutorId"]);
    const markColumns = await columnsOf("EvaluationSubmission");
    expect(markColumns.sort()).toEqual(["residentId", "rotationId"]);

    // The premise below (sealed rows lie in the order they came) needs a table without free room: PostgreSQL
    // fills the room of rows deleted by earlier tests, which its free-space map lists, in any order. Emptied
    // (beforeEach), the table is cut back to a new file.
    if (!sqliteFile) await prisma.$executeRawUnsafe('TRUNCATE "SealedEvaluationAnswer"');
    const firstPositions = Array.from({ length: AUTHORS }, () => 0);
    const idPositions = Array.from({ length: AUTHORS }, () => 0);
    let rowCorrelation = 0;
    let idCorrelation = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      // Fresh answers from the same residents, submitted in a known order: author i writes text i.
      await prisma.evaluationSubmission.deleteMany({ where: { rotationId: { in: w.residents.map((r) => r.rotationId) } } });
      await prisma.evaluationRelease.deleteMany();
      await prisma.evaluationAnswer.deleteMany();
      const texts = w.residents.map((_, i) => `author-${i}-trial-${trial}-${randomUUID()}`);
      await submitAll(w, (i) => answer(1 + (i % 5), texts[i]));
      const sealed = await prisma.sealedEvaluationAnswer.findMany({ select: { id: true, payload: true } });
      expect(sealed).toHaveLength(AUTHORS);
      if (trial === 0) {
        // While sealed, the rows lie in the order they came: what the release must not carry over.
        const arrival = await prisma.$queryRaw<Array<{ payload: string }>>`
          SELECT "payload" FROM "SealedEvaluationAnswer" ORDER BY ${STORED_ORDER}`;
        expect(arrival.map((row) => texts.findIndex((text) => row.payload.includes(text)))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      }

      await releaseClosedPeriods(w.days.afterClose);

      // Stored order (rowid, ctid) and id order of the answers, as an author's index.
      const rows = await prisma.$queryRaw<Array<{ id: string; answers: string }>>`
        SELECT "id", "answers" FROM "EvaluationAnswer" WHERE "period" = ${w.days.period} ORDER BY ${STORED_ORDER}`;
      expect(rows).toHaveLength(AUTHORS);
      const author = (row: { answers: string }) => texts.findIndex((text) => row.answers.includes(text));
      const stored = rows.map(author);
      const byId = [...rows].sort((a, b) => (a.id < b.id ? -1 : 1)).map(author);
      expect([...stored].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      firstPositions[stored.indexOf(0)]! += 1;
      idPositions[byId.indexOf(0)]! += 1;
      const submitted = [0, 1, 2, 3, 4, 5, 6, 7];
      rowCorrelation += rankCorrelation(
        submitted,
        submitted.map((i) => stored.indexOf(i)),
      );
      idCorrelation += rankCorrelation(
        submitted,
        submitted.map((i) => byId.indexOf(i)),
      );

      if (trial === 0) {
        // 2. The ids are new random UUIDs, none a sealed one's.
        for (const row of rows) expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(rows.some((row) => sealed.some((s) => s.id === row.id))).toBe(false);
        // 3. The sealed copies are gone, from the table and from the bytes of the file (secure_delete).
        expect(await prisma.sealedEvaluationAnswer.count()).toBe(0);
        const bytes = sqliteFile ? workerDatabaseBytes() : "";
        for (const s of sealed) {
          expect(bytes.includes(s.id), "a sealed id is still in the file").toBe(false);
          expect(bytes.includes(s.payload), "a sealed payload is still in the file").toBe(false);
        }
        // 4. The done marks say who evaluated which rotation, and nothing of what or when.
        const marks = await prisma.evaluationSubmission.findMany({ where: { rotationId: { in: w.residents.map((r) => r.rotationId) } } });
        expect(marks).toHaveLength(AUTHORS);
        for (const mark of marks) expect(Object.keys(mark).sort()).toEqual(["residentId", "rotationId"]);
        // 5. The audit of the submissions names the rotation and says "submitted": no content, no answer id.
        const events = await prisma.auditEvent.findMany({
          where: { entityType: "residentEvaluation", entityId: { in: w.residents.map((r) => r.rotationId) } },
        });
        expect(events.length).toBeGreaterThanOrEqual(AUTHORS);
        for (const event of events) {
          expect(JSON.parse(event.changes)).toEqual({ submitted: [null, true] });
          for (const row of rows) expect(event.changes).not.toContain(row.id);
        }
        const everything = JSON.stringify(await prisma.auditEvent.findMany({ where: { at: { gte: new Date(Date.now() - 600_000) } } }));
        for (const text of texts) expect(everything).not.toContain(text);
      }
    }
    // 6. Over the trials, the first submitter's answer lands anywhere: uniform positions (chi-square with
    // 7 degrees of freedom below 29.9, p = 0.0001), and the order of submission and of storage are unrelated.
    const chiSquare = (observed: number[]) => {
      const expected = TRIALS / AUTHORS;
      return observed.reduce((sum, o) => sum + (o - expected) ** 2 / expected, 0);
    };
    expect(chiSquare(firstPositions), `positions by row order ${firstPositions.join(",")}`).toBeLessThan(29.9);
    expect(chiSquare(idPositions), `positions by id order ${idPositions.join(",")}`).toBeLessThan(29.9);
    // A mean of 50 rank correlations of random orders of 8 has a standard deviation of 0.053: 4 of them.
    expect(Math.abs(rowCorrelation / TRIALS)).toBeLessThan(0.22);
    expect(Math.abs(idCorrelation / TRIALS)).toBeLessThan(0.22);
  });

  it.skipIf(!sqliteFile)(
    "leaves no copy of a released answer in the file, even after the sealed table's pages split and merge",
    { timeout: 60_000 },
    async () => {
      // Two periods' answers arrive interleaved, long enough to fill many pages; only the first is released.
      const released = await world(60, 2038);
      const kept = await world(60, 2039, { tutorId: released.tutor.id, departmentId: released.department.id });
      const comment = (i: number) => `${randomUUID()} ${"Molto istruttivo. ".repeat(10 + (i % 7) * 14)}`;
      for (let i = 0; i < 60; i++) {
        for (const w of [released, kept]) {
          const r = w.residents[i]!;
          await submitResidentEvaluation(r.userId, r.rotationId, answer(1 + (i % 5), comment(i)), w.days.due);
        }
      }
      const sealed = await prisma.sealedEvaluationAnswer.findMany({ where: { period: released.days.period } });
      expect(sealed).toHaveLength(60);
      await releaseClosedPeriods(released.days.afterClose);
      expect(await prisma.sealedEvaluationAnswer.count({ where: { period: kept.days.period } })).toBe(60);
      const bytes = workerDatabaseBytes();
      // A sealed row's id, or its answers as the sealed payload wrote them (released rows write them alone).
      const lingering = sealed.filter(
        (s) =>
          bytes.includes(s.id) || bytes.includes(`"answers":${JSON.stringify((JSON.parse(s.payload) as { answers: unknown }).answers)}`),
      );
      expect(lingering).toHaveLength(0);
    },
  );

  // PostgreSQL's counterpart of the two tests of the file's bytes: the server's files are not the tests' to
  // read, but a table rewritten (VACUUM FULL) lives in a new file, the old one removed with its pages.
  it.skipIf(sqliteFile)("rewrites the sealed table into a new file at a release, so the old pages with the answers go", async () => {
    const w = await world(2, 2031);
    await submitAll(w);
    const fileOfTable = async () =>
      (await prisma.$queryRawUnsafe<Array<{ file: string }>>(`SELECT pg_relation_filepath('"SealedEvaluationAnswer"') AS file`))[0]!.file;
    const before = await fileOfTable();
    expect(await releaseClosedPeriods(w.days.afterClose)).toEqual([{ period: w.days.period, answers: 2 }]);
    expect(await prisma.sealedEvaluationAnswer.count()).toBe(0);
    expect(await fileOfTable()).not.toBe(before);
  });

  it.skipIf(!sqliteFile)("the check of the file's bytes would see a row deleted without secure_delete", async () => {
    const text = `lingering-${randomUUID()}`;
    await prisma.sealedEvaluationAnswer.create({ data: { id: randomUUID(), period: "1990", payload: JSON.stringify({ text }) } });
    await prisma.sealedEvaluationAnswer.deleteMany({ where: { period: "1990" } });
    await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    expect(workerDatabaseBytes().includes(text)).toBe(true);
  });
});
