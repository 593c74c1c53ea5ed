import { simpleParser, type ParsedMail } from "mailparser";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELIVERY, readUnsubscribeToken } from "~/domain/notifications";
import { notify, sendSecurityMail } from "~/models/notification.server";
import { env } from "~/utils/env.server";
import { prisma } from "~/utils/db.server";
import { temporaryDatabase } from "../../test/temp-db";
import { startSmtpServer, type Arrived } from "../../test/smtp-server";
import { fileTransport, sendDue, smtpTransport, type MailTransport } from "./mail-sender.server";

/**
 * The sender against a real SMTP server started here (smtp-server), what arrived read back with
 * mailparser: delivery, a server down then up, a refused address, and the sending process killed
 * (SIGKILL) in the middle of a send.
 *
 * The tests in this process read the outbox at instants of their own, in the 1990s, so that messages
 * other test files queue (at the real time, or in 2001: outbox.server.test.ts) are never due here.
 */
let epoch = Date.UTC(1995, 0, 1);
const instant = () => new Date((epoch += 86_400_000));
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

const transports: MailTransport[] = [];
const smtp = (url: string) => {
  const transport = smtpTransport(url);
  transports.push(transport);
  return transport;
};
afterAll(() => transports.forEach((transport) => transport.close()));

const person = (client: Pick<typeof prisma, "user">, language: "it" | "en", roles: "admin"[] = [], tag = randomUUID().slice(0, 8)) =>
  client.user.create({
    data: { email: `m-${tag}@example.test`, name: `Persona ${tag}`, language, roles: { create: roles.map((role) => ({ role })) } },
  });
const cancelled = (department: string) =>
  ({ kind: "rotation-cancelled", params: { department, startDate: "2026-12-01" }, link: "/me/rotations" }) as const;

const header = (mail: ParsedMail, name: string) => mail.headerLines.find((line) => line.key === name)?.line.replace(/^[^:]+:\s*/, "");

describe("sending the outbox through a real SMTP server", () => {
  it("delivers each e-mail to its reader, in their language, with its link, Message-ID and one-click unsubscribe", async () => {
    const server = await startSmtpServer();
    try {
      const now = instant();
      const [giulia, john] = [await person(prisma, "it"), await person(prisma, "en")];
      await prisma.$transaction((tx) => notify(tx, [giulia.id, john.id], cancelled("Oncologia medica"), now));
      const secretPath = `/set-password/${randomUUID()}`;
      await prisma.$transaction((tx) =>
        sendSecurityMail(tx, john.id, { kind: "password-link", params: { path: secretPath }, link: secretPath, secret: true }, now),
      );
      const rows = await prisma.outboxMessage.findMany({ where: { userId: { in: [giulia.id, john.id] } } });
      expect(rows).toHaveLength(3);

      const report = await sendDue(smtp(server.url), now);
      expect(report).toMatchObject({ leased: true, sent: 3, retry: 0, failed: 0 });
      const arrived = await server.waitFor(3);
      const to = (address: string, category: string) => {
        const row = rows.find((r) => r.to === address && r.category === category)!;
        const found = arrived.filter((a) => a.to.includes(address) && a.messageId === `<${row.messageId}>`);
        expect(found).toHaveLength(1);
        return found[0]!.mail;
      };

      const italian = to(giulia.email, "rotations");
      expect(italian.subject).toBe("La tua rotazione in Oncologia medica dal 1 dic 2026 è stata annullata");
      expect(italian.from?.value[0]?.address).toBe(env.MAIL_FROM.match(/<(.+)>/)?.[1]);
      expect(italian.text).toContain(`Aprila nel portale: ${env.PUBLIC_ORIGIN}/me/rotations`);
      expect(italian.html).toContain(`href="${env.PUBLIC_ORIGIN}/me/rotations"`);
      expect(italian.html).toContain('lang="it"');
      const unsubscribe = header(italian, "list-unsubscribe")!;
      expect(unsubscribe).toMatch(new RegExp(`^<${env.PUBLIC_ORIGIN}/unsubscribe/[\\w.-]+>$`));
      expect(readUnsubscribeToken(env.SESSION_SECRET, unsubscribe.slice(1, -1).split("/").pop()!)).toEqual({
        userId: giulia.id,
        category: "rotations",
      });
      expect(header(italian, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      expect(italian.text).toContain(unsubscribe.slice(1, -1));
      expect(italian.text).toContain(`${env.PUBLIC_ORIGIN}/notifications/preferences`);

      const english = to(john.email, "rotations");
      expect(english.subject).toBe("Your rotation in Oncologia medica from 1 Dec 2026 was cancelled");
      expect(english.text).toContain(`Open it in the portal: ${env.PUBLIC_ORIGIN}/me/rotations`);

      const password = to(john.email, "security");
      expect(password.subject).toBe("Choose your password for the Residency Portal");
      expect(password.text).toContain(`${env.PUBLIC_ORIGIN}${secretPath}`);
      expect(password.text).toContain("valid for 72 hours");
      expect(header(password, "list-unsubscribe")).toBeUndefined();

      // every message is marked sent, and the set-password link no longer lies in the outbox
      const after = await prisma.outboxMessage.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
      expect(after.map((r) => [r.status, r.attempts, r.sentAt])).toEqual(rows.map(() => ["sent", 1, now]));
      const secret = after.find((r) => r.secret)!;
      expect(secret.payload).toBe("{}");
      expect(after.map((r) => r.payload).join()).not.toContain(secretPath);
    } finally {
      await server.stop();
    }
  });

  it("keeps the messages while the server is down, retries with backoff, and delivers them when it is back", async () => {
    const limits = { ...DELIVERY, firstDelayMs: 1000 };
    const probe = await startSmtpServer();
    const port = probe.port;
    await probe.stop();
    const transport = smtp(`smtp://127.0.0.1:${port}`);

    const start = instant();
    const reader = await person(prisma, "en");
    await prisma.$transaction((tx) => notify(tx, [reader.id], cancelled("Radioterapia"), start));
    const row = () => prisma.outboxMessage.findFirstOrThrow({ where: { userId: reader.id } });

    expect(await sendDue(transport, start, { limits })).toMatchObject({ sent: 0, retry: 1 });
    expect(await row()).toMatchObject({ status: "queued", attempts: 1, nextAttemptAt: later(start, 1000) });
    expect((await row()).lastError).toMatch(/ECONNREFUSED/);
    // not due before its backoff has passed: nothing is tried
    expect(await sendDue(transport, later(start, 999), { limits })).toMatchObject({ sent: 0, retry: 0, failed: 0 });
    expect((await row()).attempts).toBe(1);
    expect(await sendDue(transport, later(start, 1000), { limits })).toMatchObject({ retry: 1 });
    expect(await row()).toMatchObject({ attempts: 2, nextAttemptAt: later(start, 3000) });

    const server = await startSmtpServer({ port });
    try {
      expect(await sendDue(transport, later(start, 3000), { limits })).toMatchObject({ sent: 1 });
      const [arrived] = await server.waitFor(1);
      const message = await row();
      expect(message).toMatchObject({ status: "sent", attempts: 3, sentAt: later(start, 3000) });
      expect(arrived!.to).toEqual([reader.email]);
      expect(arrived!.messageId).toBe(`<${message.messageId}>`);
    } finally {
      await server.stop();
    }
  });

  it("fails a refused address at once, flags the person and tells the administrators, by e-mail too", async () => {
    const refused = `refused-${randomUUID().slice(0, 8)}`;
    const server = await startSmtpServer({ refuse: (address) => address.includes(refused) });
    try {
      const now = instant();
      const [admin, reader] = [await person(prisma, "en", ["admin"]), await person(prisma, "it", [], refused)];
      await prisma.$transaction((tx) => notify(tx, [reader.id], cancelled("Ematologia"), now));

      const report = await sendDue(smtp(server.url), now);
      expect(report.failed).toBe(1);
      const message = await prisma.outboxMessage.findFirstOrThrow({ where: { userId: reader.id } });
      expect(message).toMatchObject({ status: "failed", refused: true, attempts: 1, failedAt: now });
      expect(message.lastError).toMatch(/550/);
      expect((await prisma.user.findUniqueOrThrow({ where: { id: reader.id } })).mailRefusedAt).toEqual(now);
      const notice = await prisma.notification.findFirstOrThrow({ where: { userId: admin.id, kind: "mail-refused" } });
      expect(JSON.parse(notice.params)).toEqual({ name: reader.name, email: reader.email });
      // the administrator's e-mail about it went out in the same run
      const arrived = server.arrived.filter((a: Arrived) => a.to.includes(admin.email));
      expect(arrived.map((a) => a.mail.subject)).toEqual([`The mail server refused the address of ${reader.name} (${reader.email})`]);
      expect(server.arrived.some((a) => a.to.includes(reader.email))).toBe(false);
    } finally {
      await server.stop();
    }
  });

  it("writes each e-mail as an .eml file named by its Message-ID when delivering into files (the demo)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "portal-mail-"));
    try {
      const now = instant();
      const reader = await person(prisma, "en");
      await prisma.$transaction((tx) => notify(tx, [reader.id], cancelled("Chirurgia"), now));
      const transport = fileTransport(dir);
      expect(await sendDue(transport, now)).toMatchObject({ sent: 1 });
      transport.close();
      const { messageId } = await prisma.outboxMessage.findFirstOrThrow({ where: { userId: reader.id } });
      expect(readdirSync(dir)).toEqual([`${messageId}.eml`]);
      const file = path.join(dir, `${messageId}.eml`);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const mail = await simpleParser(readFileSync(file));
      expect(mail.messageId).toBe(`<${messageId}>`);
      expect(mail.subject).toBe("Your rotation in Chirurgia from 1 Dec 2026 was cancelled");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the sending process killed with SIGKILL in the middle of a send", () => {
  let database: Awaited<ReturnType<typeof temporaryDatabase>>;
  beforeAll(async () => {
    database = await temporaryDatabase("mail-sender");
  });
  afterAll(() => database.dispose());
  const LEASE_MS = 1500;

  function sender(smtpUrl: string) {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/mail-sender.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        SMTP_URL: smtpUrl,
        MAIL_DELIVERY: "smtp",
        MAIL_POLL_MS: "100",
        MAIL_LEASE_MS: String(LEASE_MS),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines: { text: string; at: number }[] = [];
    let errors = "";
    let wake = () => {};
    const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
    child.stdout.setEncoding("utf8");
    let pending = "";
    child.stdout.on("data", (chunk: string) => {
      const parts = (pending + chunk).split("\n");
      pending = parts.pop() ?? "";
      for (const text of parts.filter(Boolean)) lines.push({ text, at: Date.now() });
      wake();
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => (errors += chunk));
    const line = async (pattern: RegExp) => {
      for (;;) {
        const found = lines.find((l) => pattern.test(l.text));
        if (found) return found;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited without printing ${pattern}:\n${errors}`);
        await new Promise<void>((resolve) => (wake = resolve));
      }
    };
    return { child, lines, line, exited, errors: () => errors };
  }

  it("delivers every message afterwards; the one it was sending arrives twice, with the same Message-ID", async () => {
    const client = database.client;
    const people: { id: string }[] = [];
    for (let i = 0; i < 5; i++) people.push(await person(client, i % 2 ? "en" : "it"));
    await client.$transaction((tx) =>
      notify(
        tx,
        people.map((p) => p.id),
        cancelled("Cardiologia"),
      ),
    );
    const queued = await client.outboxMessage.findMany({ orderBy: { createdAt: "asc" } });
    expect(queued).toHaveLength(5);

    // Two sending processes, as with WEB_CONCURRENCY=2; the lease lets one send. The server is slow: each
    // message waits 200 ms between arriving and being accepted. The second one to arrive kills the
    // process sending it right there: the server has the message, the sender never heard "250".
    const senders: ReturnType<typeof sender>[] = [];
    let killed: ReturnType<typeof sender> | undefined;
    const server = await startSmtpServer({
      delayMs: 200,
      onArrived: ({ messageId }, index) => {
        if (index !== 1) return;
        killed = senders.find((s) => s.lines.some((l) => l.text === `sending ${messageId.slice(1, -1)}`));
        killed?.child.kill("SIGKILL");
      },
    });
    try {
      senders.push(sender(server.url), sender(server.url));
      await Promise.race(senders.map((s) => s.exited));
      expect(killed?.child.signalCode).toBe("SIGKILL");
      const killedAt = Date.now();
      const other = senders.find((s) => s !== killed)!;
      expect(other.lines.map((l) => l.text)).not.toContain("lease");
      expect(server.arrived).toHaveLength(2);
      const statuses = await client.outboxMessage.groupBy({ by: ["status"], _count: true });
      expect(Object.fromEntries(statuses.map((s) => [s.status, s._count]))).toEqual({ sent: 1, queued: 4 });
      // The dead process's lease still stands: the other process sends nothing until it expires.
      const lease = await client.lease.findUniqueOrThrow({ where: { name: "mail-sender" } });
      expect(lease.expiresAt.getTime()).toBeGreaterThan(killedAt - 100);

      const took = await other.line(/^lease$/);
      expect(took.at).toBeGreaterThanOrEqual(lease.expiresAt.getTime());
      await server.waitFor(6);
      for (;;) {
        const left = await client.outboxMessage.count({ where: { status: { not: "sent" } } });
        if (left === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(other.errors()).toBe("");

      // Every message arrived; the only one that arrived twice is the one the kill interrupted, and its
      // copy carries its original's Message-ID (a reader's mail program shows it once).
      const ids = server.arrived.map((a) => a.messageId);
      expect(new Set(ids)).toEqual(new Set(queued.map((q) => `<${q.messageId}>`)));
      expect(ids).toHaveLength(6);
      const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
      expect(twice).toEqual([server.arrived[1]!.messageId]);
      const copies = server.arrived.filter((a) => a.messageId === twice[0]);
      expect(copies[1]!.mail.subject).toBe(copies[0]!.mail.subject);
      expect(copies[1]!.to).toEqual(copies[0]!.to);
    } finally {
      for (const s of senders) s.child.kill("SIGKILL");
      await Promise.all(senders.map((s) => s.exited));
      await server.stop();
    }
  }, 30_000);
});
