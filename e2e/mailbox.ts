import { simpleParser, type ParsedMail } from "mailparser";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { E2E_MAIL_DIR } from "./environment";

/**
 * The suite's mailbox: the e-mails the portal sent over SMTP to the suite's mail server
 * (scripts/e2e-smtp.ts), which writes each into E2E_MAIL_DIR as it received it.
 */
export type Received = { name: string; mail: ParsedMail };

/** What arrived in `dir` (the suite's mailbox unless told): a message that arrived twice, twice. */
async function received(dir = E2E_MAIL_DIR): Promise<Received[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith(".eml"));
  return Promise.all(
    names.map(async (name) => ({
      name: name.slice(0, -".eml".length),
      mail: await simpleParser(await readFile(path.join(dir, name))),
    })),
  );
}

const recipients = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((to) => to.value.map((address) => address.address));

/** The e-mails to `address`, once at least one has arrived (the sender looks twice a second; the test fails after `timeoutMs`). */
export async function mailTo(address: string, timeoutMs = 20_000, dir = E2E_MAIL_DIR): Promise<Received[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mine = (await received(dir)).filter(({ mail }) => recipients(mail).includes(address));
    if (mine.length > 0) return mine;
    if (Date.now() > deadline) throw new Error(`No e-mail to ${address} arrived within ${timeoutMs} ms`);
    await sleep(250);
  }
}
