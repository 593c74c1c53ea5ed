import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server for tests (smtp-server: the protocol as a mail server speaks it, no TLS, any
 * sign-in accepted), on a port of its own. It keeps what arrived, parsed by mailparser, and can refuse
 * an address (550 to RCPT TO) or take its time before accepting a message (a slow server, to catch a
 * sender mid-send).
 */
export type Arrived = { to: string[]; raw: string; mail: ParsedMail; messageId: string };

export type TestSmtpOptions = {
  /** listen on this port (a restart on the same port); default a free one */
  port?: number;
  /** addresses answered "550 mailbox unavailable" at RCPT TO */
  refuse?: (address: string) => boolean;
  /** wait this long after a message arrived before accepting it (250) */
  delayMs?: number;
  /** called when a message has arrived and before it is accepted */
  onArrived?: (arrived: Arrived, index: number) => void;
};

export async function startSmtpServer(options: TestSmtpOptions = {}) {
  const arrived: Arrived[] = [];
  let wake = () => {};
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 100,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address)) {
        const error = Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const mail = await simpleParser(raw);
        const entry = { to: session.envelope.rcptTo.map((r) => r.address), raw, mail, messageId: mail.messageId ?? "" };
        arrived.push(entry);
        options.onArrived?.(entry, arrived.length - 1);
        wake();
        if (options.delayMs) await sleep(options.delayMs);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    arrived,
    /** Resolves once `count` messages have arrived (fails after `timeoutMs`). */
    async waitFor(count: number, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (arrived.length < count) {
        if (Date.now() > deadline) throw new Error(`${arrived.length} of ${count} messages arrived`);
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), sleep(100)]);
      }
      return arrived;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TestSmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;
