import type { LoaderFunctionArgs } from "@remix-run/node";
import { openDataFile } from "~/services/open-data-file.server";

export const handle = { policy: "public" };

/** /open/programmes.csv: open data for anyone, no sign-in (docs/open-data.md). */
export async function loader({ request }: LoaderFunctionArgs) {
  return openDataFile(request, "programmes", "csv");
}
