import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TEST_DATABASE } from "../../test/test-database";
import { prisma } from "./db.server";
import { countQueries, noteStatement } from "./query-count.server";

/** How a transaction begins: SQLite takes its write lock; PostgreSQL's transactions take their turn (decision 023). */
const BEGIN = TEST_DATABASE === "postgres" ? expect.stringMatching(/^SELECT pg_advisory_xact_lock\(\d+\)$/) : "BEGIN IMMEDIATE";

describe("countQueries", () => {
  it("counts each statement the client sends, with its text, and returns fn's result", async () => {
    const tag = randomUUID().slice(0, 8);
    const { result, count, statements } = await countQueries(async () => {
      await prisma.department.create({ data: { name: `Conteggio ${tag}`, capacity: 2 } });
      return prisma.department.count({ where: { name: `Conteggio ${tag}` } });
    });
    expect(result).toBe(1);
    expect(count).toBe(2);
    expect(statements[0]).toMatch(/^INSERT INTO (?:`main`\.`Department`|"public"\."Department")/);
    expect(statements[1]).toMatch(/COUNT/);
  });

  it("counts the statements of an interactive transaction, with its BEGIN and its COMMIT or ROLLBACK", async () => {
    const tag = randomUUID().slice(0, 8);
    const committed = await countQueries(() =>
      prisma.$transaction(async (tx) => {
        await tx.department.create({ data: { name: `Transazione ${tag}`, capacity: 1 } });
        return tx.department.findMany({ where: { name: `Transazione ${tag}` } });
      }),
    );
    expect(committed.statements).toEqual([BEGIN, expect.stringMatching(/^INSERT/), expect.stringMatching(/^SELECT/), "COMMIT"]);

    const failed = await countQueries(() =>
      prisma
        .$transaction(async (tx) => {
          await tx.department.create({ data: { name: `Annullata ${tag}`, capacity: 1 } });
          throw new Error("changed my mind");
        })
        .catch((e: unknown) => e),
    );
    expect(failed.result).toBeInstanceOf(Error);
    expect(failed.statements).toEqual([BEGIN, expect.stringMatching(/^INSERT/), "ROLLBACK"]);
    expect(await prisma.department.count({ where: { name: `Annullata ${tag}` } })).toBe(0);
  });

  it("counts raw queries and batch transactions too", async () => {
    const { count } = await countQueries(async () => {
      await prisma.$queryRawUnsafe("SELECT 1");
      await prisma.$transaction([prisma.university.count(), prisma.programme.count()]);
    });
    // SELECT 1, then BEGIN, two counts, COMMIT.
    expect(count).toBe(5);
  });

  it("counts nothing outside countQueries, and keeps concurrent counts apart", async () => {
    noteStatement("SELECT 'not counted'");
    await prisma.university.count();
    const [one, three] = await Promise.all([
      countQueries(() => prisma.university.findMany({ take: 1 })),
      countQueries(async () => {
        await prisma.university.findMany({ take: 1 });
        await prisma.programme.findMany({ take: 1 });
        await prisma.department.findMany({ take: 1 });
      }),
    ]);
    expect([one.count, three.count]).toEqual([1, 3]);
  });

  // The inner fn hands back Prisma's lazy promise itself: it must still run, and count, inside the store.
  it("adds an inner count's statements to the outer one", async () => {
    const outer = await countQueries(async () => {
      await prisma.university.count();
      const inner = await countQueries(() => prisma.programme.count());
      expect(inner.count).toBe(1);
    });
    expect(outer.count).toBe(2);
  });
});
