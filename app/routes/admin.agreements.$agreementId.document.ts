import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { readDocument } from "~/models/document.server";
import { prisma } from "~/utils/db.server";
import { invariantResponse } from "~/utils/http";

export const handle = { policy: "admin" };

/** The signed PDF of an agreement, for administrators only, always as a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const agreement = await prisma.agreement.findUnique({
    where: { id: params.agreementId ?? "" },
    select: { document: { select: { id: true, fileName: true, size: true } } },
  });
  invariantResponse(agreement?.document, "No document", 404);
  const bytes = await readDocument(agreement.document.id).catch(() => null);
  invariantResponse(bytes, "Document file missing", 404);
  const ascii = agreement.document.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(agreement.document.fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
