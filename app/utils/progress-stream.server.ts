/**
 * A long piece of work that reports its progress as it goes: the response is a stream of JSON lines
 * (NDJSON), one per step, and the last line is what the work returns. Proxies and the compression
 * middleware are told not to hold it back (no-transform, X-Accel-Buffering).
 */
export type ProgressEvent = Record<string, unknown>;

export function progressStream(work: (send: (event: ProgressEvent) => void) => Promise<ProgressEvent>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (event: ProgressEvent) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
        } catch {
          open = false; // the reader went away; the work still finishes (or rolls back) as a whole
        }
      };
      try {
        send(await work(send));
      } catch (error) {
        console.error(error);
        send({ error: "server" });
      }
      if (open) controller.close();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
