// The mail server of the end-to-end suite: a real SMTP server (test/smtp-server.ts) that the suite's
// portal sends to (scripts/e2e-server.js gives it SMTP_URL). Each message that arrives is written, as
// the mail server received it, into the portal's mail folder under the name file delivery would give
// it, so that a journey reads it there: what the recipient got, and the administrators' page shows it.
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { emlName } from "~/domain/notifications";
import { startSmtpServer } from "../test/smtp-server";

// `--pair`: the mail server of the two servers of e2e/two-servers.spec.ts, 10 ports on, its own folder.
const pair = process.argv.includes("--pair");
const port = Number(process.env.E2E_PORT ?? 3100);
const dir = `data/e2e-${port}/${pair ? "pair-mail" : "mail"}`;
const writes: Promise<void>[] = [];
// A message that arrives again (sent twice) is kept beside the first, so that a journey sees it twice.
const arrivals = new Map<string, number>();

const server = await startSmtpServer({
  port: port + 2000 + (pair ? 10 : 0),
  onArrived({ raw, messageId }) {
    const times = (arrivals.get(messageId) ?? 0) + 1;
    arrivals.set(messageId, times);
    const file = path.join(dir, `${emlName(messageId)}${times > 1 ? `.again-${times}` : ""}.eml`);
    writes.push(
      mkdir(dir, { recursive: true })
        .then(() => writeFile(`${file}.tmp`, raw))
        .then(() => rename(`${file}.tmp`, file)),
    );
  },
});
console.log(`test SMTP server on ${server.url}, writing into ${dir}`);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    void Promise.all(writes).finally(() => server.stop().then(() => process.exit(0)));
  });
