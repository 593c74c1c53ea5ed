import type { LoaderFunctionArgs } from "@remix-run/node";
import { databaseAnswers } from "~/models/health.server";

export const handle = { policy: "public" };

/** 200 when the database answers, 503 when it does not. For load balancers and monitoring. */
export async function loader(_: LoaderFunctionArgs) {
  const ok = await databaseAnswers();
  return Response.json({ status: ok ? "ok" : "unavailable" }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
