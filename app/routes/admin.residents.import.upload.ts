import type { ActionFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { createImport } from "~/models/resident-import.server";
import { readImportUpload } from "~/services/import-upload.server";
import { progressStream } from "~/utils/progress-stream.server";

export const handle = { policy: "admin" };

/**
 * The upload of the import page when JavaScript runs: the same checks as the page's own action, with
 * the rows' check reported as it goes. Answers a line with the errors (4xx), or progress lines and
 * then the preview's address.
 */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const upload = await readImportUpload(request);
  if (!upload.ok) {
    return new Response(`${JSON.stringify({ errors: upload.errors })}\n`, {
      status: upload.status,
      headers: { "Content-Type": "application/x-ndjson; charset=utf-8" },
    });
  }
  return progressStream(async (send) => {
    const { id } = await createImport(upload, admin.id, send);
    return { location: `/admin/residents/import/${id}` };
  });
}
