import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { parseIsoDate } from "~/domain/dates";
import { encodeMessage } from "~/domain/refusal";
import { checkRotation } from "~/models/rotation.server";

export const handle = { policy: "admin" };

/** The live rule check of the planning form: which of the seven rules the candidate would break. Writes nothing. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const params = new URL(request.url).searchParams;
  const get = (name: string) => (params.get(name) ?? "").slice(0, 40);
  const startDate = parseIsoDate(get("startDate"));
  const endDate = parseIsoDate(get("endDate"));
  const residentId = get("residentId");
  const departmentId = get("departmentId");
  if (!startDate || !endDate || !residentId || !departmentId) return Response.json({ problems: null });
  const problems = await checkRotation({
    id: get("rotationId") || undefined,
    residentId,
    departmentId,
    tutorId: get("tutorId") || null,
    startDate,
    endDate,
  });
  return Response.json({ problems: problems.map(encodeMessage) });
}
