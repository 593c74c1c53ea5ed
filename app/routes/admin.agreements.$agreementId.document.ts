import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { agreementDocument } from "~/models/agreement.server";
import { documentDownload } from "~/models/document.server";
import { invariantResponse } from "~/utils/http";

export const handle = { policy: "admin" };

/** The signed PDF of an agreement, for administrators only, always as a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const document = await agreementDocument(params.agreementId ?? "");
  invariantResponse(document, "No document", 404);
  return documentDownload(document);
}
