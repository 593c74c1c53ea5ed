import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { absenceDocument } from "~/models/absence.server";
import { documentDownload } from "~/models/document.server";
import { invariantResponse } from "~/utils/http";

export const handle = { policy: "admin" };

/** A protected absence's supporting PDF, for administrators, always as a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const document = await absenceDocument(params.absenceId ?? "", null);
  invariantResponse(document, "No document", 404);
  return documentDownload(document);
}
