import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "~/models/audit.server";
import type { prisma } from "~/utils/db.server";
import { temporaryDatabase } from "../test/temp-db";

/**
 * The real command, `npx tsx scripts/audit-verify.ts`, against a database of its own in which rows are
 * then tampered with directly, as someone with access to the file would.
 */
const database = await temporaryDatabase("audit-verify");
const db = database.client as unknown as typeof prisma;

function verify() {
  const run = spawnSync("npx", ["tsx", "scripts/audit-verify.ts"], {
    env: { ...process.env, DATABASE_URL: database.url },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

beforeAll(async () => {
  const actor = await db.user.create({ data: { email: "auditor@example.test", name: "Auditor" } });
  for (let i = 1; i <= 5; i++) {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actorId: actor.id,
        action: "update",
        entityType: "department",
        entityId: `dept-${i}`,
        before: { capacity: i },
        after: { capacity: i + 1 },
      }),
    );
  }
});
afterAll(() => database.dispose());

describe("npm run audit:verify", () => {
  it("verifies an untouched log and exits 0", () => {
    const { status, output } = verify();
    expect(output).toMatch(/Audit log verified: 5 events, last [0-9a-f]{16}/);
    expect(status).toBe(0);
  }, 60_000);

  it("exits 1 and names the event whose changes were rewritten in the database", async () => {
    const original = await db.auditEvent.findUniqueOrThrow({ where: { id: 3 } });
    await db.$executeRaw`UPDATE "AuditEvent" SET "changes" = ${JSON.stringify({ capacity: [3, 40] })} WHERE "id" = ${3}`;
    const { status, output } = verify();
    expect(status).toBe(1);
    expect(output).toMatch(/NOT verified \(altered\) at event 3/);
    expect(output).toMatch(/department dept-3, action "update"/);
    // Put back as it was, the log verifies again.
    await db.$executeRaw`UPDATE "AuditEvent" SET "changes" = ${original.changes} WHERE "id" = ${3}`;
    expect(verify().status).toBe(0);
  }, 120_000);

  it("exits 1 and names the events on both sides of one deleted from the middle", async () => {
    await db.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${2}`;
    const { status, output } = verify();
    expect(status).toBe(1);
    expect(output).toMatch(/NOT verified \(removed-or-inserted\) at event 3/);
    expect(output).toMatch(/between events 1 and 3/);
  }, 60_000);
});
