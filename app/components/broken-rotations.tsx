import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { RotationStatus } from "~/domain/rotation-rules";
import { useLocale } from "~/i18n/use-locale";
import { Card } from "./page-header";
import { MessageText } from "./forms";
import { RotationStatusBadge } from "./rotation-status";

export type BrokenRotationView = {
  id: string;
  residentName: string;
  departmentName: string;
  startDate: Date;
  endDate: Date;
  status: RotationStatus;
  /** Why it is broken, as messages (app/domain/refusal.ts). */
  problems: string[];
};

/**
 * The administrators' dashboard block: rotations a later change has broken (an agreement shortened or
 * terminated, a capacity lowered, a stay shortened), each with its reasons and a link to fix or cancel it.
 */
export function BrokenRotations({ broken }: { broken: { total: number; rotations: BrokenRotationView[] } }) {
  const { t } = useTranslation();
  const { format } = useLocale();
  return (
    <Card id="broken-rotations" title={t("rotations.broken.title")}>
      {broken.total === 0 ? (
        <p className="text-slate-600">{t("rotations.broken.none")}</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            <strong className="text-red-800">{t("rotations.broken.count", { count: broken.total })}</strong> {t("rotations.broken.intro")}
          </p>
          {broken.total > broken.rotations.length ? (
            <p className="mt-1 text-sm text-slate-700">
              {t("rotations.broken.showing", { shown: format.number(broken.rotations.length), total: format.number(broken.total) })}
            </p>
          ) : null}
          <ul className="mt-2 divide-y divide-slate-200">
            {broken.rotations.map((r) => (
              <li key={r.id} className="py-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <Link to={`/admin/rotations/${r.id}`} className="font-medium text-blue-800 underline">
                    {r.residentName}
                  </Link>
                  <span className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
                    <span>
                      {r.departmentName} · <time dateTime={format.iso(r.startDate)}>{format.date(r.startDate)}</time> –{" "}
                      <time dateTime={format.iso(r.endDate)}>{format.date(r.endDate)}</time>
                    </span>
                    <RotationStatusBadge status={r.status} />
                  </span>
                </div>
                <ul aria-label={t("rotations.broken.reasons")} className="mt-1 list-disc space-y-1 pl-5 text-sm text-red-900">
                  {r.problems.map((message) => (
                    <li key={message}>
                      <MessageText message={message} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
