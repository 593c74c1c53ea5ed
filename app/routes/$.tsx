import type { LoaderFunctionArgs } from "@remix-run/node";

export const handle = { policy: "public" };

/** Any address the portal does not know: the translated 404 page of the root error boundary. */
export async function loader(_: LoaderFunctionArgs) {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
