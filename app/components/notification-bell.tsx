import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * The header's bell: a link to /notifications with the number of unread notifications, which the root
 * loader reads once per page (one indexed query). Its name says the number in words ("Notifications,
 * 3 unread"); the number is also shown, so that the count never depends on the icon alone.
 */
export function NotificationBell({ unread }: { unread: number }) {
  const { t } = useTranslation();
  const label = unread > 0 ? t("notifications.bell.labelUnread", { count: unread }) : t("notifications.bell.label");
  return (
    <NavLink
      to="/notifications"
      end
      aria-label={label}
      className={({ isActive }) =>
        `flex items-center gap-1 rounded px-2 py-2 text-sm text-blue-900 hover:bg-blue-100 ${isActive ? "ring-2 ring-blue-800" : ""}`
      }
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
        <path strokeLinecap="round" strokeLinejoin="round" d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path strokeLinecap="round" strokeLinejoin="round" d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 ? (
        <span aria-hidden="true" className="min-w-6 rounded-full bg-red-800 px-1.5 text-center text-xs font-semibold leading-5 text-white">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </NavLink>
  );
}
