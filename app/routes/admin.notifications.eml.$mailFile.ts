import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { readMailFile } from "~/models/delivery.server";

export const handle = { policy: "admin" };

/** The demo's e-mail as its .eml file, to open in a mail program. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const name = params.mailFile ?? "";
  const file = await readMailFile(name);
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(file.raw), {
    headers: {
      "Content-Type": "message/rfc822",
      "Content-Disposition": `attachment; filename="${name}.eml"`,
      "Cache-Control": "private, no-store",
    },
  });
}
