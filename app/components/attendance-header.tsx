import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { specialtyName } from "~/domain/specialties";
import { useLocale } from "~/i18n/use-locale";

/**
 * The top of a session's attendance page: the session itself (when, where, who teaches, whether its
 * attendance is confirmed), and what the portal refused or what stands in the way of recording it.
 */

/** The session as the attendance page shows it (attendanceSheet in app/models/attendance.server.ts). */
export type AttendanceSessionView = {
  id: string;
  title: string;
  date: Date | string;
  startTime: string;
  durationMinutes: number;
  place: string | null;
  department: { name: string } | null;
  tutors: Array<{ name: string }>;
  programmes: Array<{ specialtyCode: string; university: string }>;
  confirmedAt: Date | string | null;
  confirmedBy: { name: string } | null;
};

/** "45 minutes", "2 h", "1 h 30 min". */
function useDurationText() {
  const { t } = useTranslation();
  return (minutes: number): string => {
    if (minutes < 60) return t("attendance.minutes", { count: minutes });
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return rest === 0 ? t("attendance.hours", { hours }) : t("attendance.hoursMinutes", { hours, minutes: rest });
  };
}

export function SessionHeader({ sheet }: { sheet: { session: AttendanceSessionView; blocked: unknown[] } }) {
  const { t } = useTranslation();
  const { locale, format } = useLocale();
  const { session } = sheet;
  const duration = useDurationText();
  const day = format.fullDay(session.date);
  return (
    <header className="space-y-2">
      <p>
        <Link to={`/tutor/teaching/${session.id}`} className="inline-flex min-h-11 items-center text-blue-800 underline">
          {t("attendance.backToSession")}
        </Link>
      </p>
      <p className="text-sm font-medium uppercase tracking-wide text-slate-600">{t("attendance.title")}</p>
      <h1 className="text-2xl font-semibold break-words">{session.title}</h1>
      <p className="text-lg">{t("attendance.when", { day, time: session.startTime, duration: duration(session.durationMinutes) })}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        {session.place ? (
          <>
            <dt className="text-slate-600">{t("attendance.place")}</dt>
            <dd className="break-words">{session.place}</dd>
          </>
        ) : null}
        {session.department ? (
          <>
            <dt className="text-slate-600">{t("attendance.department")}</dt>
            <dd>{session.department.name}</dd>
          </>
        ) : null}
        <dt className="text-slate-600">{t("attendance.tutors")}</dt>
        <dd>{session.tutors.map((tutor) => tutor.name).join(", ")}</dd>
        {session.programmes.length ? (
          <>
            <dt className="text-slate-600">{t("attendance.programmes")}</dt>
            <dd>{session.programmes.map((p) => `${specialtyName(p.specialtyCode, locale)} (${p.university})`).join(", ")}</dd>
          </>
        ) : null}
      </dl>
      <p>
        {session.confirmedAt ? (
          <span className="inline-block rounded bg-green-100 px-2 py-1 text-sm text-green-900">
            {session.confirmedBy
              ? t("attendance.statusConfirmed", { date: format.dateTime(session.confirmedAt), name: session.confirmedBy.name })
              : t("attendance.statusConfirmedBy", { date: format.dateTime(session.confirmedAt) })}
          </span>
        ) : sheet.blocked.length ? null : (
          <span className="inline-block rounded bg-amber-100 px-2 py-1 text-sm text-amber-900">{t("attendance.statusDraft")}</span>
        )}
      </p>
    </header>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return <div className="rounded border-l-4 border-amber-700 bg-amber-50 p-3 text-amber-950">{children}</div>;
}
