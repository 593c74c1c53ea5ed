import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect } from "react";
import { I18nextProvider } from "react-i18next";
import { getSession } from "~/auth/guards.server";
import { sessionCookie } from "~/auth/session.server";
import { AppHeader } from "~/components/app-header";
import { ErrorPage } from "~/components/error-page";
import { Toast } from "~/components/toast";
import { i18nFor } from "~/i18n/i18n";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/locale";
import { localeOf } from "~/i18n/locale.server";
import { unreadCount } from "~/models/notification.server";
import { prepareDatabase } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { takeToast } from "~/utils/flash.server";
import { useNonce } from "~/utils/nonce";
import stylesheet from "./styles/app.css?url";

export const handle = { policy: "public" };

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Residency Portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await prepareDatabase();
  const session = await getSession(request);
  const user = session?.user ?? null;
  const locale = localeOf(request, user);
  const { toast, setCookie } = await takeToast(request);
  // The bell's count: one indexed query per page, for every signed-in person.
  const unread = user ? await unreadCount(user.id) : 0;
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  // A session renewed by this request gets a cookie that lives as long as it does.
  if (session?.renewed) {
    const token = request.headers.get("Cookie")?.match(/portal_session=([^;]+)/)?.[1];
    if (token) headers.append("Set-Cookie", sessionCookie(token, session.expiresAt));
  }
  return data(
    {
      locale,
      hospitalName: env.HOSPITAL_NAME,
      user: user ? { id: user.id, name: user.name, email: user.email, roles: user.roles, unread } : null,
      toast,
    },
    { headers },
  );
}

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

function Document({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const nonce = useNonce();
  // Marks the page as interactive (error pages too), for the end-to-end tests to wait on.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale, user, toast, hospitalName } = useLoaderData<typeof loader>();
  return (
    <I18nextProvider i18n={i18nFor(locale)}>
      <Document locale={locale}>
        <AppHeader user={user} locale={locale} hospitalName={hospitalName} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl px-4 py-6 outline-none sm:px-6">
          {toast ? <Toast toast={toast} /> : null}
          <Outlet />
        </main>
      </Document>
    </I18nextProvider>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const root = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = root && isLocale(root.locale) ? root.locale : DEFAULT_LOCALE;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <I18nextProvider i18n={i18nFor(locale)}>
      <Document locale={locale}>
        <AppHeader user={root?.user ?? null} locale={locale} hospitalName={root?.hospitalName ?? ""} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl px-4 py-6 outline-none sm:px-6">
          <ErrorPage status={status} signedIn={Boolean(root?.user)} />
        </main>
      </Document>
    </I18nextProvider>
  );
}
