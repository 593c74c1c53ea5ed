import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "~/schemas/z";
import { getUser } from "~/auth/guards.server";
import { safeRedirect } from "~/domain/redirect";
import { LOCALES } from "~/i18n/locale";
import { languageCookie } from "~/i18n/locale.server";
import { setLanguage } from "~/models/user.server";
import { readForm } from "~/utils/form.server";

export const handle = { policy: "public" };

const schema = z.object({ language: z.enum(LOCALES), redirectTo: z.string().max(2048).optional() });

/** Switches the language: remembered on the account when signed in, in a cookie in any case. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw new Response("Unsupported language", { status: 400 });
  const user = await getUser(request);
  if (user) await setLanguage(user.id, parsed.data.language);
  throw redirect(safeRedirect(parsed.data.redirectTo, "/"), {
    headers: { "Set-Cookie": languageCookie(parsed.data.language) },
  });
}

export async function loader(_: LoaderFunctionArgs) {
  throw redirect("/");
}
