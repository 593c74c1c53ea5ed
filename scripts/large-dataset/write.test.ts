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
 * (app/models/broken-rotations.server.ts) in a child process pointed at that file.
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
const database = temporaryDatabase("seed-large");
afterAll(() => database.dispose());

describe("the large dataset's writer", () => {
  it("stores rows Prisma reads back as written, with no rotation the app flags", async () => {
    const plan = buildPlan(SMALL, 3, TODAY);
    const tables = tablesOf(plan, "$argon2id$test");
    writeDatabase(database.file, tables, () => {});

    const db = database.client;
    expect(await db.rotation.count()).toBe(400);
    expect(await db.attendance.count()).toBe(900);
    const demo = await db.user.findUniqueOrThrow({ where: { email: "resident@example.org" }, include: { roles: true, resident: true } });
    expect(demo.roles.map((r) => r.role)).toEqual(["resident"]);
    expect(demo.passwordHash).toBe("$argon2id$test");
    expect(demo.active).toBe(true);
    expect(demo.resident!.stayStart).toEqual(dateOf(plan.residents.stayStart[0]!));
    const first = await db.rotation.findFirstOrThrow({ orderBy: { id: "asc" } });
    expect(first.startDate).toEqual(dateOf(plan.rotations.start[0]!));
    const session = await db.teachingSession.findFirstOrThrow({ where: { confirmedAt: { not: null } }, include: { tutors: true } });
    expect(session.tutors.find((t) => t.lead)?.userId).toBe(session.confirmedById);

    const run = spawnSync("npx", ["tsx", "scripts/large-dataset/check.ts", "--today", toIsoDate(TODAY)], {
      env: { ...process.env, DATABASE_URL: database.url },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { broken: number };
    expect(result.broken).toBe(0);
  }, 60_000);
});
