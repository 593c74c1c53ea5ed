import { createCookieSessionStorage } from "@remix-run/node";
import { z } from "~/schemas/z";
import { env } from "./env.server";

/**
 * A message shown once after a redirect ("Account created"), carried in a short-lived signed cookie.
 * `message` is a translation key; `values` fills its placeholders.
 */
const toastSchema = z.object({
  kind: z.enum(["success", "error", "info"]),
  message: z.string().max(200),
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type Toast = z.infer<typeof toastSchema>;

const storage = createCookieSessionStorage({
  cookie: {
    name: "portal_flash",
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: env.isProduction,
    secrets: [env.SESSION_SECRET],
    maxAge: 60,
  },
});

export async function withToast(toast: Toast, headers: HeadersInit = {}): Promise<Headers> {
  const session = await storage.getSession();
  session.flash("toast", toast);
  const result = new Headers(headers);
  result.append("Set-Cookie", await storage.commitSession(session));
  return result;
}

/** Reads and clears the pending toast. */
export async function takeToast(request: Request): Promise<{ toast: Toast | null; setCookie: string | null }> {
  const cookie = request.headers.get("Cookie");
  if (!cookie?.includes("portal_flash=")) return { toast: null, setCookie: null };
  const session = await storage.getSession(cookie);
  const parsed = toastSchema.safeParse(session.get("toast"));
  return { toast: parsed.success ? parsed.data : null, setCookie: await storage.destroySession(session) };
}
