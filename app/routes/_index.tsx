import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getUser } from "~/auth/guards.server";
import { homePathFor } from "~/domain/roles";

export const handle = { policy: "public" };

/** The front door: signed-in people go to their home, everyone else to sign-in. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  throw redirect(user ? homePathFor(user.roles) : "/login");
}
