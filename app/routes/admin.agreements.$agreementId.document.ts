import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { agreementDocument } from "~/models/agreement.server";
import { readDocument } from "~/models/document.server";
import { invariantResponse } from "~/utils/http";

export const handle = { policy: "admin" };

/** The signed PDF of an agreement, for administrators only, always as a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const document = await agreementDocument(params.agreementId ?? "");
  invariantResponse(document, "No document", 404);
  const bytes = await readDocument(document.id).catch(() => null);
  invariantResponse(bytes, "Document file missing", 404);
  const ascii = document.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
