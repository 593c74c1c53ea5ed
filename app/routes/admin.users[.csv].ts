import type { LoaderFunctionArgs } from "@remix-run/node";
import { listUsers } from "~/models/user.server";
import { userQuerySchema } from "~/schemas/user";
import { exportList } from "~/services/csv-export.server";

export const handle = { policy: "admin" };

/** The people list as shown (same filters and order), every page, as CSV for Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  return exportList(request, {
    query: userQuerySchema,
    fileName: (t) => t("admin.users.title").toLowerCase(),
    rows: async (query) => (await listUsers(query, { all: true })).users,
    columns: (t) => [
      [t("admin.users.name"), (u) => u.name],
      [t("admin.users.email"), (u) => u.email],
      [t("admin.users.roles"), (u) => u.roles.map((role) => t(`roles.${role}`)).join(", ")],
      [
        t("admin.users.status"),
        (u) =>
          !u.active ? t("admin.users.statusInactive") : u.hasPassword ? t("admin.users.statusActive") : t("admin.users.statusAwaiting"),
      ],
      [t("admin.users.createdAt"), (u) => u.createdAt],
    ],
  });
}
