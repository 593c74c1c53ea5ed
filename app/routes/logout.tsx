import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getSession } from "~/auth/guards.server";
import { clearSessionCookie, invalidateSession } from "~/auth/session.server";

export const handle = { policy: "public" };

/** Signing out deletes the session row: the cookie is worthless afterwards, even if copied. */
export async function action({ request }: ActionFunctionArgs) {
  const session = await getSession(request);
  if (session) await invalidateSession(session.id);
  throw redirect("/login", { headers: { "Set-Cookie": clearSessionCookie() } });
}

/** A link to /logout must not sign anyone out (GET has no side effects): send them home. */
export async function loader(_: LoaderFunctionArgs) {
  throw redirect("/");
}
