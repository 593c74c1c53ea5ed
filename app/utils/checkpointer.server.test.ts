import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { expect, it } from "vitest";
import { prepareDatabase, prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { fileBytes } from "../../test/database-bytes";
import { startCheckpointer } from "./checkpointer.server";

const autocheckpoint = async () =>
  Number((await prisma.$queryRawUnsafe<{ wal_autocheckpoint: bigint | number }[]>("PRAGMA wal_autocheckpoint"))[0]!.wal_autocheckpoint);

it("copies committed pages into the database file from its own thread; the process's connection never checkpoints", async () => {
  await prepareDatabase();
  const file = env.DATABASE_URL.replace(/^file:/, "");
  const stop = await startCheckpointer();
  try {
    expect(await autocheckpoint()).toBe(0);
    // A value that can reach the database file only through a checkpoint: the commit writes it to the log.
    const marker = `checkpointed-${randomUUID()}`;
    await prisma.setting.create({ data: { key: marker, value: marker } });
    let copied = false;
    for (let waited = 0; waited < 5_000 && !copied; waited += 100) {
      copied = fileBytes(file).includes(marker);
      if (!copied) await sleep(100);
    }
    expect(copied).toBe(true);
  } finally {
    await stop();
  }
  // Stopped, SQLite's own checkpoints are back.
  expect(await autocheckpoint()).toBe(1000);
});

it(
  "gathers the query planner's statistics from its thread, so SQLite need not guess which index narrows",
  { timeout: 20_000 },
  async () => {
    await prepareDatabase();
    // A table with rows and no statistics yet (optimize leaves empty tables alone).
    await prisma.$executeRawUnsafe("DROP TABLE IF EXISTS sqlite_stat1");
    await prisma.setting.create({ data: { key: `analysed-${randomUUID()}`, value: "x" } });
    const stop = await startCheckpointer();
    try {
      let tables: string[] = [];
      for (let waited = 0; waited < 10_000 && !tables.includes("Setting"); waited += 100) {
        const exists = await prisma.$queryRawUnsafe<unknown[]>("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'");
        if (exists.length) {
          tables = (await prisma.$queryRawUnsafe<{ tbl: string }[]>("SELECT DISTINCT tbl FROM sqlite_stat1")).map((row) => row.tbl);
        }
        if (!tables.includes("Setting")) await sleep(100);
      }
      expect(tables).toContain("Setting");
    } finally {
      await stop();
    }
  },
);
