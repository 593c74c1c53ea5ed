import type { LoaderFunctionArgs } from "@remix-run/node";
import { prepareDatabase, prisma } from "~/utils/db.server";

export const handle = { policy: "public" };

/** 200 when the database answers, 503 when it does not. For load balancers and monitoring. */
export async function loader(_: LoaderFunctionArgs) {
  try {
    await prepareDatabase();
    await prisma.$queryRawUnsafe("SELECT 1");
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
