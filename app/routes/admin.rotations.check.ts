import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { parseIsoDate } from "~/domain/dates";
import { localeOf } from "~/i18n/locale.server";
import { describeRotationProblems } from "~/models/rotation-messages.server";
import { checkRotation } from "~/models/rotation.server";
import { prisma } from "~/utils/db.server";

export const handle = { policy: "admin" };

/** The live rule check of the planning form: which of the six rules the candidate would break. Writes nothing. */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
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
  const department = await prisma.department.findUnique({ where: { id: departmentId }, select: { name: true } });
  return Response.json({ problems: describeRotationProblems(problems, department?.name ?? "", localeOf(request, admin)) });
}
