import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { startCheckpointer } from "~/utils/checkpointer.server";
import { startMailSender } from "~/services/mail-sender.server";
import { startScheduler } from "~/services/scheduler.server";
import { prepareDatabase } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { NonceProvider } from "~/utils/nonce";

// Reading env here makes an invalid configuration stop the server when the build is loaded.
void env;
void prepareDatabase();

const ABORT_DELAY = 5_000;

/**
 * The server's background work, started by server.js once per process after it listens: SQLite's
 * checkpoints off the main thread, the e-mail sender (off with MAIL_SENDER=off) and the scheduled checks
 * (off with SCHEDULER=off). Every process starts them; a lease in the database lets one sender work,
 * and each check's occasion runs once.
 */
export function startBackgroundWork() {
  // PostgreSQL checkpoints and gathers statistics itself (autovacuum).
  if (env.DATABASE_DIALECT === "sqlite") {
    startCheckpointer().catch((error: unknown) => {
      console.error("[checkpointer] not started; SQLite checkpoints on commit instead.", error instanceof Error ? error.message : error);
    });
  }
  startMailSender();
  if (env.SCHEDULER) void startScheduler();
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
