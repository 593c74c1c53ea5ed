import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendar } from "~/domain/ical";
import { calendarFor } from "~/services/calendar.server";

export const handle = { policy: "public" };

/**
 * A person's private calendar feed (/calendar/<token>.ics), for calendar apps that subscribe without
 * signing in. An unknown, revoked or malformed token answers 404 and says nothing else.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const file = params.file ?? "";
  const feed = file.endsWith(".ics") ? await calendarFor(file.slice(0, -4)) : null;
  if (!feed) throw new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(calendar(feed.name, feed.events), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "private, max-age=900",
      "X-Robots-Tag": "noindex",
      "Referrer-Policy": "no-referrer",
    },
  });
}
