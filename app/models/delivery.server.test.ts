import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { emlName } from "~/domain/notifications";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { sendSecurityMail } from "./notification.server";
import { listDeliveries, readMailFile, type DeliveryQuery } from "./delivery.server";
import { markAttemptFailed, markSent } from "./outbox.server";

const everything: DeliveryQuery = { state: "", category: "", q: "", user: "", page: 1 };

async function reader() {
  const tag = randomUUID().slice(0, 8);
  return prisma.user.create({ data: { email: `d-${tag}@example.test`, name: `Lettore ${tag}`, roles: { create: { role: "tutor" } } } });
}

function message(userId: string, to: string, data: { category?: string; payload?: object; status?: string; attempts?: number } = {}) {
  return prisma.outboxMessage.create({
    data: {
      messageId: `${randomUUID()}@example.test`,
      userId,
      to,
      locale: "en",
      category: data.category ?? "attendance",
      payload: JSON.stringify(
        data.payload ?? { kind: "attendance-to-confirm", params: { title: "Lezione", date: "2026-12-01" }, link: "/tutor" },
      ),
      status: data.status ?? "queued",
      attempts: data.attempts ?? 0,
      // Never due for the senders that other test files run on this database.
      nextAttemptAt: new Date("2999-01-01"),
    },
  });
}

describe("the administrators' delivery list", () => {
  it("names each message's state (waiting, retrying, sent, failed) with its counts, and filters by state, category and person", async () => {
    const person = await reader();
    await message(person.id, person.email);
    await message(person.id, person.email, { attempts: 2 });
    await message(person.id, person.email, {
      status: "sent",
      attempts: 1,
      category: "logbook",
      payload: { digest: "daily", notificationIds: ["a", "b"] },
    });
    await message(person.id, person.email, { status: "failed", attempts: 5 });
    const mine = { ...everything, user: person.id };

    const all = await listDeliveries(mine);
    expect(all.counts).toEqual({ queued: 1, retrying: 1, sent: 1, failed: 1 });
    expect(all.person).toEqual({ id: person.id, name: person.name });
    expect(all.messages.map((m) => m.state).sort()).toEqual(["failed", "queued", "retrying", "sent"]);
    expect(all.messages.find((m) => m.state === "sent")!.subject).toEqual({ type: "digest", digest: "daily", count: 2 });

    expect((await listDeliveries({ ...mine, state: "retrying" })).messages.map((m) => m.attempts)).toEqual([2]);
    expect((await listDeliveries({ ...mine, state: "queued" })).messages.map((m) => m.attempts)).toEqual([0]);
    expect((await listDeliveries({ ...mine, category: "logbook" })).total).toBe(1);
    // The counts follow the other filters, not the state's.
    expect((await listDeliveries({ ...mine, category: "logbook", state: "failed" })).counts).toEqual({
      queued: 0,
      retrying: 0,
      sent: 1,
      failed: 0,
    });
    expect((await listDeliveries({ ...everything, q: person.email })).total).toBe(4);
    expect((await listDeliveries({ ...everything, q: person.name })).total).toBe(4);
  });

  it("never shows a credential's link, before or after it is sent", async () => {
    const person = await reader();
    const link = `/set-password/${randomUUID()}`;
    await prisma.$transaction((tx) =>
      sendSecurityMail(tx, person.id, { kind: "password-link", params: { path: link }, link, secret: true }, new Date("2999-01-01")),
    );
    const queued = await listDeliveries({ ...everything, user: person.id });
    expect(queued.messages[0]!.subject).toEqual({ type: "credential" });
    expect(JSON.stringify(queued)).not.toContain(link);
    await markSent(queued.messages[0]!.id);
    expect((await listDeliveries({ ...everything, user: person.id })).messages[0]).toMatchObject({
      state: "sent",
      subject: { type: "credential" },
    });
  });

  it("gives the reason of a failure and whether the address was refused", async () => {
    const person = await reader();
    const queued = await message(person.id, person.email);
    await markAttemptFailed(queued.id, { responseCode: 550, command: "RCPT TO", message: "Mailbox unavailable" }, new Date("2999-01-01"));
    const [failed] = (await listDeliveries({ ...everything, user: person.id })).messages;
    expect(failed).toMatchObject({ state: "failed", refused: true, lastError: "550 Mailbox unavailable" });
  });
});

describe("the mail folder", () => {
  it("reads an e-mail by its file name, and nothing outside the folder or by a name it never writes", async () => {
    const messageId = `<${randomUUID()}@example.test>`;
    await mkdir(env.MAIL_DIR, { recursive: true });
    await writeFile(path.join(env.MAIL_DIR, `${emlName(messageId)}.eml`), "Subject: Hello\r\n\r\nHi.\r\n");
    expect((await readMailFile(emlName(messageId)))?.raw.toString()).toContain("Subject: Hello");
    for (const name of ["../portal", "..", ".hidden", "a/b", "x".repeat(300), "", "missing@example.test"])
      expect(await readMailFile(name), name).toBeNull();
  });

  it("links a listed message to its file once the file exists", async () => {
    const person = await reader();
    const queued = await message(person.id, person.email, { status: "sent", attempts: 1 });
    expect((await listDeliveries({ ...everything, user: person.id })).messages[0]!.file).toBeNull();
    await writeFile(path.join(env.MAIL_DIR, `${emlName(queued.messageId)}.eml`), "Subject: Sent\r\n\r\nHi.\r\n");
    expect((await listDeliveries({ ...everything, user: person.id })).messages[0]!.file).toBe(emlName(queued.messageId));
  });
});
