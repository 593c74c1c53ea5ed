import type { ActionFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { Refused } from "~/domain/refusal";
import { applyImport, importState } from "~/models/resident-import.server";
import { invariantResponse } from "~/utils/http";
import { progressStream } from "~/utils/progress-stream.server";

export const handle = { policy: "admin" };

/** Confirms an import when JavaScript runs, reporting the rows written as it goes; then the import's page. */
export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const id = params.importId ?? "";
  const stored = await importState(id);
  invariantResponse(stored, "Not found", 404);
  const page = `/admin/residents/import/${id}`;
  if (stored.appliedAt)
    return new Response(`${JSON.stringify({ location: page })}\n`, {
      status: 409,
      headers: { "Content-Type": "application/x-ndjson; charset=utf-8" },
    });
  return progressStream(async (send) => {
    try {
      await applyImport(id, admin.id, send);
      return { location: page };
    } catch (error) {
      // Rows with problems (the database changed since the preview): the preview says so.
      if (error instanceof Refused) return { location: `${page}?changed=1` };
      throw error;
    }
  });
}
