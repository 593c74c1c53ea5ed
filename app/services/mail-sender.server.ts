import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { DELIVERY, emlName, type DeliveryLimits } from "~/domain/notifications";
import { releaseLease, renewLease, takeLease } from "~/models/lease.server";
import { dueMessages, hasDueMessages, markAttemptFailed, markSent, type SendFailure } from "~/models/outbox.server";
import { env } from "~/utils/env.server";
import { composeMail, type Mail } from "./mail.server";

/**
 * The sender: takes the e-mails that are due from the outbox and hands them to the mail server, one at
 * a time, marking each. One process sends at a time in a whole deployment (every server process runs
 * the loop; the "mail-sender" lease in the database lets one of them work).
 *
 * Delivery is at least once: a message is marked sent only after the server accepted it, so a crash in
 * between sends it again, with the same Message-ID (the outbox row's), and nothing else can.
 */

export const SENDER_LEASE = "mail-sender";

/** Where e-mails go: the mail server, or .eml files (the demo). */
export type MailTransport = {
  /** "smtp://mail.example.org:465", "files in /srv/portal/data/mail": never a password */
  description: string;
  send(mail: Mail): Promise<void>;
  close(): void;
};

/** Through a mail server: one pooled connection, reused while there is mail to send. */
export function smtpTransport(url: string): MailTransport {
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 1,
    // A server that does not answer must not hold the sender for minutes: the attempt fails and is retried.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const { protocol, host } = new URL(url);
  return {
    description: `${protocol}//${host}`,
    async send(mail) {
      await transport.sendMail(mail);
    },
    close: () => transport.close(),
  };
}

/**
 * Into a folder, one .eml file per message named by its Message-ID (a message sent again replaces its
 * file). Written whole or not at all (a temporary file renamed), readable by the owner only: a
 * set-password e-mail holds a credential.
 */
export function fileTransport(dir: string): MailTransport {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    description: `files in ${dir}`,
    async send(mail) {
      const info = await transport.sendMail(mail);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const file = path.join(dir, `${emlName(mail.messageId)}.eml`);
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, info.message as Buffer, { mode: 0o600 });
      await rename(temporary, file);
    },
    close: () => transport.close(),
  };
}

export function transportFromEnv(): MailTransport {
  return env.MAIL_DELIVERY === "smtp" && env.SMTP_URL ? smtpTransport(env.SMTP_URL) : fileTransport(env.MAIL_DIR);
}

export type SenderEvent =
  | { type: "lease" }
  | { type: "sending"; messageId: string }
  | { type: "sent" | "retry" | "failed" | "refused"; messageId: string; error?: string };

export type SendOptions = {
  /** this process's name in the lease */
  holder?: string;
  leaseMs?: number;
  limits?: DeliveryLimits;
  batch?: number;
  onEvent?: (event: SenderEvent) => void;
};

export type SendReport = { leased: boolean; sent: number; retry: number; failed: number };

/** This process's name as a lease holder: the machine, the process, and a random part (a restarted pid is someone else). */
export const PROCESS_HOLDER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * Sends every message that is due, if this process can take the sender's lease (false in the report:
 * another process is sending). `now` fixes the clock (tests); without it each message is marked at the
 * time it was sent. The lease is renewed while the work lasts and released at its end.
 */
export async function sendDue(transport: MailTransport, now?: Date, options: SendOptions = {}): Promise<SendReport> {
  const { holder = PROCESS_HOLDER, leaseMs = env.MAIL_LEASE_MS, limits = DELIVERY, batch = 20, onEvent } = options;
  const clock = () => now ?? new Date();
  const report: SendReport = { leased: false, sent: 0, retry: 0, failed: 0 };
  if (!(await takeLease(SENDER_LEASE, holder, leaseMs, clock()))) return report;
  report.leased = true;
  onEvent?.({ type: "lease" });

  // Renewed in the background while a message is with the server; a lease lost (this process stalled
  // past its expiry and another took over) stops the work after the message under way.
  let lost = false;
  let renewing = Promise.resolve();
  const heartbeat = setInterval(
    () => {
      renewing = renewLease(SENDER_LEASE, holder, leaseMs, clock()).then(
        (kept) => void (lost ||= !kept),
        () => {},
      );
    },
    Math.max(100, Math.floor(leaseMs / 3)),
  );
  const tried = new Set<string>();
  try {
    while (!lost) {
      const due = (await dueMessages(clock(), batch)).filter((message) => !tried.has(message.id));
      if (due.length === 0) break;
      for (const message of due) {
        if (lost) break;
        tried.add(message.id);
        let mail: Mail | null;
        try {
          mail = await composeMail(message);
        } catch (error) {
          await failed(message, { message: `The e-mail could not be written: ${errorText(error)}` });
          continue;
        }
        // A digest whose notifications are all gone has nothing to tell: done, without an e-mail.
        if (!mail) {
          await markSent(message.id, clock());
          continue;
        }
        onEvent?.({ type: "sending", messageId: message.messageId });
        try {
          await transport.send(mail);
        } catch (error) {
          await failed(message, failure(error));
          continue;
        }
        await markSent(message.id, clock());
        report.sent++;
        onEvent?.({ type: "sent", messageId: message.messageId });
      }
    }
  } finally {
    clearInterval(heartbeat);
    await renewing;
    if (!lost) await releaseLease(SENDER_LEASE, holder).catch(() => {});
  }
  return report;

  async function failed(message: { id: string; messageId: string }, why: SendFailure) {
    const outcome = await markAttemptFailed(message.id, why, clock(), limits);
    if (!outcome) return;
    if (outcome === "retry") report.retry++;
    else report.failed++;
    onEvent?.({ type: outcome, messageId: message.messageId, error: why.message });
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What nodemailer says went wrong: the server's reply when there is one, its code and the command it answered. */
function failure(error: unknown): SendFailure {
  const e = (error ?? {}) as { message?: string; response?: string; responseCode?: number; command?: string; code?: string };
  return { message: e.response ?? e.message ?? String(error), responseCode: e.responseCode, command: e.command, code: e.code };
}

export type MailSender = { transport: MailTransport; stop(): Promise<void> };

const globalForSender = globalThis as unknown as { __portalMailSender?: MailSender };

/**
 * Starts the loop that sends the outbox, once per process (a second call returns the first loop). Idle,
 * it only reads: one query every `pollMs` for a message that is due, no lease written, so that the
 * database's version (and with it every process's remembered reads) stays put while there is nothing to
 * send. Off with MAIL_SENDER=off (then null).
 */
export function startMailSender(
  options: SendOptions & { enabled?: boolean; pollMs?: number; transport?: MailTransport; log?: (line: string) => void } = {},
): MailSender | null {
  const { enabled = env.MAIL_SENDER, pollMs = env.MAIL_POLL_MS, log = console.log, ...sendOptions } = options;
  if (!enabled) return null;
  if (globalForSender.__portalMailSender) return globalForSender.__portalMailSender;
  const transport = options.transport ?? transportFromEnv();
  const speaks = !cluster.worker || cluster.worker.id === 1;
  if (speaks) log(`E-mail: sent through ${transport.description}.`);
  if (speaks && env.isProduction && !env.APP_ORIGIN && env.MAIL_DELIVERY === "smtp")
    console.warn(`E-mail: APP_ORIGIN is not set; links in e-mails point to ${env.PUBLIC_ORIGIN}.`);

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      if (await hasDueMessages()) {
        const report = await sendDue(transport, undefined, sendOptions);
        if (report.sent + report.retry + report.failed > 0)
          log(`E-mail: ${report.sent} sent, ${report.retry} to try again, ${report.failed} failed.`);
      }
    } catch (error) {
      console.error("E-mail sender:", errorText(error));
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, pollMs);
  };
  running = tick().finally(schedule);

  const sender: MailSender = {
    transport,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      transport.close();
      if (globalForSender.__portalMailSender === sender) delete globalForSender.__portalMailSender;
    },
  };
  globalForSender.__portalMailSender = sender;
  return sender;
}
