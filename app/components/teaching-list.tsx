import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { TEACHING_TYPES, type TeachingType } from "~/domain/teaching";
import { useLocale } from "~/i18n/use-locale";

/** Where a session stands (app/models/teaching-queries.server.ts teachingStatus). */
export type TeachingStatusName = "cancelled" | "delivered" | "unconfirmed" | "upcoming";

const STYLES: Record<TeachingStatusName, string> = {
  upcoming: "bg-sky-100 text-sky-900",
  unconfirmed: "bg-amber-100 text-amber-900",
  delivered: "bg-green-100 text-green-900",
  cancelled: "bg-red-100 text-red-900 line-through",
};

export function TeachingStatusBadge({ status }: { status: TeachingStatusName }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-semibold ${STYLES[status]}`}>
      {t(`teaching.statuses.${status}`)}
    </span>
  );
}

/** A session type's name in the reader's language (the stored code if it is not one we know). */
export function useTeachingTypeName(): (type: string) => string {
  const { t } = useTranslation();
  return (type) => ((TEACHING_TYPES as readonly string[]).includes(type) ? t(`teaching.types.${type as TeachingType}`) : type);
}

export type TeachingListRow = {
  id: string;
  title: string;
  type: string;
  date: Date | string;
  startTime: string;
  durationMinutes: number;
  place: string | null;
  status: TeachingStatusName;
  department: { name: string } | null;
};

/** Sessions as a list that reads well on a phone: title, type, when and where, status; an optional action each. */
export function TeachingSessionList({
  sessions,
  action,
}: {
  sessions: TeachingListRow[];
  action?: (session: TeachingListRow) => ReactNode;
}) {
  const { t } = useTranslation();
  const { format } = useLocale();
  const typeName = useTeachingTypeName();
  return (
    <ul className="divide-y divide-slate-200">
      {sessions.map((s) => (
        <li key={s.id} className="py-3">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div className="min-w-0">
              <Link to={`/tutor/teaching/${s.id}`} className="break-words font-medium text-blue-800 underline">
                {s.title}
              </Link>
              <p className="text-sm text-slate-700">
                <time dateTime={format.iso(s.date)}>{t("teaching.when", { date: format.date(s.date), time: s.startTime })}</time> ·{" "}
                {t("teaching.minutes", { count: s.durationMinutes })}
              </p>
              <p className="break-words text-sm text-slate-600">
                {[typeName(s.type), s.place, s.department?.name].filter(Boolean).join(" · ")}
              </p>
            </div>
            <TeachingStatusBadge status={s.status} />
          </div>
          {action ? <div className="mt-2">{action(s)}</div> : null}
        </li>
      ))}
    </ul>
  );
}
