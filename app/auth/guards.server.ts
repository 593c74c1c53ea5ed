import { redirect } from "@remix-run/node";
import { loginPathFor } from "~/domain/redirect";
import { homePathFor, type Role } from "~/domain/roles";
import { readSessionToken, validateSessionToken, type ValidSession } from "./session.server";

/**
 * Guards that routes call first thing in every loader and action. They answer from the session
 * cookie, once per request, and throw a redirect (not signed in) or a 403 (wrong role).
 */
const cache = new WeakMap<Request, Promise<ValidSession | null>>();

export function getSession(request: Request): Promise<ValidSession | null> {
  let pending = cache.get(request);
  if (!pending) {
    const token = readSessionToken(request);
    pending = token ? validateSessionToken(token) : Promise.resolve(null);
    cache.set(request, pending);
  }
  return pending;
}

export async function getUser(request: Request) {
  return (await getSession(request))?.user ?? null;
}

export async function requireSession(request: Request): Promise<ValidSession> {
  const session = await getSession(request);
  if (!session) throw redirect(loginPathFor(new URL(request.url)));
  return session;
}

export async function requireUser(request: Request) {
  return (await requireSession(request)).user;
}

export async function requireRole(request: Request, role: Role) {
  const user = await requireUser(request);
  if (!user.roles.includes(role)) {
    throw new Response("Forbidden", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return user;
}

/** Pages for signed-out people only (sign-in): a signed-in person is sent to their home. */
export async function requireAnonymous(request: Request): Promise<void> {
  const user = await getUser(request);
  if (user) throw redirect(homePathFor(user.roles));
}
