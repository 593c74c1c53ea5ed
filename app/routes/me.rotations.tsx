import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { Card, PageHeader } from "~/components/page-header";
import { RotationStatusBadge } from "~/components/rotation-status";
import { hospitalToday } from "~/domain/dates";
import { useLocale } from "~/i18n/use-locale";
import { rotationsOfUser } from "~/models/rotation.server";
import { pageTitle } from "~/utils/meta";

export const handle = { policy: "resident" };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.myRotations");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "resident");
  // Only ever the signed-in resident's own rotations: no id in the URL to change.
  return { rotations: await rotationsOfUser(user.id), today: hospitalToday() };
}

export default function MyRotations() {
  const { t } = useTranslation();
  const { format } = useLocale();
  const { rotations, today } = useLoaderData<typeof loader>();
  const groups = [
    { key: "current", title: t("rotations.current"), items: rotations.filter((r) => r.startDate <= today && r.endDate >= today) },
    { key: "upcoming", title: t("rotations.upcoming"), items: rotations.filter((r) => r.startDate > today).reverse() },
    { key: "past", title: t("rotations.past"), items: rotations.filter((r) => r.endDate < today) },
  ] as const;
  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.myRotations")} />
      {groups.map((group) => (
        <Card key={group.key} id={`rotations-${group.key}`} title={group.title}>
          {group.items.length === 0 ? (
            <p className="text-slate-600">{t("rotations.noneYet")}</p>
          ) : (
            <ul className="divide-y divide-slate-200">
              {group.items.map((r) => (
                <li key={r.id} className="flex flex-wrap items-start justify-between gap-2 py-3">
                  <div>
                    <p className="font-medium">{r.department.name}</p>
                    <p className="text-sm text-slate-700">
                      {format.date(r.startDate)} – {format.date(r.endDate)}
                    </p>
                    {r.tutor ? (
                      <p className="text-sm">
                        {t("rotations.tutorContact", { name: r.tutor.name })} ·{" "}
                        <a href={`mailto:${r.tutor.email}`} className="break-all text-blue-800 underline">
                          {r.tutor.email}
                        </a>
                      </p>
                    ) : null}
                  </div>
                  <RotationStatusBadge status={r.status} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      ))}
    </div>
  );
}
