import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DELIVERY, type DeliveryLimits } from "~/domain/notifications";
import { prisma } from "~/utils/db.server";
import { notify, sendSecurityMail } from "./notification.server";
import { dueMessages, markAttemptFailed, markSent, pruneSent, retentionCutoff } from "./outbox.server";

// Each test reads the outbox at instants of its own, long past, so that the messages other test files
// queue (at the real time) are never due here.
let epoch = Date.UTC(2001, 0, 1);
const instant = () => new Date((epoch += 86_400_000));
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

const person = async (roles: ("admin" | "tutor" | "resident")[] = []) => {
  const tag = randomUUID().slice(0, 8);
  return prisma.user.create({
    data: { email: `o-${tag}@example.test`, name: `Persona ${tag}`, language: "en", roles: { create: roles.map((role) => ({ role })) } },
  });
};
// A kind whose category is e-mailed at once unless the person chose otherwise.
const cancelled = {
  kind: "rotation-cancelled",
  params: { department: "Oncologia", startDate: "2026-12-01" },
  link: "/me/rotations",
} as const;
// The message a call queued: the reader's one not handed out before (several may share an instant, and
// an order by time alone leaves theirs to the database).
const handedOut = new Set<string>();
const queued = async (where: { userId: string; category?: string }) => {
  const message = await prisma.outboxMessage.findFirstOrThrow({ where: { ...where, id: { notIn: [...handedOut] } } });
  handedOut.add(message.id);
  return message;
};
const queue = async (userId: string, now: Date) => {
  await prisma.$transaction((tx) => notify(tx, [userId], cancelled, now));
  return queued({ userId });
};
const queueSecret = async (userId: string, now: Date) => {
  await prisma.$transaction((tx) =>
    sendSecurityMail(
      tx,
      userId,
      { kind: "password-link", params: { path: "/set-password/s3cret" }, link: "/set-password/s3cret", secret: true },
      now,
    ),
  );
  return queued({ userId, category: "security" });
};
const row = (id: string) => prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
const noticesAbout = (adminId: string, kind: string, now: Date) =>
  prisma.notification.findMany({ where: { userId: adminId, kind, createdAt: now } });

const serverDown = { message: "connect ECONNREFUSED 127.0.0.1:2525", code: "ESOCKET" };
const refusedAddress = { message: "550 Mailbox unavailable", code: "EENVELOPE", responseCode: 550, command: "RCPT TO" };

describe("the outbox", () => {
  it("gives the sender the messages that are due, the longest waiting first", async () => {
    const now = instant();
    const reader = await person();
    const first = await queue(reader.id, later(now, -2000));
    const second = await queue(reader.id, later(now, -1000));
    await queue(reader.id, later(now, 5000));
    const due = (await dueMessages(now, 1000)).filter((message) => message.userId === reader.id);
    expect(due.map((message) => message.id)).toEqual([first.id, second.id]);
    expect(due[0]).toMatchObject({ to: reader.email, locale: "en", category: "rotations", attempts: 0 });
    expect(await dueMessages(now, 1)).toHaveLength(1);
  });

  it("retries a failed attempt with backoff, then marks the message failed and tells the administrators", async () => {
    const limits: DeliveryLimits = { ...DELIVERY, maxAttempts: 3, firstDelayMs: 1000 };
    const [admin, reader] = [await person(["admin"]), await person()];
    let now = instant();
    const message = await queue(reader.id, now);

    expect(await markAttemptFailed(message.id, serverDown, now, limits)).toBe("retry");
    expect(await row(message.id)).toMatchObject({ status: "queued", attempts: 1, nextAttemptAt: later(now, 1000) });
    expect(await row(message.id).then((m) => m.lastError)).toContain("ECONNREFUSED");
    expect((await dueMessages(later(now, 999), 1000)).map((m) => m.id)).not.toContain(message.id);
    expect((await dueMessages(later(now, 1000), 1000)).map((m) => m.id)).toContain(message.id);

    now = later(now, 1000);
    expect(await markAttemptFailed(message.id, serverDown, now, limits)).toBe("retry");
    expect(await row(message.id)).toMatchObject({ status: "queued", attempts: 2, nextAttemptAt: later(now, 2000) });

    now = later(now, 2000);
    expect(await markAttemptFailed(message.id, serverDown, now, limits)).toBe("failed");
    expect(await row(message.id)).toMatchObject({ status: "failed", attempts: 3, failedAt: now, refused: false });
    // the person's address is not to blame
    expect((await prisma.user.findUniqueOrThrow({ where: { id: reader.id } })).mailRefusedAt).toBeNull();
    const [notice] = await noticesAbout(admin.id, "mail-failed", now);
    expect(notice).toMatchObject({ category: "delivery", link: "/admin/notifications" });
    expect(JSON.parse(notice!.params)).toEqual({ name: reader.name, email: reader.email });
    // a message already failed is not marked again
    expect(await markAttemptFailed(message.id, serverDown, later(now, 1), limits)).toBeNull();
  });

  it("fails a message at once when the server refuses the address, flags the person and tells the administrators", async () => {
    const [admin, reader] = [await person(["admin"]), await person()];
    const now = instant();
    const message = await queue(reader.id, now);
    expect(await markAttemptFailed(message.id, refusedAddress, now)).toBe("refused");
    expect(await row(message.id)).toMatchObject({ status: "failed", attempts: 1, refused: true, failedAt: now });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: reader.id } })).mailRefusedAt).toEqual(now);
    const [notice] = await noticesAbout(admin.id, "mail-refused", now);
    expect(notice).toMatchObject({ link: `/admin/users/${reader.id}` });
    expect(JSON.parse(notice!.params)).toEqual({ name: reader.name, email: reader.email });
    // the administrator's own e-mail about it is queued (the delivery category, at once by default)
    const mail = await prisma.outboxMessage.findFirstOrThrow({ where: { userId: admin.id, createdAt: now } });
    expect(mail).toMatchObject({ category: "delivery", status: "queued" });
  });

  it("does not flag an address that changed since the refused message was queued", async () => {
    const reader = await person();
    const now = instant();
    const message = await queue(reader.id, now);
    await prisma.user.update({ where: { id: reader.id }, data: { email: `new-${randomUUID()}@example.test` } });
    expect(await markAttemptFailed(message.id, refusedAddress, now)).toBe("refused");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: reader.id } })).mailRefusedAt).toBeNull();
  });

  it("tells nobody when a message about delivery problems fails: no notices about notices", async () => {
    const admin = await person(["admin"]);
    const reader = await person();
    const now = instant();
    const message = await queue(reader.id, now);
    await markAttemptFailed(message.id, refusedAddress, now);
    const notice = await prisma.outboxMessage.findFirstOrThrow({ where: { userId: admin.id, createdAt: now, category: "delivery" } });
    const then = later(now, 1000);
    expect(await markAttemptFailed(notice.id, refusedAddress, then)).toBe("refused");
    expect(await prisma.notification.count({ where: { createdAt: then, kind: { in: ["mail-refused", "mail-failed"] } } })).toBe(0);
    expect(await prisma.outboxMessage.count({ where: { createdAt: then } })).toBe(0);
  });

  it("erases a credential's payload once sent, or once finally failed, and counts the attempt that succeeded", async () => {
    const reader = await person();
    const now = instant();
    const sent = await queueSecret(reader.id, now);
    expect(sent.payload).toContain("s3cret");
    await markSent(sent.id, now);
    expect(await row(sent.id)).toMatchObject({ status: "sent", sentAt: now, attempts: 1, payload: "{}" });

    const failed = await queueSecret(reader.id, now);
    await markAttemptFailed(failed.id, refusedAddress, now);
    expect(await row(failed.id)).toMatchObject({ status: "failed", payload: "{}" });

    // an ordinary message keeps its payload (the administrators' page shows what it was)
    const ordinary = await queue(reader.id, now);
    await markSent(ordinary.id, now);
    expect((await row(ordinary.id)).payload).toContain("rotation-cancelled");
  });

  it("prunes sent messages older than the retention, and keeps failed and queued ones", async () => {
    const reader = await person();
    const old = instant();
    const [sent, failed, queued] = [await queue(reader.id, old), await queue(reader.id, old), await queue(reader.id, old)];
    await markSent(sent.id, old);
    await markAttemptFailed(failed.id, refusedAddress, old);
    const now = later(old, (DELIVERY.retentionDays + 1) * 86_400_000);
    expect(retentionCutoff(now)).toEqual(later(now, -DELIVERY.retentionDays * 86_400_000));
    expect(await pruneSent(retentionCutoff(now))).toBeGreaterThanOrEqual(1);
    const left = await prisma.outboxMessage.findMany({ where: { id: { in: [sent.id, failed.id, queued.id] } } });
    expect(left.map((message) => message.id).sort()).toEqual([failed.id, queued.id].sort());
  });
});
