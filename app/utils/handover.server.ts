import { createCookieSessionStorage } from "@remix-run/node";
import { z } from "~/schemas/z";
import { env } from "./env.server";

/**
 * The one-time set-password link, shown once to the administrator who issued it. It travels from the
 * action to the person's page in a signed, httpOnly cookie that lives a minute and is read once;
 * the database only ever holds its hash.
 */
const storage = createCookieSessionStorage({
  cookie: {
    name: "portal_handover",
    path: "/admin",
    httpOnly: true,
    sameSite: "strict",
    secure: env.isProduction,
    secrets: [env.SESSION_SECRET],
    maxAge: 60,
  },
});

const schema = z.object({ userId: z.string(), path: z.string(), expiresAt: z.string() });
export type Handover = z.infer<typeof schema>;

export async function handoverCookie(handover: Handover): Promise<string> {
  const session = await storage.getSession();
  session.set("handover", handover);
  return storage.commitSession(session);
}

export async function takeHandover(request: Request, userId: string) {
  const cookie = request.headers.get("Cookie");
  if (!cookie?.includes("portal_handover=")) return { handover: null, setCookie: null };
  const session = await storage.getSession(cookie);
  const parsed = schema.safeParse(session.get("handover"));
  if (!parsed.success || parsed.data.userId !== userId) return { handover: null, setCookie: null };
  return { handover: parsed.data, setCookie: await storage.destroySession(session) };
}
