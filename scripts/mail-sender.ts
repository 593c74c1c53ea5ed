// The e-mail sender on its own, outside the web server: `npx tsx scripts/mail-sender.ts`. It runs the
// same loop as every server process (app/services/mail-sender.server.ts), with the same lease, so it can
// run beside servers started with MAIL_SENDER=off, or beside servers that send too (the lease lets one
// of them work at a time). The crash test of the sender starts it and kills it mid-send.
// Prints "started", then one line per event: "lease" (it took the sender's lease), "sending <Message-ID>",
// "sent <Message-ID>", "retry <Message-ID>", "failed <Message-ID>", "refused <Message-ID>".
// Settings: DATABASE_URL, SMTP_URL, MAIL_FROM, MAIL_DELIVERY, MAIL_DIR, MAIL_POLL_MS, MAIL_LEASE_MS,
// MAIL_FIRST_RETRY_MS (the first retry's wait; tests shorten it).
import { DELIVERY } from "~/domain/notifications";
import { startMailSender } from "~/services/mail-sender.server";
import { prepareDatabase } from "~/utils/db.server";

await prepareDatabase();
const firstDelayMs = Number(process.env.MAIL_FIRST_RETRY_MS) || DELIVERY.firstDelayMs;
const sender = startMailSender({
  enabled: true,
  limits: { ...DELIVERY, firstDelayMs },
  onEvent: (event) => console.log("messageId" in event ? `${event.type} ${event.messageId}` : event.type),
});
console.log("started");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sender?.stop().then(() => process.exit(0));
  });
}
