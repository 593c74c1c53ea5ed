import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { absenceDocument } from "~/models/absence.server";
import { documentDownload } from "~/models/document.server";
import { invariantResponse } from "~/utils/http";

export const handle = { policy: "resident" };

/** The supporting PDF of one of the resident's own protected absences, always as a download; anyone else's is not found. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "resident");
  const document = await absenceDocument(params.absenceId ?? "", { userId: user.id });
  invariantResponse(document, "No document", 404);
  return documentDownload(document);
}
