import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { refuse } from "~/domain/refusal";
import { prisma } from "~/utils/db.server";
import { refused } from "../../test/refused";
import { recordAudit } from "./audit.server";
import { inTransaction } from "./transaction.server";

describe("a write and the rows it adds of its own", () => {
  const write = (key: string) => async (tx: Parameters<Parameters<typeof inTransaction>[0]>[0]) => {
    await tx.setting.create({ data: { key, value: "record" } });
    await recordAudit(tx, {
      actorId: null,
      action: "create",
      entityType: "setting",
      entityId: key,
      before: null,
      after: { value: "record" },
    });
    return key;
  };
  const outbox = async (tx: Parameters<Parameters<typeof inTransaction>[0]>[0], key: string) => {
    await tx.setting.create({ data: { key: `${key}:outbox`, value: "notify" } });
  };
  const written = async (key: string) => ({
    rows: await prisma.setting.count({ where: { key: { startsWith: key } } }),
    audit: await prisma.auditEvent.count({ where: { entityType: "setting", entityId: key } }),
  });

  it("commits the record, its audit event and its extra rows together", async () => {
    const key = `t-${randomUUID()}`;
    await inTransaction(write(key), outbox);
    expect(await written(key)).toEqual({ rows: 2, audit: 1 });
  });

  it("rolls all of them back when the write is refused after adding them", async () => {
    const key = `t-${randomUUID()}`;
    await expect(
      inTransaction(write(key), async (tx, result) => {
        await outbox(tx, result);
        refuse("name", "departments.nameTaken");
      }),
    ).rejects.toEqual(refused("name", "departments.nameTaken"));
    expect(await written(key)).toEqual({ rows: 0, audit: 0 });
  });
});
