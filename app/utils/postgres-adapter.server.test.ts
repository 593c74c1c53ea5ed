import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient as PostgresClient } from "~/generated/prisma-postgres/client";
import { TEST_DATABASE } from "../../test/test-database";
import { portalPostgresAdapter } from "./postgres-adapter.server";

/**
 * The portal's PostgreSQL connections (the race tests prove the turns across servers: test/two-servers.ts).
 * A client of its own with a pool of two connections, on the worker's database.
 */
describe.runIf(TEST_DATABASE === "postgres")("the portal's PostgreSQL connections", () => {
  const client = new PostgresClient({
    adapter: portalPostgresAdapter(new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 2 })),
    transactionOptions: { maxWait: 10_000 },
  });
  afterAll(() => client.$disconnect());
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("answers reads while transactions wait for their turn, with a pool of two", async () => {
    let end!: () => void;
    const holding = new Promise<void>((resolve) => (end = resolve));
    const first = client.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      await holding;
    });
    await pause(50);
    // Five more wait behind it; before, two of them would have taken the pool and the read below waited.
    const waiting = Array.from({ length: 5 }, (_, i) => client.$transaction(async (tx) => tx.$queryRaw`SELECT ${i}::int AS i`));
    await pause(50);
    const started = performance.now();
    expect(await client.user.count()).toBeGreaterThanOrEqual(0);
    expect(performance.now() - started).toBeLessThan(1_000);
    end();
    await first;
    expect((await Promise.all(waiting)).map((rows) => (rows as Array<{ i: number }>)[0]!.i)).toEqual([0, 1, 2, 3, 4]);
  });

  it("runs the statements a transaction sends at once one after the other, each with its answer", async () => {
    const answers = await client.$transaction(async (tx) =>
      Promise.all([tx.$queryRaw`SELECT 'slow' AS a FROM pg_sleep(0.05)`, tx.$queryRaw`SELECT 'quick' AS a`]),
    );
    expect(answers.map((rows) => (rows as Array<{ a: string }>)[0]!.a)).toEqual(["slow", "quick"]);
  });

  it("gives the turn back when a transaction fails, so the next one begins", async () => {
    await expect(
      client.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await expect(client.$transaction(async (tx) => tx.$queryRaw`SELECT 1 AS one`)).resolves.toEqual([{ one: 1 }]);
  });
});
