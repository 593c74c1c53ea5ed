import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Role } from "~/domain/roles";
import { ROLE_HOME } from "~/domain/roles";
import type { Locale } from "~/i18n/locale";
import { NAV_SECTIONS } from "./navigation";
import { NotificationBell } from "./notification-bell";

type HeaderUser = { name: string; roles: Role[]; unread: number } | null;

function areaOf(pathname: string, roles: Role[]): Role | null {
  const area = roles.find((role) => pathname === ROLE_HOME[role] || pathname.startsWith(`${ROLE_HOME[role]}/`));
  return area ?? null;
}

export function AppHeader({ user, locale, hospitalName }: { user: HeaderUser; locale: Locale; hospitalName: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const area = user ? areaOf(location.pathname, user.roles) : null;
  const other: Locale = locale === "it" ? "en" : "it";
  const here = location.pathname + location.search;
  const linkClass = ({ isActive }: { isActive: boolean }) =>
    `rounded px-3 py-2 text-sm font-medium ${isActive ? "bg-blue-800 text-white" : "text-blue-900 hover:bg-blue-100"}`;

  return (
    <header className="border-b border-slate-200 bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
      >
        {t("common.skipToContent")}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3 sm:px-6">
        <Link to="/" className="flex flex-col leading-tight">
          <span className="text-lg font-semibold text-blue-900">{t("common.appName")}</span>
          {hospitalName ? <span className="text-xs text-slate-600">{hospitalName}</span> : null}
        </Link>
        <div className="flex flex-wrap items-center gap-2">
          <Form method="post" action="/language" reloadDocument>
            <input type="hidden" name="redirectTo" value={here} />
            <input type="hidden" name="language" value={other} />
            <button type="submit" lang={other} className="rounded border border-slate-300 px-3 py-2 text-sm hover:bg-slate-100">
              <span aria-hidden="true">{other.toUpperCase()} · </span>
              {t(`languages.${other}`, { lng: other })}
            </button>
          </Form>
          {user ? (
            <>
              <NotificationBell unread={user.unread} />
              <Link to="/profile" className="rounded px-3 py-2 text-sm text-blue-900 underline-offset-2 hover:underline">
                <span className="sr-only">{t("nav.profileOf")} </span>
                {user.name}
              </Link>
              <Form method="post" action="/logout" reloadDocument>
                <button type="submit" className="rounded bg-slate-800 px-3 py-2 text-sm text-white hover:bg-slate-700">
                  {t("nav.signOut")}
                </button>
              </Form>
            </>
          ) : (
            <Link to="/open" className="rounded px-3 py-2 text-sm text-blue-900 underline-offset-2 hover:underline">
              {t("openData.nav")}
            </Link>
          )}
        </div>
      </div>
      {user && user.roles.length > 0 ? (
        <nav aria-label={t("nav.main")} className="mx-auto flex max-w-6xl flex-wrap items-center gap-1 px-4 pb-2 sm:px-6">
          {user.roles.length > 1 ? (
            <ul aria-label={t("nav.switchRole")} className="mr-3 flex flex-wrap gap-1 border-r border-slate-200 pr-3">
              {user.roles.map((role) => (
                <li key={role}>
                  <NavLink
                    to={ROLE_HOME[role]}
                    className={() => linkClass({ isActive: area === role })}
                    aria-current={area === role ? "true" : undefined}
                  >
                    {t(`roles.${role}`)}
                  </NavLink>
                </li>
              ))}
            </ul>
          ) : null}
          {area ? (
            <ul className="flex flex-wrap gap-1">
              {NAV_SECTIONS[area].map((section) => (
                <li key={section.to}>
                  <NavLink to={section.to} end={section.end} className={linkClass}>
                    {t(section.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          ) : null}
        </nav>
      ) : null}
    </header>
  );
}
