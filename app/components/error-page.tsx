import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** What a person sees when something goes wrong, and what to do next, in their language. */
export function ErrorPage({ status, signedIn }: { status: number; signedIn: boolean }) {
  const { t } = useTranslation();
  const kind = status === 403 ? "forbidden" : status === 404 ? "notFound" : status < 500 ? "badRequest" : "serverError";
  return (
    <section aria-labelledby="error-title" className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <p className="text-sm font-semibold text-slate-600">{t("errorPage.status", { status })}</p>
      <h1 id="error-title" className="mt-1 text-2xl font-semibold">
        {t(`errorPage.${kind}.title`)}
      </h1>
      <p className="mt-3 text-slate-700">{t(`errorPage.${kind}.body`)}</p>
      <p className="mt-5 flex flex-wrap gap-3">
        <Link to="/" className="rounded bg-blue-800 px-4 py-2 text-white hover:bg-blue-900">
          {signedIn ? t("errorPage.goHome") : t("errorPage.goLogin")}
        </Link>
      </p>
    </section>
  );
}
